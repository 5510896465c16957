import { describe, expect, it } from 'vitest';
import { parseTime } from '../parsers/time.parser.ts';
import { monitorPlan, type MonitorRowInput } from './monitor.ts';
import type { ProgressStatus } from './monitoring.types.ts';

const SY = '2025-2026';

/** A row as an interchange file holds it: the time as the plan parsed it. */
function row(
  timeText: string,
  options: {
    criterionCode?: string | null;
    group?: MonitorRowInput['group'];
    progress?: { status: ProgressStatus; percent: number; result: string };
    content?: string;
    tasks?: string;
  } = {},
): MonitorRowInput {
  const value = parseTime(timeText, { schoolYear: SY }).value;
  const criterionCode = options.criterionCode ?? null;
  return {
    group: options.group ?? 'levels_1_3',
    standardCode: criterionCode?.split('.')[0] ?? null,
    criterionCode,
    content: options.content ?? `Nội dung ${timeText}`,
    tasks: options.tasks ?? '',
    time: { text: timeText, start: value?.start ?? null, end: value?.end ?? null },
    ...(options.progress ? { monitoring: options.progress } : {}),
  };
}

/** Seed 001's forms (TH Thanh Luông, 2025-2026) and seed 003's, in a 2018 plan. */
const plan = {
  plan: { regime: '2018' as const },
  rows: [
    // Written under Tiêu chuẩn 3 first: TT follows the standards, so it prints third.
    row('09 – 12', {
      criterionCode: '3.1',
      progress: { status: 'in_progress', percent: 60, result: 'Đã triển khai một phần' },
    }),
    row('08 – 11', {
      criterionCode: '1.2',
      progress: { status: 'done', percent: 100, result: 'Đã thực hiện xong' },
    }),
    row('10 – 01', { criterionCode: '1.4' }),
    row('Tháng 9/2025 và thời điểm có nội dung mới', {
      criterionCode: '2.1',
      progress: { status: 'delayed', percent: 20, result: '' },
    }),
    row('Sau khi có kinh phí', { criterionCode: '2.3', content: '', tasks: 'Sửa phòng học' }),
    row('12– 04', {
      group: 'level_4',
      progress: { status: 'cancelled', percent: 0, result: 'Chuyển năm sau' },
    }),
    row('Tháng 1/2026', { criterionCode: '5.1' }),
  ],
};

