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
  // Kysely looks for its migration tables in every schema unless told which one: with several
  // schemas in one PostgreSQL database (tests, benches), another schema's tables made it skip
  // creating its own and fail ("kysely_migration_lock" does not exist). Name the current one.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter &&
    (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
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
