import { describe, expect, it } from 'vitest';
import { parseTime } from '../parsers/time.parser.ts';
import type { ProgressStatus } from './monitoring.types.ts';
import {
  computeReminders,
  isSchoolYearRunning,
  reminderRowLabel,
  type ReminderInput,
  type ReminderRound,
  type ReminderRow,
} from './reminders.ts';
import { rowSchedule } from './row-schedule.ts';

const YEAR = '2025-2026';

function row(
  trackId: string,
  timeText: string,
  today: string,
  options: { status?: ProgressStatus; assignees?: string[] } = {},
): ReminderRow {
  const status = options.status ?? 'in_progress';
  const time = parseTime(timeText, { schoolYear: YEAR }).value;
  return {
    trackId,
    planId: 'plan-1',
    schoolId: 'school-a',
    schoolYear: YEAR,
    label: `Việc ${trackId}`,
    schedule: rowSchedule(time, status, today),
    status,
    assigneeUserIds: options.assignees ?? ['teacher'],
  };
}

const school = {
  schoolId: 'school-a',
  schoolName: 'Trường Tiểu học Định Hiệp',
  principalUserIds: ['principal'],
  monitoringUserIds: ['monitor', 'principal'],
};

function input(today: string, rows: ReminderRow[], rounds: ReminderRound[] = []): ReminderInput {
  return { today, rows, rounds, schools: [school], preferences: new Map() };
}

const keys = (list: { dedupeKey: string }[]) => list.map((r) => r.dedupeKey);

describe('computeReminders on a fixed day', () => {
  // Sunday 15/02/2026: not a Monday, so no digest.
  const today = '2026-02-15';

  it('reminds the assignees of a row due within 14 days and of an overdue row, once each', () => {
    const rows = [
      row('t-due', 'Tháng 02/2026', today), // due 28/02: 13 days left
      row('t-far', 'Tháng 3/2026', today), // due 31/03: 44 days left
      row('t-late', 'Tháng 01/2026', today, { assignees: ['teacher', 'other'] }), // overdue
      row('t-done', 'Tháng 01/2026', today, { status: 'done' }),
      row('t-cancel', 'Tháng 12/2025', today, { status: 'cancelled' }),
      row('t-nodate', 'Cả năm học', today),
      row('t-unparsed', 'khi có kinh phí', today),
    ];
    const result = computeReminders(input(today, rows));
    expect(keys(result)).toEqual([
      'row_overdue:other:t-late:2026-01-31',
      'row_due_soon:teacher:t-due:2026-02-28',
      'row_overdue:teacher:t-late:2026-01-31',
    ]);
    const due = result.find((r) => r.kind === 'row_due_soon')!;
    expect(due.title).toBe('Sắp đến hạn: Việc t-due');
    expect(due.body).toContain('đến hạn ngày 28/02/2026 (còn 13 ngày)');
    expect(due.body).toContain('Đang thực hiện');
    expect(due.link).toBe('/ke-hoach/plan-1');
    expect(result.find((r) => r.kind === 'row_overdue')!.body).toContain('trễ 15 ngày');
    expect(result.every((r) => r.inApp && r.email)).toBe(true);
  });

  it('takes the day boundaries exactly: 14 days is due soon, 15 is not, the due day itself is', () => {
    const at = (d: string) => keys(computeReminders(input(d, [row('t', 'Tháng 02/2026', d)])));
    expect(at('2026-02-13')).toEqual([]); // 15 days
    expect(at('2026-02-14')).toEqual(['row_due_soon:teacher:t:2026-02-28']);
    expect(at('2026-02-28')).toEqual(['row_due_soon:teacher:t:2026-02-28']);
    expect(at('2026-03-01')).toEqual(['row_overdue:teacher:t:2026-02-28']);
  });

  it('keeps the same key across days, so the job never makes the reminder twice', () => {
    const a = computeReminders(input('2026-02-20', [row('t', 'Tháng 02/2026', '2026-02-20')]));
    const b = computeReminders(input('2026-02-25', [row('t', 'Tháng 02/2026', '2026-02-25')]));
    expect(keys(a)).toEqual(keys(b));
  });

  it('honours preferences: a kind off in both channels is dropped, one channel is kept', () => {
    const rows = [row('t-due', 'Tháng 02/2026', today), row('t-late', 'Tháng 01/2026', today)];
    const result = computeReminders({
      ...input(today, rows),
      preferences: new Map([
        [
          'teacher',
          {
            row_due_soon: { inApp: false, email: false },
            row_overdue: { inApp: false, email: true },
          },
        ],
      ]),
    });
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ kind: 'row_overdue', inApp: false, email: true });
  });

  it('announces a review round 7 days ahead to the principal and the monitoring team', () => {
    const round = (date: string, extra: Partial<ReminderRound> = {}): ReminderRound => ({
      lineageId: 'lin-1',
      planId: 'plan-1',
      schoolId: 'school-a',
      schoolYear: YEAR,
      kind: 'semester1',
      roundId: 'round-1',
      label: 'Sơ kết học kỳ I',
      date,
      closed: false,
      ...extra,
    });
    expect(computeReminders(input(today, [], [round('2026-02-23')]))).toEqual([]); // 8 days
    const result = computeReminders(input(today, [], [round('2026-02-22')]));
    expect(keys(result)).toEqual([
      'review_round_coming:monitor:lin-1:semester1:2026-02-22',
      'review_round_coming:principal:lin-1:semester1:2026-02-22',
    ]);
    expect(result[0]!.title).toBe('Sắp đến đợt rà soát: Sơ kết học kỳ I năm học 2025-2026');
    expect(result[0]!.body).toContain('dự kiến ngày 22/02/2026 (còn 7 ngày)');
    // Suggested (not created): same key, so creating it later does not announce it twice.
    const suggested = computeReminders(input(today, [], [round('2026-02-22', { roundId: null })]));
    expect(keys(suggested)).toEqual(keys(result));
    expect(suggested[0]!.body).toContain('chưa được tạo');
    expect(computeReminders(input(today, [], [round('2026-02-20', { closed: true })]))).toEqual([]);
    expect(computeReminders(input(today, [], [round('2026-02-14')]))).toEqual([]); // past
  });

  it('ignores years that have ended', () => {
    const old = { ...row('t-old', 'Tháng 01/2025', today), schoolYear: '2024-2025' };
    expect(computeReminders(input(today, [old]))).toEqual([]);
  });
});

