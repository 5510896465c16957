import { useId } from 'react';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { unitTrail } from '../units/unit-tree.ts';
import { useUnits } from '../units/units.queries.ts';
import { ACTION_LABELS, auditChanges } from './audit-diff.ts';
import { useAuditLog } from './audit.queries.ts';

const t = vi.audit;

/** "Nhật ký thay đổi": who changed what and when, filtered by unit (`/nhat-ky?unitId=`). */
export function AuditScreen() {
  const search = useLocationSearch();
  const unitId = new URLSearchParams(search).get('unitId');
  const units = useUnits();
  const selectId = useId();
  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />
      {units.data && units.data.length > 1 ? (
        <div className="toolbar">
          <div className="field toolbar__search">
            <label htmlFor={selectId} className="field__label">
              {t.unitFilter}
            </label>
            <select
              id={selectId}
              className="select"
              value={unitId ?? ''}
              onChange={(event) => navigate(hrefs.audit(event.target.value || null))}
            >
              <option value="">{t.allUnits}</option>
              {units.data.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unitTrail(unit)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <AuditList unitId={unitId} standalone />
    </div>
  );
}

/** The entries, newest first, each with its changes before → after. */
export function AuditList({
  unitId,
  standalone = false,
}: {
  unitId: string | null;
  standalone?: boolean;
}) {
  const log = useAuditLog(unitId);
  const units = useUnits();
  const unitNames = new Map((units.data ?? []).map((unit) => [unit.id, unit.name]));
  const nameOf = (id: string) => unitNames.get(id);
  if (log.isPending) return <LoadingState label={vi.common.loading} />;
  if (log.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={log.error}
        onRetry={() => void log.refetch()}
        nested={!standalone}
      />
    );
  const entries = log.data.pages.flatMap((page) => page.items);
  return (
    <section className="stack" aria-label={t.title}>
      {standalone ? null : <h2 className="section-head__title">{t.title}</h2>}
      {entries.length === 0 ? (
        <EmptyState title={t.empty} />
      ) : (
        <ol className="audit-list" data-testid="audit-list">
          {entries.map((entry) => {
            const changes = auditChanges(entry.before, entry.after, nameOf);
            return (
              <li key={entry.id} className="card audit-entry" data-testid="audit-entry">
                <div className="audit-entry__head">
                  <p className="audit-entry__summary">{entry.summary}</p>
                  <Badge tone="neutral">{ACTION_LABELS[entry.action] ?? entry.action}</Badge>
                </div>
                <p className="audit-entry__meta">
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                  {' · '}
                  {entry.actorName}
                </p>
                {changes.length > 0 ? (
                  <details className="disclosure audit-entry__changes">
                    <summary>{t.showChanges(changes.length)}</summary>
                    <div className="table-wrap">
                      <table className="table table--compact table--cards">
                        <thead>
                          <tr>
                            <th scope="col">{t.field}</th>
                            <th scope="col">{t.before}</th>
                            <th scope="col">{t.after}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {changes.map((change) => (
                            <tr key={change.path}>
                              <th scope="row" data-label={t.field}>
                                {change.label}
                              </th>
                              <td data-label={t.before} className="pre-line audit-before">
                                {change.before ?? <span className="muted">—</span>}
                              </td>
                              <td data-label={t.after} className="pre-line audit-after">
                                {change.after ?? <span className="muted">—</span>}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {log.hasNextPage ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void log.fetchNextPage()}
            disabled={log.isFetchingNextPage}
          >
            {log.isFetchingNextPage ? vi.common.loading : t.more}
          </button>
        </div>
      ) : null}
    </section>
  );
}
