import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, Rollup } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { planActions } from '../../testing/plan-actions.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';
import { computePlanRollupSummaries, rebuildPlanRollupSummaries } from './plan-rollup-summaries.ts';

// The fixed clock of the test app: 2026-11-23 (Việt Nam).
const YEAR = '2026-2027';
const NOW = '2026-11-23T08:00:00.000Z';

/**
 * The stored roll-up summaries (migration 0015) are kept by the writing transactions: after every
 * kind of write that moves them (approval, a revision's approval, a status change, a spending with
 * or without a status) each stored summary equals a recount from the rows, and the roll-up answered
 * from them equals the roll-up answered with no summary stored at all (every one recounted).
 */
describe.each(testDialects())('the roll-up summaries on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let admin: TestSession;
  const repos = () => createRepositories(t.ctx.database.db);

  const get = (url: string) => call(t.ctx.app, admin, { method: 'GET', url });
  const rollup = async () =>
    ok<Rollup>(await get(`/api/units/${t.fx.provinceId}/rollup?schoolYear=${YEAR}`));

  const { detail, approve, progress } = planActions(
    () => t.ctx.app,
    () => admin,
  );

  /** Every stored summary against a recount of its plan; returns how many were compared. */
  async function expectStoredEqualRecount(): Promise<number> {
    const stored = await t.ctx.database.db
      .selectFrom('plan_rollup_summaries')
      .select(['lineage_id', 'plan_id', 'school_year', 'summary_json'])
      .execute();
    const recount = await computePlanRollupSummaries(
      repos().rollup,
      stored.map((s) => ({
        planId: s.plan_id,
        lineageId: s.lineage_id,
        schoolYear: s.school_year,
      })),
    );
    for (const s of stored)
      expect(JSON.parse(s.summary_json), `lineage ${s.lineage_id}`).toEqual(recount.get(s.plan_id));
    // Exactly one per lineage with an approved plan, of its latest approved revision.
    expect(await repos().rollup.lineagesWithoutSummary(10)).toEqual([]);
    return stored.length;
  }

  /** The roll-up from the stored summaries equals the roll-up with none stored (all recounted). */
  async function expectRollupEqualsRecount(): Promise<Rollup> {
    const fromStored = await rollup();
    const kept = await t.ctx.database.db.selectFrom('plan_rollup_summaries').selectAll().execute();
    await t.ctx.database.db.deleteFrom('plan_rollup_summaries').execute();
    const recounted = await rollup();
    expect(fromStored).toEqual(recounted);
    expect(await rebuildPlanRollupSummaries(repos(), NOW)).toBe(kept.length);
    await expectStoredEqualRecount();
    return fromStored;
  }

  let own: PlanDetail;

  beforeAll(async () => {
    admin = t.fx.adminSession;
    const created = await t.createPlan(YEAR, { as: admin, schoolId: t.fx.own.schoolId });
    const rows = [
      // Ends on a written day already past (20/11): overdue while open.
      {
        standardCode: '1',
        criterionCode: '1.1',
        time: '10/11/2026 - 20/11/2026',
        budget: '3.000.000 đồng (ngân sách)',
      },
      // Ends on a written day ahead (30/11), in this very month: not overdue.
      {
        standardCode: '1',
        criterionCode: '1.2',
        time: '01/11/2026 - 30/11/2026',
        budget: 'XHH: 1.000.000',
      },
      {
        standardCode: '2',
        criterionCode: '2.1',
        time: 'Tháng 9 - tháng 10',
        budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
      },
      { standardCode: '2', criterionCode: '2.1', time: 'Tháng 3/2027', budget: '' },
      { standardCode: null, criterionCode: null, time: '', budget: '' },
    ];
    for (const [i, row] of rows.entries())
      ok(
        await call(t.ctx.app, admin, {
          method: 'POST',
          url: `/api/plans/${created.id}/rows`,
          payload: { group: 'tt57', tasks: `Nhiệm vụ ${i + 1}`, ...row },
        }),
      );
    await approve(created.id);
    own = await detail(created.id);
  }, 120_000);

  it('writes a summary at approval and counts overdue on the written end day', async () => {
    expect(await expectStoredEqualRecount()).toBe(1);
    const r = await expectRollupEqualsRecount();
    expect(r.rows.total).toBe(5);
    // 20/11 has passed; 30/11 has not; October has.
    expect(r.rows.overdue).toBe(2);
    expect(r.budget.planned).toMatchObject({ state: 23_000_000, socialized: 11_000_000 });
  });

  it('follows status changes and spending, with or without a status', async () => {
    await progress(own.id, own.rows[0]!.id, { status: 'in_progress' });
    await expectStoredEqualRecount();
    await progress(own.id, own.rows[0]!.id, {
      status: 'done',
      spent: { amount: 2_500_000, source: 'state', text: 'Chi bồi dưỡng' },
    });
    await progress(own.id, own.rows[2]!.id, {
      note: 'Tạm ứng',
      spent: { amount: 4_000_000, source: 'socialized', text: 'Phụ huynh đóng góp' },
    });
    await progress(own.id, own.rows[3]!.id, { status: 'cancelled' });
    await expectStoredEqualRecount();
    const r = await expectRollupEqualsRecount();
    expect(r.rows.byStatus).toMatchObject({ done: 1, cancelled: 1, not_started: 3 });
    // Row 1 is done, so only October's row is overdue now.
    expect(r.rows.overdue).toBe(1);
    expect(r.budget.spent).toMatchObject({ state: 2_500_000, socialized: 4_000_000 });
  });

  it('moves to a revision when it is approved, keeping the progress and spending of the lineage', async () => {
    const revision = ok<PlanDetail>(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: `/api/plans/${own.id}/revisions`,
        payload: { reason: 'Bổ sung nhiệm vụ' },
      }),
    );
    ok(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: `/api/plans/${revision.id}/rows`,
        payload: {
          group: 'tt57',
          tasks: 'Nhiệm vụ bổ sung',
          standardCode: '3',
          criterionCode: '3.1',
          time: 'Tháng 8/2026',
          budget: '7.000.000 đồng (ngân sách)',
        },
      }),
    );
    // The draft revision changes nothing yet.
    const before = await rollup();
    expect(before.rows.total).toBe(5);
    await approve(revision.id);
    const stored = await t.ctx.database.db
      .selectFrom('plan_rollup_summaries')
      .select(['plan_id'])
      .where('lineage_id', '=', own.lineageId)
      .execute();
    expect(stored).toEqual([{ plan_id: revision.id }]);
    const r = await expectRollupEqualsRecount();
    expect(r.rows.total).toBe(6);
    expect(r.rows.overdue).toBe(2); // October's row and August's new one
    expect(r.budget.planned.state).toBe(30_000_000);
    expect(r.budget.spent).toMatchObject({ state: 2_500_000, socialized: 4_000_000 });

    const current = await detail(revision.id);
    await progress(current.id, current.rows[2]!.id, { status: 'done' });
    const after = await expectRollupEqualsRecount();
    expect(after.rows.overdue).toBe(1);
  });

  it('answers right from a summary it cannot read, and rebuilds what is missing', async () => {
    const expected = await rollup();
    await t.ctx.database.db
      .updateTable('plan_rollup_summaries')
      .set({ summary_json: '{"v":0}' })
      .execute();
    expect(await rollup()).toEqual(expected);
    await t.ctx.database.db.deleteFrom('plan_rollup_summaries').execute();
    expect(await repos().rollup.lineagesWithoutSummary(10)).toHaveLength(1);
    expect(await rebuildPlanRollupSummaries(repos(), NOW)).toBe(1);
    expect(await rebuildPlanRollupSummaries(repos(), NOW)).toBe(0);
    expect(await rollup()).toEqual(expected);
  });
});