describe('the weekly digest', () => {
  it('goes out on Mondays to the principal and the monitoring team, keyed by the week', () => {
    const monday = '2026-02-16';
    const rows = [
      row('t-due', 'Tháng 02/2026', monday, { assignees: [] }),
      row('t-late', 'Tháng 01/2026', monday, { assignees: [] }),
      row('t-late2', 'Tháng 12/2025', monday, { assignees: [], status: 'delayed' }),
      row('t-done', 'Tháng 01/2026', monday, { assignees: [], status: 'done' }),
      row('t-nodate', 'khi có kinh phí', monday, { assignees: [] }),
    ];
    const result = computeReminders(input(monday, rows));
    expect(keys(result)).toEqual([
      'weekly_digest:monitor:school-a:2026-02-16',
      'weekly_digest:principal:school-a:2026-02-16',
    ]);
    const digest = result[0]!;
    expect(digest.title).toBe('Tổng hợp tiến độ tuần 16/02/2026 – Trường Tiểu học Định Hiệp');
    expect(digest.link).toBe('/truong/school-a/ke-hoach');
    expect(digest.body).toBe(
      [
        'Tổng số dòng kế hoạch đang theo dõi: 5.',
        '- Đang thực hiện: 3',
        '- Hoàn thành: 1',
        '- Chậm tiến độ: 1',
        'Quá hạn: 2. Sắp đến hạn (trong 14 ngày): 1. Chưa xác định thời gian: 1.',
        '',
        'Các việc quá hạn:',
        '- Việc t-late2 (hạn 31/12/2025)',
        '- Việc t-late (hạn 31/01/2026)',
      ].join('\n'),
    );
    expect(computeReminders(input('2026-02-17', rows))).toEqual([]);
  });
});

describe('helpers', () => {
  it('knows when a school year runs', () => {
    expect(isSchoolYearRunning('2025-2026', '2026-07-31')).toBe(true);
    expect(isSchoolYearRunning('2025-2026', '2026-08-01')).toBe(false);
    expect(isSchoolYearRunning('2026-2027', '2026-02-15')).toBe(true);
  });

  it('labels a row by its criterion and content', () => {
    expect(
      reminderRowLabel({ criterionCode: '1.1', content: ' Rà soát\nkế hoạch ', tasks: '' }),
    ).toBe('Tiêu chí 1.1 – Rà soát kế hoạch');
    expect(reminderRowLabel({ criterionCode: null, content: '', tasks: 'Tập huấn' })).toBe(
      'Tập huấn',
    );
    expect(reminderRowLabel({ criterionCode: null, content: '', tasks: '' })).toBe('Dòng kế hoạch');
    expect(
      reminderRowLabel({ criterionCode: null, content: 'a'.repeat(100), tasks: '' }),
    ).toHaveLength(80);
  });
});
