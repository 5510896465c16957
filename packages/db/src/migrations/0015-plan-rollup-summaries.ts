import type { Kysely } from 'kysely';

/**
 * One roll-up summary per plan lineage (issue 14): what the offices' roll-up needs of the lineage's
 * current approved plan (rows by standard and status, open rows by due date, rows by criterion,
 * budget planned and spent by source; core `PlanRollupSummary`, as JSON), recomputed in the
 * transaction of every write that changes it: the plan's approval, a progress update or a spending.
 * Measured on the demo province (2,000 schools × 3 years, SQLite): reading the 74,000 rows of the
 * year's approved plans with their progress three times took ≈350 ms of the roll-up's 471 ms; one
 * summary per school is 2,000 small records. Existing approved plans are summarised by the server
 * at start (`rebuildPlanRollupSummaries`), as the computation lives in the core.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_rollup_summaries')
    .addColumn('lineage_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_rollup_summaries_school_idx')
    .on('plan_rollup_summaries')
    .columns(['school_year', 'school_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_rollup_summaries').execute();
}
