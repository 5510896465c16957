import { describe, expect, it } from 'vitest';
import {
  findFrameworkVersion,
  listCriteria,
  loadFrameworkCatalogue,
} from '../frameworks/catalogue.ts';
import type { FrameworkDefinition } from '../frameworks/framework.types.ts';
import { checkPlan } from '../plans/plan-checks.ts';
import { computeAssessmentResults, indicatorMarkKey } from './assessment-levels.ts';
import {
  assessmentBasisLines,
  checkCouncil,
  markRefusal,
  proposePlanRows,
  weakCriteria,
} from './assessment-rules.ts';
import {
  DEFAULT_ASSESSMENT_SETTINGS,
  type AssessmentCouncil,
  type CouncilRole,
  type CriterionAssessment,
  type CriterionMarks,
} from './assessment.types.ts';

const catalogue = loadFrameworkCatalogue();
function framework(id: string): FrameworkDefinition {
  const found = findFrameworkVersion(catalogue, id);
  if (!found) throw new Error(`no framework ${id}`);
  return found;
}

function council(roles: CouncilRole[]): AssessmentCouncil {
  return {
    members: roles.map((role, i) => ({
      id: `m${i}`,
      personId: null,
      name: `Thành viên ${i + 1}`,
      positionTitle: 'Giáo viên',
      role,
      duty: '',
    })),
    groups: [],
    decisionNumber: '01/QĐ-THKĐ',
    decisionDate: '02/01/2026',
  };
}

describe('checkCouncil', () => {
  const good57: CouncilRole[] = ['chu_tich', 'pho_chu_tich', 'thu_ky', 'uy_vien', 'uy_vien'];
  const good2018: CouncilRole[] = [...good57, 'uy_vien', 'uy_vien'];

  it.each<[string, '2018' | '2026', CouncilRole[], string[]]>([
    ['TT57, 5 members', '2026', good57, []],
    ['TT57, 4 members', '2026', good57.slice(0, 4), ['council.too_small', 'council.even']],
    ['TT57, 6 members', '2026', [...good57, 'uy_vien'], ['council.even']],
    [
      'TT57, two chủ tịch',
      '2026',
      ['chu_tich', 'chu_tich', 'thu_ky', 'uy_vien', 'uy_vien'],
      ['council.chu_tich_count'],
    ],
    [
      'TT57, no thư ký',
      '2026',
      ['chu_tich', 'uy_vien', 'uy_vien', 'uy_vien', 'uy_vien'],
      ['council.thu_ky_count'],
    ],
    ['2018, 7 members', '2018', good2018, []],
    ['2018, 6 members (even is fine)', '2018', good2018.slice(0, 6), ['council.too_small']],
    ['2018, two thư ký', '2018', [...good2018, 'thu_ky'], ['council.thu_ky_count']],
  ])('%s', (_name, regime, roles, codes) => {
    expect(checkCouncil(regime, council(roles)).map((w) => w.code)).toEqual(codes);
  });

  it('speaks Vietnamese and names the rule', () => {
    const [w] = checkCouncil('2026', council(['chu_tich', 'thu_ky', 'uy_vien']));
    expect(w?.message).toBe(
      'Hội đồng tự đánh giá có 3 thành viên, cần ít nhất 5 (Điều 9 Thông tư 57/2026).',
    );
  });

  it('warns about working groups naming people outside the council', () => {
    const c = council(good57);
    c.groups = [{ id: 'g1', name: 'Nhóm 1', memberIds: ['m0', 'x9'], duty: '' }];
    expect(checkCouncil('2026', c).map((w) => w.message)).toEqual([
      'Nhóm công tác “Nhóm 1” có 1 người không phải thành viên hội đồng.',
    ]);
  });
});

