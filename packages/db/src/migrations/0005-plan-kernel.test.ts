import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import type { Database } from '../database.types.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { createRepositories } from '../repositories/index.ts';
import { buildNewPlan } from '../testing/plan-builders.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';

const NOW = '2026-12-03T00:00:00.000Z';
const SCHOOL = '0190c000-0000-7000-8000-000000000001';

async function at0004(db: Kysely<Database>) {
  await migrateTo(db, '0004-plan-content-sequence');
  const repos = createRepositories(db);
  // Raw SQL: the unit repository also writes the closure table of migration 0009.
  await db
    .insertInto('units')
    .values({
      id: SCHOOL,
      kind: 'school',
      name: 'Trường',
      name_folded: 'truong',
      parent_id: null,
      path: `/${SCHOOL}/`,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return repos;
}

const plan = (id: string) => buildNewPlan({ id, schoolId: SCHOOL, now: NOW });

describe.each(testDialects())('migration 0005 (plan kernel) on %s', (dialect) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('spreads existing row positions, keeping their order', async () => {
    handle = await openTestDatabase(dialect);
    const repos = await at0004(handle.db);
    const planId = '0190c000-0000-7000-8000-000000000010';
    await repos.plans.insertPlan(plan(planId));
    for (const [i, position] of [0, 1, 1, 2].entries()) {
      await handle.db
        .insertInto('plan_rows')
        .values({
          id: `0190c000-0000-7000-8000-00000000010${i}`,
          plan_id: planId,
          position,
          row_group: 'tt57',
          standard_code: null,
          criterion_code: null,
          level4_key: null,
          current_state: '',
          content: '',
          target: '',
          tasks: `dòng ${i}`,
          indicator: '',
          time_text: '',
          time_start: null,
          time_end: null,
          lead_text: '',
          coordinators_text: '',
          parsed_json: '{}',
          budget_text: '',
          budget_amount: null,
          budget_source: '',
          support: '',
          evidence: '',
          progress: '',
          result: '',
          note: '',
          field_versions_json: '{}',
          origin_row_id: null,
          carry_count: 0,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }
    await migrateToLatest(handle.db);
    const rows = await repos.plans.listRows(planId);
    expect(rows.map((r) => [r.tasks, r.position])).toEqual([
      ['dòng 0', 1024],
      ['dòng 1', 2048],
      ['dòng 2', 2048],
      ['dòng 3', 3072],
    ]);
  });

  it('refuses two plans of one school year with a message naming them', async () => {
    handle = await openTestDatabase(dialect);
    const repos = await at0004(handle.db);
    await repos.plans.insertPlan(plan('0190c000-0000-7000-8000-000000000020'));
    await repos.plans.insertPlan(plan('0190c000-0000-7000-8000-000000000021'));
    await expect(migrateToLatest(handle.db)).rejects.toThrow(
      /hơn một kế hoạch cho cùng năm học .*2026-2027/u,
    );
  });
});
