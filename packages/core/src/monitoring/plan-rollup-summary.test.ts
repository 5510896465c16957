import { describe, expect, it } from 'vitest';
import {
  overdueByStandard,
  readPlanRollupSummary,
  rowDueDate,
  summarizePlanForRollup,
} from './plan-rollup-summary.ts';
import { rowSchedule } from './row-schedule.ts';

const time = (end: string | null, endDay?: string) => ({ end, ...(endDay ? { endDay } : {}) });

describe('summarizePlanForRollup', () => {
  const summary = summarizePlanForRollup({
    rows: [
      { standardCode: '2', criterionCode: '2.1', status: null, time: time('2026-10') },
      { standardCode: '1', criterionCode: '1.1', status: 'done', time: time('2026-09') },
      {
        standardCode: '1',
        criterionCode: '1.1',
        status: 'in_progress',
        time: time('2026-12', '2026-12-15'),
      },
      { standardCode: '1', criterionCode: null, status: 'cancelled', time: time('2026-11') },
      { standardCode: null, criterionCode: null, status: 'bogus', time: null },
      { standardCode: '2', criterionCode: '2.1', status: 'not_started', time: time('2026-10') },
    ],
    planned: [
      { source: 'state', amount: 20_000_000 },
      { source: 'socialized', amount: 10_000_000 },
      { source: 'state', amount: 5_000_000 },
      { source: 'strange', amount: 1 },
    ],
    spent: [{ source: 'state', amount: 3_000_000 }],
  });

  it('counts rows by standard and status, a missing or unknown status as not started', () => {
    expect(summary.rows).toEqual([
      ['', 'not_started', 1],
      ['1', 'cancelled', 1],
      ['1', 'done', 1],
      ['1', 'in_progress', 1],
      ['2', 'not_started', 2],
    ]);
  });

  it('keeps the open rows with a due date by standard and day; closed rows and rows without an end are left out', () => {
    expect(summary.open).toEqual([
      ['1', '2026-12-15', 1],
      ['2', '2026-10-31', 2],
    ]);
  });

  it('counts the criteria and sums money by funding source (an unknown source as unknown)', () => {
    expect(summary.criteria).toEqual([
      ['1.1', 2],
      ['2.1', 2],
    ]);
    expect(summary.planned).toEqual([
      ['socialized', 10_000_000],
      ['state', 25_000_000],
      ['unknown', 1],
    ]);
    expect(summary.spent).toEqual([['state', 3_000_000]]);
  });

  it('counts overdue rows on a given day as rowSchedule does (the end day when written)', () => {
    expect(overdueByStandard(summary, '2026-12-15')).toEqual(new Map([['2', 2]]));
    expect(overdueByStandard(summary, '2026-12-16')).toEqual(
      new Map([
        ['1', 1],
        ['2', 2],
      ]),
    );
    expect(overdueByStandard(summary, '2026-10-31')).toEqual(new Map());
    for (const today of ['2026-10-31', '2026-11-01', '2026-12-15', '2026-12-16']) {
      const t = time('2026-12', '2026-12-15');
      expect(rowDueDate(t)! < today).toBe(
        rowSchedule({ start: null, ...t }, 'in_progress', today).overdue,
      );
    }
  });

  it('is deterministic whatever the order of its input', () => {
    const rows = [
      { standardCode: 'b', criterionCode: 'x', status: 'done', time: time('2027-01') },
      { standardCode: 'a', criterionCode: 'y', status: null, time: time('2026-11') },
    ];
    const a = summarizePlanForRollup({ rows, planned: [], spent: [] });
    const b = summarizePlanForRollup({ rows: [...rows].reverse(), planned: [], spent: [] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reads back what it stored and refuses another version or damaged text', () => {
    expect(readPlanRollupSummary(JSON.stringify(summary))).toEqual(summary);
    expect(readPlanRollupSummary(JSON.stringify({ ...summary, v: 2 }))).toBeNull();
    expect(readPlanRollupSummary('{"v":1,"rows":[]')).toBeNull();
    expect(readPlanRollupSummary('null')).toBeNull();
  });
});
