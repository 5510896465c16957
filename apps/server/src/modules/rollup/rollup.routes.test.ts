import { parseBudget } from '@caitien/core';
import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, Rollup, SchoolProfile } from '@caitien/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, FIXTURE_PASSWORD } from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { schoolProfileBody, seedAssessment } from '../../testing/builders.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

// The fixed clock of the test app: 2026-11-23 (Việt Nam). Rows due by October 2026 are overdue.
const YEAR = '2026-2027';
const MIXED = 'Ngân sách: 20.000.000; XHH: 10.000.000';

describe.each(testDialects())('the offices’ roll-up on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let admin: TestSession;
  let so: TestSession; // Sở officer
  let xa: TestSession; // officer of the own school's xã
  let otherXa: TestSession; // officer of another xã of the same Sở
  let principal: TestSession;
  let communeB: string;
  let schoolB: string;
  let thpt: string;
  const plans: PlanDetail[] = [];

  const get = (session: TestSession, url: string) =>
    call(t.ctx.app, session, { method: 'GET', url });
  const rollupOf = async (session: TestSession, unitId: string) =>
    ok<Rollup>(await get(session, `/api/units/${unitId}/rollup?schoolYear=${YEAR}`));

  async function unit(kind: string, name: string, parentId: string, level?: string) {
    const id = ok<{ id: string }>(
      await call(t.ctx.app, admin, {
        method: 'POST',
        url: '/api/units',
        payload: { kind, name, parentId },
      }),
    ).id;
    if (level) {
      const profile = ok<SchoolProfile>(await get(admin, `/api/schools/${id}/profile`));
      ok(
        await call(t.ctx.app, admin, {
          method: 'PUT',
          url: `/api/schools/${id}/profile`,
          payload: schoolProfileBody(profile, { schoolLevels: [level as 'thpt'] }),
        }),
      );
    }
    return id;
  }

  async function plan(schoolId: string, rows: Record<string, unknown>[], approve: boolean) {
    const created = await t.createPlan(YEAR, { as: admin, schoolId });
    for (const row of rows) {
      ok(
        await call(t.ctx.app, admin, {
          method: 'POST',
          url: `/api/plans/${created.id}/rows`,
          payload: { group: 'tt57', ...row },
        }),
      );
    }
    const current = ok<PlanDetail>(await get(admin, `/api/plans/${created.id}`));
    if (approve) {
      ok(
        await call(t.ctx.app, admin, {
          method: 'POST',
          url: `/api/plans/${created.id}/approve`,
          payload: { version: current.version },
        }),
      );
    }
    const detail = ok<PlanDetail>(await get(admin, `/api/plans/${created.id}`));
    plans.push(detail);
    return detail;
  }

  beforeAll(async () => {
    const { app } = t.ctx;
    admin = t.fx.adminSession;
    communeB = await unit('commune', 'UBND xã Thanh An', t.fx.provinceId);
    schoolB = await unit('school', 'Trường Mầm non Thanh An', communeB, 'mam_non');
    thpt = await unit('school', 'Trường THPT Dầu Tiếng', t.fx.provinceId, 'thpt');
    for (const [username, unitId] of [
      ['canbo.so', t.fx.provinceId],
      ['canbo.xa.khac', communeB],
    ] as const) {
      await createAccount(app, admin, {
        username,
        displayName: username,
        roles: [{ role: 'office_staff', unitId }],
      });
    }
    so = await signIn(app, 'canbo.so', FIXTURE_PASSWORD);
    otherXa = await signIn(app, 'canbo.xa.khac', FIXTURE_PASSWORD);
    xa = await t.fx.signInAs('office');
    principal = t.principal;

    // Own school (xã A): approved, a mixed budget, one row overdue, one done with spending.
    const own = await plan(
      t.fx.own.schoolId,
      [
        {
          standardCode: '1',
          criterionCode: '1.1',
          tasks: 'Bồi dưỡng',
          time: 'Tháng 9 - tháng 10',
          budget: MIXED,
        },
        {
          standardCode: '1',
          criterionCode: '1.2',
          tasks: 'Chuyên đề',
          time: 'Tháng 9',
          budget: '5.000.000 đồng (ngân sách)',
        },
        {
          standardCode: '2',
          criterionCode: '2.1',
          tasks: 'Sửa sân',
          time: 'Tháng 3/2027',
          budget: 'XHH: 2.000.000',
        },
      ],
      true,
    );
    ok(
      await call(app, admin, {
        method: 'POST',
        url: `/api/plans/${own.id}/rows/${own.rows[1]!.id}/progress`,
        payload: {
          entryDate: '2026-11-20',
          version: 0,
          status: 'done',
          spent: { amount: 4_000_000, source: 'state', text: 'Mời báo cáo viên' },
        },
      }),
    );
    // School B (xã B): approved, one row, nothing spent.
    await plan(
      schoolB,
      [
        {
          standardCode: '1',
          criterionCode: '1.1',
          tasks: 'Tập huấn',
          time: 'Tháng 12',
          budget: MIXED,
        },
      ],
      true,
    );
    // THPT under the Sở: a draft only (not counted in rows or budget).
    await plan(
      thpt,
      [{ standardCode: '3', criterionCode: '3.1', tasks: 'Nháp', budget: '9.000.000' }],
      false,
    );
    // The own school's self-assessment of the year, approved through the API.
    await seedAssessment(app, admin, t.fx.own.schoolId, { schoolYear: YEAR, approve: true });
  }, 120_000);

  it('answers the Sở’s numbers, equal to a recount of the fixture', async () => {
    const r = await rollupOf(so, t.fx.provinceId);
    expect(r.schools).toEqual({
      total: 3,
      withApprovedPlan: 2,
      withPlanNotApproved: 1,
      withoutPlan: 0,
      withApprovedAssessment: 1,
    });
    // Recount: every row of the approved plans, its budget parsed by the core parser.
    const approved = plans.filter((p) => p.status === 'approved');
    const rows = approved.flatMap((p) => p.rows);
    const planned: Record<string, number> = {};
    for (const row of rows) {
      const value = parseBudget(row.budget).value!;
      const parts =
        value.parts.length > 1
          ? value.parts
          : [{ source: row.parsed.budget.source, amount: row.parsed.budget.amount }];
      for (const part of parts)
        planned[part.source] = (planned[part.source] ?? 0) + (part.amount ?? 0);
    }
    expect(planned).toEqual({ state: 45_000_000, socialized: 22_000_000 });
    expect(r.budget.planned).toMatchObject(planned);
    expect(r.budget.spent).toMatchObject({ state: 4_000_000, socialized: 0 });
    expect(r.rows.total).toBe(rows.length);
    expect(r.rows.byStatus).toMatchObject({ done: 1, not_started: 3 });
    // "Tháng 9 - tháng 10" of 2026 has passed (not done); "Tháng 9" is done; the others lie ahead.
    expect(r.rows.overdue).toBe(1);
    expect(r.rows.byStandard).toEqual([
      { regime: '2026', standardCode: '1', total: 3, done: 1, overdue: 1 },
      { regime: '2026', standardCode: '2', total: 1, done: 0, overdue: 0 },
    ]);
    expect(r.levels.reduce((n, l) => n + l.assessed, 0)).toBe(1);
    expect(r.weakCriteria.length).toBeGreaterThan(0);
    expect(r.weakCriteria[0]).toMatchObject({ schools: 1 });
    // 1.1 of the mầm non framework and 1.1 of the phổ thông one are different criteria.
    const planned11 = r.plannedCriteria.filter((c) => c.criterionCode === '1.1');
    expect(planned11.map((c) => c.frameworkCode).sort()).toEqual(['TT57-MN', 'TT57-PT']);
    expect(planned11.every((c) => c.schools === 1 && c.rows === 1)).toBe(true);
    expect(r.plannedCriteria.reduce((n, c) => n + c.rows, 0)).toBe(rows.length);
    expect(r.plannedCriteria[0]!.title).not.toBe('');
    // Drill-down lines: the two xã and the THPT, their numbers adding up to the totals.
    const byId = new Map(r.children.map((c) => [c.unitId, c]));
    expect(byId.get(t.fx.communeId)).toMatchObject({
      kind: 'commune',
      schools: { total: 1, withApprovedPlan: 1 },
      rows: { total: 3, done: 1, overdue: 1 },
      budget: { planned: 37_000_000, spent: 4_000_000 },
    });
    expect(byId.get(communeB)).toMatchObject({
      schools: { total: 1, withApprovedPlan: 1 },
      rows: { total: 1, overdue: 0 },
      budget: { planned: 30_000_000, spent: 0 },
    });
    expect(byId.get(thpt)).toMatchObject({
      kind: 'school',
      schools: { total: 1, withPlanNotApproved: 1 },
      plan: { status: 'draft' },
    });
    const sum = (f: (c: Rollup['children'][number]) => number) =>
      r.children.reduce((n, c) => n + f(c), 0);
    expect(sum((c) => c.schools.total)).toBe(r.schools.total);
    expect(sum((c) => c.rows.total)).toBe(r.rows.total);
  });

  it('drills down to a commune, whose lines are its schools with their plans', async () => {
    const r = await rollupOf(xa, t.fx.communeId);
    expect(r.ancestors.map((a) => a.id)).toEqual([t.fx.provinceId]);
    expect(r.children).toHaveLength(1);
    const line = r.children[0]!;
    expect(line).toMatchObject({
      unitId: t.fx.own.schoolId,
      kind: 'school',
      plan: { status: 'approved' },
    });
    expect(line.schoolLevel).not.toBeNull();
    expect(r.budget.planned).toMatchObject({ state: 25_000_000, socialized: 12_000_000 });
    // The Sở sees the same commune with the same numbers.
    expect(await rollupOf(so, t.fx.communeId)).toEqual(r);
  });

  it('refuses everyone outside the subtree, and the schools', async () => {
    // Another xã's officer: neither the Sở nor the other xã exists for them.
    expect(
      (await get(otherXa, `/api/units/${t.fx.communeId}/rollup?schoolYear=${YEAR}`)).statusCode,
    ).toBe(404);
    expect(
      (await get(otherXa, `/api/units/${t.fx.provinceId}/rollup?schoolYear=${YEAR}`)).statusCode,
    ).toBe(404);
    // The xã's officer cannot look above it.
    expect(
      (await get(xa, `/api/units/${t.fx.provinceId}/rollup?schoolYear=${YEAR}`)).statusCode,
    ).toBe(404);
    // A principal: the xã is not theirs (404); their own school is visible but not theirs to roll up.
    expect(
      (await get(principal, `/api/units/${t.fx.communeId}/rollup?schoolYear=${YEAR}`)).statusCode,
    ).toBe(404);
    expect(
      (await get(principal, `/api/units/${t.fx.own.schoolId}/rollup?schoolYear=${YEAR}`))
        .statusCode,
    ).toBe(403);
    // Bad input: a clear Vietnamese 400, never a 500.
    const bad = await get(so, `/api/units/${t.fx.provinceId}/rollup?schoolYear=2026`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Năm học');
    const school = await get(admin, `/api/units/${t.fx.own.schoolId}/rollup?schoolYear=${YEAR}`);
    expect(school.statusCode).toBe(400);
    expect(school.body).toContain('đơn vị quản lý');
  });

  it('exports the same numbers as a workbook', async () => {
    const response = await get(so, `/api/units/${t.fx.provinceId}/rollup/xlsx?schoolYear=${YEAR}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const children = workbook.getWorksheet('Theo đơn vị')!;
    const names: string[] = [];
    children.eachRow((row, n) => {
      if (n > 4) names.push(String(row.getCell(1).value));
    });
    expect(names).toHaveLength(3);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    let total: unknown = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Tổng số trường') total = row.getCell(2).value;
    });
    expect(total).toBe(3);
    expect(
      (await get(otherXa, `/api/units/${t.fx.provinceId}/rollup/xlsx?schoolYear=${YEAR}`))
        .statusCode,
    ).toBe(404);
  });
});
