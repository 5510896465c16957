import { foldVietnamese } from '@caitien/core';
import { useDeferredValue, useId, useState } from 'react';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { hrefs } from '../shell/app-routes.ts';
import { schoolsOf } from './unit-tree.ts';
import { useUnits } from './units.queries.ts';

const t = vi.schools;

/** "Các trường": the schools of the user's unit (office staff land here), with a filter. */
export function SchoolsScreen() {
  const units = useUnits();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const inputId = useId();

  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />
      {units.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : units.isError ? (
        <QueryFailure
          title={t.loadError}
          error={units.error}
          onRetry={() => void units.refetch()}
        />
      ) : (
        (() => {
          const schools = schoolsOf(units.data);
          const folded = foldVietnamese(deferred.trim());
          const shown = folded
            ? schools.filter((school) =>
                foldVietnamese(
                  `${school.name} ${school.ancestors.map((a) => a.name).join(' ')}`,
                ).includes(folded),
              )
            : schools;
          if (schools.length === 0)
            return (
              <EmptyState title={t.empty}>
                <p>{t.emptyHint}</p>
              </EmptyState>
            );
          return (
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
                  {t.count(shown.length, schools.length)}
                </p>
              </div>
              <ul className="school-cards" data-testid="school-list">
                {shown.map((school) => (
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
            </>
          );
        })()
      )}
    </div>
  );
}
