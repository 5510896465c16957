import { useState } from 'react';
import { conflictCurrentOf, errorMessageOf, isConflict } from '../../api/api-error.ts';
import { routeUrl } from '../../api/http-client.ts';
import { formatDate, formatDateTime, vi } from '../../i18n/vi.ts';
import { viMonitoring } from '../../i18n/vi-monitoring.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { TextAreaField, TextField } from '../../ui/form.tsx';
import { ConfirmDialog, Modal } from '../../ui/modal.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { useSession } from '../auth/session.ts';
import { DocumentComments } from '../comments/document-comments.tsx';
import type { PlanDetail } from '../plans/plan-layout.ts';
import { useCreateRevision, useRevisions } from '../plans/plans.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { revisionReason } from './monitoring-logic.ts';
import {
  useCreateReviewRound,
  useReviewRound,
  useReviewRounds,
  useSaveReviewRoundRow,
  useUpdateReviewRound,
  type ReviewRoundDetail,
  type ReviewRoundList,
  type ReviewRoundRow,
} from './monitoring.queries.ts';
import { StatusChip } from './progress-tab.tsx';
import { SendToOffices } from '../submissions/send-to-offices.tsx';
import { viOffices } from '../../i18n/vi-offices.ts';
import './monitoring.css';

const t = viMonitoring.rounds;

/** The address of a round (or of the list) on the plan's "Rà soát" section. */
export function roundHref(planId: string, roundId: string | null): string {
  const search = new URLSearchParams({ muc: 'ra-soat' });
  if (roundId) search.set('dot', roundId);
  return `${hrefs.plan(planId)}?${search.toString()}`;
}

/** "Rà soát": the review rounds of the plan, or one round when `roundId` is given. */
export function ReviewRoundsTab({ plan, roundId }: { plan: PlanDetail; roundId: string | null }) {
  if (roundId) return <RoundScreen key={roundId} plan={plan} roundId={roundId} />;
  return <RoundList plan={plan} />;
}

function RoundList({ plan }: { plan: PlanDetail }) {
  const rounds = useReviewRounds(plan.id);
  if (rounds.isPending) return <LoadingState label={vi.common.loading} />;
  if (rounds.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={rounds.error}
        onRetry={() => void rounds.refetch()}
      />
    );
  return <RoundListView plan={plan} list={rounds.data} />;
}

