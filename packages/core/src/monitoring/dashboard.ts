import { FUNDING_SOURCES, type BudgetValue, type FundingSource } from '../parsers/budget.parser.ts';
import { compareCodes, rowStandardCode } from '../plans/plan-order.ts';
import { PROGRESS_STATUSES, type ProgressStatus } from './monitoring.types.ts';
import type { RowSchedule } from './row-schedule.ts';

/**
 * The school's dashboard of a plan (issue 13 "Dashboards"), computed from its rows as the
 * monitoring screens answer them: rows by status per standard, the overdue and the no-date lists,
 * budget planned (the rows' budget cells, by source) against spent (the progress log, by source),
 * and a month-by-month timeline. Pure: the rows carry their schedule for `today` already.
 */

/** What the dashboard needs of a row. */
export interface DashboardRow {
  rowId: string;
  ordinal: string;
  content: string;
  standardCode: string | null;
  criterionCode: string | null;
  status: ProgressStatus;
  percent: number;
  schedule: Pick<
    RowSchedule,
    'startMonth' | 'dueMonth' | 'overdue' | 'noDate' | 'dueThisMonth' | 'startsThisMonth'
  >;
  plannedBudget: { bySource: Record<FundingSource, number> };
  spent: { bySource: Record<FundingSource, number> };
}

/** Counts of rows by status, with the overdue, no-date, due- and starting-this-month ones. */
export interface StatusCounts {
  total: number;
  byStatus: Record<ProgressStatus, number>;
  overdue: number;
  noDate: number;
  dueThisMonth: number;
  startsThisMonth: number;
}

export interface TimelineRow {
  rowId: string;
  ordinal: string;
  label: string;
  startMonth: string | null;
  dueMonth: string | null;
  status: ProgressStatus;
  percent: number;
  overdue: boolean;
}

export interface PlanDashboardData<T> {
  summary: StatusCounts;
  byStandard: { standardCode: string | null; label: string; counts: StatusCounts }[];
  overdue: T[];
  noDate: T[];
  budget: { planned: Record<FundingSource, number>; spent: Record<FundingSource, number> };
  timeline: { months: string[]; rows: TimelineRow[] };
}

/** Every funding source at zero. */
export function zeroAmounts(): Record<FundingSource, number> {
  return Object.fromEntries(FUNDING_SOURCES.map((s) => [s, 0])) as Record<FundingSource, number>;
}

/**
 * A budget cell's planned amounts by funding source: each part under its own source ("Ngân sách:
 * 20.000.000; XHH: 10.000.000" → state 20 M, socialized 10 M), or the whole amount under the cell's
 * source when no part states an amount. Every screen and document that splits money by source
 * uses this one reading, so their figures agree.
 */
export function plannedAmountsBySource(
  value: Pick<BudgetValue, 'amount' | 'source' | 'parts'> | null,
): Record<FundingSource, number> {
  const bySource = zeroAmounts();
  if (!value) return bySource;
  let counted = false;
  for (const part of value.parts) {
    if (part.amount === null) continue;
    bySource[part.source] += part.amount;
    counted = true;
  }
  if (!counted && value.amount !== null) bySource[value.source] += value.amount;
  return bySource;
}

/** Counts of the rows by status and schedule. */
export function statusCounts(
  rows: readonly Pick<DashboardRow, 'status' | 'schedule'>[],
): StatusCounts {
  const byStatus = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<
    ProgressStatus,
    number
  >;
  const counts: StatusCounts = {
    total: rows.length,
    byStatus,
    overdue: 0,
    noDate: 0,
    dueThisMonth: 0,
    startsThisMonth: 0,
  };
  for (const row of rows) {
    byStatus[row.status] += 1;
    if (row.schedule.overdue) counts.overdue += 1;
    if (row.schedule.noDate) counts.noDate += 1;
    if (row.schedule.dueThisMonth) counts.dueThisMonth += 1;
    if (row.schedule.startsThisMonth) counts.startsThisMonth += 1;
  }
  return counts;
}

/** The month after `month` (YYYY-MM). */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The longest timeline drawn (a row typed "2020 – 2030" does not make a ten-year chart). */
const MAX_TIMELINE_MONTHS = 36;

/**
 * The months of the timeline: the school year (August of its first year to July of its second),
 * widened to the rows' span when they start earlier or end later, at most
 * {@link MAX_TIMELINE_MONTHS} months.
 */
export function timelineMonths(
  schoolYear: string,
  rows: readonly Pick<DashboardRow, 'schedule'>[],
): string[] {
  const first = Number(schoolYear.slice(0, 4));
  const valid = /^\d{4}-\d{4}$/u.test(schoolYear) && Number.isFinite(first);
  let from = valid ? `${first}-08` : null;
  let to = valid ? `${first + 1}-07` : null;
  for (const row of rows) {
    for (const month of [row.schedule.startMonth, row.schedule.dueMonth]) {
      if (!month) continue;
      if (from === null || month < from) from = month;
      if (to === null || month > to) to = month;
    }
  }
  if (from === null || to === null) return [];
  const months: string[] = [];
  for (let m = from; m <= to && months.length < MAX_TIMELINE_MONTHS; m = nextMonth(m))
    months.push(m);
  return months;
}

const shortLabel = (text: string, max = 80): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

/** The label of a standard's group on the dashboard. */
export function standardLabel(code: string | null): string {
  return code === null ? 'Chưa gắn tiêu chuẩn' : `Tiêu chuẩn ${code}`;
}

/** The dashboard of the rows (given in the plan's order). */
export function planDashboard<T extends DashboardRow>(
  rows: readonly T[],
  options: { schoolYear: string },
): PlanDashboardData<T> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const code = rowStandardCode(row);
    const list = groups.get(code) ?? [];
    list.push(row);
    groups.set(code, list);
  }
  const byStandard = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareCodes(a, b)))
    .map(([standardCode, list]) => ({
      standardCode,
      label: standardLabel(standardCode),
      counts: statusCounts(list),
    }));
  const planned = zeroAmounts();
  const spent = zeroAmounts();
  for (const row of rows) {
    for (const source of FUNDING_SOURCES) {
      planned[source] += row.plannedBudget.bySource[source] ?? 0;
      spent[source] += row.spent.bySource[source] ?? 0;
    }
  }
  return {
    summary: statusCounts(rows),
    byStandard,
    overdue: rows.filter((r) => r.schedule.overdue),
    noDate: rows.filter((r) => r.schedule.noDate),
    budget: { planned, spent },
    timeline: {
      months: timelineMonths(options.schoolYear, rows),
      rows: rows.map((r) => ({
        rowId: r.rowId,
        ordinal: r.ordinal,
        label: shortLabel(`${r.ordinal}. ${r.content}`),
        startMonth: r.schedule.startMonth,
        dueMonth: r.schedule.dueMonth,
        status: r.status,
        percent: r.percent,
        overdue: r.schedule.overdue,
      })),
    },
  };
}
