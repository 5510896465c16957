import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { apiRequest } from '../../api/http-client.ts';
import { reportError } from '../../api/mutation-reporting.ts';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { PlanAssessmentBasis } from '../assessments/plan-assessment-basis.tsx';
import { ConfirmDialog, Modal } from '../../ui/modal.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { QueryFailure, useDocumentTitle } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { usePeople } from '../people/people.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import {
  groupRows,
  moveWithin,
  PROGRESS_ONLY_FIELDS,
  type PlanDetail,
  type PlanRow,
} from './plan-layout.ts';
import {
  MonitoringSection,
  PlanSectionTabs,
  usePlanSection,
} from '../monitoring/plan-monitoring.tsx';
import { LayoutJoinsNotice, PlanDocuments } from './plan-documents.tsx';
import { PublicationPanel } from '../public-disclosure/publication-panel.tsx';
import { SendToOffices } from '../submissions/send-to-offices.tsx';
import { viOffices } from '../../i18n/vi-offices.ts';
import { ChecksPanel, CriterionPicker, HeaderForm, type PickedTarget } from './plan-panels.tsx';
import { FocusIssues, ReviewRounds } from './plan-sections.tsx';
import { PlanTable, type EditRights, type LastChange } from './plan-table.tsx';
import { PlanStatusBadge } from './plans-tab.tsx';
import { usePlanComments } from '../comments/plan-comments.tsx';
import {
  storeRow,
  useAddRow,
  useApprovePlan,
  useAssignCriterion,
  useCreateRevision,
  useIntegrity,
  usePlan,
  usePlanFramework,
  useReorderRows,
  useRevisions,
  useSubmitPlan,
} from './plans.queries.ts';
import { LibraryShareSwitch } from '../library/library-share.tsx';

const t = vi.plan;

/** /ke-hoach/:planId — the plan editor. */
export function PlanEditor({ planId }: { planId: string }) {
  const plan = usePlan(planId);
  useDocumentTitle(plan.data ? plan.data.header.subtitle : vi.plans.title);
  if (plan.isPending) return <LoadingState label={vi.common.loading} />;
  if (plan.isError)
    return (
      <QueryFailure title={t.loadError} error={plan.error} onRetry={() => void plan.refetch()} />
    );
  return <PlanEditorScreen key={plan.data.id} plan={plan.data} />;
}