describe('markRefusal', () => {
  const base = {
    regime: '2026' as const,
    settings: DEFAULT_ASSESSMENT_SETTINGS,
    marks: {} as CriterionMarks,
    levelDescription: 'Nhà trường có kế hoạch phát triển (MC.1.1.01).',
  };

  it.each<[string, Partial<Parameters<typeof markRefusal>[0]>, string | null]>([
    ['Mức 1 Đạt with a cited code', { level: 1 }, null],
    [
      'Mức 1 Đạt without a code',
      { level: 1, levelDescription: 'Nhà trường có kế hoạch.' },
      'cần trích dẫn ít nhất một mã minh chứng',
    ],
    [
      'Mức 1 Đạt citing a 2018 code only',
      { level: 1, levelDescription: 'Có kế hoạch [H1-1.1-01].' },
      'cần trích dẫn',
    ],
    ['Mức 1 Không đạt without a code', { level: 1, value: false, levelDescription: '' }, null],
    [
      'setting off',
      { level: 1, levelDescription: '', settings: { requireEvidenceForMet: false } },
      null,
    ],
    ['Mức 2 before Mức 1', { level: 2 }, 'Mức 2 chỉ được xét khi Mức 1 đã Đạt'],
    [
      'Mức 2 Không đạt before Mức 1',
      { level: 2, value: false, marks: { '1': false } },
      'Mức 2 chỉ được xét',
    ],
    ['Mức 2 after Mức 1', { level: 2, marks: { '1': true } }, null],
    ['clearing Mức 2', { level: 2, value: null }, null],
    [
      'unmarking Mức 1 while Mức 2 is Đạt',
      { level: 1, value: null, marks: { '2': true } },
      'Chưa thể bỏ Đạt ở Mức 1 khi Mức 2 đã được đánh giá',
    ],
    [
      'Mức 1 Không đạt while Mức 2 is Không đạt',
      { level: 1, value: false, marks: { '1': false, '2': false } },
      'hãy bỏ đánh giá Mức 2 trước',
    ],
    ['unmarking Mức 1 and Mức 2 together', { level: 1, value: null, marks: {} }, null],
    [
      'unknown code only',
      { level: 1, knownCodes: ['MC.1.1.02'] },
      'MC.1.1.01 chưa có trong danh mục',
    ],
    ['known code', { level: 1, knownCodes: ['MC.1.1.01'] }, null],
    ['Mức 3', { level: 3 }, 'chỉ có Mức 1 và Mức 2'],
    ['2018 indicator', { regime: '2018', level: '2.a', levelDescription: '' }, null],
  ])('%s', (_name, over, expected) => {
    const refusal = markRefusal({ ...base, level: 1, ...over });
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(expected);
  });
});

function assessment(
  f: FrameworkDefinition,
  code: string,
  marks: CriterionMarks,
  texts: Partial<CriterionAssessment['texts']> = {},
): CriterionAssessment {
  return {
    criterionCode: code,
    standardCode: code.split('.')[0]!,
    marks,
    texts: {
      description: '',
      levelDescriptions: {},
      strengths: '',
      weaknesses: '',
      improvementPlan: '',
      ...texts,
    },
    assigneeMemberId: null,
    assigneeGroupId: null,
    carriedFields: [],
  };
}

/** Every indicator in force up to `level` met. */
function marksUpTo(f: FrameworkDefinition, code: string, level: number): CriterionMarks {
  const c = listCriteria(f).find((x) => x.code === code)!;
  return Object.fromEntries(
    c.indicators
      .filter((i) => i.repealed === null && i.level <= level)
      .map((i) => [indicatorMarkKey(i), true]),
  );
}

