import { emptyPlanHeader } from '@caitien/core';
import { describe, expect, it } from 'vitest';
import {
  applyAssessmentBasis,
  assessmentBasisLinesOf,
  completeHeader,
  defaultSections,
  headerFromProfile,
  type PlanAssessmentBasis,
} from './plan-defaults.ts';

const fromProfile = headerFromProfile({
  profile: {
    governingBody: 'UBND xã Thanh Luông',
    documentSymbol: 'THTL',
    placeName: 'Thanh Luông',
  },
  schoolName: 'Trường Tiểu học Thanh Luông',
  schoolYear: '2025-2026',
  people: [
    { fullName: 'Lò Văn Cũ', position: 'Hiệu trưởng', isActive: false },
    { fullName: 'Nguyễn Thị Kim Dung', position: 'Hiệu trưởng', isActive: true },
  ],
  supervisorNames: ['UBND xã Thanh Luông'],
});

/** A header as an imported file gives it: only what the file wrote. */
const fileHeader = (over: Partial<typeof fromProfile> = {}) => ({ ...emptyPlanHeader(), ...over });

describe('headerFromProfile', () => {
  it('uses the profile and the active principal', () => {
    expect(fromProfile).toMatchObject({
      governingBody: 'UBND XÃ THANH LUÔNG',
      schoolName: 'TRƯỜNG TIỂU HỌC THANH LUÔNG',
      documentNumber: '    /KH-THTL',
      placeName: 'Thanh Luông',
      subtitle: 'Cải tiến chất lượng giáo dục năm học 2025 - 2026',
      signerName: 'Nguyễn Thị Kim Dung',
      recipients: ['UBND xã Thanh Luông (để b/c);', 'Lưu: VT.'],
    });
  });
});

describe('completeHeader', () => {
  it('keeps what the file gives and fills the rest from the profile, saying which is which', () => {
    const { header, sources } = completeHeader(
      fileHeader({
        schoolName: 'TRƯỜNG TIỂU HỌC THANH LUÔNG',
        signerName: 'Nguyễn Thị Kim Dung',
        documentNumber: '12/KH-THTL',
        recipients: ['Hội đồng TĐG;', 'Lưu: VT.'],
      }),
      fromProfile,
    );
    expect(header).toMatchObject({
      governingBody: 'UBND XÃ THANH LUÔNG',
      documentNumber: '12/KH-THTL',
      placeName: 'Thanh Luông',
      documentDate: null,
      signerPrefix: '',
      recipients: ['Hội đồng TĐG;', 'Lưu: VT.'],
    });
    expect(sources).toEqual({
      governingBody: 'profile',
      schoolName: 'file',
      documentNumber: 'file',
      placeName: 'profile',
      title: 'profile',
      subtitle: 'profile',
      signerTitle: 'profile',
      signerName: 'file',
      recipients: 'file',
    });
  });

  it('takes the profile’s symbol over a number the file left blank ("Số:    /KH-")', () => {
    const { header, sources } = completeHeader(
      fileHeader({ documentNumber: '   /KH-' }),
      fromProfile,
    );
    expect(header.documentNumber).toBe('    /KH-THTL');
    expect(sources.documentNumber).toBe('profile');
    expect(header.recipients).toEqual(fromProfile.recipients);
    expect(sources.recipients).toBe('profile');
  });

  it('reports a field neither gives as empty', () => {
    const bare = { ...fromProfile, placeName: '' };
    expect(completeHeader(fileHeader(), bare).sources.placeName).toBe('empty');
  });
});

/** Seed 001's self-assessment: TT17, Mức 3, 3 of 5 Mức 4 items, approved on 20/5/2026 (VN time). */
const seed001: PlanAssessmentBasis = {
  schoolYear: '2025-2026',
  schoolName: 'Trường Tiểu học Thanh Luông',
  // 17:30 UTC on 19/5 is already 20/5 in Vietnam.
  approvedAt: '2026-05-19T17:30:00.000Z',
  summary: [
    'Tổng số tiêu chuẩn được đánh giá: 05 tiêu chuẩn',
    'Mức 1: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 27/27, tỉ lệ 100%; tiêu chí không đạt: 0',
    'Mức 2: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 27/27, tỉ lệ 100%; tiêu chí không đạt: 0',
    'Mức 3: Tổng số 19 tiêu chí, trong đó số tiêu chí đạt 19/19, tỉ lệ 100%; tiêu chí không đạt: 0',
    'Mức 4: Tổng số 05 tiêu chí, trong đó số tiêu chí đạt 3/5, tỉ lệ 60% (tiêu chí 2, 4, 5); tiêu chí không đạt: 2/5, tỉ lệ 40% (tiêu chí 1, 3)',
    'Tự đánh giá đạt mức 3',
  ],
};

