import type { Kysely } from 'kysely';

/**
 * Improvement plans: a plan is one revision of a lineage (revision 0 is the plan as first approved;
 * each "điều chỉnh, bổ sung" is the next revision). Rows carry the superset of the three layouts'
 * columns, verbatim texts beside parsed values. Frozen once shipped; schema builder only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.references('framework_versions.id'))
    .addColumn('framework_reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('hidden_columns_json', 'text', (c) => c.notNull())
    .addColumn('header_json', 'text', (c) => c.notNull())
    .addColumn('sections_json', 'text', (c) => c.notNull())
    .addColumn('carried_from_plan_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plans_lineage_revision_uq', ['lineage_id', 'revision_number'])
    .execute();
  await db.schema
    .createIndex('plans_school_year_idx')
    .on('plans')
    .columns(['school_id', 'school_year'])
    .execute();

  await db.schema
    .createTable('plan_rows')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('row_group', 'text', (c) => c.notNull())
    .addColumn('standard_code', 'text')
    .addColumn('criterion_code', 'text')
    .addColumn('level4_key', 'text')
    .addColumn('current_state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('time_text', 'text', (c) => c.notNull())
    .addColumn('time_start', 'text')
    .addColumn('time_end', 'text')
    .addColumn('lead_text', 'text', (c) => c.notNull())
    .addColumn('coordinators_text', 'text', (c) => c.notNull())
    // The parse results (time, budget, people, with their issues), computed when the row is saved.
    .addColumn('parsed_json', 'text', (c) => c.notNull())
    .addColumn('budget_text', 'text', (c) => c.notNull())
    .addColumn('budget_amount', 'bigint')
    .addColumn('budget_source', 'text', (c) => c.notNull())
    .addColumn('support', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // Field → row version at which it last changed: a save is refused only when a field it
    // changes moved on since the version the client started from (CONTRACTS.md "Concurrent edits").
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('origin_row_id', 'text')
    .addColumn('carry_count', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_rows_plan_idx')
    .on('plan_rows')
    .columns(['plan_id', 'position'])
    .execute();

  await db.schema
    .createTable('plan_focus_issues')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('standard_code', 'text')
    .addColumn('criterion_code', 'text')
    .addColumn('current_state', 'text', (c) => c.notNull())
    .addColumn('limitation', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_focus_issues_plan_idx')
    .on('plan_focus_issues')
    .column('plan_id')
    .execute();

  await db.schema
    .createTable('plan_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('round_label', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('adjustment', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_reviews_plan_idx')
    .on('plan_reviews')
    .column('plan_id')
    .execute();

  await db.schema
    .createTable('plan_snapshots')
    .addColumn('plan_id', 'text', (c) =>
      c.primaryKey().notNull().references('plans.id').onDelete('cascade'),
    )
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by_user_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'plan_snapshots',
    'plan_reviews',
    'plan_focus_issues',
    'plan_rows',
    'plans',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
