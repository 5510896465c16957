import type { RouteResponse } from '../../api/http-client.ts';
import { useMemo, useState } from 'react';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { QueryFailure, useDocumentTitle } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { usePlanFramework } from '../plans/plans.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import {
  countTriedChanges,
  deadlineLine,
  evidenceByCode,
  levelLabel,
  readBlockers,
  tryMark,
  type CitableEvidence,
  type Marks,
  type WhatIfMarks,
} from './assessment-logic.ts';
import { AssessmentStatusBadge } from './assessments-tab.tsx';
import {
  useAssessment,
  useEvidence,
  useWhatIf,
  type AssessmentDetail,
} from './assessments.queries.ts';
import { CouncilSection } from './council-section.tsx';
import { CriteriaSection } from './criteria-section.tsx';
import { DocumentsSection, LifecycleActions } from './documents-section.tsx';
import { EvidenceSection } from './evidence-section.tsx';
import { SendToOffices } from '../submissions/send-to-offices.tsx';
import { viOffices } from '../../i18n/vi-offices.ts';
import './assessment.css';

const t = vi.assessment;

export type Framework = RouteResponse<'getFramework'>;
export type AssessmentSection = keyof typeof t.sections;
/** Blockers listed before "Xem tất cả". */
const GAP_SHOWN = 6;
const SECTIONS = Object.keys(t.sections) as AssessmentSection[];

/** What every part of the assessment page is given. */
export interface AssessmentContext {
  assessment: AssessmentDetail;
  framework: Framework;
  /** The caller may change the content now (council, not approved). */
  editable: boolean;
  /** The caller is of the council (plan.edit), whatever the status. */
  canEdit: boolean;
  canApprove: boolean;
  evidence: RouteResponse<'listEvidence'>['items'];
  /** The evidence by canonical code, for the citations written in texts. */
  known: ReadonlyMap<string, CitableEvidence>;
  /** Tried marks while the what-if view is on, else null. */
  tried: WhatIfMarks | null;
  onTry: (criterionCode: string, key: string, value: boolean | undefined) => void;
}

/** /tu-danh-gia/:assessmentId — one self-assessment. */
export function AssessmentScreen({ assessmentId }: { assessmentId: string }) {
  const assessment = useAssessment(assessmentId);
  useDocumentTitle(assessment.data ? t.pageTitle(assessment.data.schoolYear) : t.title);
  if (assessment.isPending) return <LoadingState label={vi.common.loading} />;
  if (assessment.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={assessment.error}
        onRetry={() => void assessment.refetch()}
      />
    );
  return <AssessmentLoaded assessment={assessment.data} />;
}

function AssessmentLoaded({ assessment }: { assessment: AssessmentDetail }) {
  const framework = usePlanFramework(assessment.frameworkId);
  if (framework.isPending) return <LoadingState label={vi.common.loading} />;
  if (framework.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={framework.error}
        onRetry={() => void framework.refetch()}
      />
    );
  return <AssessmentPage assessment={assessment} framework={framework.data} />;
}

