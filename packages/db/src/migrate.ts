import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database.types.ts';
import { migrationProvider } from './migrations/index.ts';

/** Raised when migrations fail; the process must not half-start. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResult[],
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Brings the schema to the latest migration. Each migration runs in its own transaction. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  // Kysely looks for its migration tables in EVERY schema unless told which one: on a PostgreSQL
  // server where another schema has them (parallel test runs, each in its own schema), it would
  // skip creating its own lock table and fail. Name the schema the connection works in.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
      : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Không thể cập nhật cấu trúc cơ sở dữ liệu${failed ? ` (bước ${failed.migrationName})` : ''}: ${reason}`,
      results,
      error,
    );
  }
  return results;
}
