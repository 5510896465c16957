import { describe, expect, it } from 'vitest';
import {
  budgetChartData,
  filterRows,
  monthRange,
  planSectionOf,
  revisionReason,
  scheduleCounts,
  timelineBars,
  type FilterableRow,
} from './monitoring-logic.ts';

const row = (
  status: FilterableRow['status'],
  schedule: Partial<FilterableRow['schedule']> = {},
): FilterableRow => ({
  status,
  schedule: {
    overdue: false,
    noDate: false,
    dueThisMonth: false,
    startsThisMonth: false,
    ...schedule,
  },
});

describe('progress filters', () => {
  const rows = [
    row('in_progress', { overdue: true }),
    row('in_progress', { dueThisMonth: true }),
    row('delayed', { startsThisMonth: true }),
    row('not_started', { noDate: true }),
    row('done'),
  ];

  it('combines one schedule filter with a status', () => {
    expect(filterRows(rows, { schedule: 'all', status: null })).toHaveLength(5);
    expect(filterRows(rows, { schedule: 'overdue', status: null })).toEqual([rows[0]]);
    expect(filterRows(rows, { schedule: 'noDate', status: null })).toEqual([rows[3]]);
    expect(filterRows(rows, { schedule: 'all', status: 'in_progress' })).toEqual([
      rows[0],
      rows[1],
    ]);
    expect(filterRows(rows, { schedule: 'overdue', status: 'delayed' })).toEqual([]);
  });

  it('counts the rows of each schedule filter', () => {
    expect(scheduleCounts(rows)).toEqual({
      all: 5,
      overdue: 1,
      dueThisMonth: 1,
      startsThisMonth: 1,
      noDate: 1,
    });
  });
});

describe('timeline', () => {
  it('lists months across the new year', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2027-02', '2027-01')).toEqual([]);
  });

  it('places bars on the month grid, clips them, and leaves rows without a time out', () => {
    const months = monthRange('2026-09', '2027-05');
    const base = { ordinal: '1', label: 'x', status: 'in_progress' as const, percent: 0 };
    const { bars, undated } = timelineBars(months, [
      { ...base, rowId: 'a', startMonth: '2026-09', dueMonth: '2026-10', overdue: false },
      { ...base, rowId: 'b', startMonth: null, dueMonth: '2027-01', overdue: true },
      { ...base, rowId: 'c', startMonth: '2026-08', dueMonth: '2026-09', overdue: false },
      { ...base, rowId: 'd', startMonth: null, dueMonth: null, overdue: false },
    ]);
    expect(bars.map((b) => [b.rowId, b.startColumn, b.endColumn])).toEqual([
      ['a', 1, 3],
      ['b', 5, 6],
      ['c', 1, 2],
    ]);
    expect(undated).toBe(1);
  });
});

describe('revision reason from a round', () => {
  it('lists the adjustments of the round, one line each', () => {
    expect(
      revisionReason({ label: 'Cuối học kỳ I' }, '2026-2027', [
        { ordinal: '1', adjustment: '' },
        { ordinal: '2', adjustment: 'Lùi sang tháng 3/2027.\nBổ sung kinh phí.' },
      ]),
    ).toBe(
      'Điều chỉnh theo kết quả rà soát cuối học kỳ I năm học 2026 - 2027:\n' +
        '- Nội dung 2: Lùi sang tháng 3/2027.; Bổ sung kinh phí.',
    );
  });

  it('is null when no row was adjusted, and never longer than the route takes', () => {
    expect(revisionReason({ label: 'Cuối năm học' }, '2026-2027', [])).toBeNull();
    const long = revisionReason({ label: 'Cuối năm học' }, '2026-2027', [
      { ordinal: '1', adjustment: 'a'.repeat(3000) },
    ]);
    expect(long?.length).toBe(2000);
  });
});

describe('other helpers', () => {
  it('reads the section from the query string, the plan by default', () => {
    expect(planSectionOf('?muc=tong-quan')).toBe('tong-quan');
    expect(planSectionOf('?muc=khac')).toBe('ke-hoach');
    expect(planSectionOf('')).toBe('ke-hoach');
  });

  it('keeps only the funding sources with money', () => {
    expect(
      budgetChartData({ planned: { state: 5, socialized: 0 }, spent: { socialized: 0 } }),
    ).toEqual([{ source: 'state', name: 'Ngân sách nhà nước', planned: 5, spent: 0 }]);
  });
});
