import { describe, expect, test } from 'vitest';
import { excerpt, filterFramework, findCriterion } from './framework-filter.ts';
import type { FrameworkCriterion, FrameworkDetail } from './framework.types.ts';

function criterion(code: string, title: string, level1: string[]): FrameworkCriterion {
  return {
    code,
    title,
    titleSource: null,
    titleVariants: [],
    mandatory: false,
    verified: true,
    verificationNote: null,
    source: 'test',
    notes: [],
    quantitative: [],
    suggestedEvidence: [],
    levels: [
      {
        level: 1,
        hasRequirements: true,
        indicators: level1.map((text, i) => ({ key: 'abc'[i] ?? null, text, repealed: null })),
      },
    ],
  };
}

const framework = {
  standards: [
    {
      code: '1',
      title: 'Tổ chức và quản lý nhà trường',
      titleVariants: [],
      verificationNote: null,
      criteria: [
        criterion('1.1', 'Phương hướng, chiến lược xây dựng và phát triển nhà trường', [
          'Được xác định bằng văn bản và cấp có thẩm quyền phê duyệt;',
        ]),
        criterion('1.2', 'Hội đồng trường', ['Được thành lập theo quy định;']),
      ],
    },
    {
      code: '2',
      title: 'Cán bộ quản lý, giáo viên, nhân viên và học sinh',
      titleVariants: [],
      verificationNote: null,
      criteria: [criterion('2.2', 'Đối với giáo viên', ['Đội ngũ giáo viên đủ về số lượng;'])],
    },
  ],
  level4Items: [
    {
      key: '1',
      ref: 'Khoản 1 Điều 22',
      text: 'Kế hoạch giáo dục tiên tiến',
      verified: true,
      source: 'test',
    },
  ],
} as unknown as FrameworkDetail;

const codes = (query: string) =>
  filterFramework(framework, query).standards.flatMap((s) =>
    s.criteria.map((c) => c.criterion.code),
  );

describe('filterFramework', () => {
  test('no query keeps everything', () => {
    const result = filterFramework(framework, '  ');
    expect(result.isFiltered).toBe(false);
    expect(result.criterionCount).toBe(3);
    expect(result.level4Items).toHaveLength(1);
  });

  test('ignores diacritics: "phuong huong" finds 1.1 "Phương hướng…"', () => {
    expect(codes('phuong huong')).toEqual(['1.1']);
  });

  test('searches requirements too, and says which one matched', () => {
    const result = filterFramework(framework, 'doi ngu');
    expect(codes('doi ngu')).toEqual(['2.2']);
    expect(result.standards[0]?.criteria[0]?.snippet).toBe('Đội ngũ giáo viên đủ về số lượng;');
  });

  test('a standard whose title matches keeps all its criteria', () => {
    expect(codes('to chuc va quan ly')).toEqual(['1.1', '1.2']);
  });

  test('filters the Mức 4 list', () => {
    expect(filterFramework(framework, 'tien tien').level4Items).toHaveLength(1);
    expect(filterFramework(framework, 'phuong huong').level4Items).toHaveLength(0);
  });

  test('an absurd query leaves nothing', () => {
    const result = filterFramework(framework, 'zzqx 9876');
    expect(result.criterionCount).toBe(0);
    expect(result.standards).toEqual([]);
    expect(result.level4Items).toEqual([]);
  });

  test('findCriterion returns the criterion with its standard', () => {
    expect(findCriterion(framework, '2.2')?.standard.code).toBe('2');
    expect(findCriterion(framework, '9.9')).toBeNull();
  });
});

describe('excerpt', () => {
  test('keeps short texts whole and cuts long ones around the match on word boundaries', () => {
    expect(excerpt('Ngắn gọn', ['gon'])).toBe('Ngắn gọn');
    const long = `${'mở đầu '.repeat(30)}đội ngũ giáo viên ${'kết thúc '.repeat(30)}`.trim();
    const cut = excerpt(long, ['doi ngu'], 80);
    expect(cut).toContain('đội ngũ');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(82);
  });
});
