import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { vi } from '../../i18n/vi.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/status.tsx';
import { queryWords } from '../../ui/highlight.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { CriterionDetail } from './criterion-detail.tsx';
import { CriterionNav } from './criterion-nav.tsx';
import { FrameworkCatalogue } from './framework-catalogue.tsx';
import { filterFramework, findCriterion } from './framework-filter.ts';
import { FrameworkOverview } from './framework-overview.tsx';
import { FrameworkPicker } from './framework-picker.tsx';
import { FrameworkSearch } from './framework-search.tsx';
import {
  frameworkHref,
  LEVEL4_SECTION,
  useFrameworkLocation,
  type FrameworkLocation,
} from './framework-url.ts';
import { resolveFramework } from './framework-labels.ts';
import { useFrameworkDetail, useFrameworkList } from './framework.queries.ts';
import type { FrameworkDetail } from './framework.types.ts';
import { Level4Panel } from './level4-panel.tsx';

const t = vi.frameworks;

/** "Tra cứu tiêu chuẩn": pick a framework and version, browse Tiêu chuẩn → Tiêu chí → requirements by Mức, search. */
export function FrameworkBrowser() {
  const location = useFrameworkLocation();
  const list = useFrameworkList();
  const selected =
    location.framework && list.data ? resolveFramework(list.data.items, location.framework) : null;

  return (
    <div className="browser">
      <header className="page-header">
        <h1 className="page-header__title">{t.pageTitle}</h1>
        <p className="page-header__intro">{t.pageIntro}</p>
      </header>

      {list.isPending ? (
        <LoadingState label={t.loadingList} testId="framework-list-loading" />
      ) : list.isError ? (
        <ErrorState
          title={t.listError}
          error={list.error}
          onRetry={() => void list.refetch()}
          testId="framework-list-error"
        />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t.emptyCatalogue} />
      ) : (
        <FrameworkPicker items={list.data.items} selected={selected} location={location} />
      )}

      {location.framework === null ? (
        list.data && list.data.items.length > 0 ? (
          <FrameworkCatalogue items={list.data.items} />
        ) : null
      ) : (
        <FrameworkView id={location.framework} location={location} />
      )}
    </div>
  );
}

/** Moves focus (and the phone's scroll) back to the open criterion in the list. */
function focusSelectedLink() {
  const nav = document.getElementById('criterion-nav');
  const link =
    nav?.querySelector<HTMLAnchorElement>('a[aria-current="page"]') ??
    nav?.querySelector<HTMLAnchorElement>('a');
  link?.focus();
}

function FrameworkView({ id, location }: { id: string; location: FrameworkLocation }) {
  const detail = useFrameworkDetail(id);
  if (detail.isPending) return <LoadingState label={t.loadingDetail} testId="framework-loading" />;
  if (detail.isError)
    return (
      <ErrorState
        title={t.detailError}
        error={detail.error}
        onRetry={() => void detail.refetch()}
        testId="framework-error"
      />
    );
  return <FrameworkWorkspace framework={detail.data} location={location} />;
}

function FrameworkWorkspace({
  framework,
  location,
}: {
  framework: FrameworkDetail;
  location: FrameworkLocation;
}) {
  // The box follows the URL (back/forward) but keeps its own state so typing never lags.
  const [query, setQuery] = useState(location.q);
  const [syncedQ, setSyncedQ] = useState(location.q);
  if (location.q !== syncedQ) {
    setSyncedQ(location.q);
    setQuery(location.q);
  }
  const deferredQuery = useDeferredValue(query);
  const words = useMemo(() => queryWords(deferredQuery), [deferredQuery]);
  const filtered = useMemo(
    () => filterFramework(framework, deferredQuery),
    [framework, deferredQuery],
  );

  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusPending = useRef(false);
  useEffect(() => {
    if (focusPending.current && headingRef.current) {
      focusPending.current = false;
      headingRef.current.focus();
    }
  }, [location.criterion]);

  const found =
    location.criterion && location.criterion !== LEVEL4_SECTION
      ? findCriterion(framework, location.criterion)
      : null;
  useEffect(() => {
    const parts = [found ? `Tiêu chí ${found.criterion.code}` : null, framework.code, vi.app.name];
    document.title = parts.filter(Boolean).join(' — ');
    return () => {
      document.title = vi.app.documentTitle;
    };
  }, [found, framework.code]);

  const onQueryChange = (value: string) => {
    setQuery(value);
    setSyncedQ(value);
    navigate(frameworkHref({ ...location, q: value }), { replace: true });
  };
  const onOpen = () => {
    focusPending.current = true;
  };

  const isEmpty =
    filtered.isFiltered && filtered.criterionCount === 0 && filtered.level4Items.length === 0;
  // A query that found nothing would otherwise highlight its stray words in the open criterion.
  const detailWords = isEmpty ? [] : words;

  let detailPane;
  if (location.criterion === LEVEL4_SECTION) {
    detailPane = (
      <Level4Panel items={framework.level4Items} words={detailWords} headingRef={headingRef} />
    );
  } else if (found) {
    detailPane = (
      <CriterionDetail
        standard={found.standard}
        criterion={found.criterion}
        levels={framework.levels}
        words={detailWords}
        sources={framework.sources}
        headingRef={headingRef}
      />
    );
  } else if (location.criterion) {
    detailPane = (
      <EmptyState title={vi.criterion.notFound(location.criterion)} testId="criterion-not-found" />
    );
  } else {
    detailPane = (
      <EmptyState title={vi.criterion.placeholderTitle} testId="criterion-placeholder">
        <p>{vi.criterion.placeholder}</p>
      </EmptyState>
    );
  }

  return (
    <>
      <FrameworkOverview framework={framework} location={location} />
      <div className="workspace">
        <div className="workspace__search">
          <FrameworkSearch value={query} onChange={onQueryChange} />
          <p className="workspace__count" role="status" data-testid="search-count">
            {filtered.isFiltered && !isEmpty
              ? vi.search.resultCount(filtered.criterionCount, filtered.level4Items.length)
              : ''}
          </p>
        </div>
        <div className="workspace__panes">
          <div className="workspace__nav">
            {isEmpty ? (
              <EmptyState title={vi.search.empty(deferredQuery.trim())} testId="search-empty">
                <p>{vi.search.emptyHint}</p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => onQueryChange('')}
                >
                  {vi.search.clear}
                </button>
              </EmptyState>
            ) : (
              <CriterionNav filtered={filtered} location={location} words={words} onOpen={onOpen} />
            )}
          </div>
          <div className="workspace__detail">
            {location.criterion && !isEmpty ? (
              <button type="button" className="back-to-list" onClick={focusSelectedLink}>
                <span aria-hidden="true">↑ </span>
                {vi.criterion.backToList}
              </button>
            ) : null}
            {detailPane}
          </div>
        </div>
      </div>
    </>
  );
}
