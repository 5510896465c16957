import { testDialects } from '@caitien/db/testing';
import type { AssessmentDetail, FrameworkDetail } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

type Criterion = AssessmentDetail['criteria'][number];

/**
 * The self-assessment API (issue 12): starting the year's assessment in each regime, per-field
 * saves, marks checked by the framework and the regime's rules, carry-over from last year,
 * lifecycle and seal, what staff read, what-if, history, plan rows, interchange JSON.
 */
describe.each(testDialects())('self-assessment on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let council: TestSession;
  let staff: TestSession;
  let frameworks: Record<string, FrameworkDetail>;
  beforeAll(async () => {
    council = await t.fx.signInAs('council');
    staff = await t.fx.signInAs('staff');
    frameworks = {};
    for (const code of ['TT17', 'TT57-PT'])
      frameworks[code] = ok<FrameworkDetail>(
        await call(t.ctx.app, null, { method: 'GET', url: `/api/frameworks/${code}` }),
      );
  }, 60_000);

  const app = () => t.ctx.app;
  const create = async (schoolYear: string, extra: Record<string, unknown> = {}) =>
    ok<AssessmentDetail & { carryOver: unknown }>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments`,
        payload: { schoolYear, ...extra },
      }),
    );
  const get = async (id: string, as: TestSession = t.principal) =>
    ok<AssessmentDetail>(await call(app(), as, { method: 'GET', url: `/api/assessments/${id}` }));
  const patchCriterion = (
    id: string,
    code: string,
    payload: Record<string, unknown>,
    as: TestSession = t.principal,
  ) =>
    call(app(), as, {
      method: 'PATCH',
      url: `/api/assessments/${id}/criteria/${code}`,
      payload,
    });
  const criterionOf = (detail: AssessmentDetail, code: string): Criterion => {
    const found = detail.criteria.find((c) => c.criterionCode === code);
    if (!found) throw new Error(`no criterion ${code}`);
    return found;
  };
  /** Every non-repealed indicator key of a criterion up to `level`, marked Đạt. */
  const allMet = (frameworkCode: string, criterionCode: string, level: number) => {
    const criterion = frameworks[frameworkCode]?.standards
      .flatMap((s) => s.criteria)
      .find((c) => c.code === criterionCode);
    return Object.fromEntries(
      (criterion?.levels ?? [])
        .filter((l) => l.level <= level)
        .flatMap((l) =>
          l.indicators
            .filter((i) => i.repealed === null)
            .map((i) => [i.key ? `${l.level}.${i.key}` : String(l.level), true] as const),
        ),
    );
  };

  /** An evidence in the list (written directly: the evidence routes are the evidence module's). */
  const addEvidence = async (assessmentId: string, code: string, criterionCode: string) => {
    const db = t.ctx.database.db;
    const now = new Date().toISOString();
    const id = `ev-${assessmentId}-${code}`;
    await db
      .insertInto('assessment_evidence')
      .values({
        id,
        assessment_id: assessmentId,
        code,
        box: null,
        primary_criterion_code: criterionCode,
        sequence: 1,
        name: 'Kế hoạch chiến lược',
        name_folded: 'ke hoach chien luoc',
        issued: '',
        issuer: '',
        note: '',
        link: '',
        previous_code: null,
        carried: 0,
        origin_evidence_id: null,
        field_versions_json: '{}',
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('assessment_evidence_citations')
      .values({
        assessment_id: assessmentId,
        evidence_id: id,
        criterion_code: criterionCode,
        position: 0,
      })
      .execute();
    return id;
  };

  it('starts the year under the regime of the year: one row per criterion, Mức 4 for 2018', async () => {
    const a2018 = await create('2019-2020');
    expect(a2018.frameworkCode).toBe('TT17');
    const criteriaCount = frameworks.TT17?.standards.flatMap((s) => s.criteria).length;
    expect(a2018.criteria).toHaveLength(criteriaCount ?? -1);
    expect(a2018.standards).toHaveLength(frameworks.TT17?.standards.length ?? -1);
    expect(a2018.level4.length).toBe(frameworks.TT17?.level4Items.length);
    expect(a2018.deadline).toBeNull();
    expect(a2018.results.school.schoolLevel).toBe(0);

    const tt57 = await create('2031-2032');
    expect(tt57.frameworkCode).toBe('TT57-PT');
    expect(tt57.level4).toEqual([]);
    expect(tt57.deadline?.label).toBe('phê duyệt trước 15/6/2032');

    const again = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/assessments`,
      payload: { schoolYear: '2031-2032' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('đã có báo cáo tự đánh giá năm học 2031-2032');

    // Two simultaneous starts of one year: one wins, the other gets a clear 409 (never a 500).
    const race = await Promise.all(
      [t.principal, council].map((as) =>
        call(app(), as, {
          method: 'POST',
          url: `/api/schools/${t.fx.own.schoolId}/assessments`,
          payload: { schoolYear: '2034-2035' },
        }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    const noReason = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/assessments`,
      payload: { schoolYear: '2032-2033', frameworkCode: 'TT17' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('cần ghi lý do');
  });

  it('saves different fields of one criterion from one version; the same field stale → 409', async () => {
    const a = await create('2020-2021');
    const start = criterionOf(a, '1.1');
    const first = await patchCriterion(a.id, '1.1', {
      strengths: 'Nhà trường có kế hoạch rõ ràng',
      version: start.version,
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await patchCriterion(
      a.id,
      '1.1',
      { weaknesses: 'Chưa cập nhật kịp thời', version: start.version },
      council,
    );
    expect(second.statusCode, second.body).toBe(200);
    const stale = await patchCriterion(a.id, '1.1', {
      strengths: 'Ghi đè',
      version: start.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('người khác thay đổi');
    expect(stale.json().error.details.current.strengths).toBe('Nhà trường có kế hoạch rõ ràng');
    const now = criterionOf(await get(a.id), '1.1');
    expect(now.strengths).toBe('Nhà trường có kế hoạch rõ ràng');
    // Each save is audited in its transaction; the refused one left nothing.
    const db = t.ctx.database.db;
    const row = await db
      .selectFrom('assessment_criteria')
      .select('id')
      .where('assessment_id', '=', a.id)
      .where('criterion_code', '=', '1.1')
      .executeTakeFirstOrThrow();
    const audited = await db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'assessment.criterion.update')
      .where('entity_id', '=', row.id)
      .execute();
    const afters = audited.map((r) => JSON.parse(r.after_json ?? '{}') as unknown);
    expect(afters).toHaveLength(2);
    expect(afters).toEqual(
      expect.arrayContaining([
        { strengths: 'Nhà trường có kế hoạch rõ ràng' },
        { weaknesses: 'Chưa cập nhật kịp thời' },
      ]),
    );
    expect(now.weaknesses).toBe('Chưa cập nhật kịp thời');
  });

  it('refuses marks the framework does not have and bad input, in Vietnamese', async () => {
    const a = await create('2021-2022');
    const c = criterionOf(a, '1.1');
    const unknownKey = await patchCriterion(a.id, '1.1', {
      marks: { '1.z': true },
      version: c.version,
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.message).toContain('không có chỉ báo “1.z”');
    const unknownCriterion = await patchCriterion(a.id, '9.9', {
      strengths: 'x',
      version: c.version,
    });
    expect(unknownCriterion.statusCode).toBe(404);
    expect(unknownCriterion.json().error.message).toContain('tiêu chí 9.9');
    const wrongType = await patchCriterion(a.id, '1.1', {
      marks: { '1.a': 'Đạt' },
      version: c.version,
    });
    expect(wrongType.statusCode).toBe(400);
    const noVersion = await patchCriterion(a.id, '1.1', { strengths: 'x' });
    expect(noVersion.statusCode).toBe(400);
    const badAssignee = await patchCriterion(a.id, '1.1', {
      assignee: { memberId: 'khong-co', groupId: null },
      version: c.version,
    });
    expect(badAssignee.statusCode).toBe(400);
    expect(badAssignee.json().error.message).toContain('thành viên hội đồng');
  });

  it('computes levels from marks, and what-if changes them without saving', async () => {
    const a = await create('2022-2023');
    const c = criterionOf(a, '1.1');
    const marks = allMet('TT17', '1.1', 1);
    const saved = await patchCriterion(a.id, '1.1', { marks, version: c.version });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await get(a.id);
    // Mức 2 is not marked yet: the level is undecided, Mức 1 certain.
    expect(after.results.criteria['1.1']?.level).toBeNull();
    expect(after.results.criteria['1.1']?.atLeast).toBe(1);

    const whatIf = ok<AssessmentDetail['results']>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/what-if`,
        payload: { criteria: { '1.2': allMet('TT17', '1.2', 3) } },
      }),
    );
    expect(whatIf.criteria['1.2']?.level).toBe(whatIf.criteria['1.2']?.maxLevel);
    expect((await get(a.id)).results.criteria['1.2']?.level).not.toBe(
      whatIf.criteria['1.2']?.maxLevel,
    );
    const bad = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/assessments/${a.id}/what-if`,
      payload: { criteria: { '9.9': { '1': true } } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps Mức 2 of a TT57 criterion locked until Mức 1 is Đạt, and asks for evidence', async () => {
    const a = await create('2033-2034');
    const c = criterionOf(a, '1.1');
    const early = await patchCriterion(a.id, '1.1', {
      marks: { '2': true },
      levelDescriptions: { '2': 'Đạt yêu cầu (MC.1.1.01)' },
      version: c.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('Mức 1');

    // TT57 has Mức 1 and Mức 2 only: a Mức 3 description was stored, shown nowhere.
    const level3 = await patchCriterion(a.id, '1.1', {
      levelDescriptions: { '1': 'Mô tả', '3': 'Mức ba' },
      version: c.version,
    });
    expect(level3.statusCode).toBe(400);
    expect(level3.json().error.message).toContain('Tiêu chí 1.1 không có Mức 3 trong TT57-PT');

    const noEvidence = await patchCriterion(a.id, '1.1', {
      marks: { '1': true },
      levelDescriptions: { '1': 'Nhà trường đạt yêu cầu' },
      version: c.version,
    });
    expect(noEvidence.statusCode).toBe(409);
    expect(noEvidence.json().error.message).toContain('minh chứng');

    // A code the evidence list does not hold does not count; one it holds does.
    await addEvidence(a.id, 'MC.1.1.01', '1.1');
    const unknownCode = await patchCriterion(a.id, '1.1', {
      marks: { '1': true },
      levelDescriptions: { '1': 'Nhà trường đạt yêu cầu (MC.1.1.09)' },
      version: c.version,
    });
    expect(unknownCode.statusCode).toBe(409);
    expect(unknownCode.json().error.message).toContain('chưa có trong danh mục minh chứng');
    const cited = ok<Criterion>(
      await patchCriterion(a.id, '1.1', {
        marks: { '1': true },
        levelDescriptions: { '1': 'Nhà trường đạt yêu cầu (MC.1.1.01, MC.1.1.07)' },
        version: c.version,
      }),
    );
    expect(cited.unknownEvidenceCodes).toEqual(['MC.1.1.07']);
    const withEvidence = await get(a.id);
    expect(withEvidence.evidenceSummary.total).toBe(1);
    expect(withEvidence.evidenceSummary.byCriterion['1.1']).toBe(1);

    const off = await call(app(), t.principal, {
      method: 'PUT',
      url: `/api/assessments/${a.id}/settings`,
      payload: { settings: { requireEvidenceForMet: false }, version: a.version },
    });
    expect(off.statusCode, off.body).toBe(200);
    const met = await patchCriterion(a.id, '1.1', {
      marks: { '1': true },
      levelDescriptions: { '1': 'Nhà trường đạt yêu cầu' },
      version: cited.version,
    });
    expect(met.statusCode, met.body).toBe(200);
    const level2 = await patchCriterion(a.id, '1.1', {
      marks: { '1': true, '2': true },
      version: met.json().version,
    });
    expect(level2.statusCode, level2.body).toBe(200);
  });

  it('versions each indicator on its own: different indicators both save, the same one gets 409', async () => {
    const a = await create('2018-2019');
    expect(a.frameworkCode).toBe('TT17');
    const start = criterionOf(a, '1.1').version;
    // Two council members open criterion 1.1 at the same version and mark different indicators.
    const first = await patchCriterion(a.id, '1.1', { marks: { '1.a': true }, version: start });
    expect(first.statusCode, first.body).toBe(200);
    const second = await patchCriterion(
      a.id,
      '1.1',
      { marks: { '1.b': false }, version: start },
      council,
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().marks).toEqual({ '1.a': true, '1.b': false });
    expect(criterionOf(await get(a.id), '1.1').marks).toEqual({ '1.a': true, '1.b': false });

    // The same indicator, from the same start: 409 with the current criterion, nothing changed.
    const same = await patchCriterion(a.id, '1.1', { marks: { '1.a': false }, version: start });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.details.current.criterionCode).toBe('1.1');
    expect(same.json().error.details.current.marks).toEqual({ '1.a': true, '1.b': false });
    expect(same.json().error.details.current.version).toBe(second.json().version);
    expect(criterionOf(await get(a.id), '1.1').marks).toEqual({ '1.a': true, '1.b': false });

    // null unmarks one indicator (chưa đánh giá); the others keep their marks.
    const unmarked = ok<Criterion>(
      await patchCriterion(a.id, '1.1', {
        marks: { '1.a': null },
        version: second.json().version,
      }),
    );
    expect(unmarked.marks).toEqual({ '1.b': false });
    // A mark of a key the criterion does not have is refused, null or not.
    const unknown = await patchCriterion(a.id, '1.1', {
      marks: { '1.z': null },
      version: unmarked.version,
    });
    expect(unknown.statusCode).toBe(400);

    // A row whose marks were saved whole before per-mark versions: its "marks" version still
    // guards every indicator for a save started before it, and not for one started after it.
    await t.ctx.database.db
      .updateTable('assessment_criteria')
      .set({ field_versions_json: JSON.stringify({ marks: unmarked.version }) })
      .where('assessment_id', '=', a.id)
      .where('criterion_code', '=', '1.1')
      .execute();
    const older = await patchCriterion(a.id, '1.1', {
      marks: { '1.c': true },
      version: unmarked.version - 1,
    });
    expect(older.statusCode).toBe(409);
    const newer = ok<Criterion>(
      await patchCriterion(a.id, '1.1', { marks: { '1.c': true }, version: unmarked.version }),
    );
    expect(newer.marks).toEqual({ '1.b': false, '1.c': true });
  });

  it('decides the TT57 Mức 2 lock on the merged marks, and keeps Mức 1 Đạt while Mức 2 is marked', async () => {
    const a = await create('2045-2046');
    expect(a.regime).toBe('2026');
    const off = await call(app(), t.principal, {
      method: 'PUT',
      url: `/api/assessments/${a.id}/settings`,
      payload: { settings: { requireEvidenceForMet: false }, version: a.version },
    });
    expect(off.statusCode, off.body).toBe(200);
    const start = criterionOf(a, '1.1').version;

    // Mức 2 alone, nothing stored at Mức 1: still locked.
    const early = await patchCriterion(a.id, '1.1', { marks: { '2': true }, version: start });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.reason).toBe('mark_refused');
    expect(early.json().error.message).toContain('Mức 2 chỉ được xét khi Mức 1 đã Đạt');

    // One member marks Mức 1 Đạt; another, from the same start, marks Mức 2: judged on the
    // merged marks (Mức 1 is Đạt by then), so it is accepted.
    const level1 = await patchCriterion(a.id, '1.1', { marks: { '1': true }, version: start });
    expect(level1.statusCode, level1.body).toBe(200);
    const level2 = ok<Criterion>(
      await patchCriterion(a.id, '1.1', { marks: { '2': false }, version: start }, council),
    );
    expect(level2.marks).toEqual({ '1': true, '2': false });

    // Leaving Mức 1 Đạt while Mức 2 keeps a mark is refused, unmarked or Không đạt alike.
    for (const value of [null, false]) {
      const leave = await patchCriterion(a.id, '1.1', {
        marks: { '1': value },
        version: level2.version,
      });
      expect(leave.statusCode).toBe(409);
      expect(leave.json().error.details.reason).toBe('mark_refused');
      expect(leave.json().error.message).toContain('hãy bỏ đánh giá Mức 2 trước');
    }
    expect(criterionOf(await get(a.id), '1.1').marks).toEqual({ '1': true, '2': false });

    // Both together (or Mức 2 first) is fine.
    const cleared = ok<Criterion>(
      await patchCriterion(a.id, '1.1', {
        marks: { '1': null, '2': null },
        version: level2.version,
      }),
    );
    expect(cleared.marks).toEqual({});
  });

  it('starts from last year: carried fields listed until edited, texts mapped across regimes', async () => {
    const last = await create('2024-2025');
    const c = criterionOf(last, '1.1');
    ok(
      await patchCriterion(last.id, '1.1', {
        marks: allMet('TT17', '1.1', 1),
        description: 'Nhà trường có phương hướng chiến lược [H1-1.1-01]',
        strengths: 'Điểm mạnh năm trước',
        version: c.version,
      }),
    );
    ok(
      await call(app(), t.principal, {
        method: 'PATCH',
        url: `/api/assessments/${last.id}/report`,
        payload: { report: { context: 'Bối cảnh năm trước' }, version: last.version },
      }),
    );
    await addEvidence(last.id, '[H1-1.1-01]', '1.1');
    const next = await create('2025-2026', { carryFrom: 'previous' });
    // The evidence list comes along (the evidence module's carryEvidence).
    expect((next.carryOver as { evidence: { carried: number } }).evidence.carried).toBe(1);
    expect(next.evidenceSummary.byCriterion['1.1']).toBe(1);
    const carried = criterionOf(next, '1.1');
    expect(carried.strengths).toBe('Điểm mạnh năm trước');
    expect(carried.marks).toEqual(allMet('TT17', '1.1', 1));
    expect(carried.carriedFields).toEqual(
      expect.arrayContaining(['marks', 'description', 'strengths']),
    );
    expect(next.report.context).toBe('Bối cảnh năm trước');
    expect(next.carriedFields).toContain('report.context');
    expect(next.carriedFromAssessmentId).toBe(last.id);
    const edited = ok<Criterion>(
      await patchCriterion(next.id, '1.1', { strengths: 'Mới', version: carried.version }),
    );
    expect(edited.carriedFields).not.toContain('strengths');
    expect(edited.carriedFields).toContain('marks');

    // 2025-2026 (TT17) → 2026-2027 (TT57-PT): texts through the criterion mapping.
    const tt57 = await create('2026-2027', { carryFrom: 'previous' });
    const report = tt57.carryOver as {
      regimeChange: { from: string; to: string } | null;
      carriedCriteria: { from: string; to: string }[];
      unmapped: { criterionCode: string }[];
    };
    expect(report.regimeChange).toEqual({ from: 'TT17', to: 'TT57-PT' });
    const evidence = (
      tt57.carryOver as {
        evidence: { carried: number; converted: unknown[]; notCarried: unknown[] };
      }
    ).evidence;
    expect(evidence.carried + evidence.notCarried.length).toBe(1);
    const mapped = report.carriedCriteria.find((m) => m.from === '1.1');
    expect(mapped).toBeDefined();
    const target = criterionOf(tt57, mapped?.to ?? '');
    expect(Object.keys(target.marks)).toEqual([]);
    expect(target.strengths).toContain('Mới');
    expect(target.levelDescriptions['1']).toContain('phương hướng chiến lược');
    // The converted evidence is still cited by the carried text, under its TT57 code (the text
    // kept the 2018 code, which the new assessment no longer has: an "unknown code").
    const converted = evidence.converted as { previousCode: string; code: string }[];
    expect(converted).toEqual([{ previousCode: '[H1-1.1-01]', code: 'MC.1.1.01' }]);
    // (the core's rewriting: a 2018 bracket of converted codes becomes a TT57 citation)
    expect(target.levelDescriptions['1']).toBe('Nhà trường có phương hướng chiến lược (MC.1.1.01)');
    expect(target.unknownEvidenceCodes).toEqual([]);
    // The criterion's history reaches across the regime change through the mapping.
    const history = ok<{ items: { schoolYear: string; criterionCode: string }[] }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${tt57.id}/criteria/${mapped?.to}/history`,
      }),
    );
    expect(history.items.map((i) => i.schoolYear)).toEqual(
      expect.arrayContaining(['2026-2027', '2025-2026', '2024-2025']),
    );
    expect(history.items.find((i) => i.schoolYear === '2025-2026')?.criterionCode).toBe('1.1');
    expect(report.carriedCriteria.length + report.unmapped.length).toBe(
      frameworks.TT17?.standards.flatMap((s) => s.criteria).length,
    );
  });

  it('lifecycle: only the principal approves; approved content is sealed and frozen; revisions copy it', async () => {
    const a = await create('2023-2024');
    const c = criterionOf(a, '1.1');
    ok(await patchCriterion(a.id, '1.1', { strengths: 'Được niêm phong', version: c.version }));
    const evidenceId = await addEvidence(a.id, '[H1-1.1-01]', '1.1');
    const current = await get(a.id);
    const byCouncil = await call(app(), council, {
      method: 'POST',
      url: `/api/assessments/${a.id}/approve`,
      payload: { version: current.version },
    });
    expect(byCouncil.statusCode).toBe(403);
    expect(byCouncil.json().error.message).toContain('hiệu trưởng');
    const submitted = ok<AssessmentDetail>(
      await call(app(), council, {
        method: 'POST',
        url: `/api/assessments/${a.id}/submit`,
        payload: { version: current.version },
      }),
    );
    expect(submitted.status).toBe('submitted');
    // Staff read only the approved assessment.
    expect(
      (await call(app(), staff, { method: 'GET', url: `/api/assessments/${a.id}` })).statusCode,
    ).toBe(404);
    const approved = ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/approve`,
        payload: { version: submitted.version },
      }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await get(a.id, staff)).criteria.length).toBeGreaterThan(0);
    const listed = ok<{ items: { id: string; status: string }[] }>(
      await call(app(), staff, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/assessments`,
      }),
    );
    expect(listed.items.every((i) => i.status === 'approved')).toBe(true);
    expect(listed.items.map((i) => i.id)).toContain(a.id);

    const frozen = await patchCriterion(a.id, '1.1', {
      strengths: 'Sửa sau phê duyệt',
      version: criterionOf(approved, '1.1').version,
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('đã được phê duyệt');

    const integrity = async () =>
      ok<{ status: string; differences: string[] }>(
        await call(app(), t.principal, {
          method: 'GET',
          url: `/api/assessments/${a.id}/integrity`,
        }),
      );
    expect((await integrity()).status).toBe('intact');
    const db = t.ctx.database.db;
    await db
      .updateTable('assessment_criteria')
      .set({ strengths: 'Sửa thẳng vào cơ sở dữ liệu' })
      .where('assessment_id', '=', a.id)
      .where('criterion_code', '=', '1.1')
      .execute();
    const tampered = await integrity();
    expect(tampered.status).toBe('tampered');
    expect(tampered.differences.some((d) => d.includes('strengths'))).toBe(true);
    await db
      .updateTable('assessment_criteria')
      .set({ strengths: 'Được niêm phong' })
      .where('assessment_id', '=', a.id)
      .where('criterion_code', '=', '1.1')
      .execute();
    expect((await integrity()).status).toBe('intact');
    // The evidence list is sealed with the assessment.
    await db
      .updateTable('assessment_evidence')
      .set({ name: 'Tên đã bị sửa' })
      .where('id', '=', evidenceId)
      .execute();
    expect((await integrity()).status).toBe('tampered');
    await db
      .updateTable('assessment_evidence')
      .set({ name: 'Kế hoạch chiến lược' })
      .where('id', '=', evidenceId)
      .execute();
    expect((await integrity()).status).toBe('intact');

    const revision = ok<AssessmentDetail>(
      await call(app(), council, {
        method: 'POST',
        url: `/api/assessments/${a.id}/revisions`,
        payload: { reason: 'Bổ sung minh chứng' },
      }),
    );
    expect(revision.status).toBe('draft');
    expect(revision.revisionNumber).toBe(1);
    expect(criterionOf(revision, '1.1').strengths).toBe('Được niêm phong');
    // The revision copies the evidence list too.
    expect(revision.evidenceSummary.byCriterion['1.1']).toBe(1);
    const history = ok<{ items: { assessmentId: string; strengths: string }[] }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${revision.id}/criteria/1.1/history`,
      }),
    );
    expect(history.items.map((i) => i.assessmentId)).toEqual(
      expect.arrayContaining([a.id, revision.id]),
    );
  });

  it('another school’s assessment is invisible (404) to this school’s council', async () => {
    const foreign = ok<AssessmentDetail>(
      await call(app(), t.fx.adminSession, {
        method: 'POST',
        url: `/api/schools/${t.fx.foreign.schoolId}/assessments`,
        payload: { schoolYear: '2024-2025' },
      }),
    );
    for (const [method, url] of [
      ['GET', `/api/assessments/${foreign.id}`],
      ['GET', `/api/assessments/${foreign.id}/export.json`],
      ['GET', `/api/assessments/${foreign.id}/criteria/1.1/history`],
    ] as const) {
      const res = await call(app(), council, { method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.message).toContain('Không tìm thấy');
    }
  });

  it('council: members from the directory or typed, groups of members, assignee checked', async () => {
    const a = await create('2027-2028');
    const typed = {
      id: 'm1',
      personId: null,
      name: 'Trần Thị Bình',
      positionTitle: 'Hiệu trưởng',
      role: 'chu_tich',
      duty: 'Chủ tịch hội đồng',
    };
    const saved = ok<AssessmentDetail>(
      await call(app(), council, {
        method: 'PUT',
        url: `/api/assessments/${a.id}/council`,
        payload: {
          council: {
            members: [typed, { ...typed, id: 'm2', personId: t.fx.own.personId, role: 'thu_ky' }],
            groups: [{ id: 'g1', name: 'Nhóm 1', memberIds: ['m2'], duty: 'Tiêu chuẩn 1' }],
            decisionNumber: '01/QĐ-THKĐ',
            decisionDate: '02/01/2028',
          },
          version: a.version,
        },
      }),
    );
    // TT57: fewer than five members is a warning, never a refusal.
    expect(saved.councilWarnings.length).toBeGreaterThan(0);
    // Different parts from one version both save; the same part from a stale version → 409.
    const report = await call(app(), t.principal, {
      method: 'PATCH',
      url: `/api/assessments/${a.id}/report`,
      payload: { report: { conclusion: 'Kết luận chung' }, version: a.version },
    });
    expect(report.statusCode, report.body).toBe(200);
    const staleCouncil = await call(app(), t.principal, {
      method: 'PUT',
      url: `/api/assessments/${a.id}/council`,
      payload: { council: { ...saved.council, decisionNumber: '02/QĐ' }, version: a.version },
    });
    expect(staleCouncil.statusCode).toBe(409);
    expect(staleCouncil.json().error.details.current.council.decisionNumber).toBe('01/QĐ-THKĐ');
    const stranger = await call(app(), council, {
      method: 'PUT',
      url: `/api/assessments/${a.id}/council`,
      payload: {
        council: { ...saved.council, members: [{ ...typed, personId: t.fx.foreign.personId }] },
        version: saved.version,
      },
    });
    expect(stranger.statusCode).toBe(400);
    const c = criterionOf(saved, '1.1');
    const assigned = ok<Criterion>(
      await patchCriterion(a.id, '1.1', {
        assignee: { memberId: null, groupId: 'g1' },
        version: c.version,
      }),
    );
    expect(assigned.assigneeGroupId).toBe('g1');
  });

  it('proposes plan rows into the draft plan of the year, linked to the assessment', async () => {
    const a = await create('2028-2029');
    const none = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/assessments/${a.id}/plan-rows`,
      payload: { dryRun: true },
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('hãy tạo kế hoạch trước');
    const c = criterionOf(a, '1.1');
    ok(
      await patchCriterion(a.id, '1.1', {
        weaknesses: 'Chưa có kế hoạch chiến lược',
        version: c.version,
      }),
    );
    const plan = await t.createPlan('2028-2029');
    const preview = ok<{ rows: { criterionCode: string; rowId: string | null }[] }>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/plan-rows`,
        payload: { dryRun: true },
      }),
    );
    expect(preview.rows.map((r) => r.criterionCode)).toContain('1.1');
    // The plan check "weak criterion with no row" is live: it reads this assessment.
    const checks = ok<{ checks: { code: string; message: string }[] }>(
      await call(app(), t.principal, { method: 'GET', url: `/api/plans/${plan.id}/checks` }),
    );
    const weak = checks.checks.filter((c) => c.code === 'plan.weak_criterion_without_row');
    expect(weak.map((c) => c.message).join('\n')).toContain('Tiêu chí 1.1');
    expect(preview.rows.every((r) => r.rowId === null)).toBe(true);
    expect((await t.getPlan(plan.id)).rows).toHaveLength(0);
    const applied = ok<{ rows: { criterionCode: string; rowId: string | null }[] }>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/plan-rows`,
        payload: { dryRun: false, criterionCodes: ['1.1'] },
      }),
    );
    expect(applied.rows).toHaveLength(1);
    const rows = await t.ctx.database.db
      .selectFrom('plan_rows')
      .select(['criterion_code', 'source_assessment_id'])
      .where('plan_id', '=', plan.id)
      .execute();
    expect(rows).toEqual([{ criterion_code: '1.1', source_assessment_id: a.id }]);
    const after = ok<{ checks: { code: string; message: string }[] }>(
      await call(app(), t.principal, { method: 'GET', url: `/api/plans/${plan.id}/checks` }),
    );
    expect(
      after.checks.filter(
        (c) => c.code === 'plan.weak_criterion_without_row' && c.message.includes('Tiêu chí 1.1 '),
      ),
    ).toEqual([]);
    const again = ok<{ rows: unknown[]; skipped: { criterionCode: string }[] }>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/plan-rows`,
        payload: { dryRun: true, criterionCodes: ['1.1'] },
      }),
    );
    expect(again.rows).toEqual([]);
    expect(again.skipped.map((s) => s.criterionCode)).toEqual(['1.1']);
    // A criterion the framework does not have is named, not silently ignored (was 200, nothing).
    const unknown = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/assessments/${a.id}/plan-rows`,
      payload: { dryRun: false, criterionCodes: ['1.1', '9.9'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('Không có tiêu chí “9.9” trong');
    expect((await t.getPlan(plan.id)).rows).toHaveLength(1);
    const basis = ok<{ latestAssessmentId: string | null; approvedAssessmentId: string | null }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/plans/${plan.id}/assessment-basis`,
      }),
    );
    expect(basis.latestAssessmentId).toBe(a.id);
    expect(basis.approvedAssessmentId).toBeNull();
  });

  it('gives the plan its Căn cứ and summary counts from the approved assessment', async () => {
    const a = await create('2035-2036');
    const plan = await t.createPlan('2035-2036');
    const basisOf = async (as: TestSession) =>
      ok<{
        approvedAssessmentId: string | null;
        approvedSchoolYear: string | null;
        basisLines: string[];
        summary: string[];
        latestAssessmentId: string | null;
      }>(
        await call(app(), as, {
          method: 'GET',
          url: `/api/plans/${plan.id}/assessment-basis`,
        }),
      );
    const draft = await basisOf(t.principal);
    expect(draft.approvedAssessmentId).toBeNull();
    expect(draft.basisLines).toEqual([]);
    ok(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${a.id}/approve`,
        payload: { version: a.version },
      }),
    );
    const approved = await basisOf(t.principal);
    expect(approved.approvedAssessmentId).toBe(a.id);
    expect(approved.basisLines[0]).toContain('Căn cứ báo cáo tự đánh giá năm học 2035-2036');
    expect(approved.summary.length).toBeGreaterThan(0);
    expect(approved.approvedSchoolYear).toBe('2035-2036');
    expect(approved.basisLines.slice(2)).toEqual(approved.summary.map((line) => `- ${line}`));
  });

  it('exports and imports the interchange JSON', async () => {
    const a = await create('2029-2030');
    const c = criterionOf(a, '1.1');
    ok(
      await patchCriterion(a.id, '1.1', {
        levelDescriptions: { '1': 'Mô tả\nhai dòng  giữ nguyên' },
        version: c.version,
      }),
    );
    const doc = ok<{ formatVersion: number; assessment: Record<string, unknown> }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${a.id}/export.json`,
      }),
    );
    expect(doc.formatVersion).toBe(1);
    const imported = ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments/import-json`,
        payload: { ...doc, assessment: { ...doc.assessment, schoolYear: '2030-2031' } },
      }),
    );
    expect(criterionOf(imported, '1.1').levelDescriptions['1']).toBe('Mô tả\nhai dòng  giữ nguyên');
    const broken = await call(app(), t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/assessments/import-json`,
      payload: { ...doc, formatVersion: 9 },
    });
    expect(broken.statusCode).toBe(400);
  });

  it('refuses an interchange file naming parts the framework does not have, never dropping them', async () => {
    // Texts as typed: NFD and NFC diacritics, CRLF and LF, edge spaces, emoji.
    const typed = ' Tie\u0302\u0301ng Việt\r\ndòng 2\n  🎉👨‍👩‍👧 ';
    const a = await create('2040-2041', {
      frameworkCode: 'TT17',
      frameworkReason: 'Thử nghiệm tệp trao đổi',
    });
    const c = criterionOf(a, '1.1');
    ok(await patchCriterion(a.id, '1.1', { strengths: typed, version: c.version }));
    const evidence = async (name: string, criterionCodes: string[]) =>
      ok<{ id: string; code: string }>(
        await call(app(), t.principal, {
          method: 'POST',
          url: `/api/assessments/${a.id}/evidence`,
          payload: { name, criterionCodes },
        }),
      );
    const kept = await evidence(typed, ['1.1', '1.2']);
    const uncited = await evidence('Biên bản không còn dùng', ['1.2']);
    ok(
      await call(app(), t.principal, {
        method: 'DELETE',
        url: `/api/assessments/${a.id}/evidence/${uncited.id}/citations/1.2`,
      }),
    );
    const doc = ok<{
      assessment: Record<string, unknown>;
      standards: { standardCode: string }[];
      criteria: { criterionCode: string; levelDescriptions: Record<string, string> }[];
      level4: { key: string }[];
      evidence: { code: string; primaryCriterionCode: string; criterionCodes: string[] }[];
    }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${a.id}/export.json`,
      }),
    );
    const importAs = (schoolYear: string, changes: Record<string, unknown>) =>
      call(app(), t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments/import-json`,
        payload: { ...doc, assessment: { ...doc.assessment, schoolYear }, ...changes },
      });
    const first = doc.evidence.find((e) => e.code === kept.code);
    if (!first) throw new Error('evidence not exported');
    const refused = [
      // The same code twice: was a 409 "the school already has an assessment of this year".
      [{ evidence: [first, first] }, 'mã minh chứng bị trùng: “[H1-1.1-01]”'],
      // Cited by a criterion TT17 does not have: was imported as is.
      [
        { evidence: [{ ...first, criterionCodes: ['1.1', '9.9'] }] },
        'minh chứng được tiêu chí không thuộc TT17 sử dụng: “9.9”',
      ],
      // A standard or a Mức 4 item TT17 does not have: was dropped without a word.
      [
        { standards: [...doc.standards, { ...doc.standards[0], standardCode: '9' }] },
        'tiêu chuẩn không thuộc TT17: “9”',
      ],
      [
        { level4: [...doc.level4, { key: 'zz', met: true, description: 'Mục lạ' }] },
        'mục Mức 4 không thuộc TT17: “zz”',
      ],
      // A description of a level that does not exist (the save refuses it; the import kept it).
      [
        {
          criteria: doc.criteria.map((k) =>
            k.criterionCode === '1.1' ? { ...k, levelDescriptions: { '7': 'Mức bảy' } } : k,
          ),
        },
        'mô tả của mức không có trong TT17: “7”',
      ],
    ] as const;
    for (const [changes, message] of refused) {
      const res = await importAs('2041-2042', changes);
      expect(res.statusCode, JSON.stringify(changes).slice(0, 80)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    const none = ok<{ items: unknown[] }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/assessments?schoolYear=2041-2042`,
      }),
    );
    expect(none.items).toEqual([]);

    // A criterion named twice in one evidence's citations cites it once; an uncited evidence and
    // every text come back byte for byte.
    const imported = ok<AssessmentDetail>(
      await importAs('2041-2042', {
        evidence: doc.evidence.map((e) =>
          e.code === kept.code ? { ...e, criterionCodes: ['1.1', '1.2', '1.1'] } : e,
        ),
      }),
    );
    expect(criterionOf(imported, '1.1').strengths).toBe(typed);
    const list = ok<{ items: { code: string; name: string; criterionCodes: string[] }[] }>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${imported.id}/evidence`,
      }),
    );
    expect(list.items.map((e) => [e.code, e.name, e.criterionCodes])).toEqual([
      [kept.code, typed, ['1.1', '1.2']],
      [uncited.code, 'Biên bản không còn dùng', []],
    ]);
  });

  it('two simultaneous "propose plan rows" add each weak criterion’s row once', async () => {
    const a = await create('2042-2043');
    const plan = await t.createPlan('2042-2043');
    const propose = (as: TestSession) =>
      call(app(), as, {
        method: 'POST',
        url: `/api/assessments/${a.id}/plan-rows`,
        payload: { dryRun: false },
      });
    // On PostgreSQL both read "no row yet" and both added every row (duplicates).
    const answers = await Promise.all([
      propose(t.principal),
      propose(council),
      propose(t.principal),
    ]);
    const added = answers.map((r) => ok<{ rows: { criterionCode: string | null }[] }>(r).rows);
    const rows = (await t.getPlan(plan.id)).rows.map((r) => r.criterionCode);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows).size).toBe(rows.length);
    expect(added.flat()).toHaveLength(rows.length);
  });
});