function AssessmentPage({
  assessment,
  framework,
}: {
  assessment: AssessmentDetail;
  framework: Framework;
}) {
  const { access } = useAccess(assessment.schoolId);
  const search = new URLSearchParams(useLocationSearch());
  const requested = search.get('muc');
  const section: AssessmentSection = SECTIONS.includes(requested as AssessmentSection)
    ? (requested as AssessmentSection)
    : 'tieu-chi';
  const selected = search.get('tc');
  const highlightedEvidence = search.get('mc');
  const canEdit = access?.can('plan.edit', assessment.schoolId) ?? false;
  const canApprove = access?.can('plan.approve', assessment.schoolId) ?? false;
  const editable = canEdit && assessment.status !== 'approved';
  const evidence = useEvidence(assessment.id);
  const [tried, setTried] = useState<WhatIfMarks | null>(null);
  const savedMarks = useMemo(
    () => new Map(assessment.criteria.map((c) => [c.criterionCode, c.marks])),
    [assessment.criteria],
  );
  const savedOf = (code: string): Marks => savedMarks.get(code) ?? {};
  const triedBody = tried && Object.keys(tried).length > 0 ? { criteria: tried, level4: {} } : null;
  const whatIf = useWhatIf(assessment.id, triedBody);
  const whatIfResults = triedBody ? (whatIf.data ?? null) : null;

  const known = useMemo(() => evidenceByCode(evidence.data?.items ?? []), [evidence.data]);
  const context: AssessmentContext = {
    assessment,
    framework,
    editable,
    canEdit,
    canApprove,
    evidence: evidence.data?.items ?? [],
    known,
    tried,
    onTry: (code, key, value) =>
      setTried((current) => tryMark(current ?? {}, savedOf(code), code, key, value)),
  };

  const open = (next: { section?: AssessmentSection; criterion?: string | null }) =>
    navigate(
      hrefs.assessment(assessment.id, {
        section: next.section ?? section,
        criterion: next.criterion === undefined ? selected : next.criterion,
      }),
      { replace: true },
    );

  return (
    <div className="stack assessment-page" data-testid="assessment-page">
      <AssessmentHeader
        assessment={assessment}
        whatIf={
          tried === null
            ? null
            : {
                results: whatIfResults,
                changes: countTriedChanges(tried, savedOf),
                pending: whatIf.isFetching,
              }
        }
        evidenceFigures={
          evidence.data
            ? {
                total: evidence.data.items.length,
                withFiles: evidence.data.items.filter((e) => e.files.length > 0).length,
              }
            : null
        }
        actions={
          <>
            <LifecycleActions context={context} />
            {section === 'tieu-chi' ? (
              <button
                type="button"
                className={`button button--secondary ${tried ? 'is-pressed' : ''}`}
                aria-pressed={tried !== null}
                onClick={() => setTried(tried === null ? {} : null)}
                data-testid="what-if-toggle"
              >
                {tried === null ? t.whatIf.toggle : t.whatIf.exit}
              </button>
            ) : null}
          </>
        }
      />
      {tried !== null ? (
        <div className="what-if-bar" role="status" data-testid="what-if-bar">
          <span className="what-if-bar__label">{t.whatIf.on}</span>
          <span>{t.whatIf.banner}</span>
          <span className="what-if-bar__count">
            {t.whatIf.changes(countTriedChanges(tried, savedOf))}
          </span>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setTried({})}
            data-testid="what-if-reset"
          >
            {t.whatIf.reset}
          </button>
          <button type="button" className="button button--small" onClick={() => setTried(null)}>
            {t.whatIf.exit}
          </button>
        </div>
      ) : null}
      <nav className="section-nav" aria-label={t.sectionsLabel}>
        <ul className="segmented">
          {SECTIONS.map((key) => (
            <li key={key}>
              <AppLink
                href={hrefs.assessment(assessment.id, { section: key })}
                className={`segmented__item ${key === section ? 'is-selected' : ''}`}
                aria-current={key === section ? 'page' : undefined}
              >
                {t.sections[key]}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      {!editable ? (
        <p className="notice notice--info" data-testid="assessment-read-only">
          {assessment.status === 'approved' ? t.readOnly : t.readOnlyNotCouncil}
        </p>
      ) : null}
      {assessment.status === 'approved' ? (
        <SendToOffices
          schoolId={assessment.schoolId}
          kind="assessment"
          documentId={assessment.id}
          documentTitle={`${viOffices.kinds.assessment} năm học ${assessment.schoolYear}`}
          contentHash={assessment.snapshotHash}
        />
      ) : null}
      {section === 'tieu-chi' ? (
        <CriteriaSection
          context={context}
          results={whatIfResults ?? assessment.results}
          selected={selected}
          onSelect={(code) => open({ criterion: code })}
        />
      ) : null}
      {section === 'minh-chung' ? (
        <EvidenceSection context={context} highlighted={highlightedEvidence} />
      ) : null}
      {section === 'hoi-dong' ? <CouncilSection context={context} /> : null}
      {section === 'van-ban' ? <DocumentsSection context={context} /> : null}
    </div>
  );
}

/** The header: year, framework, status, the school's level with its reason and gap, deadline. */
function AssessmentHeader({
  assessment,
  whatIf,
  actions,
  evidenceFigures,
}: {
  assessment: AssessmentDetail;
  /** Counted from the evidence list once it is loaded (fresher than the assessment's figures). */
  evidenceFigures: { total: number; withFiles: number } | null;
  whatIf: {
    results: AssessmentDetail['results'] | null;
    changes: number;
    pending: boolean;
  } | null;
  actions: React.ReactNode;
}) {
  const results = whatIf?.results ?? assessment.results;
  const school = results.school;
  const blockers = readBlockers(school.blockers);
  const trying = whatIf !== null && whatIf.changes > 0;
  const [showAll, setShowAll] = useState(false);
  // On a phone the summary starts folded, so the criteria are within reach.
  const [wide] = useState(() => window.matchMedia('(min-width: 900px)').matches);
  return (
    <header className="card assessment-header" data-testid="assessment-header">
      <AppLink href={hrefs.school(assessment.schoolId, 'tu-danh-gia')} className="back-to-list">
        {t.backToList}
      </AppLink>
      <div className="assessment-header__top">
        <div>
          <h1 className="page-header__title">{t.pageTitle(assessment.schoolYear)}</h1>
          <p className="assessment-header__meta">
            <AssessmentStatusBadge status={assessment.status} />{' '}
            <span>{t.frameworkLine(assessment.frameworkCode)}</span>
            {' · '}
            <span>{t.revision(assessment.revisionNumber)}</span>
            {assessment.approvedAt ? (
              <>
                {' · '}
                <span>{t.lifecycle.approvedAt(formatDateTime(assessment.approvedAt))}</span>
              </>
            ) : null}
          </p>
          {assessment.frameworkReason ? (
            <p className="muted">
              {t.frameworkReason}: {assessment.frameworkReason}
            </p>
          ) : null}
          {assessment.carriedFromAssessmentId ? (
            <p className="muted">
              <Badge tone="info">{t.carried}</Badge> {t.carriedFrom}
            </p>
          ) : null}
        </div>
        <div className="assessment-header__actions">{actions}</div>
      </div>
      <div className="assessment-header__grid">
        <section
          className={`assessment-level ${trying ? 'assessment-level--what-if' : ''}`}
          data-testid="school-level"
          aria-live="polite"
        >
          <p className="assessment-level__label">
            {trying ? t.schoolLevelWhatIf : t.schoolLevelTitle}
            {trying && whatIf.pending ? ` — ${t.whatIf.computing}` : ''}
          </p>
          <p className="assessment-level__value" data-testid="school-level-value">
            {levelLabel(school.schoolLevel)}
          </p>
          <p className="assessment-level__reason" data-testid="school-level-reason">
            {school.reason}
          </p>
          {school.nextLevel !== null ? (
            blockers.length > 0 ? (
              <div className="assessment-gap" data-testid="school-level-gap">
                <p className="assessment-gap__title">{t.gapTitle(school.nextLevel)}</p>
                <ul className="assessment-gap__list">
                  {blockers.slice(0, showAll ? blockers.length : GAP_SHOWN).map((b, index) => (
                    <li key={`${b.criterionCode ?? b.level4Key ?? ''}-${index}`}>
                      {b.criterionCode ? (
                        <AppLink
                          href={hrefs.assessment(assessment.id, {
                            section: 'tieu-chi',
                            criterion: b.criterionCode,
                          })}
                        >
                          {b.message}
                        </AppLink>
                      ) : (
                        b.message
                      )}
                    </li>
                  ))}
                </ul>
                {blockers.length > GAP_SHOWN ? (
                  <button
                    type="button"
                    className="link-button assessment-gap__more"
                    onClick={() => setShowAll(!showAll)}
                    aria-expanded={showAll}
                  >
                    {showAll ? t.gapLess : t.gapMore(blockers.length)}
                  </button>
                ) : null}
              </div>
            ) : null
          ) : (
            <p className="muted">{t.atTop}</p>
          )}
        </section>
        <section className="assessment-facts">
          {results.summary.length > 0 ? (
            <details className="assessment-summary" data-testid="assessment-summary" open={wide}>
              <summary className="assessment-facts__title">{t.summaryTitle}</summary>
              <ul className="tight-list">
                {results.summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <p className="muted">
            {evidenceFigures
              ? t.evidenceCount(evidenceFigures.total, evidenceFigures.withFiles)
              : t.evidenceCount(
                  assessment.evidenceSummary.total,
                  assessment.evidenceSummary.withFiles,
                )}
          </p>
          {assessment.deadline ? (
            <p
              className={`assessment-deadline ${
                !assessment.deadline.met && assessment.deadline.daysLeft < 30
                  ? 'assessment-deadline--near'
                  : ''
              }`}
              data-testid="assessment-deadline"
            >
              <strong>{t.deadlineTitle}:</strong> {deadlineLine(assessment.deadline)}
            </p>
          ) : null}
          {assessment.councilWarnings.length > 0 ? (
            <div className="notice notice--warning" data-testid="council-warnings">
              <p>{t.councilWarningsTitle}</p>
              <ul className="tight-list">
                {assessment.councilWarnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>
    </header>
  );
}