describe('weak criteria and proposed plan rows (TT17)', () => {
  const f = framework('TT17@1');
  const criteria = listCriteria(f).map((c) => assessment(f, c.code, marksUpTo(f, c.code, 3)));
  // 1.3 stops at Mức 1 (Mức 2 Không đạt); 2.1 at its top but with weaknesses; 1.2 has no Mức 3.
  const c13 = criteria.find((c) => c.criterionCode === '1.3')!;
  c13.marks = { ...marksUpTo(f, '1.3', 1), '2.a': false };
  c13.texts.improvementPlan = 'Năm học 2025-2026, hiệu trưởng chỉ đạo rà soát hồ sơ.';
  const c21 = criteria.find((c) => c.criterionCode === '2.1')!;
  c21.texts.weaknesses = 'Một số giáo viên chưa chủ động đổi mới phương pháp.';
  const level4 = f.level4Items.map((item, i) => ({ key: item.key, met: i !== 2, description: '' }));
  const results = computeAssessmentResults(f, { criteria, level4: level4.map((l) => l.met) });

  it('names the weak criteria with their reason, in order', () => {
    expect(weakCriteria(f, results, criteria)).toEqual([
      {
        criterionCode: '1.3',
        reason:
          'Tiêu chí 1.3: đạt Mức 1, chưa đạt Mức 2 (mức cao nhất của tiêu chí là Mức 3); có kế hoạch cải tiến của tiêu chí.',
      },
      { criterionCode: '2.1', reason: 'Tiêu chí 2.1: có điểm yếu được nêu.' },
    ]);
  });

  it('proposes one row per weak criterion, skipping those with rows, and the unmet Mức 4 item', () => {
    const rows = proposePlanRows({
      framework: f,
      regime: '2018',
      criteria,
      results,
      level4,
      existing: [],
    });
    expect(rows.map((r) => [r.group, r.criterionCode, r.level4Key, r.target])).toEqual([
      ['levels_1_3', '1.3', null, 'Đạt Mức 2'],
      ['levels_1_3', '2.1', null, 'Giữ vững Mức 3'],
      ['level_4', null, '3', expect.stringContaining('Đạt yêu cầu Mức 4 thứ 3')],
    ]);
    const [r13, r21] = rows;
    const level2 = listCriteria(f)
      .find((c) => c.code === '1.3')!
      .indicators.filter((i) => i.level === 2);
    expect(level2.map((i) => i.key)).toEqual(['a', 'b']);
    const text2 = level2.map((i) => `Mức 2 ${i.key}) ${i.text}`).join('\n');
    expect(r13).toMatchObject({
      standardCode: '1',
      content: 'Năm học 2025-2026, hiệu trưởng chỉ đạo rà soát hồ sơ.',
      currentState: `Chưa đạt: ${text2}`,
    });
    expect(r21?.currentState).toBe('Một số giáo viên chưa chủ động đổi mới phương pháp.');
    const again = proposePlanRows({
      framework: f,
      regime: '2018',
      criteria,
      results,
      level4,
      existing: [
        { criterionCode: '1.3', level4Key: null },
        { criterionCode: null, level4Key: '3' },
      ],
    });
    expect(again.map((r) => r.criterionCode)).toEqual(['2.1']);
  });

  it('feeds the plan check: a weak criterion without a row is warned about', () => {
    const weak = weakCriteria(f, results, criteria);
    const { checks } = checkPlan({
      regime: '2018',
      framework: f,
      rows: [],
      reviewRoundCount: 0,
      schoolYear: '2025-2026',
      layout: 'A',
      weakCriteria: weak,
    });
    expect(
      checks.filter((c) => c.code === 'plan.weak_criterion_without_row').map((c) => c.message),
    ).toEqual([expect.stringContaining('Tiêu chí 1.3'), expect.stringContaining('Tiêu chí 2.1')]);
  });

  it('gives the Căn cứ lines with the summary counts', () => {
    const lines = assessmentBasisLines({ schoolYear: '2025-2026', results });
    expect(lines[0]).toBe('Căn cứ báo cáo tự đánh giá năm học 2025-2026 của trường (đạt Mức 1)');
    expect(lines[1]).toBe('- Tổng số tiêu chuẩn được đánh giá: 05 tiêu chuẩn');
    expect(lines.at(-1)).toBe('- Tự đánh giá đạt mức 1');
    expect(
      assessmentBasisLines({
        schoolYear: '2024-2025',
        results,
        schoolName: 'trường THCS Pom Lót',
      })[0],
    ).toBe('Căn cứ báo cáo tự đánh giá năm học 2024-2025 của trường THCS Pom Lót (đạt Mức 1)');
  });
});

describe('proposed plan rows (TT57)', () => {
  it('proposes tt57 rows for criteria below Mức 2 and no Mức 4 rows', () => {
    const f = framework('TT57-PT');
    const criteria = listCriteria(f).map((c) =>
      assessment(
        f,
        c.code,
        c.code === '1.2' ? { '1': true, '2': false } : { '1': true, '2': true },
      ),
    );
    const results = computeAssessmentResults(f, { criteria, level4: [] });
    const rows = proposePlanRows({
      framework: f,
      regime: '2026',
      criteria,
      results,
      level4: [],
      existing: [],
    });
    expect(rows).toEqual([
      expect.objectContaining({
        group: 'tt57',
        criterionCode: '1.2',
        target: 'Đạt Mức 2',
        standardCode: '1',
      }),
    ]);
    expect(rows[0]!.currentState).toMatch(/^Chưa đạt: Mức 2: /u);
  });
});
