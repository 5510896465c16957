import { describe, expect, it } from 'vitest';
import {
  activeIndicatorsAt,
  applyTitleVariant,
  countCriteria,
  findFrameworkVersion,
  formatSchoolYear,
  listCriteria,
  loadFrameworkCatalogue,
  parseFrameworkId,
  nextSchoolYear,
  normalizeSchoolYear,
  parseSchoolYear,
  regimeOfFramework,
  regimeOfSchoolYear,
  schoolYearOf,
  schoolYearStartOf,
  selectFrameworkCode,
  summariseFramework,
} from './catalogue.ts';
import type { FrameworkCriterion, FrameworkDefinition, SchoolLevel } from './framework.types.ts';
import { FRAMEWORK_CODES, FRAMEWORK_REGIMES, frameworkVersionId } from './framework.types.ts';

const catalogue = loadFrameworkCatalogue();

/**
 * The research reference the data files were generated from (`docs/reference/`, in the
 * repository). Loaded as a JSON module: core does no file I/O. A missing file fails the test.
 */
async function loadReference(file: string): Promise<unknown> {
  const url = new URL(`../../../../docs/reference/${file}`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ url, { with: { type: 'json' } })) as {
    default: unknown;
  };
  return module.default;
}

function get(id: string): FrameworkDefinition {
  const framework = findFrameworkVersion(catalogue, id);
  if (!framework) throw new Error(`no framework ${id}`);
  return framework;
}

