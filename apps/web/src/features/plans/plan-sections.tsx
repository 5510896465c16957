import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, conflictCurrentOf, errorMessageOf } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { ConfirmDialog } from '../../ui/modal.tsx';
import type { PlanDetail } from './plan-layout.ts';
import {
  useAddFocusIssue,
  useDeleteFocusIssue,
  useUpdateFocusIssue,
  useUpdateReview,
} from './plans.queries.ts';

const t = vi.plan;

type Review = PlanDetail['reviews'][number];
type FocusIssue = PlanDetail['focusIssues'][number];
type ReviewField = 'content' | 'result' | 'adjustment' | 'reviewer';
type FocusField = 'standardCode' | 'criterionCode' | 'currentState' | 'limitation' | 'cause';

type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'error'; message: string };

/** What a cell learns of its save: done, or refused (with the version to start again from). */
type SaveOutcome =
  | { ok: true; version: number | null }
  | { ok: false; current: { text: string; version: number } | null };

/**
 * The save state of one item (a review round, a focus issue): runs a save, and on failure keeps
 * the API's message. A stale version stores the server's plan (`details.current`) so the next save
 * starts from it; a plan that changed under us (approved, removed) is fetched again.
 */
function useItemSave<T extends { id: string; version: number }>(
  planId: string,
  pick: (plan: PlanDetail) => T | undefined,
) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });

  async function run(
    task: () => Promise<PlanDetail>,
    read: (item: T) => string,
  ): Promise<SaveOutcome> {
    setStatus({ state: 'saving' });
    try {
      const saved = pick(await task());
      setStatus({ state: 'saved' });
      return { ok: true, version: saved?.version ?? null };
    } catch (error) {
      const plan = conflictCurrentOf<PlanDetail>(error);
      const item = plan && Array.isArray(plan.reviews) ? pick(plan) : undefined;
      if (plan && item) {
        queryClient.setQueryData(queryKeys.plans.detail(planId), plan);
        setStatus({ state: 'error', message: `${errorMessageOf(error)} ${t.staleVersion}` });
        return { ok: false, current: { text: read(item), version: item.version } };
      }
      setStatus({ state: 'error', message: errorMessageOf(error) });
      if (error instanceof ApiError && [403, 404, 409].includes(error.status)) {
        await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
      }
      return { ok: false, current: null };
    }
  }

  return { status, run };
}

const sizesByContent =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function'
    ? CSS.supports('field-sizing', 'content')
    : false;

/** Grows a textarea with its content where CSS `field-sizing` is not supported. */
function autosize(element: HTMLTextAreaElement | null) {
  if (!element || sizesByContent) return;
  element.style.height = 'auto';
  element.style.height = `${element.scrollHeight + 2}px`;
}

/**
 * One text cell of mục IV or VI: a textarea saved on blur or Ctrl+Enter with the item version the
 * edit started from; Esc puts back what it held. A refused save keeps the typed text.
 */