function RoundListView({ plan, list }: { plan: PlanDetail; list: ReviewRoundList }) {
  const create = useCreateReviewRound(plan.id);
  const [addingExtra, setAddingExtra] = useState(false);
  return (
    <section
      className="stack monitoring"
      aria-labelledby="rounds-title"
      data-testid="review-rounds"
    >
      <div className="section-head">
        <h2 id="rounds-title" className="section-head__title">
          {t.title}
        </h2>
        <p className="muted">{t.intro}</p>
      </div>

      {list.suggested.length > 0 ? (
        <section className="card rounds-suggested" data-testid="suggested-rounds">
          <h3 className="chart-card__title">{t.suggested}</h3>
          <p className="muted">{t.suggestedHint}</p>
          <ul className="rounds-suggested__list">
            {list.suggested.map((item) => (
              <li key={item.kind} data-testid="suggested-round" data-kind={item.kind}>
                <span>
                  <strong>{item.label}</strong>{' '}
                  <span className="muted">— {t.plannedOn(formatDate(item.plannedDate))}</span>
                </span>
                {list.canManage ? (
                  <span className="rounds-suggested__actions">
                    <button
                      type="button"
                      className="button"
                      disabled={create.isPending}
                      onClick={() =>
                        create.mutate(
                          { kind: item.kind, plannedDate: item.plannedDate, open: true },
                          {
                            onSuccess: (round) => {
                              notifySuccess(t.started);
                              navigate(roundHref(plan.id, round.id));
                            },
                          },
                        )
                      }
                    >
                      {t.openRound(item.label)}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={create.isPending}
                      onClick={() =>
                        create.mutate(
                          { kind: item.kind, plannedDate: item.plannedDate, open: false },
                          { onSuccess: () => notifySuccess(t.created) },
                        )
                      }
                    >
                      {t.scheduleRound}
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {list.rounds.length === 0 ? (
        <EmptyState title={t.empty} testId="rounds-empty" />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="rounds-table">
            <thead>
              <tr>
                <th scope="col">{t.columns.label}</th>
                <th scope="col">{t.columns.planned}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.progress}</th>
                <th scope="col" className="table__actions">
                  {t.columns.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rounds.map((round) => (
                <tr key={round.id} data-testid="round-item" data-kind={round.kind}>
                  <th scope="row" data-label={t.columns.label}>
                    {round.label}
                  </th>
                  <td data-label={t.columns.planned}>{formatDate(round.plannedDate)}</td>
                  <td data-label={t.columns.status}>
                    <RoundStatus status={round.status} />
                  </td>
                  <td data-label={t.columns.progress}>
                    {t.reviewedOf(round.reviewedRows, round.totalRows)}
                  </td>
                  <td className="table__actions">
                    <AppLink
                      className="button button--secondary"
                      href={roundHref(plan.id, round.id)}
                    >
                      {t.open}
                    </AppLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.canManage ? (
        <div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setAddingExtra(true)}
          >
            {t.addExtra}
          </button>
        </div>
      ) : null}
      {addingExtra ? <ExtraRoundDialog plan={plan} onClose={() => setAddingExtra(false)} /> : null}
    </section>
  );
}

function ExtraRoundDialog({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const create = useCreateReviewRound(plan.id);
  const [label, setLabel] = useState('');
  const [date, setDate] = useState('');
  return (
    <Modal title={t.addExtra} onClose={onClose} size="small">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            {
              kind: 'extra',
              label: label.trim() || undefined,
              plannedDate: date || null,
              open: true,
            },
            {
              onSuccess: (round) => {
                onClose();
                navigate(roundHref(plan.id, round.id));
              },
            },
          );
        }}
      >
        <TextField label={t.extraLabel} value={label} onChange={(e) => setLabel(e.target.value)} />
        <TextField
          label={t.extraDate}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {t.create}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function RoundStatus({ status }: { status: string }) {
  const tone = status === 'open' ? 'info' : status === 'closed' ? 'success' : 'neutral';
  return (
    <Badge tone={tone} testId="round-status">
      {t.statuses[status] ?? status}
    </Badge>
  );
}

function RoundScreen({ plan, roundId }: { plan: PlanDetail; roundId: string }) {
  const round = useReviewRound(plan.id, roundId);
  if (round.isPending) return <LoadingState label={vi.common.loading} />;
  if (round.isError)
    return (
      <QueryFailure
        title={t.roundLoadError}
        error={round.error}
        onRetry={() => void round.refetch()}
      />
    );
  return <RoundView plan={plan} round={round.data} />;
}

function RoundView({ plan, round }: { plan: PlanDetail; round: ReviewRoundDetail }) {
  const update = useUpdateReviewRound(plan.id, round.id);
  const [confirmClose, setConfirmClose] = useState(false);
  const [revising, setRevising] = useState(false);
  const { access } = useAccess(plan.schoolId);
  const canRevise = access?.can('plan.edit', plan.schoolId) ?? false;
  // Reopening a closed round is the monitoring team's (and the principal's) call.
  const canMonitor = access?.can('plan.progress', plan.schoolId) ?? false;
  const editable = round.canEdit && round.status === 'open';
  const reason = revisionReason(
    round,
    plan.schoolYear,
    round.rows.map((row) => ({ ordinal: row.row.ordinal, adjustment: row.adjustment })),
  );
  const reportUrl = (format: 'docx' | 'pdf') =>
    routeUrl('downloadMonitoringReport', {
      params: { planId: plan.id, roundId: round.id },
      query: { format },
    });

  return (
    <section
      className="stack monitoring"
      aria-labelledby="round-title"
      data-testid="review-round"
      data-status={round.status}
    >
      <div className="no-print">
        <AppLink href={roundHref(plan.id, null)}>{t.back}</AppLink>
      </div>
      <div className="section-head monitoring-head">
        <div>
          <h2 id="round-title" className="section-head__title" data-testid="round-title">
            {t.roundTitle(round.label, plan.schoolYear.replace('-', ' - '))}
          </h2>
          <p className="plan-meta">
            <RoundStatus status={round.status} />
            {round.plannedDate ? <span>{t.plannedOn(formatDate(round.plannedDate))}</span> : null}
            {round.openedAt ? <span>{t.openedOn(formatDateTime(round.openedAt))}</span> : null}
            {round.closedAt ? <span>{t.closedOn(formatDateTime(round.closedAt))}</span> : null}
            <span data-testid="round-progress">
              {t.reviewedOf(round.reviewedRows, round.totalRows)}
            </span>
          </p>
        </div>
        <div className="page-header__actions no-print">
          <a
            className="button button--secondary"
            href={reportUrl('docx')}
            download
            data-testid="report-docx"
          >
            {t.report}
          </a>
          <a
            className="button button--secondary"
            href={reportUrl('pdf')}
            download
            data-testid="report-pdf"
          >
            {t.reportPdf}
          </a>
          {round.canEdit && round.status === 'planned' ? (
            <button
              type="button"
              className="button"
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { version: round.version, status: 'open' },
                  { onSuccess: () => notifySuccess(t.started) },
                )
              }
            >
              {t.startRound}
            </button>
          ) : null}
          {round.canEdit && round.status === 'open' ? (
            <button
              type="button"
              className="button"
              onClick={() => setConfirmClose(true)}
              data-testid="close-round"
            >
              {t.close}
            </button>
          ) : null}
          {canMonitor && round.status === 'closed' ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { version: round.version, status: 'open' },
                  { onSuccess: () => notifySuccess(t.reopened) },
                )
              }
              data-testid="reopen-round"
            >
              {t.reopen}
            </button>
          ) : null}
          {canRevise ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setRevising(true)}
              data-testid="revise-from-round"
            >
              {t.revise}
            </button>
          ) : null}
        </div>
      </div>
      {update.isError && !isConflict(update.error) ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(update.error)}
        </p>
      ) : null}
      {round.status === 'closed' ? (
        <p className="notice notice--info" data-testid="round-read-only">
          {t.readOnly}
        </p>
      ) : null}
      {/* Issue 14: the offices' comments on the round's monitoring report. */}
      <DocumentComments kind="monitoring_report" documentId={round.id} />
      {round.status === 'closed' ? (
        <SendToOffices
          schoolId={plan.schoolId}
          kind="monitoring_report"
          documentId={round.id}
          documentTitle={`${viOffices.kinds.monitoring_report} — ${round.label} (năm học ${plan.schoolYear})`}
        />
      ) : null}

      <section className="stack" aria-labelledby="round-rows-title">
        <h3 id="round-rows-title" className="chart-card__title">
          {t.rowsTitle}
        </h3>
        {editable ? (
          <p className="muted no-print">
            {t.result}: {t.resultHint} {t.adjustment}: {t.adjustmentHint}
          </p>
        ) : null}
        <ol className="round-rows" aria-label={t.rowsCaption}>
          {round.rows.map((row) => (
            <RoundRowForm
              key={row.row.trackId}
              plan={plan}
              round={round}
              item={row}
              editable={editable}
            />
          ))}
        </ol>
      </section>

      <ConclusionsForm plan={plan} round={round} editable={editable} />

      {confirmClose ? (
        <ConfirmDialog
          title={t.closeTitle}
          message={t.closeMessage(round.reviewedRows, round.totalRows)}
          confirmLabel={t.close}
          tone="primary"
          isPending={update.isPending}
          onCancel={() => setConfirmClose(false)}
          onConfirm={() =>
            update.mutate(
              { version: round.version, status: 'closed' },
              {
                onSuccess: () => notifySuccess(t.closed),
                onSettled: () => setConfirmClose(false),
              },
            )
          }
          testId="close-round-dialog"
        />
      ) : null}
      {revising ? (
        <ReviseFromRound plan={plan} reason={reason} onClose={() => setRevising(false)} />
      ) : null}
    </section>
  );
}

