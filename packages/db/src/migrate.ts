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

/** Kysely's migrator over the static migration list. */
async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  // On PostgreSQL, name the schema of Kysely's own tables: without it Kysely looks for its lock table
  // in every schema, and a test schema created beside another (the suites run in parallel, each in
  // its own schema) finds the other's table and fails with "kysely_migration_lock does not exist".
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  return new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Brings the schema to the latest migration. Each migration runs in its own transaction. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrator = await migratorFor(db);
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

/** Brings the schema to the named migration (for tests of one migration's data step). */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  const { error } = await (await migratorFor(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
