import type { ProgressStatus } from '@caitien/core';
import { useMemo, useState } from 'react';
import { formatDate, vi } from '../../i18n/vi.ts';
import { formatMoney, viMonitoring } from '../../i18n/vi-monitoring.ts';
import { Badge } from '../../ui/badge.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import {
  filterRows,
  SCHEDULE_FILTERS,
  scheduleCounts,
  STATUS_ORDER,
  type ProgressFilter,
} from './monitoring-logic.ts';
import {
  useCloseYear,
  useRefreshMonitoring,
  usePlanProgress,
  type PlanProgress,
  type RowProgress,
} from './monitoring.queries.ts';
import { useSession } from '../auth/session.ts';
import { PercentBar } from '../my-tasks/progress-chips.tsx';
import { RowProgressSheet } from '../my-tasks/row-progress-sheet.tsx';
import './monitoring.css';

const t = viMonitoring.progress;

/** A row's status as a coloured chip. */
export function StatusChip({ status }: { status: ProgressStatus }) {
  return (
    <span
      className={`status-chip status-chip--${status}`}
      data-testid="status-chip"
      data-status={status}
    >
      {viMonitoring.statusShort[status]}
    </span>
  );
}

/** Quá hạn / đến hạn / không có thời hạn badges of a row. */
export function ScheduleBadges({ schedule }: { schedule: RowProgress['schedule'] }) {
  if (schedule.noDate)
    return (
      <Badge tone="neutral" testId="badge-no-date">
        {t.noDate}
      </Badge>
    );
  return (
    <span className="schedule-badges">
      {schedule.overdue ? (
        <Badge tone="danger" testId="badge-overdue">
          {schedule.daysLeft !== null && schedule.daysLeft < 0
            ? t.overdueDays(-schedule.daysLeft)
            : t.overdue}
        </Badge>
      ) : null}
      {!schedule.overdue && schedule.dueThisMonth ? (
        <Badge tone="warning" testId="badge-due-this-month">
          {t.dueThisMonth}
        </Badge>
      ) : null}
      {!schedule.overdue && schedule.startsThisMonth ? (
        <Badge tone="info" testId="badge-starts-this-month">
          {t.startsThisMonth}
        </Badge>
      ) : null}
      {schedule.dueDate ? (
        <span className="muted schedule-due">{t.dueOn(formatDate(schedule.dueDate))}</span>
      ) : null}
    </span>
  );
}

/** "Theo dõi thực hiện": the progress of every row, filters, and the year's end. */
export function ProgressTab({ planId }: { planId: string }) {
  const progress = usePlanProgress(planId);
  if (progress.isPending) return <LoadingState label={vi.common.loading} />;
  if (progress.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={progress.error}
        onRetry={() => void progress.refetch()}
      />
    );
  return <ProgressView progress={progress.data} />;
}