type RowDraft = { result: string; adjustment: string; reviewer: string };

function RoundRowForm({
  plan,
  round,
  item,
  editable,
}: {
  plan: PlanDetail;
  round: ReviewRoundDetail;
  item: ReviewRoundRow;
  editable: boolean;
}) {
  const session = useSession();
  const save = useSaveReviewRoundRow(plan.id, round.id);
  const reviewed = item.version > 0;
  // A row not reviewed yet starts from what its progress says and from who is reviewing.
  const initial: RowDraft = reviewed
    ? { result: item.result, adjustment: item.adjustment, reviewer: item.reviewer }
    : {
        result: item.row.result,
        adjustment: '',
        reviewer: session.data?.user?.displayName ?? '',
      };
  const edit = useVersionedDraft<RowDraft>(
    {
      version: item.version,
      draft: reviewed ? initial : { result: '', adjustment: '', reviewer: '' },
    },
    initial,
  );
  const { base, draft, setDraft, conflict } = edit;
  const status = item.status ?? item.row.status;
  const percent = item.percent ?? item.row.percent;
  const id = `round-row-${item.row.trackId}`;
  const labels = [
    { key: 'result' as const, label: t.result },
    { key: 'adjustment' as const, label: t.adjustment },
    { key: 'reviewer' as const, label: t.reviewer },
  ];

  return (
    <li
      className="card round-row"
      data-testid="round-row"
      data-ordinal={item.row.ordinal}
      data-reviewed={reviewed}
    >
      <div className="round-row__head">
        <strong className="round-row__ordinal">{item.row.ordinal}</strong>
        <span className="pre-line round-row__content">{item.row.content}</span>
        <span className="round-row__state">
          <StatusChip status={status} /> <span>{percent}%</span>{' '}
          {reviewed ? (
            <Badge tone="success">{t.reviewedBadge}</Badge>
          ) : (
            <Badge tone="neutral">{t.notReviewed}</Badge>
          )}
        </span>
      </div>
      <p className="muted round-row__meta">
        {item.row.timeText ? `${viMonitoring.progress.columns.time}: ${item.row.timeText} · ` : ''}
        {item.row.leadText ? `${viMonitoring.progress.columns.lead}: ${item.row.leadText}` : ''}
      </p>
      {editable ? (
        <form
          className="round-row__form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              { trackId: item.row.trackId, version: base.version, ...draft },
              {
                onSuccess: (detail) => {
                  const saved = detail.rows.find((r) => r.row.trackId === item.row.trackId);
                  if (saved) {
                    const next = {
                      result: saved.result,
                      adjustment: saved.adjustment,
                      reviewer: saved.reviewer,
                    };
                    edit.saved(saved.version, next);
                  }
                  notifySuccess(t.rowSaved(item.row.ordinal));
                },
                onError: (error) => {
                  const current = conflictCurrentOf<ReviewRoundDetail>(error);
                  const theirs = current?.rows.find((r) => r.row.trackId === item.row.trackId);
                  if (theirs)
                    edit.conflicted(theirs.version, {
                      result: theirs.result,
                      adjustment: theirs.adjustment,
                      reviewer: theirs.reviewer,
                    });
                },
              },
            );
          }}
        >
          <TextAreaField
            id={`${id}-result`}
            label={t.result}
            value={draft.result}
            onChange={(e) => setDraft((d) => ({ ...d, result: e.target.value }))}
            data-testid="round-row-result"
          />
          <TextAreaField
            label={t.adjustment}
            value={draft.adjustment}
            rows={2}
            onChange={(e) => setDraft((d) => ({ ...d, adjustment: e.target.value }))}
            data-testid="round-row-adjustment"
          />
          <div className="round-row__footer">
            <TextField
              label={t.reviewer}
              value={draft.reviewer}
              onChange={(e) => setDraft((d) => ({ ...d, reviewer: e.target.value }))}
              data-testid="round-row-reviewer"
            />
            <button
              type="submit"
              className="button"
              disabled={save.isPending}
              data-testid="round-row-save"
            >
              {t.saveRow}
            </button>
          </div>
          {conflict ? (
            <ConflictNotice {...edit.conflictNotice(conflict, labels)} />
          ) : save.isError && !isConflict(save.error) ? (
            <p className="form-alert" role="alert">
              {errorMessageOf(save.error)}
            </p>
          ) : null}
        </form>
      ) : (
        <dl className="round-row__read">
          <dt>{t.result}</dt>
          <dd className="pre-line">{item.result || '—'}</dd>
          <dt>{t.adjustment}</dt>
          <dd className="pre-line">{item.adjustment || '—'}</dd>
          <dt>{t.reviewer}</dt>
          <dd>{item.reviewer || '—'}</dd>
        </dl>
      )}
    </li>
  );
}

