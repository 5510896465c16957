import type { ProgressStatus } from '@caitien/core';
import { formatDate } from '../../i18n/vi.ts';
import { viProgress as t, viTasks } from '../../i18n/vi-tasks.ts';
import type { RowProgressDetail } from './progress-sender.ts';
import './my-tasks.css';

type RowSchedule = RowProgressDetail['row']['schedule'];

/** The colour of a status chip. */
export const STATUS_TONE: Record<ProgressStatus, string> = {
  not_started: 'neutral',
  in_progress: 'info',
  done: 'success',
  delayed: 'warning',
  cancelled: 'muted',
};

/** A row's status as a coloured chip; "quá hạn" beside it when the row is overdue. */
export function ProgressStatusChip({
  status,
  overdue = false,
}: {
  status: ProgressStatus;
  overdue?: boolean;
}) {
  return (
    <span className="progress-chips">
      <span className={`progress-chip progress-chip--${STATUS_TONE[status]}`} data-status={status}>
        {t.statusShort[status]}
      </span>
      {overdue ? (
        <span className="progress-chip progress-chip--danger">{viTasks.groups.overdue}</span>
      ) : null}
    </span>
  );
}

/** A thin bar with the percent, for lists and tables. */
export function PercentBar({ percent }: { percent: number }) {
  return (
    <span className="percent-bar" title={t.percentValue(percent)}>
      <span className="percent-bar__track" aria-hidden="true">
        <span className="percent-bar__fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="percent-bar__value">{t.percentValue(percent)}</span>
    </span>
  );
}

/** "Hạn: 31/01/2026 (còn 12 ngày)", or "Không có thời hạn". */
export function dueText(schedule: RowSchedule): string {
  if (schedule.noDate) return viTasks.noDate;
  const due = schedule.dueDate
    ? viTasks.due(formatDate(schedule.dueDate))
    : schedule.dueMonth
      ? viTasks.dueMonth(monthText(schedule.dueMonth))
      : viTasks.noDate;
  return schedule.daysLeft === null ? due : `${due} (${viTasks.daysLeft(schedule.daysLeft)})`;
}

/** "2026-01" → "01/2026". */
function monthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[2]}/${match[1]}` : month;
}