function criterion(framework: FrameworkDefinition, code: string): FrameworkCriterion {
  const found = listCriteria(framework).find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code} in ${framework.code}`);
  return found;
}

function indicator(
  framework: FrameworkDefinition,
  code: string,
  level: number,
  key: string | null,
) {
  const found = criterion(framework, code).indicators.find(
    (i) => i.level === level && i.key === key,
  );
  if (!found) throw new Error(`no indicator ${code} Mức ${level} ${String(key)}`);
  return found;
}

describe('loadFrameworkCatalogue', () => {
  it('lists every version in a stable order', () => {
    expect(catalogue.map((f) => frameworkVersionId(f.code, f.version))).toEqual([
      'TT17@1',
      'TT17@2',
      'TT18@1',
      'TT18@2',
      'TT19@1',
      'TT19@2',
      'TT57-MN@1',
      'TT57-PT@1',
      'TT57-GDTX@1',
    ]);
  });

  it('returns fresh objects on every call', () => {
    const first = loadFrameworkCatalogue();
    const standard = first[0]?.standards[0];
    if (!standard) throw new Error('empty catalogue');
    standard.title = 'changed';
    expect(loadFrameworkCatalogue()[0]?.standards[0]?.title).toBe('Tổ chức và quản lý nhà trường');
  });

  it.each([
    ['TT17@1', 5, 27, 0, 5],
    ['TT17@2', 5, 27, 0, 5],
    ['TT18@1', 5, 28, 0, 6],
    ['TT18@2', 5, 28, 0, 6],
    ['TT19@1', 5, 25, 0, 6],
    ['TT19@2', 5, 25, 0, 6],
    ['TT57-MN@1', 4, 15, 8, 0],
    ['TT57-PT@1', 4, 15, 8, 0],
    ['TT57-GDTX@1', 4, 15, 8, 0],
  ])(
    '%s has %i standards, %i criteria, %i mandatory, %i Mức 4 items',
    (id, standards, criteria, mandatory, level4) => {
      const framework = get(id);
      expect(countCriteria(framework)).toBe(criteria);
      expect(summariseFramework(framework)).toMatchObject({
        standardCount: standards,
        criterionCount: criteria,
        mandatoryCriterionCount: mandatory,
        level4ItemCount: level4,
      });
    },
  );

  it('marks the eight TT57 mandatory criteria in every appendix', () => {
    for (const id of ['TT57-MN', 'TT57-PT', 'TT57-GDTX']) {
      const mandatory = listCriteria(get(id))
        .filter((c) => c.mandatory)
        .map((c) => c.code);
      expect(mandatory).toEqual(['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2']);
    }
    for (const id of ['TT17', 'TT18', 'TT19']) {
      expect(listCriteria(get(id)).some((c) => c.mandatory)).toBe(false);
    }
  });

  it('gives each framework its school levels, levels and regime', () => {
    const expected: Record<
      string,
      { schoolLevels: SchoolLevel[]; levels: number[]; regime: string }
    > = {
      TT17: { schoolLevels: ['tieu_hoc'], levels: [1, 2, 3], regime: '2018' },
      TT18: { schoolLevels: ['thcs', 'thpt', 'nhieu_cap'], levels: [1, 2, 3], regime: '2018' },
      TT19: { schoolLevels: ['mam_non'], levels: [1, 2, 3], regime: '2018' },
      'TT57-MN': { schoolLevels: ['mam_non'], levels: [1, 2], regime: '2026' },
      'TT57-PT': {
        schoolLevels: ['tieu_hoc', 'thcs', 'thpt', 'nhieu_cap'],
        levels: [1, 2],
        regime: '2026',
      },
      'TT57-GDTX': { schoolLevels: ['gdtx'], levels: [1, 2], regime: '2026' },
    };
    for (const framework of catalogue) {
      expect(framework).toMatchObject(expected[framework.code] ?? {});
    }
    expect(get('TT17').name).toBe(
      'Tiêu chuẩn đánh giá trường tiểu học (Thông tư 17/2018/TT-BGDĐT)',
    );
  });

  it('dates the versions end to end: 2018 text, TT22/2024, then TT57', () => {
    for (const code of ['TT17', 'TT18', 'TT19']) {
      expect(get(`${code}@1`)).toMatchObject({
        effectiveFrom: '2018-10-10',
        effectiveTo: '2025-01-24',
        changeNote: 'Văn bản gốc năm 2018',
        amendments: [],
      });
      const amended = get(`${code}@2`);
      expect(amended).toMatchObject({ effectiveFrom: '2025-01-25', effectiveTo: '2026-07-06' });
      expect(amended.changeNote).toContain('Thông tư 22/2024/TT-BGDĐT');
      expect(amended.amendments).toMatchObject([
        { number: '22/2024/TT-BGDĐT', issuedOn: '2024-12-10', effectiveOn: '2025-01-25' },
      ]);
      // The effective date of TT22/2024 is known from a secondary source only (docs/reference/NOTES.md §4).
      expect(amended.amendments[0]?.note).toContain('secondary only');
      expect(amended.circular).toMatchObject({ issuedOn: '2018-08-22', effectiveOn: '2018-10-10' });
    }
    for (const code of ['TT57-MN', 'TT57-PT', 'TT57-GDTX']) {
      expect(get(code)).toMatchObject({
        version: 1,
        effectiveFrom: '2026-07-07',
        effectiveTo: null,
        amendments: [],
        circular: { number: '57/2026/TT-BGDĐT', issuedOn: '2026-07-07', effectiveOn: '2026-07-07' },
      });
    }
  });

  it('cites its sources', () => {
    for (const framework of catalogue) {
      expect(framework.sources.length).toBeGreaterThan(0);
      const ids = framework.sources.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(get('TT57-PT').sources.map((s) => s.id)).toContain('S1a');
    expect(get('TT17').sources.map((s) => s.id)).toContain('repo-criteria');
  });
});

describe('structure', () => {
  it('has unique criterion codes, each inside its standard, numbered from 1', () => {
    for (const framework of catalogue) {
      framework.standards.forEach((standard, s) => {
        expect(standard.code).toBe(String(s + 1));
        standard.criteria.forEach((c, i) => expect(c.code).toBe(`${standard.code}.${i + 1}`));
      });
      const codes = listCriteria(framework).map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('honours levelsWithoutRequirements: no indicator there, some at every other level', () => {
    for (const framework of catalogue) {
      for (const c of listCriteria(framework)) {
        for (const level of framework.levels) {
          const count = c.indicators.filter((i) => i.level === level).length;
          if (c.levelsWithoutRequirements.includes(level))
            expect(count, `${c.code} Mức ${level}`).toBe(0);
          else expect(count, `${c.code} Mức ${level}`).toBeGreaterThan(0);
        }
        expect(c.indicators.every((i) => framework.levels.includes(i.level))).toBe(true);
      }
    }
  });

  it.each([
    ['TT19', ['1.2', '1.7', '1.8', '1.9', '1.10', '3.6']],
    ['TT17', ['1.2', '1.5', '1.7', '1.8', '1.9', '1.10', '3.4', '5.1']],
    ['TT18', ['1.2', '1.7', '1.8', '1.9', '1.10', '3.4', '5.3', '5.4']],
  ])(
    '%s has no Mức 3 requirement exactly for the criteria listed in NOTES.md §1',
    (code, expected) => {
      const without = listCriteria(get(code)).filter((c) =>
        c.levelsWithoutRequirements.includes(3),
      );
      expect(without.map((c) => c.code)).toEqual(expected);
    },
  );

  it('gives every 2018 criterion three lettered Mức 1 indicators a, b, c', () => {
    for (const code of ['TT17', 'TT18', 'TT19']) {
      for (const c of listCriteria(get(code))) {
        expect(c.indicators.filter((i) => i.level === 1).map((i) => i.key)).toEqual([
          'a',
          'b',
          'c',
        ]);
      }
    }
  });

  it('gives every TT57 criterion one unlettered requirement per level', () => {
    for (const code of ['TT57-MN', 'TT57-PT', 'TT57-GDTX']) {
      for (const c of listCriteria(get(code))) {
        expect(c.indicators.map((i) => [i.level, i.key])).toEqual([
          [1, null],
          [2, null],
        ]);
        expect(c.levelsWithoutRequirements).toEqual([]);
      }
    }
  });

  it('keeps the TT57 quantitative indicators (31 MN, 37 PT, 34 GDTX) and suggested evidence', () => {
    const quantitative = (code: string) =>
      listCriteria(get(code)).reduce((n, c) => n + c.quantitative.length, 0);
    expect([quantitative('TT57-MN'), quantitative('TT57-PT'), quantitative('TT57-GDTX')]).toEqual([
      31, 37, 34,
    ]);
    for (const code of ['TT57-MN', 'TT57-PT', 'TT57-GDTX']) {
      expect(listCriteria(get(code)).every((c) => c.suggestedEvidence.length > 0)).toBe(true);
    }
  });
});

describe('verification', () => {
  it('keeps single-source TT57 criteria unverified and cross-checked ones verified', () => {
    expect(summariseFramework(get('TT57-MN')).unverifiedCriterionCount).toBe(15);
    expect(summariseFramework(get('TT57-GDTX')).unverifiedCriterionCount).toBe(15);
    expect(summariseFramework(get('TT57-PT')).unverifiedCriterionCount).toBe(0);
    expect(criterion(get('TT57-MN'), '1.1').verificationNote).toMatch(/^single-source/);
    expect(criterion(get('TT57-PT'), '1.4').verificationNote).toContain('title disputed');
  });

  it('keeps the 2018 verified values and a note on their strength', () => {
    for (const code of ['TT17', 'TT18', 'TT19']) {
      const framework = get(code);
      expect(summariseFramework(framework).unverifiedCriterionCount).toBe(0);
      for (const c of listCriteria(framework)) {
        expect(c.verificationNote).toContain('indicators: source transcription');
        expect(c.source).toContain('anhtuqn001/educationalqualityverification');
      }
      expect(
        framework.level4Items.every((item) => item.verified && item.ref.endsWith('Điều 22')),
      ).toBe(true);
    }
  });

  it('keeps the suspected transcription errors as notes', () => {
    expect(criterion(get('TT17'), '1.6').notes).toHaveLength(2);
    expect(criterion(get('TT18'), '5.5').notes[0]).toContain('tuyền thống');
    expect(criterion(get('TT19'), '5.1').notes[0]).toContain('Mức 3');
  });
});

describe('TT22/2024 repeals', () => {
  const allIndicators = (framework: FrameworkDefinition) =>
    listCriteria(framework).flatMap((c) => c.indicators);

  it('repeals nothing in any version 1', () => {
    for (const framework of catalogue.filter((f) => f.version === 1)) {
      expect(allIndicators(framework).filter((i) => i.repealed !== null)).toEqual([]);
    }
  });

  it('repeals only chỉ báo a of TT17 2.2 at Mức 2 and Mức 3, keeping the text', () => {
    const amended = get('TT17@2');
    const repealed = indicator(amended, '2.2', 2, 'a');
    expect(repealed.repealed).toMatchObject({
      by: '22/2024/TT-BGDĐT',
      effect: 'repealed (bãi bỏ)',
    });
    expect(repealed.repealed?.provision).toContain('điểm a khoản 2 Điều 13');
    expect(repealed.repealed?.mappingConfidence).toMatch(/^inferred/);
    expect(repealed.text).toBe(indicator(get('TT17@1'), '2.2', 2, 'a').text);
    expect(indicator(amended, '2.2', 2, 'b').repealed).toBeNull();
    expect(indicator(amended, '2.2', 3, 'a').repealed?.provision).toContain('Điều 18');
    expect(indicator(amended, '2.2', 1, 'a').repealed).toBeNull();
  });

  it('repeals the whole of Mức 2 of TT17 1.5 ("toàn bộ") and nothing else of it', () => {
    const c = criterion(get('TT17@2'), '1.5');
    const level2 = c.indicators.filter((i) => i.level === 2);
    expect(level2.map((i) => i.key)).toEqual(['a', 'b', 'c']);
    expect(level2.every((i) => i.repealed?.provision.includes('toàn bộ'))).toBe(true);
    expect(activeIndicatorsAt(c, 2)).toEqual([]);
    expect(activeIndicatorsAt(c, 1)).toHaveLength(3);
  });

  it('counts exactly the repeals NOTES.md §4 lists', () => {
    const repealedAt = (id: string) =>
      listCriteria(get(id)).flatMap((c) =>
        c.indicators
          .filter((i) => i.repealed !== null)
          .map((i) => `${c.code} M${i.level}${i.key ?? ''}`),
      );
    expect(repealedAt('TT17@2')).toEqual(['1.5 M2a', '1.5 M2b', '1.5 M2c', '2.2 M2a', '2.2 M3a']);
    expect(repealedAt('TT18@2')).toEqual([
      '1.5 M2',
      '1.5 M3',
      '2.2 M2a',
      '5.3 M1a',
      '5.3 M1b',
      '5.3 M1c',
      '5.4 M1a',
      '5.4 M1b',
      '5.4 M1c',
      '5.5 M1a',
      '5.5 M1b',
      '5.5 M1c',
    ]);
    // The TT19 repeal list was not retrievable (NOTES.md §4): version 2 flags nothing.
    expect(repealedAt('TT19@2')).toEqual([]);
  });
});

describe('verbatim texts', () => {
  it('keeps the Vietnamese text exactly (TT17 1.1, Mức 1 a)', () => {
    expect(indicator(get('TT17@2'), '1.1', 1, 'a').text).toBe(
      'Phù hợp mục tiêu giáo dục được quy định tại Luật giáo dục, định hướng phát triển kinh tế - xã hội của địa phương theo từng giai đoạn và các nguồn lực của nhà trường;',
    );
    expect(criterion(get('TT57-PT'), '3.2').title).toBe(
      'Đổi mới phương pháp giáo dục và theo dõi, đánh giá sự phát triển, tiến bộ của học sinh',
    );
  });

  it('does not normalise the partly decomposed text of the transcription (TT17 4.2, Mức 2 b)', () => {
    const text = indicator(get('TT17'), '4.2', 2, 'b').text;
    // "các" and "tổ" are stored as base letter + combining mark, as in the source.
    expect(text.startsWith('Phối hợp với ca\u0301c tô\u0309 chư\u0301c')).toBe(true);
    expect(text.normalize('NFC').startsWith('Phối hợp với các tổ chức')).toBe(true);
  });

  it.each([
    ['TT17', 'tt17-2018-tieu-hoc.json'],
    ['TT18', 'tt18-2018-trung-hoc.json'],
    ['TT19', 'tt19-2018-mam-non.json'],
  ])('%s: every title and indicator is the reference text, byte for byte', async (code, file) => {
    interface Ref {
      standards: {
        title: string;
        criteria: {
          code: string;
          title: string;
          levels: Record<string, { key: string | null; text: string }[]>;
        }[];
      }[];
      level4: { text: string }[];
    }
    const ref = (await loadReference(file)) as Ref;
    const framework = get(`${code}@1`);
    expect(framework.standards.map((s) => s.title)).toEqual(ref.standards.map((s) => s.title));
    const refCriteria = ref.standards.flatMap((s) => s.criteria);
    expect(listCriteria(framework).map((c) => [c.code, c.title])).toEqual(
      refCriteria.map((c) => [c.code, c.title]),
    );
    expect(
      listCriteria(framework).map((c) => c.indicators.map((i) => [i.level, i.key, i.text])),
    ).toEqual(
      refCriteria.map((c) =>
        Object.entries(c.levels).flatMap(([level, list]) =>
          list.map((i) => [Number(level), i.key, i.text]),
        ),
      ),
    );
    expect(framework.level4Items.map((item) => item.text)).toEqual(
      ref.level4.map((item) => item.text),
    );
  });

  it('TT57: every level text is the reference text, byte for byte', async () => {
    interface Ref {
      frameworks: Record<
        string,
        { standards: { criteria: { title: string; levels: Record<string, string[]> }[] }[] }
      >;
    }
    const ref = (await loadReference('tt57-2026.json')) as Ref;
    const pairs: [string, string][] = [
      ['TT57-MN', 'mam_non'],
      ['TT57-PT', 'pho_thong'],
      ['TT57-GDTX', 'gdtx'],
    ];
    for (const [code, key] of pairs) {
      const refCriteria = ref.frameworks[key]?.standards.flatMap((s) => s.criteria) ?? [];
      expect(
        listCriteria(get(code)).map((c) => [c.title, ...c.indicators.map((i) => i.text)]),
      ).toEqual(
        refCriteria.map((c) => [c.title, ...(c.levels['1'] ?? []), ...(c.levels['2'] ?? [])]),
      );
    }
  });
});

describe('title variants (TT57 D1, D2)', () => {
  const S1_14 = 'Tự đánh giá, cải tiến, công khai và trách nhiệm giải trình';
  const S2_14 = 'Tự đánh giá, cải tiến chất lượng, công khai và trách nhiệm giải trình';
  const S1_3 = 'Thực hiện chương trình, đổi mới phương pháp giáo dục và phát triển học sinh';
  const S2_3 = 'Thực hiện chương trình, đổi mới phương pháp giáo dục và phát triển người học';

  it("prefers group A's wording and keeps group B's as a variant", () => {
    const pt = get('TT57-PT');
    expect(criterion(pt, '1.4')).toMatchObject({
      title: S1_14,
      titleSource: 'S1',
      titleVariants: [{ source: 'S2/S3', text: S2_14 }],
    });
    expect(criterion(pt, '1.4').notes[0]).toMatch(/^D1/);
    expect(pt.standards[2]).toMatchObject({
      title: S1_3,
      titleSource: 'S1',
      titleVariants: [{ source: 'S2/S3', text: S2_3 }],
    });
    // The other appendices have no disputed titles.
    for (const code of ['TT57-MN', 'TT57-GDTX']) {
      const framework = get(code);
      expect(framework.standards.every((s) => s.titleVariants.length === 0)).toBe(true);
      expect(listCriteria(framework).every((c) => c.titleVariants.length === 0)).toBe(true);
    }
  });

  it('switches to the S2/S3 wording without changing the input', () => {
    const pt = get('TT57-PT');
    const before = structuredClone(pt);
    const switched = applyTitleVariant(pt, 'S2/S3');
    expect(pt).toEqual(before);
    expect(criterion(switched, '1.4')).toMatchObject({
      title: S2_14,
      titleSource: 'S2/S3',
      titleVariants: [{ source: 'S1', text: S1_14 }],
    });
    expect(switched.standards[2]).toMatchObject({
      title: S2_3,
      titleVariants: [{ source: 'S1', text: S1_3 }],
    });
    expect(criterion(switched, '1.3').title).toBe(criterion(pt, '1.3').title);
    expect({ ...switched, standards: [] }).toEqual({ ...pt, standards: [] });
  });

  it('switches back, and ignores a source without variants', () => {
    const pt = get('TT57-PT');
    expect(applyTitleVariant(applyTitleVariant(pt, 'S2/S3'), 'S1')).toEqual(pt);
    expect(applyTitleVariant(pt, 'S9')).toEqual(pt);
    expect(applyTitleVariant(pt, 'S9')).not.toBe(pt);
  });
});

describe('ids', () => {
  it('parses bare codes and version ids', () => {
    expect(parseFrameworkId('TT57-PT')).toEqual({ code: 'TT57-PT', version: null });
    expect(parseFrameworkId('TT17@2')).toEqual({ code: 'TT17', version: 2 });
    expect(parseFrameworkId('TT20')).toBeNull();
    expect(parseFrameworkId('TT17@0')).toBeNull();
    expect(parseFrameworkId('tt17')).toBeNull();
  });

  it('finds a version, the newest for a bare code', () => {
    expect(findFrameworkVersion(catalogue, 'TT17')?.version).toBe(2);
    expect(findFrameworkVersion(catalogue, 'TT17@1')?.version).toBe(1);
    expect(findFrameworkVersion(catalogue, 'TT17@3')).toBeNull();
    expect(findFrameworkVersion(catalogue, 'TT57-GDTX')?.code).toBe('TT57-GDTX');
  });
});

describe('school year and regime', () => {
  it.each([
    ['2026-2027', { startYear: 2026, endYear: 2027 }],
    ['2026 - 2027', { startYear: 2026, endYear: 2027 }],
    [' 2022–2023 ', { startYear: 2022, endYear: 2023 }],
    ['2026-2028', null],
    ['2027-2026', null],
    ['2026', null],
    ['26-27', null],
    ['năm học 2026-2027', null],
  ])('parseSchoolYear(%j)', (text, expected) => {
    expect(parseSchoolYear(text)).toEqual(expected);
  });

  it.each<[SchoolLevel, string, string | null]>([
    ['tieu_hoc', '2026-2027', 'TT57-PT'],
    ['thcs', '2026-2027', 'TT57-PT'],
    ['thpt', '2030 - 2031', 'TT57-PT'],
    ['nhieu_cap', '2026-2027', 'TT57-PT'],
    ['mam_non', '2026-2027', 'TT57-MN'],
    ['gdtx', '2026-2027', 'TT57-GDTX'],
    ['tieu_hoc', '2025-2026', 'TT17'],
    ['thcs', '2025-2026', 'TT18'],
    ['thpt', '2019-2020', 'TT18'],
    ['nhieu_cap', '2024 - 2025', 'TT18'],
    ['mam_non', '2025-2026', 'TT19'],
    ['gdtx', '2025-2026', null],
    ['tieu_hoc', '2025-2027', null],
  ])('selectFrameworkCode(%s, %s) = %s', (schoolLevel, schoolYear, expected) => {
    expect(selectFrameworkCode({ schoolLevel, schoolYear })).toBe(expected);
  });

  it('writes, normalises and advances school years in the one canonical form', () => {
    expect(formatSchoolYear(2026)).toBe('2026-2027');
    expect(normalizeSchoolYear(' 2022 – 2023 ')).toBe('2022-2023');
    expect(normalizeSchoolYear('2022-2024')).toBeNull();
    expect(nextSchoolYear('2025-2026')).toBe('2026-2027');
    expect(nextSchoolYear('2025 – 2026')).toBe('2026-2027');
    expect(nextSchoolYear('2025')).toBeNull();
  });

  it.each([
    ['2025-2026', '2018'],
    ['2018-2019', '2018'],
    ['2026-2027', '2026'],
    ['2030 - 2031', '2026'],
    ['2026-2028', null],
  ])('regimeOfSchoolYear(%j) = %s', (schoolYear, expected) => {
    expect(regimeOfSchoolYear(schoolYear)).toBe(expected);
  });

  it('gives every framework the regime of its school years and of its data file', () => {
    for (const code of FRAMEWORK_CODES) {
      expect(regimeOfFramework(code)).toBe(FRAMEWORK_REGIMES[code]);
      expect(regimeOfFramework(`${code}@1`)).toBe(FRAMEWORK_REGIMES[code]);
      expect(findFrameworkVersion(catalogue, code)?.regime).toBe(FRAMEWORK_REGIMES[code]);
    }
    expect(regimeOfFramework('TT99')).toBeNull();
    // A framework chosen for a school year belongs to that year's regime.
    for (const schoolYear of ['2025-2026', '2026-2027']) {
      for (const schoolLevel of ['tieu_hoc', 'thcs', 'mam_non', 'gdtx'] as const) {
        const code = selectFrameworkCode({ schoolLevel, schoolYear });
        if (code) expect(FRAMEWORK_REGIMES[code]).toBe(regimeOfSchoolYear(schoolYear));
      }
    }
  });
});

describe('schoolYearOf', () => {
  it.each([
    ['2026-08-01T00:00:00+07:00', '2026-2027'],
    ['2026-07-31T23:59:00+07:00', '2025-2026'],
    // 31/7 17:30 UTC is already 1/8 in Việt Nam.
    ['2026-07-31T17:30:00Z', '2026-2027'],
    ['2027-01-15T08:00:00Z', '2026-2027'],
  ])('%s → %s', (iso, year) => {
    expect(schoolYearOf(new Date(iso))).toBe(year);
    expect(schoolYearStartOf(new Date(iso))).toBe(Number(year.slice(0, 4)));
  });
});
