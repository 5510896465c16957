import {
  addTally,
  isEmptyTally,
  readRollupTally,
  SCHOOL_TALLY,
  writeRollupTally,
  type RollupTally,
} from '@caitien/core';
import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, Rollup, SchoolProfile, Unit } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../kernel/service-context.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { schoolProfileBody, seedAssessment } from '../../testing/builders.ts';
import { planActions } from '../../testing/plan-actions.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';
import { fixedClock } from '../../testing/test-app.ts';
import { createRollupService } from './rollup.service.ts';
import { computeSchoolYearTallies, flushRollupTallies, tallyUnitsOf } from './rollup-tallies.ts';

// The fixed clock of the test app: 2026-11-23 (Việt Nam).
const YEAR = '2026-2027';

/**
 * The roll-up's stored tallies (migration 0018) are kept right by the triggers and the flush: after
 * every kind of write that moves them (a plan drafted, approved, revised; progress and spending; an
 * assessment approved; a school added, moved, removed; a whole province moved under a new Bộ; the
 * plans' summaries dropped) every stored school tally and unit sum equals a recount from the plans
 * and assessments, and the roll-up read from them equals the roll-up recounted school by school.
 */
describe.each(testDialects())('the roll-up tallies on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let admin: TestSession;
  const repos = () => createRepositories(t.ctx.database.db);
  const db = () => t.ctx.database.db;

  const get = (url: string) => call(t.ctx.app, admin, { method: 'GET', url });
  async function school(name: string, parentId: string, level: 'tieu_hoc' | 'thcs') {
    const created = await unit('school', name, parentId);
    const profile = ok<SchoolProfile>(await get(`/api/schools/${created.id}/profile`));
    ok(
      await call(t.ctx.app, admin, {
        method: 'PUT',
        url: `/api/schools/${created.id}/profile`,
        payload: schoolProfileBody(profile, { schoolLevels: [level] }),
      }),
    );
    return created;
  }
  async function unit(kind: string, name: string, parentId: string | null) {
    return ok<Unit>(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: '/api/units',
        payload: { kind, name, parentId },
      }),
    );
  }
  async function move(id: string, parentId: string) {
    const current = ok<Unit>(await get(`/api/units/${id}`));
    ok(
      await call(t.ctx.app, admin, {
        method: 'PATCH',
        url: `/api/units/${id}`,
        payload: { parentId, version: current.version },
      }),
    );
  }
  const { detail, approve, progress } = planActions(
    () => t.ctx.app,
    () => admin,
  );
  async function plan(schoolId: string, rows: Record<string, unknown>[]) {
    const created = await t.createPlan(YEAR, { as: admin, schoolId });
    for (const row of rows)
      ok(
        await call(t.ctx.app, admin, {
          method: 'POST',
          url: `/api/plans/${created.id}/rows`,
          payload: { group: 'tt57', ...row },
        }),
      );
    return detail(created.id);
  }

  /** Flushes, then checks every stored tally against a recount; answers the unit sums compared. */
  async function expectStoredEqualRecount(): Promise<number> {
    await flushRollupTallies(repos());
    expect(await repos().rollupTallies.countDirty()).toBe(0);
    const units = await db().selectFrom('units').select(['id', 'path', 'kind']).execute();
    const schools = units.filter((u) => u.kind === 'school');
    const years = await db()
      .selectFrom('plans')
      .select('school_year')
      .union(db().selectFrom('assessments').select('school_year'))
      .execute();
    const expectedSchools: Record<string, RollupTally> = {};
    const expectedUnits: Record<string, RollupTally> = {};
    const add = (path: string, year: string, tally: RollupTally) => {
      for (const unitId of tallyUnitsOf(path))
        expectedUnits[`${unitId}|${year}`] = addTally(
          expectedUnits[`${unitId}|${year}`] ?? {},
          tally,
        );
    };
    for (const s of schools) {
      expectedSchools[`${s.id}|`] = { ...SCHOOL_TALLY };
      add(s.path, '', SCHOOL_TALLY);
    }
    for (const { school_year: year } of years) {
      const tallies = await computeSchoolYearTallies(
        repos(),
        year,
        schools.map((s) => s.id),
      );
      for (const s of schools) {
        const tally = tallies.get(s.id) ?? {};
        if (isEmptyTally(tally)) continue;
        expectedSchools[`${s.id}|${year}`] = tally;
        add(s.path, year, tally);
      }
    }
    for (const key of Object.keys(expectedUnits))
      if (isEmptyTally(expectedUnits[key]!)) delete expectedUnits[key];

    const storedSchools = await db().selectFrom('rollup_school_tallies').selectAll().execute();
    const storedUnits = await db().selectFrom('rollup_unit_tallies').selectAll().execute();
    expect(
      Object.fromEntries(
        storedSchools.map((s) => [
          `${s.school_id}|${s.school_year}`,
          readRollupTally(s.tally_json),
        ]),
      ),
    ).toEqual(expectedSchools);
    // Each school tally was added along the school's path as it is now.
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    for (const s of storedSchools) expect(s.unit_path).toBe(pathOf.get(s.school_id));
    expect(
      Object.fromEntries(
        storedUnits.map((u) => [`${u.unit_id}|${u.school_year}`, readRollupTally(u.tally_json)]),
      ),
    ).toEqual(expectedUnits);
    // Stored as written: sorted keys, so an unchanged tally is an unchanged text.
    for (const u of storedUnits)
      expect(u.tally_json).toBe(writeRollupTally(readRollupTally(u.tally_json)!));
    return storedUnits.length;
  }

  /** The roll-up of `unitId` from the stored sums equals the one recounted school by school. */
  async function expectRollupEqualsRecount(unitId: string): Promise<Rollup> {
    const service = createRollupService({ repositories: repos(), clock: fixedClock() });
    const ctx = systemContext('test');
    const stored = await service.getRollup(ctx, unitId, YEAR);
    expect(await service.getRollup(ctx, unitId, YEAR, { recount: true })).toEqual(stored);
    return stored;
  }

  let communeB: string;
  let schoolB: string;
  let draftSchool: string;
  let own: PlanDetail;

  beforeAll(async () => {
    admin = t.fx.adminSession;
    communeB = (await unit('commune', 'UBND xã Thanh An', t.fx.provinceId)).id;
    schoolB = (await school('Trường Tiểu học Thanh An', communeB, 'tieu_hoc')).id;
    draftSchool = (await school('Trường THCS Dầu Tiếng', t.fx.provinceId, 'thcs')).id;
  }, 60_000);

  it('starts empty but for the schools, and follows plans, progress, spending and assessments', async () => {
    await expectStoredEqualRecount();
    const before = await expectRollupEqualsRecount(t.fx.provinceId);
    expect(before.rows.total).toBe(0);
    expect(before.schools.total).toBeGreaterThanOrEqual(3);

    own = await plan(t.fx.own.schoolId, [
      {
        standardCode: '1',
        criterionCode: '1.1',
        tasks: 'Bồi dưỡng',
        time: 'Tháng 9 - tháng 10',
        budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
      },
      {
        standardCode: '1',
        criterionCode: '1.2',
        tasks: 'Chuyên đề',
        time: 'Tháng 9',
        budget: '5.000.000 đồng',
      },
      {
        standardCode: '2',
        criterionCode: '2.1',
        tasks: 'Sửa sân',
        time: 'Tháng 3/2027',
        budget: 'XHH: 2.000.000',
      },
    ]);
    // A draft: the school counts as "plan not approved", its rows count nowhere.
    expect(
      (await expectRollupEqualsRecount(t.fx.provinceId)).schools.withPlanNotApproved,
    ).toBeGreaterThanOrEqual(1);
    await expectStoredEqualRecount();

    await approve(own.id);
    own = await detail(own.id);
    await progress(own.id, own.rows[1]!.id, {
      status: 'done',
      spent: { amount: 4_000_000, source: 'state', text: 'Mời báo cáo viên' },
    });
    await progress(own.id, own.rows[0]!.id, { status: 'in_progress' });
    const b = await plan(schoolB, [
      {
        standardCode: '1',
        criterionCode: '1.1',
        tasks: 'Tập huấn',
        time: 'Tháng 12',
        budget: '3.000.000',
      },
    ]);
    await approve(b.id);
    await plan(draftSchool, [
      { standardCode: '3', criterionCode: '3.1', tasks: 'Nháp', budget: '9.000.000' },
    ]);
    await seedAssessment(t.ctx.app, admin, t.fx.own.schoolId, { schoolYear: YEAR, approve: true });
    expect(await expectStoredEqualRecount()).toBeGreaterThan(0);

    const r = await expectRollupEqualsRecount(t.fx.provinceId);
    expect(r.rows.total).toBe(4);
    expect(r.rows.byStatus).toMatchObject({ done: 1, in_progress: 1, not_started: 2 });
    expect(r.budget.spent).toMatchObject({ state: 4_000_000 });
    expect(r.levels.reduce((n, l) => n + l.assessed, 0)).toBe(1);
    const byId = new Map(r.children.map((c) => [c.unitId, c]));
    expect(byId.get(communeB)).toMatchObject({
      schools: { total: 1, withApprovedPlan: 1 },
      rows: { total: 1 },
    });
    expect(byId.get(draftSchool)).toMatchObject({
      schools: { total: 1, withPlanNotApproved: 1 },
      rows: { total: 0 },
    });
    await expectRollupEqualsRecount(t.fx.communeId);
  }, 120_000);

  it('moves a school’s numbers with the school, and drops a removed school', async () => {
    const before = await expectRollupEqualsRecount(t.fx.provinceId);
    await move(schoolB, t.fx.communeId);
    await expectStoredEqualRecount();
    const after = await expectRollupEqualsRecount(t.fx.provinceId);
    // The province's totals do not move; the communes' lines do.
    expect(after.schools).toEqual(before.schools);
    expect(after.rows).toEqual(before.rows);
    const lineOf = (r: Rollup, id: string) => r.children.find((c) => c.unitId === id)!;
    expect(lineOf(after, communeB).schools.total).toBe(0);
    expect(lineOf(after, t.fx.communeId).rows.total).toBe(
      lineOf(before, t.fx.communeId).rows.total + lineOf(before, communeB).rows.total,
    );

    const empty = (await unit('school', 'Trường Mầm non Tạm', communeB)).id;
    await expectStoredEqualRecount();
    expect((await expectRollupEqualsRecount(t.fx.provinceId)).schools.total).toBe(
      after.schools.total + 1,
    );
    ok(await call(t.ctx.app, admin, { method: 'DELETE', url: `/api/units/${empty}` }));
    await expectStoredEqualRecount();
    expect((await expectRollupEqualsRecount(t.fx.provinceId)).schools.total).toBe(
      after.schools.total,
    );
  }, 120_000);

  it('follows a whole province moved under a new Bộ, and summaries dropped and rebuilt', async () => {
    const province = await expectRollupEqualsRecount(t.fx.provinceId);
    const ministry = (await unit('ministry', 'Bộ Giáo dục và Đào tạo', null)).id;
    await move(t.fx.provinceId, ministry);
    // The province now lies under the top: it has sums of its own, equal to its schools'.
    expect(await expectStoredEqualRecount()).toBeGreaterThan(0);
    const national = await expectRollupEqualsRecount(ministry);
    expect(national.schools).toEqual(province.schools);
    expect(national.rows).toEqual(province.rows);
    expect(national.children.map((c) => c.unitId)).toEqual([t.fx.provinceId]);
    expect(await expectRollupEqualsRecount(t.fx.provinceId)).toEqual({
      ...province,
      ancestors: [{ id: ministry, name: 'Bộ Giáo dục và Đào tạo', kind: 'ministry' }],
    });

    // A revision approved: the school's numbers are the revision's.
    const revised = ok<PlanDetail>(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: `/api/plans/${own.id}/revisions`,
        payload: { reason: 'Bổ sung nội dung' },
      }),
    );
    ok(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: `/api/plans/${revised.id}/rows`,
        payload: {
          group: 'tt57',
          standardCode: '4',
          criterionCode: '4.1',
          tasks: 'Mới',
          time: 'Tháng 1/2027',
        },
      }),
    );
    await approve(revised.id);
    own = await detail(revised.id);
    await expectStoredEqualRecount();
    expect((await expectRollupEqualsRecount(ministry)).rows.total).toBe(province.rows.total + 1);

    // The plans' summaries gone (as before migration 0015): the tallies are computed from the rows.
    const kept = await expectRollupEqualsRecount(ministry);
    await db().deleteFrom('plan_rollup_summaries').execute();
    await expectStoredEqualRecount();
    expect(await expectRollupEqualsRecount(ministry)).toEqual(kept);
  }, 120_000);

  it('loses no mark when writes and flushes run at the same time', async () => {
    const target = own;
    const rows = target.rows;
    const statuses = ['in_progress', 'done', 'not_started', 'in_progress', 'done'];
    await Promise.all([
      ...rows.slice(0, 4).map(async (row, i) => {
        for (const status of statuses.slice(i)) await progress(target.id, row.id, { status });
      }),
      (async () => {
        for (let i = 0; i < 8; i += 1) await flushRollupTallies(repos());
      })(),
      (async () => {
        for (let i = 0; i < 4; i += 1)
          ok(await get(`/api/units/${t.fx.provinceId}/rollup?schoolYear=${YEAR}`));
      })(),
    ]);
    await expectStoredEqualRecount();
  }, 120_000);
});