describe('monitorPlan', () => {
  it('gives each row its TT, status and schedule on 1/1 (the day after 31/12)', () => {
    const { rows, summary } = monitorPlan(plan, '2026-01-01');
    expect(rows.map((r) => [r.ordinal, r.criterionCode, r.rowIndex])).toEqual([
      ['1', '1.2', 1],
      ['2', '1.4', 2],
      ['3', '2.1', 3],
      ['4', '2.3', 4],
      ['5', '3.1', 0],
      ['6', '5.1', 6],
      ['7', null, 5],
    ]);
    const byCode = new Map(rows.map((r) => [r.criterionCode, r]));
    // Due 31/12, in progress: overdue on 1/1.
    expect(byCode.get('3.1')).toMatchObject({
      status: 'in_progress',
      percent: 60,
      result: 'Đã triển khai một phần',
      startMonth: '2025-09',
      dueMonth: '2025-12',
      dueDate: '2025-12-31',
      overdue: true,
      daysLeft: -1,
      dueThisMonth: false,
      noDate: false,
    });
    // Due 30/11 but done: never overdue.
    expect(byCode.get('1.2')).toMatchObject({ status: 'done', overdue: false, percent: 100 });
    // No progress yet (as in a version 1 file): chưa bắt đầu, 0 %, due at the end of January.
    expect(byCode.get('1.4')).toMatchObject({
      status: 'not_started',
      percent: 0,
      result: '',
      dueMonth: '2026-01',
      dueThisMonth: true,
      overdue: false,
      dueSoon: false,
      daysLeft: 30,
    });
    // Open end: no due date, never overdue, though delayed.
    expect(byCode.get('2.1')).toMatchObject({
      status: 'delayed',
      noDate: false,
      dueDate: null,
      dueMonth: null,
      overdue: false,
    });
    // Not understood: "no date", never guessed; the tasks stand in for an empty content.
    expect(byCode.get('2.3')).toMatchObject({
      noDate: true,
      dueMonth: null,
      startMonth: null,
      overdue: false,
      content: 'Sửa phòng học',
      timeText: 'Sau khi có kinh phí',
    });
    expect(byCode.get('5.1')).toMatchObject({ startsThisMonth: true, dueThisMonth: true });
    expect(byCode.get(null)).toMatchObject({ status: 'cancelled', overdue: false });
    expect(summary).toEqual({
      at: '2026-01-01',
      total: 7,
      byStatus: { not_started: 3, in_progress: 1, done: 1, delayed: 1, cancelled: 1 },
      overdue: 1,
      dueSoon: 0,
      noDate: 1,
      openEnd: 1,
      dueThisMonth: 2,
      startsThisMonth: 1,
    });
  });

  it('31/12 is still on time; 1/2 makes the January rows overdue', () => {
    expect(monitorPlan(plan, '2025-12-31').summary).toMatchObject({ overdue: 0, dueSoon: 1 });
    const february = monitorPlan(plan, '2026-02-01');
    expect(february.rows.filter((r) => r.overdue).map((r) => r.criterionCode)).toEqual([
      '1.4',
      '3.1',
      '5.1',
    ]);
    // The cancelled Mức 4 row was due at the end of April: never overdue, even in May.
    const may = monitorPlan(plan, '2026-05-01');
    expect(may.rows.find((r) => r.criterionCode === null)?.overdue).toBe(false);
    expect(may.summary.overdue).toBe(3);
  });

  it('a TT57 plan keeps the order written; an empty plan gives zero counts', () => {
    const tt57 = {
      plan: { regime: '2026' as const },
      rows: [
        row('Học kỳ I', { criterionCode: '3.2', group: 'tt57' }),
        row('08 – 11', { group: 'tt57' }),
      ],
    };
    expect(monitorPlan(tt57, '2025-12-01').rows.map((r) => [r.ordinal, r.overdue])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const empty = monitorPlan({ plan: { regime: '2026' }, rows: [] }, '2026-01-01');
    expect(empty.rows).toEqual([]);
    expect(empty.summary.total).toBe(0);
    expect(Object.values(empty.summary.byStatus)).toEqual([0, 0, 0, 0, 0]);
  });

  it('takes a written end date as the due date, as the server does; months stay the file’s', () => {
    const dated = {
      plan: { regime: '2026' as const, schoolYear: SY },
      rows: [
        row('Từ 05/10/2025 đến 20/12/2025', { group: 'tt57' }),
        // A file whose months disagree with its text keeps its months (no day taken from the text).
        {
          ...row('Từ 05/10/2025 đến 20/12/2025', { group: 'tt57' }),
          time: { text: 'Từ 05/10/2025 đến 20/12/2025', start: '2025-10', end: '2026-01' },
        },
      ],
    };
    const [first, second] = monitorPlan(dated, '2025-12-21').rows;
    expect(first).toMatchObject({ dueDate: '2025-12-20', dueMonth: '2025-12', overdue: true });
    expect(second).toMatchObject({ dueDate: '2026-01-31', overdue: false });
    expect(monitorPlan(dated, '2025-12-20').rows[0]).toMatchObject({ overdue: false, daysLeft: 0 });
  });

  it('refuses a day that is not a calendar date', () => {
    expect(() => monitorPlan(plan, '2026-02-29')).toThrow(RangeError);
    expect(() => monitorPlan(plan, '01/01/2026')).toThrow(RangeError);
  });
});
