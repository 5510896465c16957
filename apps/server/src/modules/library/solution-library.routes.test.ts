import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, SchoolProfile, SolutionSearchResult } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, FIXTURE_PASSWORD } from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { rowBody, schoolProfileBody, seedPlan, unitBody } from '../../testing/builders.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * The solution library on both engines (issue 14): entries written by the approval (never from a
 * draft), replaced by a revision's approval; search without diacritics, per criterion with the
 * 2018 → TT57 mapping, keyset pages; who sees what (office of its xã only, a school its own and
 * what is shared with it, another province nothing); sharing; "use in my plan" with the source.
 *
 * Organisation: Sở A → xã A → Trường A (the fixtures' own school, office "canbo.xa" at xã A);
 * Sở A → xã C → Trường C (made here, with its principal and an office account at xã C); Sở B →
 * Trường B (foreign).
 */
describe.each(testDialects())('solution library on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let admin: TestSession;
  let officeA: TestSession;
  let officeC: TestSession;
  let principalC: TestSession;
  let councilC: TestSession;
  let schoolC: string;
  let communeC: string;
  let planA: string;
  let planC: string;
  let draftA: string;
  let rowA14: string;
  let rowC: string;
  let rowB: string;

  const search = async (who: TestSession, query: string) =>
    ok<SolutionSearchResult>(
      await call(t.ctx.app, who, { method: 'GET', url: `/api/solutions?${query}` }),
    );
  const schoolsOf = (r: SolutionSearchResult) =>
    [...new Set(r.items.map((i) => i.schoolId))].sort();

  beforeAll(async () => {
    admin = t.fx.adminSession;
    officeA = await t.fx.signInAs('office');
    const app = t.ctx.app;
    communeC = ok<{ id: string }>(
      await call(app, admin, {
        method: 'POST',
        url: '/api/units',
        payload: unitBody({ kind: 'commune', name: 'UBND xã Cát Tiến', parentId: t.fx.provinceId }),
      }),
    ).id;
    schoolC = ok<{ id: string }>(
      await call(app, admin, {
        method: 'POST',
        url: '/api/units',
        payload: unitBody({ name: 'Trường Tiểu học Cát Tiến', parentId: communeC }),
      }),
    ).id;
    const profile = ok<SchoolProfile>(
      await call(app, admin, { method: 'GET', url: `/api/schools/${schoolC}/profile` }),
    );
    ok(
      await call(app, admin, {
        method: 'PUT',
        url: `/api/schools/${schoolC}/profile`,
        payload: schoolProfileBody(profile, { schoolLevels: ['tieu_hoc'] }),
      }),
    );
    for (const [username, roles] of [
      ['hieutruong.c', [{ role: 'principal', unitId: schoolC }]],
      ['hoidong.c', [{ role: 'council_member', unitId: schoolC }]],
      ['canbo.xac', [{ role: 'office_staff', unitId: communeC }]],
    ] as const)
      await createAccount(app, admin, { username, displayName: username, roles: [...roles] });
    principalC = await signIn(app, 'hieutruong.c', FIXTURE_PASSWORD);
    councilC = await signIn(app, 'hoidong.c', FIXTURE_PASSWORD);
    officeC = await signIn(app, 'canbo.xac', FIXTURE_PASSWORD);

    const a = await seedPlan(app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2025-2026',
      rows: [
        rowBody({
          group: 'levels_1_3',
          criterionCode: '1.4',
          cells: {
            content: 'Xây dựng Phương hướng phát triển tổ chuyên môn',
            tasks: 'Họp tổ, thống nhất phương hướng',
            lead: 'Hiệu trưởng',
            time: 'Tháng 10/2025',
            budget: 'Không',
          },
        }),
        rowBody({
          group: 'levels_1_3',
          criterionCode: '2.2',
          cells: { content: 'Bồi dưỡng chuyên môn cho giáo viên trẻ' },
        }),
      ],
      approve: true,
    });
    planA = a.planId;
    rowA14 = a.rows[0]!.id;
    draftA = (await seedPlan(app, t.principal, t.fx.own.schoolId, { schoolYear: '2026-2027' }))
      .planId;
    const c = await seedPlan(app, principalC, schoolC, {
      schoolYear: '2025-2026',
      rows: [
        rowBody({
          group: 'levels_1_3',
          criterionCode: '1.1',
          cells: {
            content: 'Phương hướng hoạt động thư viện xanh',
            target: 'Mỗi lớp có góc đọc sách',
          },
        }),
      ],
      approve: true,
    });
    planC = c.planId;
    rowC = c.rows[0]!.id;
    // A draft of school C: never in the library.
    await seedPlan(app, principalC, schoolC, {
      schoolYear: '2024-2025',
      rows: [rowBody({ group: 'levels_1_3', cells: { content: 'Phương hướng bí mật nháp' } })],
    });
    const b = await seedPlan(app, admin, t.fx.foreign.schoolId, {
      schoolYear: '2025-2026',
      rows: [rowBody({ group: 'levels_1_3', cells: { content: 'Phương hướng của tỉnh khác' } })],
      approve: true,
    });
    rowB = b.rows[0]!.id;
  }, 120_000);

  it('finds "phuong huong" without diacritics, each office within its own xã only', async () => {
    const byA = await search(officeA, 'q=phuong%20huong');
    expect(schoolsOf(byA)).toEqual([t.fx.own.schoolId]);
    expect(byA.items[0]!.texts.content).toContain('Phương hướng');
    expect(byA.total).toEqual({ count: 1, capped: false });
    const byC = await search(officeC, 'q=PHUONG%20huo');
    expect(schoolsOf(byC)).toEqual([schoolC]);
    expect(byC.items.map((i) => i.rowId)).toEqual([rowC]);
    const all = await search(admin, 'q=phuong%20huong');
    expect(all.items.map((i) => i.rowId).sort()).toEqual([rowA14, rowB, rowC].sort());
    // A word no entry has, and the draft's words: nothing.
    expect((await search(admin, 'q=khongcoso')).items).toEqual([]);
    expect((await search(admin, 'q=bi%20mat')).items).toEqual([]);
    // "huong" starts words only: "thương" does not match it.
    expect((await search(admin, 'q=uong')).items).toEqual([]);
  });

  it('a school sees its own solutions, and another school’s only once shared with it', async () => {
    expect(schoolsOf(await search(t.principal, 'q=phuong'))).toEqual([t.fx.own.schoolId]);
    const own = await search(t.principal, 'q=phuong');
    expect(own.items.every((i) => i.own)).toBe(true);

    const share = ok<{ options: { unitId: string }[]; canChange: boolean }>(
      await call(t.ctx.app, principalC, {
        method: 'GET',
        url: `/api/plans/${planC}/library-share`,
      }),
    );
    expect(share.canChange).toBe(true);
    expect(share.options.map((o) => o.unitId).sort()).toEqual([communeC, t.fx.provinceId].sort());
    // Council members may not share; an office outside the school's units is refused (400).
    expect(
      (
        await call(t.ctx.app, councilC, {
          method: 'PUT',
          url: `/api/plans/${planC}/library-share`,
          payload: { unitId: t.fx.provinceId },
        })
      ).statusCode,
    ).toBe(403);
    const refused = await call(t.ctx.app, principalC, {
      method: 'PUT',
      url: `/api/plans/${planC}/library-share`,
      payload: { unitId: t.fx.communeId },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('đơn vị quản lý');
    // Another school's principal cannot even see the plan.
    expect(
      (
        await call(t.ctx.app, t.principal, {
          method: 'PUT',
          url: `/api/plans/${planC}/library-share`,
          payload: { unitId: t.fx.provinceId },
        })
      ).statusCode,
    ).toBe(404);

    // Shared with xã C only: school A (xã A) still does not see it.
    ok(
      await call(t.ctx.app, principalC, {
        method: 'PUT',
        url: `/api/plans/${planC}/library-share`,
        payload: { unitId: communeC },
      }),
    );
    expect(schoolsOf(await search(t.principal, 'q=phuong'))).toEqual([t.fx.own.schoolId]);
    // Shared with the whole province: school A sees it, marked as not its own.
    const shared = ok<{ shared: { unitId: string } | null }>(
      await call(t.ctx.app, principalC, {
        method: 'PUT',
        url: `/api/plans/${planC}/library-share`,
        payload: { unitId: t.fx.provinceId },
      }),
    );
    expect(shared.shared?.unitId).toBe(t.fx.provinceId);
    const seen = await search(t.principal, 'q=phuong');
    expect(schoolsOf(seen)).toEqual([t.fx.own.schoolId, schoolC].sort());
    expect(seen.items.find((i) => i.rowId === rowC)?.own).toBe(false);
    // The office of xã A still sees only its own schools (sharing is between schools).
    expect(schoolsOf(await search(officeA, 'q=phuong'))).toEqual([t.fx.own.schoolId]);
    // The foreign province's solution is never seen.
    expect((await search(t.principal, 'q=tinh%20khac')).items).toEqual([]);
  });

  it('searches per criterion, with the 2018 → TT57 mapping labelled, in keyset pages', async () => {
    const direct = await search(admin, 'framework=TT17&criterion=1.4');
    expect(direct.items.map((i) => i.rowId)).toEqual([rowA14]);
    expect(direct.items[0]!.mappedFrom).toBeNull();
    // TT17 1.4 maps to TT57-PT 1.2 (docs/criterion-mappings.md).
    const mapped = await search(admin, 'framework=TT57-PT&criterion=1.2');
    expect(mapped.mappedCriteria).toContainEqual(
      expect.objectContaining({ framework: 'TT17', criterion: '1.4' }),
    );
    expect(mapped.items.map((i) => i.rowId)).toContain(rowA14);
    expect(mapped.items.find((i) => i.rowId === rowA14)?.mappedFrom).toMatchObject({
      framework: 'TT17',
      criterion: '1.4',
    });
    // A criterion without a framework is a Vietnamese 400.
    const bad = await call(t.ctx.app, admin, {
      method: 'GET',
      url: '/api/solutions?criterion=1.4',
    });
    expect(bad.statusCode).toBe(400);
    // Pages of one: the cursor walks every match once.
    const first = await search(admin, 'q=phuong&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toEqual({ count: 3, capped: false });
    const seen = [first.items[0]!.rowId];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search(admin, `q=phuong&limit=1&cursor=${cursor}`);
      expect(page.total).toBeNull();
      seen.push(...page.items.map((i) => i.rowId));
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual([rowA14, rowB, rowC].sort());
    // School year filter.
    expect((await search(admin, 'q=phuong&schoolYear=2024-2025')).items).toEqual([]);
  });

  it('uses a solution in the school’s draft plan, with its source in the note', async () => {
    const used = ok<{ rowId: string; note: string }>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/solutions/${rowC}/use`,
        payload: { planId: draftA, criterionCode: '1.2' },
      }),
    );
    expect(used.note).toContain('Nguồn: thư viện giải pháp — Trường Tiểu học Cát Tiến');
    const plan = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${draftA}` }),
    );
    const row = plan.rows.find((r) => r.id === used.rowId);
    expect(row?.criterionCode).toBe('1.2');
    expect(row?.group).toBe('tt57');
    expect(row?.content).toBe('Phương hướng hoạt động thư viện xanh');
    expect(row?.note).toContain('năm học 2025-2026');
    // A solution of another province: 404; office staff may not write into a school: 403;
    // an approved plan is not a draft: 409.
    const foreign = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/solutions/${rowB}/use`,
      payload: { planId: draftA, criterionCode: null },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toContain('thư viện');
    const office = await call(t.ctx.app, officeA, {
      method: 'POST',
      url: `/api/solutions/${rowA14}/use`,
      payload: { planId: draftA, criterionCode: null },
    });
    expect(office.statusCode).toBe(403);
    const approved = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/solutions/${rowA14}/use`,
      payload: { planId: planA, criterionCode: null },
    });
    expect(approved.statusCode).toBe(409);
    // The other school's principal cannot write into school A's draft: 404.
    const other = await call(t.ctx.app, principalC, {
      method: 'POST',
      url: `/api/solutions/${rowC}/use`,
      payload: { planId: draftA, criterionCode: null },
    });
    expect(other.statusCode).toBe(404);
  });

  it('a revision’s approval replaces the lineage’s entries', async () => {
    const revision = ok<{ id: string }>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${planA}/revisions`,
        payload: { reason: 'Bổ sung giải pháp' },
      }),
    );
    await t.addRow(
      revision.id,
      rowBody({ group: 'levels_1_3', cells: { content: 'Giải pháp điều chỉnh bổ sung' } }),
    );
    // Not approved yet: not in the library.
    expect((await search(admin, 'q=dieu%20chinh%20bo')).items).toEqual([]);
    const current = await t.getPlan(revision.id);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${revision.id}/approve`,
        payload: { version: current.version },
      }),
    );
    const found = await search(admin, 'q=dieu%20chinh%20bo');
    expect(found.items.map((i) => i.planId)).toEqual([revision.id]);
    // The 1.4 row is there once (the revision's), not twice.
    const byCriterion = await search(admin, 'framework=TT17&criterion=1.4');
    expect(byCriterion.items.map((i) => i.planId)).toEqual([revision.id]);
  });
});
