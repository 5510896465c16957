import {
  RECIPIENT_STATES,
  SCHOOL_LEVELS,
  SUBMISSION_KINDS,
  type SchoolLevel,
  type SubmissionKind,
} from '@caitien/core';
import { UNIT_PAGE_MAX } from '@caitien/shared';
import { cloneElement, useEffect, useId, useMemo, useRef, useState } from 'react';
import { conflictCurrentOf, errorMessageOf } from '../../api/api-error.ts';
import { formatDate, formatDateTime, vi } from '../../i18n/vi.ts';
import { viOffices } from '../../i18n/vi-offices.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { NoAccessState, PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { useUnitPages } from '../units/units.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { RecipientStates } from './recipient-states.tsx';
import {
  hasFilters,
  inboxQuery,
  inboxSearch,
  pageCount,
  parseInboxFilters,
  schoolYearChoices,
  stateTone,
  type InboxFilters,
} from './submissions-logic.ts';
import {
  submissionDownloads,
  useAcceptSubmission,
  useLateSchools,
  useOfficeDeadlines,
  useOfficeInbox,
  useOpenSubmission,
  useSetOfficeDeadline,
  type OfficeInbox,
  type Submission,
} from './submissions.queries.ts';
import './submissions.css';

const t = viOffices;
const PAGE_SIZE = 25;
const SECTIONS = ['van-ban', 'han-nop', 'cham-nop'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_LABELS: Record<Section, string> = {
  'van-ban': t.inbox.tabs.inbox,
  'han-nop': t.inbox.tabs.deadlines,
  'cham-nop': t.inbox.tabs.late,
};

function sectionHref(section: Section): string {
  return section === 'van-ban' ? hrefs.officeInbox() : `${hrefs.officeInbox()}?muc=${section}`;
}

/**
 * "Hộp văn bản" of office staff (UBND xã/phường, Sở): what the schools below sent, filtered and
 * paged; one document opened beside the list (`?van-ban=<id>`, which marks it read); the office's
 * deadlines; the schools late or missing.
 */
export function OfficeInboxScreen() {
  const { access } = useAccess();
  const search = useLocationSearch();
  const params = new URLSearchParams(search);
  const requested = params.get('muc');
  const section: Section = SECTIONS.includes(requested as Section)
    ? (requested as Section)
    : 'van-ban';
  if (access && !access.isAdmin && access.officeRoles.length === 0)
    return <NoAccessState error={undefined} />;

  return (
    <div className="stack office-inbox" data-testid="office-inbox">
      <PageHeader title={t.inbox.title} intro={t.inbox.intro} />
      <nav className="section-nav" aria-label={t.inbox.sections}>
        <ul className="segmented office-inbox__sections">
          {SECTIONS.map((key) => (
            <li key={key}>
              <AppLink
                href={sectionHref(key)}
                className={`segmented__item ${key === section ? 'is-selected' : ''}`}
                aria-current={key === section ? 'page' : undefined}
              >
                {SECTION_LABELS[key]}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'van-ban' ? <InboxSection search={search} /> : null}
      {section === 'han-nop' ? <DeadlinesSection /> : null}
      {section === 'cham-nop' ? <LateSection /> : null}
    </div>
  );
}

function InboxSection({ search }: { search: string }) {
  const filters = parseInboxFilters(search);
  const openId = new URLSearchParams(search).get('van-ban');
  const inbox = useOfficeInbox(inboxQuery(filters, PAGE_SIZE));
  const go = (next: InboxFilters) => navigate(`${hrefs.officeInbox()}${inboxSearch(search, next)}`);
  const openHref = (id: string | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('van-ban', id);
    else next.delete('van-ban');
    const text = next.toString();
    return `${hrefs.officeInbox()}${text ? `?${text}` : ''}`;
  };

  return (
    <div className="office-inbox__layout">
      <div className="stack office-inbox__list">
        <InboxFilterForm filters={filters} inbox={inbox.data} onChange={go} />
        {openId ? (
          <SubmissionPanel
            key={openId}
            submissionId={openId}
            onClose={() => navigate(openHref(null))}
          />
        ) : null}
        {inbox.isPending ? (
          <LoadingState label={vi.common.loading} />
        ) : inbox.isError ? (
          <QueryFailure
            title={t.inbox.loadError}
            error={inbox.error}
            onRetry={() => void inbox.refetch()}
            nested
          />
        ) : inbox.data.items.length === 0 ? (
          <EmptyState
            title={hasFilters(filters) ? t.inbox.empty : t.inbox.emptyAll}
            testId="inbox-empty"
          />
        ) : (
          <>
            <p className="muted" aria-live="polite" data-testid="inbox-count">
              {t.inbox.count(inbox.data.items.length, inbox.data.total)}
            </p>
            <div className="table-wrap">
              <table className="table table--cards inbox-table" data-testid="inbox-table">
                <thead>
                  <tr>
                    <th scope="col">{t.inbox.school}</th>
                    <th scope="col">{t.inbox.document}</th>
                    <th scope="col">{t.inbox.sentAt}</th>
                    <th scope="col">{t.inbox.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.data.items.map((item) => (
                    <tr
                      key={`${item.submissionId}-${item.unitId}`}
                      data-testid="inbox-row"
                      data-submission={item.submissionId}
                      data-state={item.state}
                      className={[
                        item.state === 'unread' ? 'is-unread' : '',
                        item.submissionId === openId ? 'is-open' : '',
                      ].join(' ')}
                    >
                      <th scope="row" data-label={t.inbox.school}>
                        <span className="inbox-table__school">{item.schoolName}</span>
                        <span className="muted inbox-table__where">
                          {[
                            item.communeName,
                            item.schoolLevels
                              .map((l) => t.levels[l as SchoolLevel] ?? l)
                              .join(', '),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </th>
                      <td data-label={t.inbox.document}>
                        <AppLink
                          href={openHref(item.submissionId)}
                          className="inbox-table__title"
                          data-testid="inbox-open"
                        >
                          {item.title}
                        </AppLink>
                        <span className="inbox-table__tags">
                          <Badge tone="neutral">{t.kindShort[item.kind]}</Badge>
                          {item.superseded ? (
                            <Badge tone="warning">{t.inbox.superseded}</Badge>
                          ) : null}
                        </span>
                      </td>
                      <td data-label={t.inbox.sentAt}>
                        <time dateTime={item.sentAt}>{formatDateTime(item.sentAt)}</time>
                        <span className="muted inbox-table__where">{item.sentByName}</span>
                      </td>
                      <td data-label={t.inbox.state}>
                        <Badge tone={stateTone(item.state)} testId="inbox-state">
                          {t.states[item.state]}
                        </Badge>
                        {(inbox.data.units.length ?? 0) > 1 ? (
                          <span className="muted inbox-table__where">{item.unitName}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={inbox.data.page}
              pages={pageCount(inbox.data.total, inbox.data.pageSize)}
              onPage={(page) => go({ ...filters, page })}
            />
          </>
        )}
      </div>
    </div>
  );
}

function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="inbox-pager" aria-label={t.inbox.page(page, pages)}>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t.inbox.previous}
      </button>
      <span>{t.inbox.page(page, pages)}</span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t.inbox.next}
      </button>
    </nav>
  );
}

function InboxFilterForm({
  filters,
  inbox,
  onChange,
}: {
  filters: InboxFilters;
  inbox: OfficeInbox | undefined;
  onChange: (next: InboxFilters) => void;
}) {
  // The communes under the office (one page of the server's search, never the whole tree).
  const communePages = useUnitPages({ kind: 'commune', limit: UNIT_PAGE_MAX });
  const communes = useMemo(
    () => [...(communePages.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [communePages.data],
  );
  const years = schoolYearChoices(
    new Date(),
    (inbox?.items ?? []).map((i) => i.schoolYear),
  );
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch, page: 1 });
  const offices = inbox?.units ?? [];

  return (
    <form
      className="card inbox-filters"
      aria-label={t.inbox.filters}
      onSubmit={(e) => e.preventDefault()}
      data-testid="inbox-filters"
    >
      {offices.length > 1 ? (
        <FilterField label={t.inbox.unit}>
          <select
            className="select"
            value={filters.unitId ?? ''}
            onChange={(e) => set({ unitId: e.target.value || null })}
          >
            <option value="">{t.inbox.allUnits}</option>
            {offices.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </FilterField>
      ) : null}
      {communes.length > 1 ? (
        <FilterField label={t.inbox.commune}>
          <select
            className="select"
            value={filters.communeId ?? ''}
            onChange={(e) => set({ communeId: e.target.value || null })}
            data-testid="filter-commune"
          >
            <option value="">{t.inbox.allCommunes}</option>
            {communes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </FilterField>
      ) : null}
      <FilterField label={t.inbox.level}>
        <select
          className="select"
          value={filters.schoolLevel ?? ''}
          onChange={(e) => set({ schoolLevel: (e.target.value || null) as SchoolLevel | null })}
          data-testid="filter-level"
        >
          <option value="">{t.inbox.allLevels}</option>
          {SCHOOL_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t.levels[l]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField label={t.inbox.year}>
        <select
          className="select"
          value={filters.schoolYear ?? ''}
          onChange={(e) => set({ schoolYear: e.target.value || null })}
          data-testid="filter-year"
        >
          <option value="">{t.inbox.allYears}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField label={t.inbox.state}>
        <select
          className="select"
          value={filters.state ?? ''}
          onChange={(e) => set({ state: (e.target.value || null) as InboxFilters['state'] })}
          data-testid="filter-state"
        >
          <option value="">{t.inbox.allStates}</option>
          {RECIPIENT_STATES.map((s) => (
            <option key={s} value={s}>
              {t.states[s]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField label={t.inbox.kind}>
        <select
          className="select"
          value={filters.kind ?? ''}
          onChange={(e) => set({ kind: (e.target.value || null) as SubmissionKind | null })}
          data-testid="filter-kind"
        >
          <option value="">{t.inbox.allKinds}</option>
          {SUBMISSION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.kindShort[k]}
            </option>
          ))}
        </select>
      </FilterField>
      <label className="checkbox inbox-filters__check">
        <input
          type="checkbox"
          checked={filters.latestOnly}
          onChange={(e) => set({ latestOnly: e.target.checked })}
        />{' '}
        {t.inbox.latestOnly}
      </label>
      {hasFilters(filters) ? (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() =>
            onChange({
              unitId: null,
              communeId: null,
              schoolLevel: null,
              schoolYear: null,
              state: null,
              kind: null,
              latestOnly: false,
              page: 1,
            })
          }
        >
          {t.inbox.reset}
        </button>
      ) : null}
    </form>
  );
}

/**
 * A labelled control of the filter bars: the label points at the control by id, so its name is
 * the label alone (a wrapping label would add the chosen option's text).
 */
function FilterField({
  label,
  children,
}: {
  label: string;
  children: React.ReactElement<{ id?: string }>;
}) {
  const id = useId();
  return (
    <div className="inbox-filters__field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}

/** Where the school's document opens (an office reads the school's plans and assessments). */
function documentLink(submission: Submission): { href: string; label: string } {
  switch (submission.kind) {
    case 'plan':
      return { href: hrefs.plan(submission.documentId), label: t.detail.openPlan };
    case 'assessment':
      return { href: hrefs.assessment(submission.documentId), label: t.detail.openAssessment };
    case 'monitoring_report':
      return { href: hrefs.plans(submission.schoolId), label: t.detail.openPlans };
  }
}

/** One submission, opened (and so marked read) by the office. */
function SubmissionPanel({ submissionId, onClose }: { submissionId: string; onClose: () => void }) {
  const opened = useOpenSubmission(submissionId);
  const accept = useAcceptSubmission(submissionId);
  const conflict = conflictCurrentOf<Submission>(accept.error);
  const submission = conflict ?? opened.data;
  const ref = useRef<HTMLElement>(null);
  // Opened from a row further down (on a phone, the whole list): bring the document into view.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  return (
    <section
      ref={ref}
      className="card submission-panel"
      aria-labelledby="submission-title"
      data-testid="submission-panel"
    >
      <div className="submission-panel__head">
        <h2 id="submission-title" className="panel__title">
          {submission?.title ?? t.detail.title}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t.detail.close}
        </button>
      </div>
      {opened.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : opened.isError && !submission ? (
        <QueryFailure
          title={t.detail.loadError}
          error={opened.error}
          onRetry={() => void opened.refetch()}
          nested
        />
      ) : submission ? (
        <SubmissionDetail
          submission={submission}
          accepting={accept.isPending}
          error={accept.isError ? errorMessageOf(accept.error) : null}
          conflict={conflict !== null}
          onAccept={(unitId, version) => accept.mutate({ unitId, version })}
        />
      ) : null}
    </section>
  );
}

function SubmissionDetail({
  submission,
  accepting,
  error,
  conflict,
  onAccept,
}: {
  submission: Submission;
  accepting: boolean;
  error: string | null;
  conflict: boolean;
  onAccept: (unitId: string, version: number) => void;
}) {
  const downloads = submissionDownloads(submission.id);
  const link = documentLink(submission);
  const acceptable = submission.recipients.filter((r) => r.canAccept);
  return (
    <div className="stack submission-detail">
      {submission.supersededBy ? (
        <p className="notice notice--warning">
          {t.detail.superseded}{' '}
          <AppLink
            href={`${hrefs.officeInbox()}?van-ban=${encodeURIComponent(submission.supersededBy)}`}
          >
            {t.detail.openNewer}
          </AppLink>
        </p>
      ) : null}
      <dl className="submission-detail__facts">
        <div>
          <dt>{t.detail.school}</dt>
          <dd data-testid="detail-school">{submission.schoolName}</dd>
        </div>
        <div>
          <dt>{t.detail.kind}</dt>
          <dd>{t.kinds[submission.kind]}</dd>
        </div>
        <div>
          <dt>{t.detail.year}</dt>
          <dd>{submission.schoolYear}</dd>
        </div>
        <div>
          <dt>{t.detail.sentAt}</dt>
          <dd>
            {formatDateTime(submission.sentAt)} — {submission.sentByName}
          </dd>
        </div>
        <div className="submission-detail__hash">
          <dt>{t.detail.hash}</dt>
          <dd>
            <code data-testid="detail-hash">{submission.contentHash}</code>
            <span className="muted">{t.detail.hashHint}</span>
          </dd>
        </div>
      </dl>
      <div>
        <h3 className="submission-detail__subtitle">{t.detail.recipients}</h3>
        <RecipientStates recipients={submission.recipients} withDates />
      </div>
      {conflict ? (
        <p className="notice notice--info" role="status" data-testid="accept-conflict">
          {error} {t.detail.conflict}
        </p>
      ) : error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      <div className="submission-detail__actions">
        {acceptable.map((r) => (
          <button
            key={r.unitId}
            type="button"
            className="button"
            disabled={accepting}
            onClick={() => onAccept(r.unitId, r.version)}
            data-testid="accept-submission"
          >
            {accepting
              ? t.detail.accepting
              : submission.recipients.length > 1
                ? t.detail.acceptFor(r.unitName)
                : t.detail.accept}
          </button>
        ))}
        <a className="button button--secondary" href={downloads.snapshot} download>
          {t.detail.snapshot}
        </a>
        {submission.hasDocument ? (
          <a className="button button--secondary" href={downloads.document} download>
            {t.detail.docx}
          </a>
        ) : null}
        <AppLink className="button button--secondary" href={link.href} data-testid="open-document">
          {link.label}
        </AppLink>
      </div>
    </div>
  );
}

/** The units an office reads (from the inbox answer) and the one chosen. */
/**
 * The offices the user works for (from the inbox's answer) and the office and school year chosen
 * on the deadlines and late-schools sections: the first office and the current school year until
 * the user picks others.
 */
function useOfficeAndYear() {
  const inbox = useOfficeInbox({ page: 1, pageSize: 1 });
  const offices = (inbox.data?.units ?? []).filter((u) => u.kind !== 'school');
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen ?? offices[0]?.id ?? null;
  const [year, setYear] = useState(() => schoolYearChoices(new Date())[1] ?? '');
  return { inbox, offices, unitId, setChosen, year, setYear };
}

function UnitYearPicker({
  offices,
  unitId,
  onUnit,
  year,
  onYear,
  children,
}: {
  offices: OfficeInbox['units'];
  unitId: string | null;
  onUnit: (id: string) => void;
  year: string;
  onYear: (year: string) => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="card inbox-filters">
      {offices.length > 1 ? (
        <FilterField label={t.deadlines.unit}>
          <select className="select" value={unitId ?? ''} onChange={(e) => onUnit(e.target.value)}>
            {offices.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </FilterField>
      ) : null}
      <FilterField label={t.deadlines.year}>
        <select
          className="select"
          value={year}
          onChange={(e) => onYear(e.target.value)}
          data-testid="deadline-year"
        >
          {schoolYearChoices(new Date()).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </FilterField>
      {children}
    </div>
  );
}

/**
 * A section of the office screens about one office and school year (deadlines, late schools): its
 * heading, the office and year choice (with `filters` beside them), then `children`.
 */
function OfficeYearSection({
  titleId,
  testId,
  texts,
  choice,
  filters,
  children,
}: {
  titleId: string;
  testId: string;
  texts: { title: string; intro: string; loadError: string };
  choice: ReturnType<typeof useOfficeAndYear>;
  filters?: React.ReactNode;
  children: React.ReactNode;
}) {
  const { inbox, offices, unitId, setChosen, year, setYear } = choice;
  if (inbox.isPending) return <LoadingState label={vi.common.loading} />;
  if (inbox.isError)
    return (
      <QueryFailure
        title={texts.loadError}
        error={inbox.error}
        onRetry={() => void inbox.refetch()}
        nested
      />
    );
  return (
    <section className="stack" aria-labelledby={titleId} data-testid={testId}>
      <div>
        <h2 id={titleId} className="section-head__title">
          {texts.title}
        </h2>
        <p className="muted">{texts.intro}</p>
      </div>
      <UnitYearPicker
        offices={offices}
        unitId={unitId}
        onUnit={setChosen}
        year={year}
        onYear={setYear}
      >
        {filters}
      </UnitYearPicker>
      {children}
    </section>
  );
}

function DeadlinesSection() {
  const choice = useOfficeAndYear();
  const { unitId, year } = choice;
  const deadlines = useOfficeDeadlines(unitId, year);
  return (
    <OfficeYearSection
      titleId="deadlines-title"
      testId="deadlines"
      texts={t.deadlines}
      choice={choice}
    >
      {deadlines.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : deadlines.isError ? (
        <QueryFailure
          title={t.deadlines.loadError}
          error={deadlines.error}
          onRetry={() => void deadlines.refetch()}
          nested
        />
      ) : unitId ? (
        <ul className="deadline-list">
          {SUBMISSION_KINDS.map((kind) => {
            const current = deadlines.data.items.find(
              (d) => d.kind === kind && d.schoolYear === year,
            );
            return (
              <DeadlineRow
                key={`${unitId}-${year}-${kind}-${current?.dueDate ?? ''}`}
                unitId={unitId}
                year={year}
                kind={kind}
                dueDate={current?.dueDate ?? null}
                updatedAt={current?.updatedAt ?? null}
                canEdit={deadlines.data.canEdit}
              />
            );
          })}
        </ul>
      ) : null}
    </OfficeYearSection>
  );
}

function DeadlineRow({
  unitId,
  year,
  kind,
  dueDate,
  updatedAt,
  canEdit,
}: {
  unitId: string;
  year: string;
  kind: SubmissionKind;
  dueDate: string | null;
  updatedAt: string | null;
  canEdit: boolean;
}) {
  const [value, setValue] = useState(dueDate ?? '');
  const save = useSetOfficeDeadline(unitId);
  return (
    <li className="card deadline-row" data-testid="deadline-row" data-kind={kind}>
      <div className="deadline-row__text">
        <strong>{t.kinds[kind]}</strong>
        <span className="muted">
          {dueDate ? formatDate(dueDate) : t.deadlines.noDue}
          {updatedAt ? ` · ${t.deadlines.updated(formatDateTime(updatedAt))}` : ''}
        </span>
      </div>
      {canEdit ? (
        <form
          className="deadline-row__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (value)
              save.mutate(
                { schoolYear: year, kind, dueDate: value },
                { onSuccess: () => notifySuccess(t.deadlines.saved) },
              );
          }}
        >
          <FilterField label={t.deadlines.due}>
            <input
              className="input"
              type="date"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              data-testid="deadline-input"
            />
          </FilterField>
          <button
            type="submit"
            className="button button--small"
            disabled={!value || value === dueDate || save.isPending}
            data-testid="deadline-save"
          >
            {t.deadlines.save}
          </button>
          {dueDate ? (
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={save.isPending}
              onClick={() =>
                save.mutate(
                  { schoolYear: year, kind, dueDate: null },
                  { onSuccess: () => notifySuccess(t.deadlines.removed) },
                )
              }
            >
              {t.deadlines.remove}
            </button>
          ) : null}
        </form>
      ) : null}
    </li>
  );
}

function LateSection() {
  const choice = useOfficeAndYear();
  const { unitId, year } = choice;
  const [kind, setKind] = useState<SubmissionKind>('plan');
  const late = useLateSchools(unitId, year, kind);
  return (
    <OfficeYearSection
      titleId="late-title"
      testId="late-schools"
      texts={t.late}
      choice={choice}
      filters={
        <>
          <FilterField label={t.deadlines.kind}>
            <select
              className="select"
              value={kind}
              onChange={(e) => setKind(e.target.value as SubmissionKind)}
            >
              {SUBMISSION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t.kindShort[k]}
                </option>
              ))}
            </select>
          </FilterField>
        </>
      }
    >
      {late.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : late.isError ? (
        <QueryFailure
          title={t.late.loadError}
          error={late.error}
          onRetry={() => void late.refetch()}
          nested
        />
      ) : (
        <>
          <p data-testid="late-summary">
            {late.data.dueDate ? (
              <strong>{t.late.due(formatDate(late.data.dueDate))}</strong>
            ) : (
              <span className="muted">{t.late.noDue}</span>
            )}
            {' · '}
            {t.late.summary(late.data.onTime, late.data.totalSchools)}
          </p>
          {late.data.items.length === 0 ? (
            <EmptyState title={t.late.empty} />
          ) : (
            <div className="table-wrap">
              <table className="table table--cards" data-testid="late-table">
                <thead>
                  <tr>
                    <th scope="col">{t.late.school}</th>
                    <th scope="col">{t.late.commune}</th>
                    <th scope="col">{t.late.status}</th>
                    <th scope="col">{t.late.firstSent}</th>
                  </tr>
                </thead>
                <tbody>
                  {late.data.items.map((s) => (
                    <tr key={s.schoolId} data-testid="late-row" data-status={s.status}>
                      <th scope="row" data-label={t.late.school}>
                        <AppLink href={hrefs.school(s.schoolId)}>{s.schoolName}</AppLink>
                      </th>
                      <td data-label={t.late.commune}>{s.communeName ?? '—'}</td>
                      <td data-label={t.late.status}>
                        <Badge tone={s.status === 'pending' ? 'neutral' : 'warning'}>
                          {t.late.statuses[s.status]}
                        </Badge>
                      </td>
                      <td data-label={t.late.firstSent}>
                        {s.firstSentAt ? formatDateTime(s.firstSentAt) : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </OfficeYearSection>
  );
}
