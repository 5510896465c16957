import { describe, expect, it } from 'vitest';
import { parseTime } from '../parsers/time.parser.ts';
import { PROGRESS_STATUSES, type ProgressStatus } from './monitoring.types.ts';
import { rowAssigneeRole, rowSchedule } from './row-schedule.ts';
import { schoolDateOf } from './school-clock.ts';

/**
 * Due and overdue (issue 13) on real time texts: every time cell of the five seed plans, in the
 * seed's own school year and spelled as the seeds' PDF text wraps them, and every row of
 * docs/reference/PARSING.md "Time" — each parsed by the core time parser, then scheduled on the
 * days where months and years turn. The expected months and due dates are written by hand: the due
 * date is the last day of the end month (a date written in the cell is kept as it is), and a time
 * with no end (open, not understood, no school year) has none — never a guessed one.
 */
interface TimeCase {
  source: string;
  text: string;
  schoolYear: string | null;
  start: string | null;
  /** The due date the row gets, or null ("no date" / open end). */
  due: string | null;
}

const SY = '2025-2026';

const SEED_TIMES: TimeCase[] = [
  // Seed 000, TH Nguyễn Thái Bình, năm học 2024 – 2025.
  {
    source: 'seed 000',
    text: 'Từ tháng \n9/2024 \n\nđến tháng \n5/2025',
    schoolYear: '2024-2025',
    start: '2024-09',
    due: '2025-05-31',
  },
  {
    source: 'seed 000',
    text: 'Từ tháng \n\n9/2024 đến \n\ntháng \n4/2027',
    schoolYear: '2024-2025',
    start: '2024-09',
    due: '2027-04-30',
  },
  {
    source: 'seed 000',
    text: 'Từ tháng \n 4/2026',
    schoolYear: '2024-2025',
    start: '2026-04',
    due: null,
  },
  // Seed 001, TH Thanh Luông, NĂM HỌC 2025- 2026.
  {
    source: 'seed 001',
    text: 'Tháng 6 \nđến \ntháng 9 \nhằng \nnăm.',
    schoolYear: SY,
    start: '2026-06',
    due: '2026-09-30',
  },
  {
    source: 'seed 001',
    text: 'Tháng 8 \nđến \ntháng 12 \nhằng \nnăm.',
    schoolYear: SY,
    start: '2025-08',
    due: '2025-12-31',
  },
  {
    source: 'seed 001',
    text: 'Từ tháng \n9 đến \ntháng 12 \nhằng \nnăm.',
    schoolYear: SY,
    start: '2025-09',
    due: '2025-12-31',
  },
  {
    source: 'seed 001',
    text: '08/2024 \n– \n11/2024',
    schoolYear: SY,
    start: '2024-08',
    due: '2024-11-30',
  },
  {
    source: 'seed 001',
    text: '09/2024 – 12/2024',
    schoolYear: SY,
    start: '2024-09',
    due: '2024-12-31',
  },
  {
    source: 'seed 001',
    text: '08/2024 – 12/2024',
    schoolYear: SY,
    start: '2024-08',
    due: '2024-12-31',
  },
  { source: 'seed 001', text: '07– 06', schoolYear: SY, start: '2025-07', due: '2026-06-30' },
  { source: 'seed 001', text: '08 - 05', schoolYear: SY, start: '2025-08', due: '2026-05-31' },
  { source: 'seed 001', text: '08 – 11', schoolYear: SY, start: '2025-08', due: '2025-11-30' },
  { source: 'seed 001', text: '08– 11', schoolYear: SY, start: '2025-08', due: '2025-11-30' },
  { source: 'seed 001', text: '08 – 12', schoolYear: SY, start: '2025-08', due: '2025-12-31' },
  { source: 'seed 001', text: '08– 12', schoolYear: SY, start: '2025-08', due: '2025-12-31' },
  { source: 'seed 001', text: '08 – 06', schoolYear: SY, start: '2025-08', due: '2026-06-30' },
  { source: 'seed 001', text: '08– 06', schoolYear: SY, start: '2025-08', due: '2026-06-30' },
  { source: 'seed 001', text: '09 – 11', schoolYear: SY, start: '2025-09', due: '2025-11-30' },
  { source: 'seed 001', text: '09– 11', schoolYear: SY, start: '2025-09', due: '2025-11-30' },
  { source: 'seed 001', text: '09 – 12', schoolYear: SY, start: '2025-09', due: '2025-12-31' },
  { source: 'seed 001', text: '09– 12', schoolYear: SY, start: '2025-09', due: '2025-12-31' },
  { source: 'seed 001', text: '09 - 12', schoolYear: SY, start: '2025-09', due: '2025-12-31' },
  { source: 'seed 001', text: '09 – 05', schoolYear: SY, start: '2025-09', due: '2026-05-31' },
  { source: 'seed 001', text: '09– 05', schoolYear: SY, start: '2025-09', due: '2026-05-31' },
  { source: 'seed 001', text: '09 – 06', schoolYear: SY, start: '2025-09', due: '2026-06-30' },
  { source: 'seed 001', text: '09– 06', schoolYear: SY, start: '2025-09', due: '2026-06-30' },
  { source: 'seed 001', text: '09 - 06', schoolYear: SY, start: '2025-09', due: '2026-06-30' },
  { source: 'seed 001', text: '09 -  06', schoolYear: SY, start: '2025-09', due: '2026-06-30' },
  { source: 'seed 001', text: '09 – 08', schoolYear: SY, start: '2025-09', due: '2026-08-31' },
  { source: 'seed 001', text: '09– 08', schoolYear: SY, start: '2025-09', due: '2026-08-31' },
  { source: 'seed 001', text: '09 -08', schoolYear: SY, start: '2025-09', due: '2026-08-31' },
  { source: 'seed 001', text: '10 – 01', schoolYear: SY, start: '2025-10', due: '2026-01-31' },
  { source: 'seed 001', text: '10– 01', schoolYear: SY, start: '2025-10', due: '2026-01-31' },
  { source: 'seed 001', text: '10 – 06', schoolYear: SY, start: '2025-10', due: '2026-06-30' },
  { source: 'seed 001', text: '10– 06', schoolYear: SY, start: '2025-10', due: '2026-06-30' },
  { source: 'seed 001', text: '11– 03', schoolYear: SY, start: '2025-11', due: '2026-03-31' },
  { source: 'seed 001', text: '12– 04', schoolYear: SY, start: '2025-12', due: '2026-04-30' },
  // Seed 002, MN 1 Quận 5, năm học 2023– 2024.
  {
    source: 'seed 002',
    text: 'năm học \n\n2023-\n\n2024',
    schoolYear: '2023-2024',
    start: '2023-09',
    due: '2024-05-31',
  },
  // Seed 003, THCS Pom Lót, năm học 2025 – 2026.
  {
    source: 'seed 003',
    text: 'Tháng \n\n10/2025',
    schoolYear: SY,
    start: '2025-10',
    due: '2025-10-31',
  },
  {
    source: 'seed 003',
    text: 'Tháng \n\n9/2025',
    schoolYear: SY,
    start: '2025-09',
    due: '2025-09-30',
  },
  {
    source: 'seed 003',
    text: 'Tháng \n\n9/2025 \n\nđến \n\ntháng \n\n5/2026',
    schoolYear: SY,
    start: '2025-09',
    due: '2026-05-31',
  },
  {
    source: 'seed 003',
    text: 'Tháng \n\n9/2025 \n\nđến \n\ntháng \n\n8/2026',
    schoolYear: SY,
    start: '2025-09',
    due: '2026-08-31',
  },
  {
    source: 'seed 003',
    text: 'Tháng \n\n9/2025 \n\nđến \n\ntháng \n\n12/2026',
    schoolYear: SY,
    start: '2025-09',
    due: '2026-12-31',
  },
  {
    source: 'seed 003',
    text: 'Tháng \n\n9/2025 \n\nvà thời \n\nđiểm có \n\nnội \n\ndung \n\nmới',
    schoolYear: SY,
    start: '2025-09',
    due: null,
  },
  // Seed 004, TH Định Phước, năm học 2022 - 2023.
  {
    source: 'seed 004',
    text: 'Tháng \n\n01/2023 \n\nđến hết \n\nnăm học \n\n2022 - \n\n2023',
    schoolYear: '2022-2023',
    start: '2023-01',
    due: '2023-05-31',
  },
  {
    source: 'seed 004',
    text: 'Tháng \n\n01/2023',
    schoolYear: '2022-2023',
    start: '2023-01',
    due: '2023-01-31',
  },
  {
    source: 'seed 004',
    text: 'Tháng \n\n02/2023',
    schoolYear: '2022-2023',
    start: '2023-02',
    due: '2023-02-28',
  },
  {
    source: 'seed 004',
    text: 'Tháng \n\n03/2023',
    schoolYear: '2022-2023',
    start: '2023-03',
    due: '2023-03-31',
  },
  {
    source: 'seed 004',
    text: 'Tháng \n\n12/2022',
    schoolYear: '2022-2023',
    start: '2022-12',
    due: '2022-12-31',
  },
  {
    source: 'seed 004',
    text: 'Thực \n\nhiện \n\nthường \n\nxuyên',
    schoolYear: '2022-2023',
    start: '2022-09',
    due: '2023-05-31',
  },
];

