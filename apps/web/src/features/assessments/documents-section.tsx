import { useState, type FormEvent } from 'react';
import { conflictCurrentOf, errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { routeUrl, type RouteResponse } from '../../api/http-client.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { TextAreaField } from '../../ui/form.tsx';
import { ConfirmDialog, Modal } from '../../ui/modal.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { navigate } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import type { AssessmentContext } from './assessment-screen.tsx';
import type { AssessmentDetail } from './assessments.queries.ts';
import {
  useSaveReport,
  useApproveAssessment,
  useIntegrity,
  useProposePlanRows,
  useReviseAssessment,
  useSubmitAssessment,
} from './assessments.queries.ts';

const t = vi.assessment;

/**
 * The official documents and their formats (the contract's ASSESSMENT_DOCUMENT_FORMATS_OF; the
 * shared schemas stay out of the bundle): Word documents as DOCX or PDF, the summary as XLSX.
 */
const OFFICIAL_DOCUMENTS = [
  { document: 'report', formats: ['docx', 'pdf'] },
  { document: 'council-decision', formats: ['docx', 'pdf'] },
  { document: 'work-plan', formats: ['docx', 'pdf'] },
  { document: 'summary', formats: ['xlsx'] },
] as const;

/** Trình / Phê duyệt / Tạo bản điều chỉnh, as the status and the caller's role allow. */
export function LifecycleActions({ context }: { context: AssessmentContext }) {
  const { assessment, editable, canApprove } = context;
  const submit = useSubmitAssessment(assessment.id);
  const approve = useApproveAssessment(assessment.id);
  const [confirming, setConfirming] = useState(false);
  const [revising, setRevising] = useState(false);
  const isLatestApproved = assessment.status === 'approved';
  return (
    <>
      {editable && assessment.status === 'draft' ? (
        <button
          type="button"
          className="button"
          disabled={submit.isPending}
          onClick={() => submit.mutate(assessment.version)}
          data-testid="assessment-submit"
        >
          {t.lifecycle.submit}
        </button>
      ) : null}
      {canApprove && assessment.status !== 'approved' ? (
        <button
          type="button"
          className="button"
          onClick={() => setConfirming(true)}
          data-testid="assessment-approve"
        >
          {t.lifecycle.approve}
        </button>
      ) : null}
      {canApprove && isLatestApproved ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setRevising(true)}
          data-testid="assessment-revise"
        >
          {t.lifecycle.revise}
        </button>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t.lifecycle.confirmApproveTitle}
          message={t.lifecycle.confirmApprove}
          confirmLabel={t.lifecycle.approve}
          tone="primary"
          isPending={approve.isPending}
          onConfirm={() =>
            approve.mutate(assessment.version, { onSettled: () => setConfirming(false) })
          }
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {revising ? (
        <ReviseDialog assessmentId={assessment.id} onClose={() => setRevising(false)} />
      ) : null}
    </>
  );
}

