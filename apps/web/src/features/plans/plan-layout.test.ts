import { describe, expect, it } from 'vitest';
import {
  budgetSummary,
  editorColumns,
  groupRows,
  moveWithin,
  timeSummary,
  type PlanRow,
} from './plan-layout.ts';

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

  it('shows a row added later under Tiêu chuẩn 2 at the end of Tiêu chuẩn 2, numbered there', () => {
    const rows = [
      row('a', 0, { standardCode: '1', criterionCode: '1.1' }),
      row('b', 1, { standardCode: '2', criterionCode: '2.1' }),
      row('c', 2, { standardCode: '5', criterionCode: '5.1' }),
      row('m4', 3, { group: 'level_4', level4Key: '1' }),
      row('new', 4, { standardCode: '2', criterionCode: '2.3' }),
    ];
    const sections = groupRows({ regime: '2018', rows }, () => null);
    expect(sections[0]?.standards.map((s) => [s.key, s.rows.map((r) => r.id)])).toEqual([
      ['1', ['a']],
      ['2', ['b', 'new']],
      ['5', ['c']],
    ]);
  });

  it('shows every field with text, in every layout, and progress after approval', () => {
    const rows = [row('a', 0, { content: 'Nội dung', progress: 'Đang làm' })];
    // Layout A has no "Nội dung" nor "Tiến độ" column: the editor shows them, saying where they print.
    const draftA = editorColumns({ layout: 'A', status: 'draft', rows });
    expect(draftA.slice(-2)).toEqual([
      { field: 'content', label: 'Nội dung', printedIn: 'Công việc/giải pháp cần thực hiện' },
      { field: 'progress', label: 'Tiến độ / mức độ thực hiện', printedIn: 'Ghi chú' },
    ]);
    // Approved: progress and result have cells in layout A even while empty.
    const approvedA = editorColumns({ layout: 'A', status: 'approved', rows: [row('b', 0)] });
    expect(approvedA.filter((c) => c.printedIn).map((c) => c.field)).toEqual([
      'progress',
      'result',
    ]);
    expect(
      editorColumns({ layout: 'B', status: 'approved', rows: [row('b', 0)] }).map((c) => c.field),
    ).toEqual(['content', 'time', 'lead', 'progress', 'result', 'note']);
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