/** docs/reference/PARSING.md "Time", every row (school year 2025-2026 unless it names one). */
const PARSING_TIMES: TimeCase[] = [
  ['Từ tháng 9/2024 đến tháng 5/2025', '2024-2025', '2024-09', '2025-05-31'],
  ['Từ tháng 9/2024 đến tháng 4/2027', '2024-2025', '2024-09', '2027-04-30'],
  ['Từ tháng 4/2026', '2024-2025', '2026-04', null],
  ['07– 06', SY, '2025-07', '2026-06-30'],
  ['08 - 05', SY, '2025-08', '2026-05-31'],
  ['08 – 11', SY, '2025-08', '2025-11-30'],
  ['09 - 08', SY, '2025-09', '2026-08-31'],
  ['09– 06', SY, '2025-09', '2026-06-30'],
  ['10 – 01', SY, '2025-10', '2026-01-31'],
  ['11 – 03', SY, '2025-11', '2026-03-31'],
  ['12 – 04', SY, '2025-12', '2026-04-30'],
  ['08/2024 – 11/2024', SY, '2024-08', '2024-11-30'],
  ['Tháng 6 đến tháng 9 hằng năm.', SY, '2026-06', '2026-09-30'],
  ['Tháng 8 đến tháng 12 hằng năm.', SY, '2025-08', '2025-12-31'],
  ['Từ tháng 9 đến tháng 12 hằng năm.', SY, '2025-09', '2025-12-31'],
  ['Tháng 9 đến tháng 5/2026', SY, '2025-09', '2026-05-31'],
  ['năm học 2023-2024', SY, '2023-09', '2024-05-31'],
  ['Tháng 01/2023 đến hết năm học 2022 - 2023', SY, '2023-01', '2023-05-31'],
  ['Tháng 12/2022', '2022-2023', '2022-12', '2022-12-31'],
  ['Tháng 9/2025 và thời điểm có nội dung mới', SY, '2025-09', null],
  ['Tháng 9/2025 đến tháng 12/2026', SY, '2025-09', '2026-12-31'],
  ['T10/2025 – T3/2026', SY, '2025-10', '2026-03-31'],
  ['Quý I/2026', SY, '2026-01', '2026-03-31'],
  ['Học kỳ I', SY, '2025-09', '2026-01-31'],
  ['Học kỳ II', SY, '2026-01', '2026-05-31'],
  ['Cả năm học', SY, '2025-09', '2026-05-31'],
  ['Thường xuyên', SY, '2025-09', '2026-05-31'],
  ['Hằng tháng', SY, '2025-09', '2026-05-31'],
  // A written date is kept as the due date (day precision).
  ['Từ 05/10/2025 đến 20/12/2025', SY, '2025-10', '2025-12-20'],
  ['03/11/2025', SY, '2025-11', '2025-11-03'],
  // Nothing to schedule: listed as "no date", never guessed.
  ['', SY, null, null],
  ['Sau khi có kinh phí', SY, null, null],
].map(([text, schoolYear, start, due]) => ({
  source: 'PARSING.md',
  text: text as string,
  schoolYear: schoolYear as string,
  start: start as string | null,
  due: due as string | null,
}));

