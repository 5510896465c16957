import { describe, expect, it } from 'vitest';
import { parseBudget } from '../parsers/budget.parser.ts';
import {
  planDashboard,
  plannedAmountsBySource,
  statusCounts,
  timelineMonths,
  zeroAmounts,
  type DashboardRow,
} from './dashboard.ts';
import { rowSchedule } from './row-schedule.ts';
import type { ProgressStatus } from './monitoring.types.ts';

const TODAY = '2026-02-15';

/** A row of the dashboard: its time as months, its status, its planned and spent money. */
function row(
  id: string,
  over: {
    standardCode?: string | null;
    criterionCode?: string | null;
    time?: { start: string | null; end: string | null } | null;
    status?: ProgressStatus;
    planned?: Partial<DashboardRow['plannedBudget']['bySource']>;
    spent?: Partial<DashboardRow['spent']['bySource']>;
  } = {},
): DashboardRow {
  const status = over.status ?? 'not_started';
  return {
    rowId: id,
    ordinal: id,
    content: `Nội dung ${id}`,
    standardCode: over.standardCode === undefined ? '1' : over.standardCode,
    criterionCode: over.criterionCode ?? null,
    status,
    percent: status === 'done' ? 100 : 0,
    schedule: rowSchedule(
      over.time === undefined ? { start: '2025-09', end: '2025-12' } : over.time,
      status,
      TODAY,
    ),
    plannedBudget: { bySource: { ...zeroAmounts(), ...over.planned } },
    spent: { bySource: { ...zeroAmounts(), ...over.spent } },
  };
}

describe('statusCounts', () => {
  it('counts every status (zero included), overdue, no date, this month', () => {
    const counts = statusCounts([
      row('1', { status: 'in_progress' }),
      row('2', { status: 'done' }),
      row('3', { time: null }),
      row('4', { time: { start: '2026-02', end: '2026-02' } }),
    ]);
    expect(counts).toEqual({
      total: 4,
      byStatus: { not_started: 2, in_progress: 1, done: 1, delayed: 0, cancelled: 0 },
      overdue: 1,
      noDate: 1,
      dueThisMonth: 1,
      startsThisMonth: 1,
    });
  });
});

describe('timelineMonths', () => {
  it('spans the school year August to July', () => {
    const months = timelineMonths('2025-2026', [row('1')]);
    expect(months).toHaveLength(12);
    expect([months[0], months.at(-1)]).toEqual(['2025-08', '2026-07']);
  });

  it('widens to the rows’ span across the new year, at most 36 months', () => {
    const months = timelineMonths('2025-2026', [
      row('1', { time: { start: '2025-06', end: '2026-09' } }),
    ]);
    expect([months[0], months.at(-1), months.length]).toEqual(['2025-06', '2026-09', 16]);
    expect(months).toContain('2026-01');
    const long = timelineMonths('2025-2026', [
      row('2', { time: { start: '2020-01', end: '2030-12' } }),
    ]);
    expect(long).toHaveLength(36);
  });

  it('has no months without a school year nor dated rows', () => {
    expect(timelineMonths('', [row('1', { time: null })])).toEqual([]);
  });
});

describe('planDashboard', () => {
  it('groups by standard in code order (no standard last), lists overdue and no-date rows, sums money', () => {
    const rows = [
      row('1', { standardCode: '10', status: 'in_progress', planned: { state: 5_000_000 } }),
      row('2', {
        standardCode: null,
        criterionCode: '2.1',
        status: 'done',
        planned: { socialized: 3_000_000 },
        spent: { socialized: 2_500_000 },
      }),
      row('3', { standardCode: null, time: null, spent: { state: 1_000_000 } }),
      row('4', { standardCode: '2', status: 'cancelled' }),
    ];
    const dash = planDashboard(rows, { schoolYear: '2025-2026' });
    expect(dash.byStandard.map((s) => [s.label, s.counts.total])).toEqual([
      ['Tiêu chuẩn 2', 2],
      ['Tiêu chuẩn 10', 1],
      ['Chưa gắn tiêu chuẩn', 1],
    ]);
    expect(dash.overdue.map((r) => r.rowId)).toEqual(['1']);
    expect(dash.noDate.map((r) => r.rowId)).toEqual(['3']);
    expect(dash.budget.planned).toMatchObject({ state: 5_000_000, socialized: 3_000_000 });
    expect(dash.budget.spent).toMatchObject({ state: 1_000_000, socialized: 2_500_000 });
    expect(dash.summary.byStatus).toMatchObject({ done: 1, cancelled: 1, in_progress: 1 });
    expect(dash.timeline.rows[0]).toEqual({
      rowId: '1',
      ordinal: '1',
      label: '1. Nội dung 1',
      startMonth: '2025-09',
      dueMonth: '2025-12',
      status: 'in_progress',
      percent: 0,
      overdue: true,
    });
    expect(dash.timeline.rows[2]).toMatchObject({ startMonth: null, dueMonth: null });
  });
});

describe('plannedAmountsBySource', () => {
  it('counts each part of a cell under its own source', () => {
    const value = parseBudget('Ngân sách: 20.000.000; XHH: 10.000.000').value;
    const bySource = plannedAmountsBySource(value);
    expect(bySource.state).toBe(20_000_000);
    expect(bySource.socialized).toBe(10_000_000);
    expect(bySource.mixed).toBe(0);
  });

  it('puts a single amount under the cell’s source, and nothing for an empty cell', () => {
    expect(plannedAmountsBySource(parseBudget('5 triệu đồng (ngân sách)').value).state).toBe(
      5_000_000,
    );
    expect(Object.values(plannedAmountsBySource(null)).every((v) => v === 0)).toBe(true);
  });
});