describe('assessmentBasisLinesOf', () => {
  it('names the report, its approval day in Vietnam and the results as seed 001 writes them', () => {
    expect(assessmentBasisLinesOf(seed001)).toEqual([
      'Căn cứ báo cáo tự đánh giá năm học 2025-2026 của Trường Tiểu học Thanh Luông, được phê duyệt ngày 20/05/2026;',
      'Kết quả tự đánh giá năm học 2025-2026:',
      ...seed001.summary.map((line) => `- ${line}`),
    ]);
  });

  it('says "Trường" before a bare name and leaves out an unknown approval day', () => {
    expect(
      assessmentBasisLinesOf({ ...seed001, schoolName: 'THCS Pom Lót', approvedAt: null })[0],
    ).toBe('Căn cứ báo cáo tự đánh giá năm học 2025-2026 của Trường THCS Pom Lót;');
  });
});

describe('defaultSections', () => {
  const bases = (assessment: PlanAssessmentBasis | null, regime: '2018' | '2026' = '2018') =>
    defaultSections({
      regime,
      frameworkCode: regime === '2018' ? 'TT17' : 'TT57-PT',
      schoolYear: '2026-2027',
      assessment,
    }).find((s) => s.key === 'bases')?.body ?? '';

  it('keeps the generic lines without an approved assessment', () => {
    expect(bases(null)).toContain('\nCăn cứ báo cáo tự đánh giá của nhà trường;\n');
    expect(bases(null, '2026')).toContain('\nCăn cứ báo cáo tự đánh giá năm học 2026-2027;\n');
  });

  it('cites the approved assessment and its results in both regimes', () => {
    for (const regime of ['2018', '2026'] as const) {
      const lines = bases(seed001, regime).split('\n');
      expect(lines.slice(1, 9)).toEqual(assessmentBasisLinesOf(seed001));
      expect(lines.join('\n')).not.toContain('Căn cứ báo cáo tự đánh giá của nhà trường');
    }
  });
});

describe('applyAssessmentBasis', () => {
  const sections = (body: string) => [
    {
      key: 'purpose',
      heading: 'I. MỤC ĐÍCH, YÊU CẦU',
      body: 'Khắc phục điểm yếu trong báo cáo tự đánh giá.',
    },
    { key: 'bases', heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH', body },
  ];

  it('replaces seed 001’s numbered report line and its counts, keeping every other line', () => {
    const seedBody = [
      '1. Báo cáo tự đánh giá năm học 2024-2025 của trường',
      '2. Các văn bản quy phạm pháp luật, văn bản hướng dẫn hiện hành',
      'Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/08/2018 của Bộ GD&ĐT;',
      '3. Kết quả thực hiện cải tiến chất lượng của nhà trường đã đạt được trong năm học 2024-2025;',
      '- Tổng số tiêu chuẩn được đánh giá: 05 tiêu chuẩn',
      '- Mức 1: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 26/27, tỉ lệ 96%; tiêu chí không đạt: 1',
      '- Tự đánh giá đạt mức 2',
      '4. Chủ trương, định hướng, giải pháp trọng tâm của địa phương, ngành và nhà trường',
    ].join('\n');
    const result = applyAssessmentBasis(sections(seedBody), seed001);
    const [head, ...rest] = assessmentBasisLinesOf(seed001);
    expect(result?.[1]?.body.split('\n')).toEqual([
      `1. ${head}`,
      ...rest,
      '2. Các văn bản quy phạm pháp luật, văn bản hướng dẫn hiện hành',
      'Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/08/2018 của Bộ GD&ĐT;',
      '3. Kết quả thực hiện cải tiến chất lượng của nhà trường đã đạt được trong năm học 2024-2025;',
      '4. Chủ trương, định hướng, giải pháp trọng tâm của địa phương, ngành và nhà trường',
    ]);
    // Other sections are untouched, even where they mention the report.
    expect(result?.[0]).toEqual(sections('')[0]);
    // Applying twice gives the same text.
    expect(applyAssessmentBasis(result ?? [], seed001)).toEqual(result);
  });

  it('adds the lines after the legal basis when the school removed them, and finds the section by its heading', () => {
    const result = applyAssessmentBasis(
      [
        {
          key: 'imported-2',
          heading: '2. Căn cứ xây dựng kế hoạch',
          body: 'Căn cứ Thông tư;\nCăn cứ nghị quyết của trường;',
        },
      ],
      seed001,
    );
    expect(result?.[0]?.body.split('\n')).toEqual([
      'Căn cứ Thông tư;',
      ...assessmentBasisLinesOf(seed001),
      'Căn cứ nghị quyết của trường;',
    ]);
  });

  it('answers null when the plan has no Căn cứ section', () => {
    expect(
      applyAssessmentBasis([{ key: 'purpose', heading: 'I. MỤC ĐÍCH', body: '' }], seed001),
    ).toBeNull();
  });
});