/** The seeds' month-only forms in a plan whose school year is not known yet: no date at all. */
const NO_YEAR_TIMES: TimeCase[] = [
  '08 – 11',
  '10– 01',
  'Cả năm học',
  'Học kỳ I',
  'Thường xuyên',
].map((text) => ({ source: 'no school year', text, schoolYear: null, start: null, due: null }));

const ALL_TIMES = [...SEED_TIMES, ...PARSING_TIMES, ...NO_YEAR_TIMES];

const parsed = (c: TimeCase) => parseTime(c.text, { schoolYear: c.schoolYear }).value;

/** The days where months and years turn, for a school year Y1-Y2 (and 29/2 in a leap year). */
function turningDays(schoolYear: string): string[] {
  const [y1, y2] = schoolYear.split('-').map(Number) as [number, number];
  const leap = y2 % 4 === 0 && (y2 % 100 !== 0 || y2 % 400 === 0);
  return [
    `${y1}-09-05`,
    `${y1}-11-30`,
    `${y1}-12-01`,
    `${y1}-12-31`,
    `${y2}-01-01`,
    `${y2}-01-31`,
    `${y2}-02-01`,
    `${y2}-02-28`,
    ...(leap ? [`${y2}-02-29`] : []),
    `${y2}-03-01`,
    `${y2}-05-17`,
    `${y2}-05-31`, // end of the teaching year
    `${y2}-06-01`,
    `${y2}-07-31`, // end of the year window
    `${y2}-08-01`,
  ];
}

