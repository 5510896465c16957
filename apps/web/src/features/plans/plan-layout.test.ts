import { describe, expect, it } from 'vitest';
import { budgetSummary, groupRows, moveWithin, timeSummary, type PlanRow } from './plan-layout.ts';

function row(id: string, position: number, extra: Partial<PlanRow> = {}): PlanRow {
  return {
    id,
    position,
    group: 'levels_1_3',
    standardCode: null,
    criterionCode: null,
    level4Key: null,
    currentState: '',
    content: '',
    target: '',
    tasks: '',
    indicator: '',
    time: '',
    lead: '',
    coordinators: '',
    budget: '',
    support: '',
    evidence: '',
    progress: '',
    result: '',
    note: '',
    parsed: {
      time: { text: '', start: null, end: null, issues: [] },
      budget: { text: '', amount: null, source: 'unknown', issues: [] },
      people: { lead: null, coordinators: [], issues: [] },
    },
    originRowId: null,
    carryCount: 0,
    version: 1,
    ...extra,
  };
}

describe('plan layout', () => {
  it('groups a 2018 plan under MỨC 1, 2, 3 by standard, then MỨC 4', () => {
    const rows = [
      row('a', 0, { standardCode: '2', criterionCode: '2.1' }),
      row('b', 1, { standardCode: '1', criterionCode: '1.3' }),
      row('c', 2, { group: 'level_4', level4Key: '1' }),
      row('d', 3, { standardCode: '1', criterionCode: '1.1' }),
    ];
    const sections = groupRows({ regime: '2018', rows }, (code) => `T${code}`);
    expect(sections.map((s) => s.heading)).toEqual(['MỨC 1, 2, 3', 'MỨC 4']);
    expect(sections[0]?.standards.map((s) => s.heading)).toEqual([
      'Tiêu chuẩn 1: T1',
      'Tiêu chuẩn 2: T2',
    ]);
    expect(sections[0]?.standards[0]?.rows.map((r) => r.id)).toEqual(['b', 'd']);
    expect(moveWithin(sections, 'd', -1)).toEqual(['d', 'b', 'a', 'c']);
    expect(moveWithin(sections, 'b', -1)).toBeNull();
    expect(moveWithin(sections, 'c', 1)).toBeNull();
  });

  it('keeps a TT57 plan in one table', () => {
    const sections = groupRows({ regime: '2026', rows: [row('a', 1), row('b', 0)] }, () => null);
    expect(sections).toHaveLength(1);
    expect(sections[0]?.standards[0]?.rows.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('says what the parsers understood', () => {
    expect(timeSummary({ text: '10 – 01', start: '2025-10', end: '2026-01', issues: [] })).toBe(
      'Tháng 10/2025 → Tháng 01/2026',
    );
    expect(timeSummary({ text: 'x', start: null, end: null, issues: [] })).toBeNull();
    expect(
      budgetSummary({ text: 'NS 20tr; XHH 10tr', amount: 30_000_000, source: 'mixed', issues: [] }),
    ).toBe('30.000.000 đ · Ngân sách + XHH');
    expect(budgetSummary({ text: 'Không', amount: null, source: 'none', issues: [] })).toBe(
      'Không có kinh phí',
    );
  });
});
