import { useDeferredValue, useId, useState } from 'react';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { hrefs } from '../shell/app-routes.ts';
import { useUnitPages } from './units.queries.ts';
import { viUnitTree } from './vi-unit-tree.ts';

const t = vi.schools;

/**
 * "Các trường": the schools of the user's unit (office staff land here), searched by the server
 * (name without diacritics) and shown one page at a time — a Sở has thousands.
 */
export function SchoolsScreen() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const all = useUnitPages({ kind: 'school' });
  const filtered = useUnitPages({ kind: 'school', q: deferred }, { enabled: deferred !== '' });
  const shown = deferred ? filtered : all;
  const inputId = useId();

  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />
      {all.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : all.isError ? (
        <QueryFailure title={t.loadError} error={all.error} onRetry={() => void all.refetch()} />
      ) : all.data.total === 0 ? (
        <EmptyState title={t.empty}>
          <p>{t.emptyHint}</p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <div className="field toolbar__search">
              <label htmlFor={inputId} className="field__label">
                {t.filter}
              </label>
              <input
                id={inputId}
                className="input"
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                placeholder={t.filterPlaceholder}
              />
            </div>
            <p className="toolbar__count" role="status">
              {shown.data ? t.count(shown.data.total, all.data.total) : vi.common.loading}
            </p>
          </div>
          {shown.isError ? (
            <QueryFailure
              title={t.loadError}
              error={shown.error}
              onRetry={() => void shown.refetch()}
            />
          ) : shown.data ? (
            <>
              <ul className="school-cards" data-testid="school-list">
                {shown.data.items.map((school) => (
                  <li key={school.id} className="card school-card">
                    <AppLink href={hrefs.school(school.id)} className="school-card__name">
                      {school.name}
                    </AppLink>
                    <p className="school-card__trail">
                      {school.ancestors.map((a) => a.name).join(' › ') || t.noParent}
                    </p>
                  </li>
                ))}
              </ul>
              {shown.hasNextPage ? (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={shown.isFetchingNextPage}
                  onClick={() => void shown.fetchNextPage()}
                >
                  {viUnitTree.more(shown.data.total - shown.data.items.length)}
                </button>
              ) : null}
            </>
          ) : (
            <LoadingState label={vi.common.loading} />
          )}
        </>
      )}
    </div>
  );
}
