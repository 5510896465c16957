import type { Regime } from '../frameworks/framework.types.ts';
import { parseTime } from '../parsers/time.parser.ts';
import { numberPlanRows } from '../plans/plan-order.ts';
import type { RowGroup } from '../plans/plan.types.ts';
import { PROGRESS_STATUSES, type ProgressStatus } from './monitoring.types.ts';
import { rowSchedule } from './row-schedule.ts';
import { isCalendarDate } from './school-clock.ts';

/**
 * Each row's state on a given day, from a plan in the interchange format (the offline
 * `monitor <plan.json> --at YYYY-MM-DD` command, issue 13 "Interfaces"). Pure: the plan and the day
 * are given. A row's months are taken as the file parsed them (`time.start` / `time.end`), never
 * guessed: a row without months is "no date". A date written as the end ("… đến 20/12/2025") is the
 * due date, as the server's schedule has it (the text read again in the plan's school year, used
 * only when it gives the same end month). A row without progress (a version 1 file, or a row nobody
 * has updated) is "chưa bắt đầu", 0 %.
 */

/** What the monitor needs of an interchange plan (a structural subset of `PlanInterchange`). */
export interface MonitorPlanInput {
  plan: { regime: Regime; schoolYear?: string | null | undefined };
  rows: readonly MonitorRowInput[];
}

/** What the monitor needs of an interchange row. */
export interface MonitorRowInput {
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  /** The Mức 4 item number (2018 plans' MỨC 4 rows). */
  level4Key?: string | null | undefined;
  content: string;
  tasks: string;
  time: { text: string; start: string | null; end: string | null };
  /** The row's progress (interchange version 2); absent in version 1. */
  monitoring?: { status: ProgressStatus; percent: number; result: string } | null | undefined;
}

/** One row's state on the day. */
export interface MonitoredRow {
  /** TT: the row's number in the plan's one order (as the documents print it). */
  ordinal: string;
  /** Index of the row in the file's `rows`. */
  rowIndex: number;
  criterionCode: string | null;
  level4Key: string | null;
  /** Nội dung (or Công việc when the layout has no content column), as written. */
  content: string;
  timeText: string;
  status: ProgressStatus;
  percent: number;
  result: string;
  startMonth: string | null;
  dueMonth: string | null;
  dueDate: string | null;
  daysLeft: number | null;
  noDate: boolean;
  overdue: boolean;
  dueSoon: boolean;
  startsThisMonth: boolean;
  dueThisMonth: boolean;
}

/** Counts over the rows, on the day. */
export interface MonitorSummary {
  /** The day (YYYY-MM-DD, Việt Nam). */
  at: string;
  total: number;
  byStatus: Record<ProgressStatus, number>;
  overdue: number;
  dueSoon: number;
  /** Rows whose time gives no month at all (not understood, empty, school year unknown). */
  noDate: number;
  /** Rows with a start but an open end ("Từ tháng 4/2026"): no due date, never overdue. */
  openEnd: number;
  dueThisMonth: number;
  startsThisMonth: number;
}

export interface MonitorResult {
  rows: MonitoredRow[];
  summary: MonitorSummary;
}

/** The end date written in a time cell, when reading it again gives the file's end month. */
function endDayOf(time: MonitorRowInput['time'], schoolYear: string | null): string | undefined {
  if (time.end === null) return undefined;
  const again = parseTime(time.text, { schoolYear }).value;
  return again?.end === time.end ? again.endDay : undefined;
}

/** Zero for every status, in the order of {@link PROGRESS_STATUSES}. */
export function emptyStatusCounts(): Record<ProgressStatus, number> {
  return Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
}

/**
 * The state of every row of `plan` on `today` (YYYY-MM-DD in Việt Nam, e.g. from
 * `schoolDateOf`), rows in the plan's one order with their TT. Throws on a `today` that is not a
 * calendar date (the caller validates user input first).
 *
 * @example monitorPlan(plan, '2026-01-01').summary.overdue // rows due by 31/12 and not done
 */
export function monitorPlan(plan: MonitorPlanInput, today: string): MonitorResult {
  if (!isCalendarDate(today)) throw new RangeError(`Not a calendar date: ${today}`);
  const summary: MonitorSummary = {
    at: today,
    total: 0,
    byStatus: emptyStatusCounts(),
    overdue: 0,
    dueSoon: 0,
    noDate: 0,
    openEnd: 0,
    dueThisMonth: 0,
    startsThisMonth: 0,
  };
  const rows = numberPlanRows(plan.rows, plan.plan.regime).map(({ row, index, number }) => {
    const status = row.monitoring?.status ?? 'not_started';
    const endDay = endDayOf(row.time, plan.plan.schoolYear ?? null);
    const schedule = rowSchedule({ ...row.time, ...(endDay ? { endDay } : {}) }, status, today);
    const monitored: MonitoredRow = {
      ordinal: String(number),
      rowIndex: index,
      criterionCode: row.criterionCode,
      level4Key: row.level4Key ?? null,
      content: row.content.trim() !== '' ? row.content : row.tasks,
      timeText: row.time.text,
      status,
      percent: row.monitoring?.percent ?? 0,
      result: row.monitoring?.result ?? '',
      startMonth: schedule.startMonth,
      dueMonth: schedule.dueMonth,
      dueDate: schedule.dueDate,
      daysLeft: schedule.daysLeft,
      noDate: schedule.noDate,
      overdue: schedule.overdue,
      dueSoon: schedule.dueSoon,
      startsThisMonth: schedule.startsThisMonth,
      dueThisMonth: schedule.dueThisMonth,
    };
    summary.total += 1;
    summary.byStatus[status] += 1;
    if (monitored.overdue) summary.overdue += 1;
    if (monitored.dueSoon) summary.dueSoon += 1;
    if (monitored.noDate) summary.noDate += 1;
    else if (monitored.dueDate === null) summary.openEnd += 1;
    if (monitored.dueThisMonth) summary.dueThisMonth += 1;
    if (monitored.startsThisMonth) summary.startsThisMonth += 1;
    return monitored;
  });
  return { rows, summary };
}
