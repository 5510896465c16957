import { FRAMEWORK_CODES, SCHOOL_ROLES } from '@caitien/core';
import { useMemo, useState, type FormEvent } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { viLibrary as t } from '../../i18n/vi-library.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Highlight, queryWords } from '../../ui/highlight.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { useSession } from '../auth/session.ts';
import { useFrameworkDetail } from '../frameworks/framework.queries.ts';
import { usePlans } from '../plans/plans.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { useSolutionSearch, useUseSolution, type SolutionEntry } from './library.queries.ts';
import './library.css';

const YEARS = (() => {
  const now = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => `${now - i + 1}-${now - i + 2}`);
})();

/** The search as the URL holds it (`?q=&bo=&tc=&nam=`), so a search can be shared and reloaded. */
function readSearch(search: string) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '',
    framework: p.get('bo') ?? '',
    criterion: p.get('tc') ?? '',
    schoolYear: p.get('nam') ?? '',
  };
}

/** "Thư viện giải pháp": search the rows of approved plans; use one in the school's draft. */
export function LibraryScreen() {
  const search = useLocationSearch();
  const current = readSearch(search);
  const [form, setForm] = useState(current);
  const framework = useFrameworkDetail(form.framework || null);
  const criteria = useMemo(
    () =>
      framework.data?.standards.flatMap((s) =>
        s.criteria.map((c) => ({ code: c.code, title: c.title })),
      ) ?? [],
    [framework.data],
  );
  const query = {
    q: current.q,
    ...(current.framework ? { framework: current.framework } : {}),
    ...(current.framework && current.criterion ? { criterion: current.criterion } : {}),
    ...(current.schoolYear ? { schoolYear: current.schoolYear } : {}),
  };
  const enabled = current.q.trim() !== '' || current.framework !== '' || current.schoolYear !== '';
  const results = useSolutionSearch(query, enabled);
  const words = queryWords(current.q);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const p = new URLSearchParams();
    if (form.q.trim()) p.set('q', form.q.trim());
    if (form.framework) p.set('bo', form.framework);
    if (form.framework && form.criterion) p.set('tc', form.criterion);
    if (form.schoolYear) p.set('nam', form.schoolYear);
    const qs = p.toString();
    navigate(`${hrefs.library}${qs ? `?${qs}` : ''}`);
  };

  const first = results.data?.pages[0];
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="library" data-testid="library-screen">
      <PageHeader title={t.title} intro={t.intro} />
      <form className="card library__form" onSubmit={submit} role="search">
        <label className="library__field library__field--wide">
          <span>{t.searchLabel}</span>
          <input
            type="search"
            name="q"
            value={form.q}
            placeholder={t.searchPlaceholder}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
            data-testid="library-q"
          />
        </label>
        <label className="library__field">
          <span>{t.framework}</span>
          <select
            value={form.framework}
            onChange={(e) => setForm({ ...form, framework: e.target.value, criterion: '' })}
            data-testid="library-framework"
          >
            <option value="">{t.anyFramework}</option>
            {FRAMEWORK_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="library__field">
          <span>{t.criterion}</span>
          <select
            value={form.criterion}
            disabled={!form.framework}
            onChange={(e) => setForm({ ...form, criterion: e.target.value })}
            data-testid="library-criterion"
          >
            <option value="">{t.anyCriterion}</option>
            {criteria.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}. {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="library__field">
          <span>{t.schoolYear}</span>
          <select
            value={form.schoolYear}
            onChange={(e) => setForm({ ...form, schoolYear: e.target.value })}
          >
            <option value="">{t.anyYear}</option>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="library-search">
          {t.search}
        </button>
      </form>

      {!enabled ? (
        <EmptyState title={t.start} testId="library-start" />
      ) : results.isPending ? (
        <LoadingState label={t.search} />
      ) : results.isError ? (
        <ErrorState title={t.title} error={results.error} />
      ) : (
        <section aria-live="polite">
          <p className="library__count" data-testid="library-count">
            {first?.total
              ? t.count(first.total.count, first.total.capped)
              : items.length > 0
                ? t.manyResults
                : null}
          </p>
          {first && first.mappedCriteria.length > 0 ? (
            <p className="notice notice--info">
              {t.mappedNote(
                first.mappedCriteria.map((m) => `${m.criterion} (${m.framework})`).join(', '),
              )}
            </p>
          ) : null}
          {items.length === 0 ? (
            <EmptyState title={t.none} testId="library-none" />
          ) : (
            <ol className="library__results">
              {items.map((item) => (
                <SolutionCard key={item.rowId} item={item} words={words} />
              ))}
            </ol>
          )}
          {results.hasNextPage ? (
            <button
              type="button"
              className="button"
              onClick={() => void results.fetchNextPage()}
              disabled={results.isFetchingNextPage}
            >
              {t.more}
            </button>
          ) : null}
        </section>
      )}
    </div>
  );
}