function ReviseDialog({ assessmentId, onClose }: { assessmentId: string; onClose: () => void }) {
  const revise = useReviseAssessment(assessmentId);
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(revise.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    revise.mutate(reason, { onSuccess: (a) => navigate(hrefs.assessment(a.id)) });
  }
  return (
    <Modal title={t.lifecycle.reviseTitle} onClose={onClose} size="small">
      <form className="stack" onSubmit={submit} noValidate>
        <TextAreaField
          label={t.lifecycle.reviseReason}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        {revise.isError && !errors.reason ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(revise.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" className="button" disabled={revise.isPending}>
            {t.lifecycle.revise}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Văn bản & kế hoạch cải tiến: the seal, the downloads, "Đề xuất dòng kế hoạch". */
export function DocumentsSection({ context }: { context: AssessmentContext }) {
  const { assessment } = context;
  const integrity = useIntegrity(assessment.id, assessment.status === 'approved');
  const docHref = (name: (typeof OFFICIAL_DOCUMENTS)[number]['document'], format: string) =>
    routeUrl('downloadAssessmentDocument', {
      params: { assessmentId: assessment.id },
      query: { document: name, format: format as 'docx' | 'pdf' | 'xlsx' },
    });
  const downloads: { label: string; href: string; testId: string }[] = [
    ...OFFICIAL_DOCUMENTS.flatMap((d) =>
      d.formats.map((format) => ({
        label: `${t.documents.names[d.document]} (${format.toUpperCase()})`,
        href: docHref(d.document, format),
        testId: `download-${d.document}-${format}`,
      })),
    ),
    {
      label: t.documents.evidenceDocx,
      href: routeUrl('downloadEvidenceList', {
        params: { assessmentId: assessment.id },
        query: { format: 'docx' },
      }),
      testId: 'download-evidence-docx',
    },
    {
      label: t.documents.evidenceXlsx,
      href: routeUrl('downloadEvidenceList', {
        params: { assessmentId: assessment.id },
        query: { format: 'xlsx' },
      }),
      testId: 'download-evidence-xlsx',
    },
    {
      label: t.documents.exportJson,
      href: routeUrl('exportAssessmentJson', { params: { assessmentId: assessment.id } }),
      testId: 'download-json',
    },
  ];
  return (
    <div className="stack" data-testid="documents-section">
      {assessment.status === 'approved' ? (
        <section className="card form--padded stack" data-testid="assessment-seal">
          {assessment.snapshotHash ? (
            <p className="muted">{t.lifecycle.sealed(assessment.snapshotHash)}</p>
          ) : null}
          {integrity.data ? (
            <p
              className={
                integrity.data.status === 'tampered'
                  ? 'notice notice--warning'
                  : 'notice notice--success'
              }
            >
              {integrity.data.status === 'tampered'
                ? t.lifecycle.sealTampered
                : t.lifecycle.sealIntact}
            </p>
          ) : null}
        </section>
      ) : null}
      <section className="card form--padded stack" aria-labelledby="documents-title">
        <h2 id="documents-title" className="section-head__title">
          {t.documents.title}
        </h2>
        <p className="muted">{t.documents.intro}</p>
        <ul className="document-links">
          {downloads.map((d) => (
            <li key={d.testId}>
              <a className="button button--secondary" href={d.href} data-testid={d.testId}>
                {d.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <ReportTexts key={`report:${assessment.version}`} context={context} />
      <ProposePlanRows context={context} />
    </div>
  );
}

const REPORT_FIELDS = ['context', 'purpose', 'process', 'conclusion', 'recommendations'] as const;
type ReportTextsValue = AssessmentDetail['report'];

/** The report's general texts (Đặt vấn đề, Kết luận…), saved together, only what changed. */
function ReportTexts({ context }: { context: AssessmentContext }) {
  const { assessment, editable } = context;
  const save = useSaveReport(assessment.id);
  const [texts, setTexts] = useState<ReportTextsValue>(assessment.report);
  const [base, setBase] = useState<{ report: ReportTextsValue; version: number }>({
    report: assessment.report,
    version: assessment.version,
  });
  const conflict = conflictCurrentOf<AssessmentDetail>(save.error);
  const changed = REPORT_FIELDS.filter((f) => texts[f] !== base.report[f]);
  return (
    <section className="card form--padded stack" aria-labelledby="report-texts-title">
      <h2 id="report-texts-title" className="section-head__title">
        {t.report.title}
      </h2>
      <p className="muted">{t.report.intro}</p>
      {REPORT_FIELDS.map((field) => (
        <TextAreaField
          key={field}
          label={t.report.fields[field]}
          rows={4}
          value={texts[field]}
          readOnly={!editable}
          onChange={(event) => setTexts({ ...texts, [field]: event.target.value })}
        />
      ))}
      {conflict ? (
        <ConflictNotice
          fields={REPORT_FIELDS.filter((f) => conflict.report[f] !== base.report[f]).map((f) => ({
            label: t.report.fields[f],
            theirs: conflict.report[f],
            mine: texts[f],
            isClash: texts[f] !== base.report[f] && texts[f] !== conflict.report[f],
          }))}
          onUseTheirs={() => {
            save.reset();
            setTexts(conflict.report);
            setBase({ report: conflict.report, version: conflict.version });
          }}
          onKeepMine={() => {
            save.reset();
            setBase({ report: conflict.report, version: conflict.version });
          }}
        />
      ) : save.isError ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(save.error)}
        </p>
      ) : null}
      {editable ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={changed.length === 0 || save.isPending}
            onClick={() =>
              save.mutate({
                report: Object.fromEntries(changed.map((f) => [f, texts[f]])),
                version: base.version,
              })
            }
          >
            {t.report.save}
          </button>
        </div>
      ) : null}
    </section>
  );
}

type Proposal = RouteResponse<'proposeAssessmentPlanRows'>;

/** Đề xuất dòng kế hoạch: preview the rows from weak criteria, then write them into the plan. */
function ProposePlanRows({ context }: { context: AssessmentContext }) {
  const { assessment } = context;
  const propose = useProposePlanRows(assessment.id);
  const [preview, setPreview] = useState<Proposal | null>(null);
  const [applied, setApplied] = useState<Proposal | null>(null);
  const result = applied ?? preview;
  return (
    <section
      className="card form--padded stack"
      aria-labelledby="propose-title"
      data-testid="propose-plan-rows"
    >
      <h2 id="propose-title" className="section-head__title">
        {t.propose.title}
      </h2>
      <p className="muted">{t.propose.intro}</p>
      <div>
        <button
          type="button"
          className="button button--secondary"
          disabled={propose.isPending}
          onClick={() => {
            setApplied(null);
            propose.mutate({ dryRun: true }, { onSuccess: setPreview });
          }}
          data-testid="propose-preview"
        >
          {t.propose.preview}
        </button>
      </div>
      {propose.isError ? (
        <p className="form-alert" role="alert" data-testid="propose-error">
          {errorMessageOf(propose.error)}
        </p>
      ) : null}
      {result ? (
        <div className="stack">
          {result.rows.length === 0 ? (
            <p className="notice notice--info">{t.propose.none}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="proposed-rows">
                <thead>
                  <tr>
                    <th scope="col">{t.propose.criterion}</th>
                    <th scope="col">{t.propose.reason}</th>
                    <th scope="col">{t.propose.proposal}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row) => (
                    <tr key={row.criterionCode ?? row.level4Key ?? ''} data-testid="proposed-row">
                      <th scope="row">
                        {row.criterionCode ?? `${t.level4Title} ${row.level4Key ?? ''}`}
                      </th>
                      <td>{row.reason}</td>
                      <td className="pre-line">
                        {row.currentState ? (
                          <div>
                            <span className="muted">{t.propose.currentState}: </span>
                            {row.currentState}
                          </div>
                        ) : null}
                        {row.content ? (
                          <div>
                            <span className="muted">{t.propose.content}: </span>
                            {row.content}
                          </div>
                        ) : null}
                        {row.target ? <div className="muted">{row.target}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.skipped.length > 0 ? (
            <p className="muted">
              {t.propose.skipped} {result.skipped.map((s) => s.criterionCode).join(', ')}
            </p>
          ) : null}
          <div className="form-actions">
            {applied ? (
              <AppLink
                href={hrefs.plan(applied.planId)}
                className="button"
                data-testid="propose-open-plan"
              >
                {t.propose.openPlan}
              </AppLink>
            ) : result.rows.length > 0 && context.canEdit ? (
              <>
                <AppLink href={hrefs.plan(result.planId)} className="button button--secondary">
                  {t.propose.openPlan}
                </AppLink>
                <button
                  type="button"
                  className="button"
                  disabled={propose.isPending}
                  onClick={() =>
                    propose.mutate(
                      {
                        dryRun: false,
                        criterionCodes: result.rows.flatMap((r) =>
                          r.criterionCode ? [r.criterionCode] : r.level4Key ? [r.level4Key] : [],
                        ),
                      },
                      {
                        onSuccess: (done) => {
                          setApplied(done);
                          notifySuccess(t.propose.applied(done.rows.length));
                        },
                      },
                    )
                  }
                  data-testid="propose-apply"
                >
                  {t.propose.apply(result.rows.length)}
                </button>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
