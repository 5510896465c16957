import { FUNDING_SOURCES, type FundingSource } from '../parsers/budget.parser.ts';
import type { TimeValue } from '../parsers/time.parser.ts';
import {
  CLOSED_PROGRESS_STATUSES,
  PROGRESS_STATUSES,
  type ProgressStatus,
} from './monitoring.types.ts';
import { lastDayOfMonth } from './school-clock.ts';

/**
 * What the offices' roll-up needs of one plan lineage's current approved plan (issue 14), stored
 * once per lineage and recomputed by every write that changes it (approval, a progress update, a
 * spending): rows by standard and progress status, the open rows by standard and due date, the rows
 * by criterion, and the budget planned and spent by funding source. A province's roll-up then reads
 * one summary per school instead of every row (2,000 summaries instead of 74,000 rows).
 *
 * Overdue is not stored (it changes with the day): the open rows keep their due date (the end day
 * when the time names one, else the last day of the end month, as `rowSchedule` decides) and the
 * reader counts those before today.
 */
export interface PlanRollupSummary {
  /** Format version; a summary of another version is recomputed, never read. */
  v: 1;
  /** [standard code ('' when none), progress status, rows]. */
  rows: [string, ProgressStatus, number][];
  /** Rows not closed with a due date: [standard code, due date YYYY-MM-DD, rows]. */
  open: [string, string, number][];
  /** [criterion code, rows] for rows that name a criterion. */
  criteria: [string, number][];
  /** [funding source, đồng] of the rows' budget parts. */
  planned: [FundingSource, number][];
  /** [funding source, đồng] of the spending recorded in the lineage's progress log. */
  spent: [FundingSource, number][];
}

/** One plan row as the summary counts it. */
export interface PlanRollupRowInput {
  standardCode: string | null;
  criterionCode: string | null;
  /** The track's progress status; a row without progress (or an unknown status) is not started. */
  status: string | null;
  time: Pick<TimeValue, 'end' | 'endDay'> | null;
}

export interface PlanRollupSummaryInput {
  rows: readonly PlanRollupRowInput[];
  planned: readonly { source: string; amount: number }[];
  spent: readonly { source: string; amount: number }[];
}

const asStatus = (s: string | null): ProgressStatus =>
  s !== null && (PROGRESS_STATUSES as readonly string[]).includes(s)
    ? (s as ProgressStatus)
    : 'not_started';
const asSource = (s: string): FundingSource =>
  (FUNDING_SOURCES as readonly string[]).includes(s) ? (s as FundingSource) : 'unknown';

/** The date a row is due: its end day when written, else the last day of its end month. */
export function rowDueDate(time: Pick<TimeValue, 'end' | 'endDay'> | null): string | null {
  if (!time?.end) return null;
  return time.endDay ?? lastDayOfMonth(time.end);
}

function counted(entries: Iterable<[string, number]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of entries) out.set(key, (out.get(key) ?? 0) + value);
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: [string, ...unknown[]], b: [string, ...unknown[]]) => compare(a[0], b[0]);

/** The summary of one plan's rows and its lineage's spending; deterministic (sorted entries). */
export function summarizePlanForRollup(input: PlanRollupSummaryInput): PlanRollupSummary {
  const rows = new Map<string, [string, ProgressStatus, number]>();
  const open = new Map<string, [string, string, number]>();
  for (const row of input.rows) {
    const standard = row.standardCode ?? '';
    const status = asStatus(row.status);
    const key = `${standard}\u0000${status}`;
    const held = rows.get(key);
    if (held) held[2] += 1;
    else rows.set(key, [standard, status, 1]);
    const due = rowDueDate(row.time);
    if (due === null || CLOSED_PROGRESS_STATUSES.includes(status)) continue;
    const openKey = `${standard}\u0000${due}`;
    const heldOpen = open.get(openKey);
    if (heldOpen) heldOpen[2] += 1;
    else open.set(openKey, [standard, due, 1]);
  }
  const criteria = counted(
    input.rows.flatMap((r): [string, number][] => (r.criterionCode ? [[r.criterionCode, 1]] : [])),
  );
  const money = (parts: PlanRollupSummaryInput['planned']) =>
    [...counted(parts.map((p): [string, number] => [asSource(p.source), p.amount]))]
      .map(([s, a]): [FundingSource, number] => [s as FundingSource, a])
      .sort(byKey);
  const tuple = (t: [string, string, number]) => `${t[0]}\u0000${t[1]}`;
  return {
    v: 1,
    rows: [...rows.values()].sort((a, b) => compare(tuple(a), tuple(b))),
    open: [...open.values()].sort((a, b) => compare(tuple(a), tuple(b))),
    criteria: [...criteria].sort(byKey),
    planned: money(input.planned),
    spent: money(input.spent),
  };
}

/** A stored summary, or null when it is not one of this version (then it is recomputed). */
export function readPlanRollupSummary(json: string): PlanRollupSummary | null {
  try {
    const value = JSON.parse(json) as Partial<PlanRollupSummary> | null;
    if (
      !value ||
      value.v !== 1 ||
      !Array.isArray(value.rows) ||
      !Array.isArray(value.open) ||
      !Array.isArray(value.criteria) ||
      !Array.isArray(value.planned) ||
      !Array.isArray(value.spent)
    )
      return null;
    return value as PlanRollupSummary;
  } catch {
    return null;
  }
}

/** Rows of the summary overdue on `today` (YYYY-MM-DD) by standard code. */
export function overdueByStandard(summary: PlanRollupSummary, today: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [standard, due, count] of summary.open)
    if (due < today) out.set(standard, (out.get(standard) ?? 0) + count);
  return out;
}