/**
 * A form's draft saved with a version: the version and values it started from (`base`), the
 * user's draft, and a 409's other values to offer in a ConflictNotice (use theirs / keep mine).
 */
function useVersionedDraft<D extends object>(start: { version: number; draft: D }, initial: D) {
  const [base, setBase] = useState(start);
  const [draft, setDraft] = useState<D>(initial);
  const [conflict, setConflict] = useState<{ version: number; theirs: D } | null>(null);
  return {
    base,
    draft,
    setDraft,
    conflict,
    /** A save went through: its version and values are the new base and draft. */
    saved: (version: number, next: D) => {
      setBase({ version, draft: next });
      setDraft(next);
    },
    conflicted: (version: number, theirs: D) => setConflict({ version, theirs }),
    /** The ConflictNotice's props for `conflict` (`current`). */
    conflictNotice: (
      current: { version: number; theirs: D },
      labels: ReadonlyArray<{ key: keyof D; label: string }>,
    ) => {
      return {
        fields: conflictFields(labels, base.draft, current.theirs, draft),
        onUseTheirs: () => {
          setBase({ version: current.version, draft: current.theirs });
          setDraft(current.theirs);
          setConflict(null);
        },
        onKeepMine: () => {
          setDraft(mergeDrafts(base.draft, current.theirs, draft));
          setBase({ version: current.version, draft: current.theirs });
          setConflict(null);
        },
      };
    },
  };
}