function PlanEditorScreen({ plan }: { plan: PlanDetail }) {
  const queryClient = useQueryClient();
  const { access } = useAccess(plan.schoolId);
  const framework = usePlanFramework(plan.frameworkId);
  const canEdit = access?.can('plan.edit', plan.schoolId) ?? false;
  const canApprove = access?.can('plan.approve', plan.schoolId) ?? false;
  const canProgress = access?.can('plan.progress', plan.schoolId) ?? false;
  const people = usePeople(plan.schoolId, {
    enabled: access?.can('people.read', plan.schoolId) ?? false,
  });
  const isApproved = plan.status === 'approved';
  const rights: EditRights = {
    content: canEdit && !isApproved,
    // Before approval whoever edits the plan may fill progress too; after it, progress and
    // results belong to those who follow the plan up (monitoring team, principal: README), in
    // every layout (the editor shows their cells even where the layout prints them in "Ghi chú").
    progress: isApproved ? canProgress : canEdit || canProgress,
  };
  const [adding, setAdding] = useState<PlanRow['group'] | null>(null);
  const comments = usePlanComments(plan);
  const [assigning, setAssigning] = useState<PlanRow | null>(null);
  const assignCriterion = useAssignCriterion(plan.id);
  const [checksOpen, setChecksOpen] = useState(false);
  // The plan version that took the assessment's Căn cứ: the header form (which keeps its own
  // copy of the sections) starts again from the plan once the shown plan is that version or later.
  const [basisApplied, setBasisApplied] = useState<number | null>(null);
  const headerKey =
    basisApplied !== null && plan.version >= basisApplied ? `basis-${basisApplied}` : 'loaded';
  const [highlighted, setHighlighted] = useState<string | null>(null);
  // The last change, with the status it was made in: a change made before the plan was submitted
  // or approved is not offered for undo after it.
  const [changeMade, setChangeMade] = useState<{ change: LastChange; status: string } | null>(null);
  const lastChange = changeMade?.status === plan.status ? changeMade.change : null;
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [revising, setRevising] = useState(false);
  const addRow = useAddRow(plan.id);
  const reorder = useReorderRows(plan.id);
  const submit = useSubmitPlan(plan.id);
  const approve = useApprovePlan(plan.id);
  const highlightTimer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(highlightTimer.current), []);

  const standardTitles = useMemo(
    () => new Map(framework.data?.standards.map((s) => [s.code, s.title]) ?? []),
    [framework.data],
  );
  const criterionTitles = useMemo(
    () =>
      new Map(
        framework.data?.standards.flatMap((s) => s.criteria.map((c) => [c.code, c.title])) ?? [],
      ),
    [framework.data],
  );
  const peopleNames = useMemo(
    () => new Map((people.data ?? []).map((p) => [p.id, p.fullName])),
    [people.data],
  );
  const sections = useMemo(
    () => groupRows(plan, (code) => standardTitles.get(code) ?? null),
    [plan, standardTitles],
  );

  function showRow(rowId: string, field: string | null) {
    const element = document.getElementById(`plan-row-${rowId}`);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    const cell = field
      ? element.querySelector<HTMLTextAreaElement>(`[data-field="${field}"]`)
      : null;
    cell?.focus({ preventScroll: true });
    setHighlighted(rowId);
    window.clearTimeout(highlightTimer.current);
    highlightTimer.current = window.setTimeout(() => setHighlighted(null), 4000);
  }

  function pick(target: PickedTarget) {
    if (!adding) return;
    addRow.mutate(
      {
        group: adding,
        standardCode: target.kind === 'criterion' ? target.standardCode : null,
        criterionCode: target.kind === 'criterion' ? target.criterionCode : null,
        level4Key: target.kind === 'level4' ? target.key : null,
      },
      { onSuccess: () => setAdding(null) },
    );
  }

  async function undo() {
    const change = lastChange;
    if (!change) return;
    const row = plan.rows.find((r) => r.id === change.rowId);
    if (!row) return;
    try {
      const saved = await apiRequest('updatePlanRow', {
        params: { planId: plan.id, rowId: row.id },
        body: { [change.field]: change.previous, version: row.version },
      });
      storeRow(queryClient, plan.id, saved);
      setChangeMade(null);
      notifySuccess(t.undone);
    } catch (error) {
      reportError(error);
    }
  }

  const isDraft = plan.status === 'draft';
  const { section, monitored } = usePlanSection(plan);
  const schoolName = plan.header.schoolName;

  return (
    <div className="stack plan-editor" data-testid="plan-editor" data-status={plan.status}>
      <header className="page-header page-header--split">
        <div className="page-header__text">
          <div className="page-header__eyebrow">
            <AppLink href={hrefs.plans(plan.schoolId)}>← {t.backToList}</AppLink>
            <span className="muted"> · {schoolName}</span>
          </div>
          <h1 className="page-header__title" data-testid="plan-title">
            {plan.header.title} — {plan.header.subtitle}
          </h1>
          <p className="plan-meta">
            <PlanStatusBadge status={plan.status} />
            <span data-testid="plan-framework">{t.framework(plan.frameworkCode)}</span>
            <span>{t.layoutName[plan.layout]}</span>
            <span data-testid="plan-revision">{vi.plans.revision(plan.revisionNumber)}</span>
            {plan.frameworkReason ? (
              <span className="muted">{t.frameworkReason(plan.frameworkReason)}</span>
            ) : null}
          </p>
        </div>
        <div className="page-header__actions plan-actions no-print">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setChecksOpen(true)}
            data-testid="run-checks"
          >
            {t.checks}
          </button>
          {lastChange &&
          !isApproved &&
          (PROGRESS_ONLY_FIELDS.has(lastChange.field)
            ? rights.content || rights.progress
            : rights.content) ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void undo()}
              title={t.undoTitle(lastChange.label, lastChange.rowNumber)}
              data-testid="undo"
            >
              ↶ {t.undo}
            </button>
          ) : null}
          {isDraft && canEdit && !canApprove ? (
            <button
              type="button"
              className="button"
              disabled={submit.isPending}
              onClick={() => submit.mutate(plan.version)}
            >
              {t.submit}
            </button>
          ) : null}
          {plan.status !== 'approved' && canApprove ? (
            <button type="button" className="button" onClick={() => setConfirmApprove(true)}>
              {t.approve}
            </button>
          ) : null}
        </div>
      </header>

      {monitored ? <PlanSectionTabs planId={plan.id} current={section} /> : null}

      {section !== 'ke-hoach' ? (
        <MonitoringSection plan={plan} section={section} />
      ) : (
        <>
          {plan.status === 'submitted' ? (
            <p className="notice notice--info" data-testid="submitted-banner">
              {t.submittedBanner}
            </p>
          ) : null}
          {plan.status === 'approved' ? (
            <ApprovedBanner plan={plan} canRevise={canEdit} onRevise={() => setRevising(true)} />
          ) : null}
          {plan.status === 'approved' ? <LibraryShareSwitch planId={plan.id} /> : null}
          {plan.status === 'approved' ? (
            <SendToOffices
              schoolId={plan.schoolId}
              kind="plan"
              documentId={plan.id}
              documentTitle={`${viOffices.kinds.plan} năm học ${plan.schoolYear}`}
              contentHash={plan.snapshotHash}
            />
          ) : null}

          <RevisionHistory plan={plan} />

          <PublicationPanel planId={plan.id} planStatus={plan.status} />

          {checksOpen ? (
            <ChecksPanel
              planId={plan.id}
              onShowRow={showRow}
              onClose={() => setChecksOpen(false)}
            />
          ) : null}

          <PlanAssessmentBasis
            planId={plan.id}
            planVersion={plan.version}
            planStatus={plan.status}
            canEditPlan={canEdit}
            onApplied={setBasisApplied}
          />

          <details className="card plan-header-card">
            <summary className="plan-header-card__summary">
              <span className="panel__title">{t.header}</span>
              <span className="muted"> — {t.headerIntro}</span>
            </summary>
            <HeaderForm
              key={`${plan.id}-${plan.status}-${headerKey}`}
              plan={plan}
              editable={rights.content}
            />
          </details>

          <PlanDocuments plan={plan} editable={rights.content} />

          {plan.layout === 'bieu2' || (plan.regime === '2026' && plan.focusIssues.length > 0) ? (
            <FocusIssues plan={plan} editable={rights.content} />
          ) : null}

          <section aria-labelledby="plan-table-title" className="stack">
            <div className="section-head">
              <h2 id="plan-table-title" className="section-head__title">
                {plan.regime === '2026'
                  ? 'V. Kế hoạch cải tiến chất lượng'
                  : 'III. Nội dung kế hoạch'}
              </h2>
              {rights.content || rights.progress ? (
                <p className="muted plan-hint">{t.cellHint}</p>
              ) : null}
            </div>
            <LayoutJoinsNotice plan={plan} layout={plan.layout} testId="layout-joins" />
            {comments.bar}
            <PlanTable
              rowAddon={comments.rowAddon}
              plan={plan}
              sections={sections}
              rights={rights}
              criterionTitle={(row) => {
                if (row.group === 'level_4') {
                  const text = framework.data?.level4Items.find(
                    (i) => i.key === row.level4Key,
                  )?.text;
                  return text ? (text.length > 140 ? `${text.slice(0, 140)}…` : text) : null;
                }
                return row.criterionCode ? (criterionTitles.get(row.criterionCode) ?? null) : null;
              }}
              peopleNames={peopleNames}
              highlightedRowId={highlighted}
              onChanged={(change) => setChangeMade({ change, status: plan.status })}
              onAdd={setAdding}
              onChooseCriterion={setAssigning}
              onMove={(rowId, step) => {
                const order = moveWithin(sections, rowId, step);
                if (order) reorder.mutate({ rowIds: order, version: plan.version });
              }}
            />
          </section>

          {plan.regime === '2026' ? <ReviewRounds plan={plan} editable={rights.progress} /> : null}
          {comments.dialog}
        </>
      )}

      {assigning ? (
        <CriterionPicker
          framework={framework.data}
          group={assigning.group}
          mode="assign"
          isPending={assignCriterion.isPending}
          onPick={(target) => {
            if (target.kind !== 'criterion') return;
            assignCriterion.mutate(
              {
                rowId: assigning.id,
                standardCode: target.standardCode,
                criterionCode: target.criterionCode,
                version: assigning.version,
              },
              {
                onSuccess: () => {
                  setAssigning(null);
                  notifySuccess(t.criterionAssigned(target.criterionCode));
                },
              },
            );
          }}
          onClose={() => setAssigning(null)}
        />
      ) : null}
      {adding ? (
        <CriterionPicker
          framework={framework.data}
          group={adding}
          isPending={addRow.isPending}
          onPick={pick}
          onClose={() => setAdding(null)}
        />
      ) : null}
      {confirmApprove ? (
        <ConfirmDialog
          title={t.approveTitle}
          message={t.approveMessage}
          confirmLabel={t.approve}
          tone="primary"
          isPending={approve.isPending}
          onCancel={() => setConfirmApprove(false)}
          onConfirm={() =>
            approve.mutate(plan.version, { onSettled: () => setConfirmApprove(false) })
          }
          testId="approve-dialog"
        />
      ) : null}
      {revising ? <RevisionDialog plan={plan} onClose={() => setRevising(false)} /> : null}
    </div>
  );
}

