import type { Kysely } from 'kysely';

/**
 * Covering indexes for the offices' roll-up (issue 14). Measured on the demo province (2,000
 * schools × 3 years, 228,000 plan rows, SQLite): the roll-up's row and budget aggregates read each
 * matching plan row from the table, whose records carry every text of the row; with the columns
 * they group on in an index they read the index alone (bench/profile-rollup.ts).
 * - plan rows by plan and end month with the standard, criterion and track (rows by status,
 *   overdue, rows due this month, the criteria most often planned);
 * - budget parts by plan and source with the amount (budget planned by source);
 * - each row's progress status by track (rows by status and overdue: 74,000 lookups of a status
 *   were 240 ms through the table, a tenth of that through the index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('plan_rows_rollup_idx')
    .on('plan_rows')
    .columns(['plan_id', 'time_end', 'standard_code', 'criterion_code', 'track_id'])
    .execute();
  await db.schema
    .createIndex('plan_row_budget_parts_amount_idx')
    .on('plan_row_budget_parts')
    .columns(['plan_id', 'source', 'amount'])
    .execute();
  await db.schema.dropIndex('plan_row_budget_parts_plan_idx').execute();
  await db.schema
    .createIndex('row_progress_status_idx')
    .on('row_progress')
    .columns(['track_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('row_progress_status_idx').execute();
  await db.schema
    .createIndex('plan_row_budget_parts_plan_idx')
    .on('plan_row_budget_parts')
    .columns(['plan_id', 'source'])
    .execute();
  await db.schema.dropIndex('plan_row_budget_parts_amount_idx').execute();
  await db.schema.dropIndex('plan_rows_rollup_idx').execute();
}
