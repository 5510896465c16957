import { createRepositories, migrateToLatest } from '@caitien/db';
import { buildNewPlan, buildRowColumns, openTestDatabase, testDialects } from '@caitien/db/testing';
import { describe, expect, it } from 'vitest';
import { DEMO_EXTENSIONS } from './demo-extensions.ts';
import { seedBudgetParts } from './seed-budget-parts.ts';

const NOW = '2026-11-23T08:00:00.000Z';

describe.each(testDialects())('the budget-parts demo extension on %s', (dialect) => {
  it('runs first and rebuilds the closure and the budget parts of rows written in bulk', async () => {
    expect(DEMO_EXTENSIONS[0]).toBe(seedBudgetParts);
    const handle = await openTestDatabase(dialect);
    try {
      const db = handle.db;
      await migrateToLatest(db);
      const repos = createRepositories(db);
      const so = '0190e000-0000-7000-8000-000000000001';
      const school = '0190e000-0000-7000-8000-000000000002';
      // Written in bulk as a seeder may: no closure rows, no budget parts.
      for (const [id, path, kind] of [
        [so, `/${so}/`, 'province'],
        [school, `/${so}/${school}/`, 'school'],
      ] as const) {
        await db
          .insertInto('units')
          .values({
            id,
            kind,
            name: id,
            name_folded: id,
            parent_id: kind === 'school' ? so : null,
            path,
            version: 1,
            created_at: NOW,
            updated_at: NOW,
          })
          .execute();
      }
      const planId = '0190e000-0000-7000-8000-000000000010';
      await repos.plans.insertPlan(buildNewPlan({ id: planId, schoolId: school, now: NOW }));
      await repos.plans.insertRow({
        ...buildRowColumns('dòng', {
          budgetText: 'Ngân sách: 20.000.000; XHH: 10.000.000',
          budgetAmount: 30_000_000,
          budgetSource: 'mixed',
        }),
        id: '0190e000-0000-7000-8000-000000000011',
        planId,
        position: 1,
        originRowId: null,
        carryCount: 0,
        now: NOW,
      });
      await db.deleteFrom('plan_row_budget_parts').execute();
      // Approved in bulk, as the seeder writes plans: no summary yet until the extension runs.
      await db.updateTable('plans').set({ status: 'approved' }).where('id', '=', planId).execute();
      const counts = await seedBudgetParts.seed({
        db,
        now: new Date(NOW),
        newId: () => 'x',
        random: () => 0.5,
        schools: [],
        plans: [],
        assessments: [],
        officeUsers: [],
      });
      expect(counts).toEqual({
        unitAncestors: 3,
        budgetParts: 2,
        assessmentOutcomes: 0,
        planRollupSummaries: 1,
      });
      const summary = await db
        .selectFrom('plan_rollup_summaries')
        .select(['plan_id', 'summary_json'])
        .executeTakeFirstOrThrow();
      expect(summary.plan_id).toBe(planId);
      // The summary sums the parts the extension rebuilt just before it.
      expect(JSON.parse(summary.summary_json)).toMatchObject({
        planned: expect.arrayContaining([
          ['state', 20_000_000],
          ['socialized', 10_000_000],
        ]),
      });
      expect(await repos.units.isInSubtree(so, school)).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