function ApprovedBanner({
  plan,
  canRevise,
  onRevise,
}: {
  plan: PlanDetail;
  canRevise: boolean;
  onRevise: () => void;
}) {
  const integrity = useIntegrity(plan.id, true);
  const revisions = useRevisions(plan.id);
  const isLatest = revisions.data ? revisions.data.at(-1)?.id === plan.id : false;
  const status = integrity.data?.status;
  return (
    <section className="notice notice--success plan-approved" data-testid="approved-banner">
      <div className="plan-approved__text">
        <p>
          <strong>{t.approvedBanner(formatDateTime(plan.approvedAt))}</strong> {t.approvedReadOnly}
        </p>
        {plan.snapshotHash ? (
          <p className="plan-approved__hash">
            {t.snapshotHash}:{' '}
            <code title={plan.snapshotHash} data-testid="snapshot-hash">
              {plan.snapshotHash.slice(0, 16)}…
            </code>
            {status && status !== 'not_approved' ? (
              <span
                className={`badge ${status === 'intact' ? 'badge--success' : 'badge--accent'}`}
                data-testid="integrity"
              >
                {t.integrity[status]}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
      {canRevise && isLatest ? (
        <button type="button" className="button" onClick={onRevise}>
          {t.revise}
        </button>
      ) : null}
    </section>
  );
}

function RevisionHistory({ plan }: { plan: PlanDetail }) {
  const revisions = useRevisions(plan.id);
  const items = revisions.data ?? [];
  if (items.length < 2) return null;
  return (
    <nav className="plan-history" aria-label={t.history} data-testid="revision-history">
      <span className="plan-history__title">{t.history}:</span>
      <ol className="plan-history__list">
        {items.map((item) => (
          <li key={item.id}>
            {item.id === plan.id ? (
              <strong aria-current="page">
                {vi.plans.revision(item.revisionNumber)} ({t.current})
              </strong>
            ) : (
              <AppLink href={hrefs.plan(item.id)}>{vi.plans.revision(item.revisionNumber)}</AppLink>
            )}{' '}
            <PlanStatusBadge status={item.status} />
          </li>
        ))}
      </ol>
    </nav>
  );
}

function RevisionDialog({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const revise = useCreateRevision(plan.id);
  const [reason, setReason] = useState('');
  return (
    <Modal title={t.reviseTitle} onClose={onClose} testId="revision-dialog">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          revise.mutate(reason, {
            onSuccess: (created) => {
              onClose();
              navigate(hrefs.plan(created.id));
            },
          });
        }}
      >
        <div className="field">
          <label className="field__label field__label--required" htmlFor="revision-reason">
            {t.reviseReason}
          </label>
          <textarea
            id="revision-reason"
            className="input textarea"
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {revise.isError ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(revise.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={revise.isPending || !reason.trim()}>
            {t.revise}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
