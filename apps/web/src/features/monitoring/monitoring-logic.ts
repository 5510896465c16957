import {
  FUNDING_SOURCES,
  PROGRESS_STATUSES,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';
import { viMonitoring } from '../../i18n/vi-monitoring.ts';

/** The follow-up sections of a plan's screen (`?muc=` of /ke-hoach/:planId). */
export const PLAN_SECTIONS = ['ke-hoach', 'theo-doi', 'tong-quan', 'ra-soat'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export function planSectionOf(search: string): PlanSection {
  const value = new URLSearchParams(search).get('muc');
  return (PLAN_SECTIONS as readonly string[]).includes(value ?? '')
    ? (value as PlanSection)
    : 'ke-hoach';
}

/** A status chip's colour, shared by the table and the charts (colour-blind-safe order). */
export const STATUS_COLORS: Record<ProgressStatus, string> = {
  not_started: '#8795a8',
  in_progress: '#1d6fb8',
  done: '#1e7a44',
  delayed: '#c45a00',
  cancelled: '#7a4a9e',
};

export const STATUS_ORDER: readonly ProgressStatus[] = PROGRESS_STATUSES;

/** What a row needs for the filters (a subset of the API's RowProgress). */
export interface FilterableRow {
  status: ProgressStatus;
  schedule: {
    overdue: boolean;
    noDate: boolean;
    dueThisMonth: boolean;
    startsThisMonth: boolean;
  };
}

export const SCHEDULE_FILTERS = [
  'all',
  'overdue',
  'dueThisMonth',
  'startsThisMonth',
  'noDate',
] as const;
export type ScheduleFilter = (typeof SCHEDULE_FILTERS)[number];

export interface ProgressFilter {
  schedule: ScheduleFilter;
  status: ProgressStatus | null;
}

/** Rows matching the filter bar: one schedule filter (quá hạn, đến hạn…) and a status. */
export function filterRows<R extends FilterableRow>(
  rows: readonly R[],
  filter: ProgressFilter,
): R[] {
  return rows.filter((row) => {
    if (filter.status && row.status !== filter.status) return false;
    return filter.schedule === 'all' ? true : row.schedule[filter.schedule];
  });
}

/** How many rows each schedule filter would show (the counts on the filter buttons). */
export function scheduleCounts(rows: readonly FilterableRow[]): Record<ScheduleFilter, number> {
  const counts = { all: rows.length, overdue: 0, dueThisMonth: 0, startsThisMonth: 0, noDate: 0 };
  for (const row of rows) {
    if (row.schedule.overdue) counts.overdue += 1;
    if (row.schedule.dueThisMonth) counts.dueThisMonth += 1;
    if (row.schedule.startsThisMonth) counts.startsThisMonth += 1;
    if (row.schedule.noDate) counts.noDate += 1;
  }
  return counts;
}

/** Months "YYYY-MM" from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (months.length > 240) break;
  }
  return months;
}

export interface TimelineInput {
  rowId: string;
  ordinal: string;
  label: string;
  startMonth: string | null;
  dueMonth: string | null;
  status: ProgressStatus;
  percent: number;
  overdue: boolean;
}

export interface TimelineBar extends TimelineInput {
  /** Grid columns of the bar (1-based, end exclusive) among `months`. */
  startColumn: number;
  endColumn: number;
}

/**
 * The Gantt's bars on a month grid: each row with a time spans its start to its due month (a row
 * with only one of them is one month long); rows without a time are left out, never guessed.
 */
export function timelineBars(
  months: readonly string[],
  rows: readonly TimelineInput[],
): { bars: TimelineBar[]; undated: number } {
  const bars: TimelineBar[] = [];
  let undated = 0;
  for (const row of rows) {
    const start = row.startMonth ?? row.dueMonth;
    const end = row.dueMonth ?? row.startMonth;
    if (!start || !end) {
      undated += 1;
      continue;
    }
    const first = months.indexOf(start < end ? start : end);
    const last = months.indexOf(start < end ? end : start);
    // A month outside the grid clips the bar to the grid's edge.
    const from = first === -1 ? (start < (months[0] ?? '') ? 0 : months.length - 1) : first;
    const to = last === -1 ? (end > (months.at(-1) ?? '') ? months.length - 1 : 0) : last;
    bars.push({ ...row, startColumn: from + 1, endColumn: Math.max(from, to) + 2 });
  }
  return { bars, undated };
}

/** Rows of the "by standard" chart: one bar per standard, one stack per status. */
export function standardChartData(
  byStandard: readonly {
    standardCode: string | null;
    label: string;
    counts: { total: number; byStatus: Partial<Record<ProgressStatus, number>> };
  }[],
): Array<{ name: string; label: string; total: number } & Record<ProgressStatus, number>> {
  return byStandard.map((item) => {
    const counts = Object.fromEntries(
      STATUS_ORDER.map((status) => [status, item.counts.byStatus[status] ?? 0]),
    ) as Record<ProgressStatus, number>;
    return {
      name: item.standardCode ? `TC ${item.standardCode}` : item.label,
      label: item.label,
      total: item.counts.total,
      ...counts,
    };
  });
}

/** Funding sources with an amount planned or spent, for the grouped bars and their table. */
export function budgetChartData(budget: {
  planned: Partial<Record<FundingSource, number>>;
  spent: Partial<Record<FundingSource, number>>;
}): { source: FundingSource; name: string; planned: number; spent: number }[] {
  return FUNDING_SOURCES.map((source) => ({
    source,
    name: viMonitoring.sources[source],
    planned: budget.planned[source] ?? 0,
    spent: budget.spent[source] ?? 0,
  })).filter((item) => item.planned > 0 || item.spent > 0);
}

const REASON_MAX = 2000;

/**
 * The reason of a plan revision opened from a review round: the round, then each row's adjustment
 * (rows without one are left out). Null when the round recorded no adjustment.
 */
export function revisionReason(
  round: { label: string },
  schoolYear: string,
  rows: readonly { ordinal: string; adjustment: string }[],
): string | null {
  const lines = rows
    .filter((row) => row.adjustment.trim() !== '')
    .map((row) =>
      viMonitoring.rounds.reasonRow(row.ordinal, row.adjustment.trim().replace(/\s*\n\s*/g, '; ')),
    );
  if (lines.length === 0) return null;
  const text = [
    viMonitoring.rounds.reasonHead(round.label, schoolYear.replace('-', ' - ')),
    ...lines,
  ].join('\n');
  // The revision's reason holds 2,000 characters; the user can shorten it in the dialog.
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}
