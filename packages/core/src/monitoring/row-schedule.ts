import type { TimeValue } from '../parsers/time.parser.ts';
import {
  CLOSED_PROGRESS_STATUSES,
  DUE_SOON_DAYS,
  type ProgressStatus,
} from './monitoring.types.ts';
import { daysBetween, lastDayOfMonth, monthOf } from './school-clock.ts';

/**
 * Where a row stands against its time on a given day (issue 13 "Due and overdue"):
 * - `dueDate`: the last day of the end month, or the end date when one was written; null when the
 *   time did not parse or leaves the end open ("no date": listed as such, never guessed);
 * - `overdue`: the due date has passed and the row is not done (nor given up);
 * - `startsThisMonth` / `dueThisMonth`: the start or end month is today's month;
 * - `dueSoon`: due within {@link DUE_SOON_DAYS} days and not closed.
 */
export interface RowSchedule {
  startMonth: string | null;
  dueMonth: string | null;
  dueDate: string | null;
  noDate: boolean;
  overdue: boolean;
  dueSoon: boolean;
  startsThisMonth: boolean;
  dueThisMonth: boolean;
  /** Days from today to the due date (negative when overdue); null without a due date. */
  daysLeft: number | null;
}

/** The schedule of a row whose parsed time is `time` (null: not understood) on `today`. */
export function rowSchedule(
  time: Pick<TimeValue, 'start' | 'end' | 'endDay'> | null,
  status: ProgressStatus,
  today: string,
): RowSchedule {
  const startMonth = time?.start ?? null;
  const dueMonth = time?.end ?? null;
  const dueDate = dueMonth === null ? null : (time?.endDay ?? lastDayOfMonth(dueMonth));
  const closed = CLOSED_PROGRESS_STATUSES.includes(status);
  const daysLeft = dueDate === null ? null : daysBetween(today, dueDate);
  const month = monthOf(today);
  return {
    startMonth,
    dueMonth,
    dueDate,
    noDate: startMonth === null && dueMonth === null,
    overdue: !closed && daysLeft !== null && daysLeft < 0,
    dueSoon: !closed && daysLeft !== null && daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS,
    startsThisMonth: startMonth === month,
    dueThisMonth: dueMonth === month,
    daysLeft,
  };
}

/** The part a directory person plays in a row: its lead, one of its coordinators, or none. */
export function rowAssigneeRole(
  people: {
    lead: { personIds: readonly string[] } | null;
    coordinators: readonly { personIds: readonly string[] }[];
  } | null,
  personId: string | null,
): 'lead' | 'coordinator' | null {
  if (!people || !personId) return null;
  if (people.lead?.personIds.includes(personId)) return 'lead';
  return people.coordinators.some((c) => c.personIds.includes(personId)) ? 'coordinator' : null;
}
