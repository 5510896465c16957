import { UNIT_KINDS } from '@caitien/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import { useUnitRoots } from '../units/units.queries.ts';
import { ACTION_LABELS, auditChanges } from './audit-diff.ts';
import { useAuditLog } from './audit.queries.ts';

const t = vi.audit;

/** "Nhật ký thay đổi": who changed what and when, filtered by unit (`/nhat-ky?unitId=`). */
export function AuditScreen() {
  const search = useLocationSearch();
  const unitId = new URLSearchParams(search).get('unitId');
  const roots = useUnitRoots();
  const single = roots.data?.items.length === 1 ? roots.data.items[0] : undefined;
  // A filter only makes sense when the user sees more than one unit.
  const hasChoice = !!roots.data && (roots.data.total > 1 || (single?.childCount ?? 0) > 0);
  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />
      {hasChoice ? (
        <div className="toolbar">
          <div className="field toolbar__search">
            <UnitSelect
              label={t.unitFilter}
              value={unitId ?? ''}
              onChange={(id) => navigate(hrefs.audit(id || null))}
              kinds={UNIT_KINDS}
              topLabel={t.allUnits}
            />
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
  const entryPages = log.data?.pages;
  const unitIds = useMemo(
    () =>
      unitIdsOf(
        (entryPages ?? []).flatMap((page) => page.items.flatMap((e) => [e.before, e.after])),
      ),
    [entryPages],
  );
  const unitNames = useUnitNames(unitIds);
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

/** Fields of audited values that hold unit ids (a parent, supervising units, a role's unit). */
const UNIT_ID_FIELDS = new Set(['parentId', 'unitId', 'supervisingUnitIds']);

/** The unit ids the changes mention, to show them by name. */
function unitIdsOf(values: unknown[]): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, field: string) => {
    if (typeof value === 'string' && UNIT_ID_FIELDS.has(field)) ids.add(value);
    else if (Array.isArray(value)) for (const item of value) visit(item, field);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, key);
  };
  for (const value of values) visit(value, '');
  return [...ids].sort();
}

/** Names of a few units, each asked once (cached); a unit the user may not see stays an id. */
function useUnitNames(ids: readonly string[]): Map<string, string> {
  const units = useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.units.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest('getUnit', { signal, params: { unitId: id } }),
      retry: false,
    })),
  });
  return new Map(units.flatMap((q) => (q.data ? [[q.data.id, q.data.name] as const] : [])));
}
