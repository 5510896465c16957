import { sql, type Kysely } from 'kysely';

/**
 * The job queue of the SQLite build (issue 15 "Background jobs"): one row per job, its state
 * (created → active → completed, or retry → … → failed), attempts, lease, last error and output, so
 * a job survives a restart and a job whose run died with its process is taken again when the lease
 * has run out. On PostgreSQL the queue is pg-boss in its own schema and this table stays empty (the
 * migrations are the same on both engines).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queued_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('retry_limit', 'integer', (c) => c.notNull())
    .addColumn('retry_delay_seconds', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('start_after', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('last_error', 'text')
    .addColumn('output_json', 'text')
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('queued_jobs_due_idx')
    .on('queued_jobs')
    .columns(['name', 'state', 'start_after'])
    .execute();
  // At most one waiting job per singleton key: sending it again while one waits is a no-op.
  await db.schema
    .createIndex('queued_jobs_singleton_idx')
    .on('queued_jobs')
    .columns(['name', 'singleton_key'])
    .unique()
    .where(sql.ref('state'), 'in', sql`('created', 'retry')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('queued_jobs').execute();
}