function InlineCell({
  value,
  version,
  field,
  label,
  itemLabel,
  editable,
  save,
}: {
  value: string;
  version: number;
  field: string;
  label: string;
  itemLabel: string;
  editable: boolean;
  save: (text: string, version: number) => Promise<SaveOutcome>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const base = useRef({ text: '', version: 0 });
  const focused = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = draft ?? value;

  useLayoutEffect(() => autosize(ref.current), [shown]);

  async function saveIfChanged(): Promise<void> {
    if (draft === null || draft === base.current.text) {
      if (!focused.current) setDraft(null);
      return;
    }
    const text = draft;
    const outcome = await save(text, base.current.version);
    if (outcome.ok) {
      if (outcome.version !== null) base.current = { text, version: outcome.version };
      if (!focused.current) setDraft(null);
    } else if (outcome.current) {
      // Someone saved meanwhile: the next save starts from their version and keeps this text.
      base.current = outcome.current;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void saveIfChanged();
    } else if (event.key === 'Escape' && draft !== null && draft !== base.current.text) {
      event.preventDefault();
      setDraft(base.current.text);
    }
  }

  return (
    <textarea
      ref={ref}
      className="plan-cell__input"
      rows={1}
      value={shown}
      readOnly={!editable}
      aria-readonly={!editable || undefined}
      aria-label={`${label} — ${itemLabel}`}
      data-field={field}
      onFocus={() => {
        focused.current = true;
        if (draft === null) {
          base.current = { text: value, version };
          setDraft(value);
        }
      }}
      onBlur={() => {
        focused.current = false;
        if (editable) void saveIfChanged();
        else setDraft(null);
      }}
      onChange={(event) => {
        if (editable) setDraft(event.target.value);
      }}
      onKeyDown={onKeyDown}
    />
  );
}

/** "Đang lưu…", "Đã lưu", "Lỗi" of one item. */
function ItemSaveState({ status }: { status: SaveStatus }) {
  if (status.state === 'idle') return <span className="save-state" aria-live="polite" />;
  return (
    <span
      className={`save-state save-state--${status.state}`}
      aria-live="polite"
      data-testid="item-save-state"
    >
      {status.state === 'saving'
        ? t.saving
        : status.state === 'saved'
          ? t.saved
          : t.saveError.split(' — ')[0]}
    </span>
  );
}

function ItemSaveError({
  status,
  label,
  columns,
}: {
  status: SaveStatus;
  label: string;
  columns: number;
}) {
  if (status.state !== 'error') return null;
  return (
    <tr className="plan-row-error">
      <td colSpan={columns}>
        <p className="plan-row-error__message" role="alert" data-testid="item-save-error">
          {label}: {status.message}
        </p>
      </td>
    </tr>
  );
}

const REVIEW_FIELDS: readonly ReviewField[] = ['content', 'result', 'adjustment', 'reviewer'];

/** Mục VI: the review rounds, editable by those who follow progress (also after approval). */
export function ReviewRounds({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const c = t.reviewColumns;
  return (
    <section className="stack" aria-labelledby="reviews-title" data-testid="review-rounds">
      <div className="section-head">
        <h2 id="reviews-title" className="section-head__title">
          {t.reviews}
        </h2>
        <p className="muted plan-hint">{editable ? t.reviewsHint : t.reviewsReadOnly}</p>
      </div>
      <div className="table-wrap">
        <table className="table table--cards plan-review-table">
          <thead>
            <tr>
              <th scope="col">{c.round}</th>
              {REVIEW_FIELDS.map((field) => (
                <th scope="col" key={field}>
                  {c[field]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.reviews.map((review) => (
              <ReviewRow key={review.id} plan={plan} review={review} editable={editable} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReviewRow({
  plan,
  review,
  editable,
}: {
  plan: PlanDetail;
  review: Review;
  editable: boolean;
}) {
  const c = t.reviewColumns;
  const update = useUpdateReview(plan.id);
  const { status, run } = useItemSave(plan.id, (p) => p.reviews.find((r) => r.id === review.id));
  return (
    <>
      <tr data-testid="review-round" data-round={review.roundLabel}>
        <th scope="row" data-label={c.round}>
          {review.roundLabel}
          <ItemSaveState status={status} />
        </th>
        {REVIEW_FIELDS.map((field) => (
          <td key={field} data-label={c[field]} className="plan-cell">
            <InlineCell
              value={review[field]}
              version={review.version}
              field={field}
              label={c[field]}
              itemLabel={review.roundLabel}
              editable={editable}
              save={(text, version) =>
                run(
                  () => update.mutateAsync({ reviewId: review.id, [field]: text, version }),
                  (current) => current[field],
                )
              }
            />
          </td>
        ))}
      </tr>
      <ItemSaveError status={status} label={review.roundLabel} columns={5} />
    </>
  );
}

const FOCUS_FIELDS: readonly FocusField[] = [
  'standardCode',
  'criterionCode',
  'currentState',
  'limitation',
  'cause',
];

function focusLabel(field: FocusField): string {
  const c = t.focusColumns;
  if (field === 'standardCode') return c.standard;
  if (field === 'criterionCode') return c.relatedCriterion;
  return c[field];
}

/** Mục IV: the focus issues, editable by plan editors until approval. */
export function FocusIssues({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const add = useAddFocusIssue(plan.id);
  const remove = useDeleteFocusIssue(plan.id);
  const [removing, setRemoving] = useState<{ issue: FocusIssue; label: string } | null>(null);
  const columns = FOCUS_FIELDS.length + (editable ? 1 : 0);
  return (
    <section className="stack" aria-labelledby="focus-title" data-testid="focus-issues">
      <div className="section-head">
        <h2 id="focus-title" className="section-head__title">
          {t.focusIssues}
        </h2>
        {editable ? <p className="muted plan-hint">{t.cellHint.split(';')[0]}.</p> : null}
      </div>
      <div className="table-wrap">
        <table className="table table--cards plan-focus-table">
          <thead>
            <tr>
              {FOCUS_FIELDS.map((field) => (
                <th scope="col" key={field}>
                  {focusLabel(field)}
                </th>
              ))}
              {editable ? (
                <th scope="col">
                  <span className="visually-hidden">{t.rowActions}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {plan.focusIssues.map((issue, index) => (
              <FocusIssueRow
                key={issue.id}
                plan={plan}
                issue={issue}
                label={t.focusIssueLabel(index + 1)}
                editable={editable}
                columns={columns}
                onRemove={() => setRemoving({ issue, label: t.focusIssueLabel(index + 1) })}
              />
            ))}
            {plan.focusIssues.length === 0 ? (
              <tr>
                <td colSpan={columns} className="muted">
                  {t.focusNone}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={add.isPending}
            onClick={() => add.mutate({})}
            data-testid="add-focus-issue"
          >
            {t.focusAdd}
          </button>
        </div>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t.focusRemoveTitle}
          message={t.focusRemoveMessage(removing.label)}
          confirmLabel={t.remove}
          isPending={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.issue.id, { onSettled: () => setRemoving(null) })}
          testId="remove-focus-issue-dialog"
        />
      ) : null}
    </section>
  );
}

function FocusIssueRow({
  plan,
  issue,
  label,
  editable,
  columns,
  onRemove,
}: {
  plan: PlanDetail;
  issue: FocusIssue;
  label: string;
  editable: boolean;
  columns: number;
  onRemove: () => void;
}) {
  const update = useUpdateFocusIssue(plan.id);
  const { status, run } = useItemSave(plan.id, (p) => p.focusIssues.find((i) => i.id === issue.id));
  return (
    <>
      <tr data-testid="focus-issue" data-issue-id={issue.id}>
        {FOCUS_FIELDS.map((field, index) => (
          <td key={field} data-label={focusLabel(field)} className="plan-cell">
            <InlineCell
              value={issue[field] ?? ''}
              version={issue.version}
              field={field}
              label={focusLabel(field)}
              itemLabel={label}
              editable={editable}
              save={(text, version) => {
                const isCode = field === 'standardCode' || field === 'criterionCode';
                const value = isCode ? text.trim() || null : text;
                return run(
                  () => update.mutateAsync({ issueId: issue.id, [field]: value, version }),
                  (current) => current[field] ?? '',
                );
              }}
            />
            {index === 0 ? <ItemSaveState status={status} /> : null}
          </td>
        ))}
        {editable ? (
          <td data-label={t.rowActions}>
            <button
              type="button"
              className="button button--small button--ghost button--danger-text"
              onClick={onRemove}
              aria-label={`${t.remove} ${label}`}
            >
              {t.remove}
            </button>
          </td>
        ) : null}
      </tr>
      <ItemSaveError status={status} label={label} columns={columns} />
    </>
  );
}
