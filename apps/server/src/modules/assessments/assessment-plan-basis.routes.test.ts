import { testDialects } from '@caitien/db/testing';
import type { AssessmentDetail, PlanDetail } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

interface PlanBasis {
  approvedAssessmentId: string | null;
  approvedSchoolYear: string | null;
  approvedAt: string | null;
  basisLines: string[];
  summary: string[];
}

interface ErrorBody {
  error: { message: string; details?: { reason?: string; current?: PlanDetail } };
}

const SCHOOL = 'Trường Tiểu học Định Hiệp';

/** An ISO instant as the day it was in Vietnam, "dd/mm/yyyy". */
function vietnameseDay(iso: string): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date(iso))
    .split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The plan's Căn cứ from the approved self-assessment (issue 12): which assessment a plan rests on
 * (its year's, else last year's), the default Căn cứ of a new plan, and the explicit "apply" on a
 * draft plan that replaces the self-assessment lines and keeps the school's own.
 */
describe.each(testDialects())('the plan’s Căn cứ from the approved assessment on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let staff: TestSession;
  beforeAll(async () => {
    staff = await t.fx.signInAs('staff');
  }, 60_000);

  const app = () => t.ctx.app;

  /** A self-assessment of the own school's year, approved by the principal. */
  const approvedAssessment = async (schoolYear: string) => {
    const created = ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments`,
        payload: { schoolYear },
      }),
    );
    return ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${created.id}/approve`,
        payload: { version: created.version },
      }),
    );
  };
  const basisOf = async (planId: string, as: TestSession = t.principal) =>
    ok<PlanBasis>(
      await call(app(), as, { method: 'GET', url: `/api/plans/${planId}/assessment-basis` }),
    );
  const basesBody = (plan: PlanDetail) => plan.sections.find((s) => s.key === 'bases')?.body ?? '';
  const apply = (planId: string, version: number, as: TestSession = t.principal) =>
    call(app(), as, {
      method: 'POST',
      url: `/api/plans/${planId}/assessment-basis/apply`,
      payload: { version },
    });
  const saveBases = async (plan: PlanDetail, body: string) =>
    ok<PlanDetail>(
      await call(app(), t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        payload: {
          sections: plan.sections.map((s) => (s.key === 'bases' ? { ...s, body } : s)),
          version: plan.version,
        },
      }),
    );

  it('keeps the generic Căn cứ when no assessment is approved (a draft does not count)', async () => {
    ok(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments`,
        payload: { schoolYear: '2041-2042' },
      }),
    );
    const plan = await t.createPlan('2041-2042');
    const body = basesBody(plan);
    expect(body.split('\n')).toContain('Căn cứ báo cáo tự đánh giá năm học 2041-2042;');
    expect(body).not.toContain('được phê duyệt');
    expect(body).not.toContain('Kết quả tự đánh giá');
    const basis = await basisOf(plan.id);
    expect(basis).toMatchObject({
      approvedAssessmentId: null,
      approvedSchoolYear: null,
      basisLines: [],
    });
  });

  it('names the approved assessment of the plan’s year and gives its results', async () => {
    const a = await approvedAssessment('2030-2031');
    const plan = await t.createPlan('2030-2031');
    const basis = await basisOf(plan.id);
    expect(basis.approvedAssessmentId).toBe(a.id);
    expect(basis.approvedSchoolYear).toBe('2030-2031');
    expect(basis.summary.at(-1)).toBe('Tự đánh giá chưa đạt mức 1');
    const day = vietnameseDay(a.approvedAt ?? '');
    expect(basis.basisLines).toEqual([
      `Căn cứ báo cáo tự đánh giá năm học 2030-2031 của ${SCHOOL}, được phê duyệt ngày ${day};`,
      'Kết quả tự đánh giá năm học 2030-2031:',
      ...basis.summary.map((line) => `- ${line}`),
    ]);
    const lines = basesBody(plan).split('\n');
    // The legal basis first, then the report and its results, then the template's other lines.
    expect(lines[0]).toMatch(/^Căn cứ Thông tư số 57\/2026/u);
    expect(lines.slice(1, 1 + basis.basisLines.length)).toEqual(basis.basisLines);
    expect(lines.at(-1)).toBe('Căn cứ kế hoạch năm học và định hướng phát triển của nhà trường.');
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'plan.create')
      .where('entity_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ basisAssessmentId: a.id });
  });

  it('falls back to last year’s approved report, and prefers the plan’s own year', async () => {
    const last = await approvedAssessment('2024-2025');
    const plan = await t.createPlan('2025-2026');
    const body = basesBody(plan);
    expect(body).toContain(
      `Căn cứ báo cáo tự đánh giá năm học 2024-2025 của ${SCHOOL}, được phê duyệt ngày`,
    );
    // A 2018-regime plan (TT17): its legal basis, then the report.
    expect(body.split('\n')[0]).toMatch(/^Căn cứ Thông tư số 17\/2018/u);
    expect(body).toContain('- Tổng số tiêu chuẩn được đánh giá: 05 tiêu chuẩn');
    expect(await basisOf(plan.id)).toMatchObject({
      approvedAssessmentId: last.id,
      approvedSchoolYear: '2024-2025',
    });
    const own = await approvedAssessment('2025-2026');
    expect(await basisOf(plan.id)).toMatchObject({
      approvedAssessmentId: own.id,
      approvedSchoolYear: '2025-2026',
    });
    // Two years back is not a basis.
    const later = await t.createPlan('2026-2027');
    expect((await basisOf(later.id)).approvedSchoolYear).toBe('2025-2026');
    const far = await t.createPlan('2028-2029');
    expect((await basisOf(far.id)).approvedSchoolYear).toBeNull();
  });

  it('applies the approved assessment to a draft plan, keeping the school’s own lines', async () => {
    const plan = await t.createPlan('2036-2037');
    const [legal] = basesBody(plan).split('\n');
    const written = [
      legal,
      '1. Báo cáo tự đánh giá năm học 2035-2036 của trường',
      '- Tổng số tiêu chuẩn được đánh giá: 04 tiêu chuẩn',
      '- Mức 1: Tổng số 15 tiêu chí, trong đó số tiêu chí đạt 15/15, tỉ lệ 100%; tiêu chí không đạt: 0',
      '- Tự đánh giá đạt mức 2',
      '2. Nghị quyết Hội nghị viên chức năm học 2036-2037  của nhà trường;',
      'Căn cứ kết quả rà soát kế hoạch cải tiến chất lượng năm học trước;',
    ].join('\n');
    const edited = await saveBases(plan, written);
    // Nothing approved yet: a clear 409, the plan unchanged.
    const none = await apply(plan.id, edited.version);
    expect(none.statusCode, none.body).toBe(409);
    expect((none.json() as ErrorBody).error).toMatchObject({
      message: expect.stringContaining('chưa có báo cáo tự đánh giá được phê duyệt'),
      details: { reason: 'no_approved_assessment' },
    });
    const a = await approvedAssessment('2036-2037');
    const basis = await basisOf(plan.id);
    const applied = ok<PlanDetail>(await apply(plan.id, edited.version));
    const [head, ...rest] = basis.basisLines;
    expect(basesBody(applied).split('\n')).toEqual([
      legal,
      `1. ${head}`,
      ...rest,
      '2. Nghị quyết Hội nghị viên chức năm học 2036-2037  của nhà trường;',
      'Căn cứ kết quả rà soát kế hoạch cải tiến chất lượng năm học trước;',
    ]);
    // The other sections are untouched.
    expect(applied.sections.filter((s) => s.key !== 'bases')).toEqual(
      edited.sections.filter((s) => s.key !== 'bases'),
    );
    // Applying again changes nothing.
    const again = ok<PlanDetail>(await apply(plan.id, applied.version));
    expect(basesBody(again)).toBe(basesBody(applied));
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['after_json', 'summary'])
      .where('action', '=', 'plan.assessment_basis')
      .where('entity_id', '=', plan.id)
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ assessmentId: a.id });
    expect(audit[0]?.summary).toContain('năm học 2036-2037');
  });

  it('answers a stale version with the current plan and an approved plan with 409', async () => {
    await approvedAssessment('2037-2038');
    const plan = await t.createPlan('2037-2038');
    const edited = await saveBases(plan, 'Căn cứ của trường;');
    const stale = await apply(plan.id, plan.version);
    expect(stale.statusCode, stale.body).toBe(409);
    const current = (stale.json() as ErrorBody).error.details?.current;
    expect(current?.version).toBe(edited.version);
    expect(basesBody(await t.getPlan(plan.id))).toBe('Căn cứ của trường;');

    const submitted = ok<PlanDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/submit`,
        payload: { version: edited.version },
      }),
    );
    const approved = ok<PlanDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: submitted.version },
      }),
    );
    const refused = await apply(plan.id, approved.version);
    expect(refused.statusCode, refused.body).toBe(409);
    expect((refused.json() as ErrorBody).error.details?.reason).toBe('approved');
    expect(basesBody(await t.getPlan(plan.id))).toBe('Căn cứ của trường;');
  });

  it('hides another school’s plan (404); refuses those who may not edit it (403)', async () => {
    await approvedAssessment('2038-2039');
    const plan = await t.createPlan('2038-2039');
    const foreign = await t.createPlan('2038-2039', {
      as: t.fx.adminSession,
      schoolId: t.fx.foreign.schoolId,
    });
    const hidden = await apply(foreign.id, foreign.version);
    expect(hidden.statusCode, hidden.body).toBe(404);
    // Staff do not see a draft plan; the monitoring board reads it but may not edit it.
    const unseen = await apply(plan.id, plan.version, staff);
    expect(unseen.statusCode, unseen.body).toBe(404);
    const monitoring = await t.fx.signInAs('monitoring');
    const forbidden = await apply(plan.id, plan.version, monitoring);
    expect(forbidden.statusCode, forbidden.body).toBe(403);
    expect(basesBody(await t.getPlan(plan.id))).toBe(basesBody(plan));
  });
});