const SHOWN_FIELDS = [
  'content',
  'tasks',
  'target',
  'indicator',
  'currentState',
  'support',
] as const;

function SolutionCard({ item, words }: { item: SolutionEntry; words: readonly string[] }) {
  const [using, setUsing] = useState(false);
  return (
    <li className="card library__item" data-testid="library-result">
      <div className="library__meta">
        <strong>{item.schoolName}</strong>
        {item.own ? <span className="badge">{t.ownSchool}</span> : null}
        <span>{t.yearOf(item.schoolYear)}</span>
        <span>
          {item.criterionCode
            ? t.criterionOf(item.criterionCode, item.frameworkCode)
            : t.noCriterion}
        </span>
      </div>
      {item.mappedFrom ? (
        <p className="library__mapped" title={item.mappedFrom.note}>
          {t.mappedFrom(item.mappedFrom.framework, item.mappedFrom.criterion)}
        </p>
      ) : null}
      <dl className="library__texts">
        {SHOWN_FIELDS.filter((f) => item.texts[f].trim() !== '').map((f) => (
          <div key={f}>
            <dt>{t.fields[f]}</dt>
            <dd>
              <Highlight text={item.texts[f]} words={words} />
            </dd>
          </div>
        ))}
      </dl>
      {using ? (
        <UseInPlanForm item={item} onDone={() => setUsing(false)} />
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setUsing(true)}
          data-testid="library-use"
        >
          {t.use}
        </button>
      )}
    </li>
  );
}

/** Picks one of the school's draft plans and the criterion, then copies the solution. */
function UseInPlanForm({ item, onDone }: { item: SolutionEntry; onDone: () => void }) {
  const session = useSession();
  const schoolId =
    session.data?.user.roles.find((r) => SCHOOL_ROLES.includes(r.role) && r.unitId)?.unitId ?? '';
  const plans = usePlans(schoolId);
  const drafts = (plans.data ?? []).filter((p) => p.status === 'draft');
  const [planId, setPlanId] = useState('');
  const chosen = drafts.find((p) => p.id === (planId || drafts[0]?.id));
  const sameFramework = chosen?.frameworkCode === item.frameworkCode;
  const [criterion, setCriterion] = useState<string | null>(null);
  const criterionCode = criterion ?? (sameFramework ? item.criterionCode : null) ?? '';
  const target = useFrameworkDetail(chosen?.frameworkCode ?? null);
  const use = useUseSolution();
  if (!schoolId) return null;
  if (plans.isPending) return <LoadingState label={t.usePlan} />;
  if (drafts.length === 0 || !chosen) return <p className="notice">{t.noDraft}</p>;
  const criteria =
    target.data?.standards.flatMap((s) =>
      s.criteria.map((c) => ({ code: c.code, title: c.title })),
    ) ?? [];
  return (
    <form
      className="library__use"
      data-testid="library-use-form"
      onSubmit={(e) => {
        e.preventDefault();
        use.mutate(
          { rowId: item.rowId, planId: chosen.id, criterionCode: criterionCode || null },
          { onSuccess: () => undefined },
        );
      }}
    >
      <p className="panel__title">{t.useTitle}</p>
      <label className="library__field">
        <span>{t.usePlan}</span>
        <select
          value={chosen.id}
          onChange={(e) => setPlanId(e.target.value)}
          data-testid="library-use-plan"
        >
          {drafts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title || `Kế hoạch năm học ${p.schoolYear}`}
            </option>
          ))}
        </select>
      </label>
      <label className="library__field">
        <span>{t.useCriterion}</span>
        <select
          value={criterionCode}
          onChange={(e) => setCriterion(e.target.value)}
          data-testid="library-use-criterion"
        >
          <option value="">{t.useNoCriterion}</option>
          {criteria.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code}. {c.title}
            </option>
          ))}
        </select>
      </label>
      {use.isError ? <p className="notice notice--warning">{errorMessageOf(use.error)}</p> : null}
      {use.isSuccess ? (
        <p className="notice notice--success" data-testid="library-used">
          {t.used}{' '}
          <AppLink href={hrefs.plan(use.data.planId)} data-testid="library-open-plan">
            {t.openPlan}
          </AppLink>
        </p>
      ) : (
        <div className="library__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={use.isPending}
            data-testid="library-use-confirm"
          >
            {t.useConfirm}
          </button>
          <button type="button" className="button" onClick={onDone}>
            {t.useCancel}
          </button>
        </div>
      )}
    </form>
  );
}