/**
 * Days since 1970-01-01 of a civil date, by the proleptic Gregorian rule (H. Hinnant's
 * days_from_civil): an oracle that does not use Date, unlike the code under test.
 */
function civilDays(date: string): number {
  const [y0, m, d] = date.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
const countDays = (from: string, to: string) => civilDays(to) - civilDays(from);

describe('rowSchedule — the time texts parse as written down here', () => {
  it.each(ALL_TIMES)('$source: “$text” ($schoolYear) → from $start, due $due', (c) => {
    const value = parsed(c);
    expect(value?.start ?? null).toBe(c.start);
    const schedule = rowSchedule(value, 'in_progress', '2025-12-31');
    expect(schedule.startMonth).toBe(c.start);
    expect(schedule.dueDate).toBe(c.due);
    expect(schedule.dueMonth).toBe(c.due?.slice(0, 7) ?? null);
    expect(schedule.noDate).toBe(c.start === null && c.due === null);
  });
});

describe('rowSchedule — every time text on the days months and years turn', () => {
  const years = ['2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027', '2027-2028'];
  const days = [...new Set(years.flatMap(turningDays))].sort();

  it.each(ALL_TIMES)('$source: “$text” ($schoolYear)', (c) => {
    const value = parsed(c);
    for (const today of days) {
      for (const status of PROGRESS_STATUSES) {
        const s = rowSchedule(value, status, today);
        const closed = status === 'done' || status === 'cancelled';
        const label = `${today} ${status}`;
        expect(s.overdue, label).toBe(!closed && c.due !== null && today > c.due);
        expect(s.daysLeft, label).toBe(c.due === null ? null : countDays(today, c.due));
        const soon = c.due !== null && today <= c.due && countDays(today, c.due) <= 14;
        expect(s.dueSoon, label).toBe(!closed && soon);
        expect(s.dueThisMonth, label).toBe(
          c.due !== null && c.due.slice(0, 7) === today.slice(0, 7),
        );
        expect(s.startsThisMonth, label).toBe(c.start === today.slice(0, 7));
        // Done and given-up rows are never overdue, whatever the date.
        if (closed) expect(s.overdue || s.dueSoon, label).toBe(false);
        // No due date: never overdue, never due soon, never guessed.
        if (c.due === null) expect(s.overdue || s.dueSoon || s.dueDate !== null, label).toBe(false);
      }
    }
  });
});

/** Hand-picked boundaries: the last day of the end month is still on time, the next is late. */
const BOUNDARIES: {
  text: string;
  schoolYear: string;
  onTime: string;
  late: string;
}[] = [
  { text: '08 – 11', schoolYear: SY, onTime: '2025-11-30', late: '2025-12-01' },
  { text: '09– 12', schoolYear: SY, onTime: '2025-12-31', late: '2026-01-01' },
  {
    text: 'Tháng 8 \nđến \ntháng 12 \nhằng \nnăm.',
    schoolYear: SY,
    onTime: '2025-12-31',
    late: '2026-01-01',
  },
  { text: '10 – 01', schoolYear: SY, onTime: '2026-01-31', late: '2026-02-01' },
  { text: 'Học kỳ I', schoolYear: SY, onTime: '2026-01-31', late: '2026-02-01' },
  { text: 'Tháng \n\n02/2023', schoolYear: '2022-2023', onTime: '2023-02-28', late: '2023-03-01' },
  // The same form in a leap year: 29/2 is still on time.
  { text: 'Tháng 02/2024', schoolYear: '2023-2024', onTime: '2024-02-29', late: '2024-03-01' },
  { text: 'Tháng 02/2028', schoolYear: '2027-2028', onTime: '2028-02-29', late: '2028-03-01' },
  // End of the school year.
  { text: 'Cả năm học', schoolYear: SY, onTime: '2026-05-31', late: '2026-06-01' },
  { text: 'Thường xuyên', schoolYear: SY, onTime: '2026-05-31', late: '2026-06-01' },
  {
    text: 'năm học \n\n2023-\n\n2024',
    schoolYear: '2023-2024',
    onTime: '2024-05-31',
    late: '2024-06-01',
  },
  {
    text: 'Tháng \n\n01/2023 \n\nđến hết \n\nnăm học \n\n2022 - \n\n2023',
    schoolYear: '2022-2023',
    onTime: '2023-05-31',
    late: '2023-06-01',
  },
  {
    text: 'Từ tháng \n9/2024 \n\nđến tháng \n5/2025',
    schoolYear: '2024-2025',
    onTime: '2025-05-31',
    late: '2025-06-01',
  },
  { text: '09 – 08', schoolYear: SY, onTime: '2026-08-31', late: '2026-09-01' },
  {
    text: 'Từ 05/10/2025 đến 20/12/2025',
    schoolYear: SY,
    onTime: '2025-12-20',
    late: '2025-12-21',
  },
];

describe('rowSchedule — on time on the last day, overdue on the next', () => {
  it.each(BOUNDARIES)('“$text” ($schoolYear): $onTime on time, $late overdue', (b) => {
    const value = parseTime(b.text, { schoolYear: b.schoolYear }).value;
    const last = rowSchedule(value, 'in_progress', b.onTime);
    expect(last).toMatchObject({ overdue: false, dueSoon: true, daysLeft: 0, dueDate: b.onTime });
    expect(last.dueThisMonth).toBe(true);
    const next = rowSchedule(value, 'in_progress', b.late);
    expect(next).toMatchObject({ overdue: true, dueSoon: false, daysLeft: -1 });
    expect(next.dueThisMonth).toBe(b.late.slice(0, 7) === b.onTime.slice(0, 7));
    for (const status of ['not_started', 'delayed'] as const) {
      expect(rowSchedule(value, status, b.late).overdue).toBe(true);
    }
    for (const status of ['done', 'cancelled'] as const) {
      expect(rowSchedule(value, status, b.late).overdue).toBe(false);
      expect(rowSchedule(value, status, '2099-12-31').overdue).toBe(false);
    }
  });

  it.each(BOUNDARIES)('“$text”: the UTC evening of $onTime is already $late in Việt Nam', (b) => {
    const value = parseTime(b.text, { schoolYear: b.schoolYear }).value;
    const before = schoolDateOf(new Date(`${b.onTime}T16:59:59Z`));
    const after = schoolDateOf(new Date(`${b.onTime}T17:00:00Z`));
    expect(rowSchedule(value, 'in_progress', before).overdue).toBe(false);
    expect(rowSchedule(value, 'in_progress', after).overdue).toBe(true);
  });
});

describe('rowSchedule — starts and is due this month', () => {
  it('a row of one month starts and is due in it; a range only at its ends', () => {
    const oneMonth = parseTime('Tháng \n\n10/2025', { schoolYear: SY }).value;
    expect(rowSchedule(oneMonth, 'not_started', '2025-10-01')).toMatchObject({
      startsThisMonth: true,
      dueThisMonth: true,
      daysLeft: 30,
      overdue: false,
    });
    const range = parseTime('11– 03', { schoolYear: SY }).value;
    expect(rowSchedule(range, 'not_started', '2025-11-30')).toMatchObject({
      startsThisMonth: true,
      dueThisMonth: false,
    });
    expect(rowSchedule(range, 'in_progress', '2026-01-15')).toMatchObject({
      startsThisMonth: false,
      dueThisMonth: false,
      overdue: false,
    });
    expect(rowSchedule(range, 'in_progress', '2026-03-01')).toMatchObject({
      startsThisMonth: false,
      dueThisMonth: true,
      dueSoon: false,
      daysLeft: 30,
    });
    // 14 days before the end: due soon; 15 days before: not yet.
    expect(rowSchedule(range, 'in_progress', '2026-03-17').dueSoon).toBe(true);
    expect(rowSchedule(range, 'in_progress', '2026-03-16').dueSoon).toBe(false);
  });

  it('a deadline without a start ("Đến tháng 5/2026") is due, and starts nowhere', () => {
    const value = parseTime('Đến tháng 5/2026', { schoolYear: SY }).value;
    const s = rowSchedule(value, 'not_started', '2026-06-01');
    expect(s).toMatchObject({
      startMonth: null,
      dueDate: '2026-05-31',
      noDate: false,
      overdue: true,
    });
  });

  it('an open end has a start but no due date: never overdue, not "no date"', () => {
    for (const text of ['Từ tháng \n 4/2026', 'Tháng 9/2025 và thời điểm có nội dung mới']) {
      const value = parseTime(text, { schoolYear: '2024-2025' }).value;
      expect(value?.openEnd).toBe(true);
      const s = rowSchedule(value, 'not_started', '2030-01-01');
      expect(s).toMatchObject({ noDate: false, dueDate: null, dueMonth: null, overdue: false });
      expect(s.daysLeft).toBeNull();
    }
  });

  it('a time not understood or missing is "no date": nothing is due, nothing starts', () => {
    for (const time of [null, { start: null, end: null }]) {
      const s = rowSchedule(time, 'delayed', '2026-06-01');
      expect(s).toEqual({
        startMonth: null,
        dueMonth: null,
        dueDate: null,
        noDate: true,
        overdue: false,
        dueSoon: false,
        startsThisMonth: false,
        dueThisMonth: false,
        daysLeft: null,
      });
    }
  });

  it('every status is scheduled the same way apart from overdue and due soon', () => {
    const value = parseTime('09 – 12', { schoolYear: SY }).value;
    const base = rowSchedule(value, 'not_started', '2026-01-01');
    for (const status of PROGRESS_STATUSES as readonly ProgressStatus[]) {
      const s = rowSchedule(value, status, '2026-01-01');
      expect({ ...s, overdue: false, dueSoon: false }).toEqual({
        ...base,
        overdue: false,
        dueSoon: false,
      });
    }
  });
});

describe('rowAssigneeRole', () => {
  const people = {
    lead: { personIds: ['p-lead'] },
    coordinators: [{ personIds: ['p-a', 'p-b'] }, { personIds: [] }],
  };
  it('names the lead, a coordinator, or nobody', () => {
    expect(rowAssigneeRole(people, 'p-lead')).toBe('lead');
    expect(rowAssigneeRole(people, 'p-b')).toBe('coordinator');
    expect(rowAssigneeRole(people, 'p-x')).toBeNull();
    expect(rowAssigneeRole(people, null)).toBeNull();
    expect(rowAssigneeRole(null, 'p-lead')).toBeNull();
    expect(rowAssigneeRole({ lead: null, coordinators: [] }, 'p-lead')).toBeNull();
  });
});
