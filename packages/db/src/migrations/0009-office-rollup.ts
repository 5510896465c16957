import type { Kysely } from 'kysely';
import { rebuildBudgetParts } from '../budget-parts.ts';
import type { Database } from '../database.types.ts';

/**
 * The offices' roll-up (issue 14 "What the roll-up needs from the data"). Frozen once shipped.
 *
 * - `unit_ancestors`: the closure of the unit tree (every unit with each of its ancestors and
 *   itself at depth 0), so a subtree is an indexed join instead of `path LIKE 'prefix%'`, which
 *   scans the units table on both engines. Backfilled here from `units.path`; the unit repository
 *   keeps it on create, move and delete.
 * - `plan_row_budget_parts`: each row budget's parts by funding source, so sums by source are SQL
 *   (a "Ngân sách: 20.000.000; XHH: 10.000.000" row keeps only its total and "mixed" in
 *   `plan_rows`). The plan-row repository keeps it on every row write. Existing rows are backfilled
 *   here through `rebuildBudgetParts` (the core budget parser, which the db package depends on): the
 *   parts are derived data, so reading them with the parser of the day is what we want.
 * - `assessment_outcomes` / `assessment_outcome_criteria`: an approved assessment's school level and
 *   criterion levels, computed once at approval (the levels are otherwise computed from the marks
 *   on every read), so levels by regime and the criteria most often weak are SQL. Existing
 *   approved assessments are filled by the server at start (`rebuildAssessmentOutcomes`): the
 *   computation needs the framework catalogue, which a migration does not load.
 * - indexes for the roll-up's filters: plans and assessments by (school_year, status, school_id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_ancestors')
    .addColumn('ancestor_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_ancestors_pk', ['ancestor_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('unit_ancestors_unit_idx')
    .on('unit_ancestors')
    .columns(['unit_id', 'depth'])
    .execute();

  await db.schema
    .createTable('plan_row_budget_parts')
    .addColumn('row_id', 'text', (c) => c.notNull().references('plan_rows.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('part_index', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addPrimaryKeyConstraint('plan_row_budget_parts_pk', ['row_id', 'part_index'])
    .execute();
  await db.schema
    .createIndex('plan_row_budget_parts_plan_idx')
    .on('plan_row_budget_parts')
    .columns(['plan_id', 'source'])
    .execute();

  await db.schema
    .createTable('assessment_outcomes')
    .addColumn('assessment_id', 'text', (c) =>
      c.primaryKey().notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('framework_code', 'text', (c) => c.notNull())
    // 0: Mức 1 not met; 1..4 (2018) or 1..3 (TT57).
    .addColumn('school_level', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('assessment_outcome_criteria')
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('standard_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('max_level', 'integer', (c) => c.notNull())
    // 1 when core's weakCriteria lists it (a level not met, weaknesses written, …).
    .addColumn('weak', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_outcome_criteria_pk', ['assessment_id', 'criterion_code'])
    .execute();

  await db.schema
    .createIndex('plans_rollup_idx')
    .on('plans')
    .columns(['school_year', 'status', 'school_id'])
    .execute();
  await db.schema
    .createIndex('assessments_rollup_idx')
    .on('assessments')
    .columns(['school_year', 'status', 'school_id'])
    .execute();

  const typed = db as unknown as Kysely<Database>;
  // The closure from the materialised paths ("/a/b/c/": c under b under a).
  const units = await typed.selectFrom('units').select(['id', 'path']).execute();
  const known = new Set(units.map((u) => u.id));
  const closure = units.flatMap((u) => {
    const ids = u.path.split('/').filter(Boolean);
    return ids.flatMap((ancestor, i) =>
      known.has(ancestor)
        ? [{ ancestor_id: ancestor, unit_id: u.id, depth: ids.length - 1 - i }]
        : [],
    );
  });
  for (let i = 0; i < closure.length; i += 200) {
    await typed
      .insertInto('unit_ancestors')
      .values(closure.slice(i, i + 200))
      .execute();
  }
  await rebuildBudgetParts(typed);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assessments_rollup_idx').execute();
  await db.schema.dropIndex('plans_rollup_idx').execute();
  await db.schema.dropTable('assessment_outcome_criteria').execute();
  await db.schema.dropTable('assessment_outcomes').execute();
  await db.schema.dropTable('plan_row_budget_parts').execute();
  await db.schema.dropTable('unit_ancestors').execute();
}