function ProgressView({ progress }: { progress: PlanProgress }) {
  const [filter, setFilter] = useState<ProgressFilter>({ schedule: 'all', status: null });
  const [openRowId, setOpenRowId] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const closeYear = useCloseYear(progress.planId);
  const refresh = useRefreshMonitoring(progress.planId);
  const userId = useSession().data?.user?.id ?? '';
  const counts = useMemo(() => scheduleCounts(progress.rows), [progress.rows]);
  const rows = useMemo(() => filterRows(progress.rows, filter), [progress.rows, filter]);
  const openRow = progress.rows.find((row) => row.rowId === openRowId) ?? null;
  const summary = progress.summary;
  const unfinished =
    summary.total - (summary.byStatus.done ?? 0) - (summary.byStatus.cancelled ?? 0);

  return (
    <section
      className="stack monitoring"
      aria-labelledby="progress-title"
      data-testid="progress-tab"
    >
      <div className="section-head monitoring-head">
        <div>
          <h2 id="progress-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">
            {t.today(formatDate(progress.today))} · {t.intro}
          </p>
        </div>
        {progress.canMonitor && progress.open && !progress.closure ? (
          <button
            type="button"
            className="button button--secondary no-print"
            onClick={() => setClosing(true)}
            data-testid="close-year"
          >
            {t.closeYear}
          </button>
        ) : null}
      </div>

      {!progress.open && !progress.closure ? (
        <p className="notice notice--info" data-testid="progress-not-open">
          {t.notOpen}
        </p>
      ) : null}
      {progress.closure ? (
        <p className="notice notice--success" data-testid="year-closed">
          {t.closed(formatDate(progress.closure.closedAt))}
        </p>
      ) : null}

      <dl className="summary-tiles" data-testid="progress-summary">
        <div className="summary-tile">
          <dt>{t.summary.total}</dt>
          <dd>{summary.total}</dd>
        </div>
        {STATUS_ORDER.map((status) => (
          <div key={status} className={`summary-tile summary-tile--${status}`}>
            <dt>{viMonitoring.statusShort[status]}</dt>
            <dd>{summary.byStatus[status] ?? 0}</dd>
          </div>
        ))}
        <div className="summary-tile summary-tile--overdue">
          <dt>{t.summary.overdue}</dt>
          <dd>{summary.overdue}</dd>
        </div>
      </dl>

      <div className="progress-filters no-print" role="group" aria-label={t.filtersLabel}>
        <div className="chip-group">
          {SCHEDULE_FILTERS.map((key) => (
            <button
              key={key}
              type="button"
              className={`filter-chip ${filter.schedule === key ? 'is-selected' : ''}`}
              aria-pressed={filter.schedule === key}
              onClick={() => setFilter((f) => ({ ...f, schedule: key }))}
              data-testid={`filter-${key}`}
            >
              {t.filters[key]} <span className="filter-chip__count">{counts[key]}</span>
            </button>
          ))}
        </div>
        <label className="progress-filters__status">
          <span className="field__label">{t.statusFilter}</span>
          <select
            className="input select"
            value={filter.status ?? ''}
            onChange={(event) =>
              setFilter((f) => ({
                ...f,
                status: (event.target.value || null) as ProgressStatus | null,
              }))
            }
            data-testid="filter-status"
          >
            <option value="">{t.anyStatus}</option>
            {STATUS_ORDER.map((status) => (
              <option key={status} value={status}>
                {viMonitoring.statuses[status]}
              </option>
            ))}
          </select>
        </label>
        <p className="toolbar__count" aria-live="polite" data-testid="progress-count">
          {t.shown(rows.length, progress.rows.length)}
        </p>
      </div>

      {progress.rows.length === 0 ? (
        <EmptyState title={t.empty} />
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="progress-none">
          {t.noneMatch}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards progress-table" data-testid="progress-table">
            <caption className="visually-hidden">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.ordinal}</th>
                <th scope="col">{t.columns.content}</th>
                <th scope="col">{t.columns.time}</th>
                <th scope="col">{t.columns.lead}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col" className="table__num-col">
                  {t.columns.percent}
                </th>
                <th scope="col">{t.columns.result}</th>
                <th scope="col">{t.columns.due}</th>
                <th scope="col">{t.columns.spent}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.rowId}
                  className={`progress-row ${row.schedule.overdue ? 'is-overdue' : ''}`}
                  data-testid="progress-row"
                  data-ordinal={row.ordinal}
                  data-status={row.status}
                  onClick={() => setOpenRowId(row.rowId)}
                >
                  <th scope="row" data-label={t.columns.ordinal}>
                    <button
                      type="button"
                      className="link-button progress-row__open"
                      onClick={(event) => {
                        event.stopPropagation();
                        setOpenRowId(row.rowId);
                      }}
                      aria-label={t.openRow(row.ordinal)}
                    >
                      {row.ordinal}
                    </button>
                    {row.criterionCode ? (
                      <span className="muted progress-row__criterion">{row.criterionCode}</span>
                    ) : null}
                  </th>
                  <td data-label={t.columns.content} className="pre-line progress-row__content">
                    {row.content}
                    {row.myRole ? (
                      <>
                        {' '}
                        <Badge tone="accent">{t.mine[row.myRole]}</Badge>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t.columns.time} className="pre-line">
                    {row.timeText}
                  </td>
                  <td data-label={t.columns.lead} className="pre-line">
                    {row.leadText}
                  </td>
                  <td data-label={t.columns.status}>
                    <StatusChip status={row.status} />
                  </td>
                  <td data-label={t.columns.percent} className="progress-row__percent">
                    <PercentBar percent={row.percent} />
                  </td>
                  <td data-label={t.columns.result} className="pre-line progress-row__result">
                    {row.result || '—'}
                  </td>
                  <td data-label={t.columns.due}>
                    <ScheduleBadges schedule={row.schedule} />
                  </td>
                  <td data-label={t.columns.spent}>
                    {row.spent.total > 0 || row.plannedBudget.amount ? (
                      <>
                        <span className="progress-row__money">{formatMoney(row.spent.total)}</span>
                        {row.plannedBudget.amount ? (
                          <span className="muted progress-row__money progress-row__planned">
                            {' '}
                            / {formatMoney(row.plannedBudget.amount)}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      t.notSpent
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {openRow && userId ? (
        <RowProgressSheet
          planId={progress.planId}
          rowId={openRow.rowId}
          userId={userId}
          row={openRow}
          today={progress.today}
          title={viMonitoring.sheet.title(openRow.ordinal)}
          onClose={() => setOpenRowId(null)}
          onSaved={() => void refresh()}
        />
      ) : null}
      {closing ? (
        <ConfirmDialog
          title={t.closeYearTitle}
          tone="primary"
          message={
            <div className="stack" data-testid="close-year-counts">
              <p>{t.closeYearIntro(progress.schoolYear.replace('-', ' - '))}</p>
              <p>
                <strong>{t.closeYearCounts(summary.byStatus.done ?? 0, summary.total)}</strong>
              </p>
              <p>{t.closeYearUnfinished(unfinished)}</p>
              {summary.overdue > 0 ? <p>{t.closeYearOverdue(summary.overdue)}</p> : null}
            </div>
          }
          confirmLabel={t.closeYearConfirm}
          isPending={closeYear.isPending}
          onCancel={() => setClosing(false)}
          onConfirm={() => closeYear.mutate(undefined, { onSettled: () => setClosing(false) })}
          testId="close-year-dialog"
        />
      ) : null}
    </section>
  );
}