type ConclusionsDraft = { conclusions: string; recommendations: string };

function ConclusionsForm({
  plan,
  round,
  editable,
}: {
  plan: PlanDetail;
  round: ReviewRoundDetail;
  editable: boolean;
}) {
  const update = useUpdateReviewRound(plan.id, round.id);
  const initial = { conclusions: round.conclusions, recommendations: round.recommendations };
  const edit = useVersionedDraft<ConclusionsDraft>(
    { version: round.version, draft: initial },
    initial,
  );
  const { base, draft, setDraft, conflict } = edit;
  const labels = [
    { key: 'conclusions' as const, label: t.conclusions },
    { key: 'recommendations' as const, label: t.recommendations },
  ];
  return (
    <section
      className="card stack round-conclusions"
      data-testid="round-conclusions"
      aria-labelledby="conclusions-title"
    >
      <h3 id="conclusions-title" className="chart-card__title">
        {t.conclusionsTitle}
      </h3>
      {editable ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { version: base.version, ...draft },
              {
                onSuccess: (saved) => {
                  const next = {
                    conclusions: saved.conclusions,
                    recommendations: saved.recommendations,
                  };
                  edit.saved(saved.version, next);
                  notifySuccess(t.conclusionsSaved);
                },
                onError: (error) => {
                  const current = conflictCurrentOf<ReviewRoundDetail>(error);
                  if (current)
                    edit.conflicted(current.version, {
                      conclusions: current.conclusions,
                      recommendations: current.recommendations,
                    });
                },
              },
            );
          }}
        >
          <TextAreaField
            label={t.conclusions}
            rows={4}
            value={draft.conclusions}
            onChange={(e) => setDraft((d) => ({ ...d, conclusions: e.target.value }))}
            data-testid="round-conclusions-text"
          />
          <TextAreaField
            label={t.recommendations}
            rows={3}
            value={draft.recommendations}
            onChange={(e) => setDraft((d) => ({ ...d, recommendations: e.target.value }))}
            data-testid="round-recommendations-text"
          />
          {conflict ? <ConflictNotice {...edit.conflictNotice(conflict, labels)} /> : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              disabled={update.isPending}
              data-testid="save-conclusions"
            >
              {t.saveConclusions}
            </button>
          </div>
        </form>
      ) : (
        <dl className="round-row__read">
          <dt>{t.conclusions}</dt>
          <dd className="pre-line">{round.conclusions || '—'}</dd>
          <dt>{t.recommendations}</dt>
          <dd className="pre-line">{round.recommendations || '—'}</dd>
        </dl>
      )}
    </section>
  );
}

/**
 * "Mở bản điều chỉnh kế hoạch": the plan's existing revision (createRevision on the lineage's
 * latest approved revision), its reason prefilled with the round's adjustments.
 */
function ReviseFromRound({
  plan,
  reason: suggested,
  onClose,
}: {
  plan: PlanDetail;
  reason: string | null;
  onClose: () => void;
}) {
  const revisions = useRevisions(plan.id);
  const latest = revisions.data?.at(-1) ?? null;
  const target = latest?.status === 'approved' ? latest.id : null;
  const revise = useCreateRevision(target ?? plan.id);
  const [reason, setReason] = useState(suggested ?? '');
  return (
    <Modal title={t.reviseTitle} onClose={onClose} testId="revise-from-round-dialog">
      {latest && !target ? (
        <div className="stack" data-testid="revision-open">
          <p>{t.draftOpen(vi.plans.revision(latest.revisionNumber))}</p>
          <div className="form-actions">
            <AppLink className="button" href={hrefs.plan(latest.id)}>
              {t.openDraft}
            </AppLink>
          </div>
        </div>
      ) : (
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
          <p>{t.reviseIntro}</p>
          {suggested ? null : <p className="muted">{t.reviseNone}</p>}
          <TextAreaField
            label={t.reviseReason}
            required
            rows={6}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="revise-reason"
          />
          {revise.isError ? (
            <p className="form-alert" role="alert">
              {errorMessageOf(revise.error)}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              disabled={revise.isPending || !reason.trim() || revisions.isPending}
            >
              {t.revise}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {vi.common.cancel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
