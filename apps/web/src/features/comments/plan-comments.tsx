import { useState, type ReactNode } from 'react';
import { viComments as t } from '../../i18n/vi-comments.ts';
import { useLocationSearch } from '../../ui/use-location-search.ts';
import type { PlanDetail, PlanRow } from '../plans/plan-layout.ts';
import { CommentDialog, CommentIcon, CommentMarker, type CommentFocus } from './comment-panel.tsx';
import { useCommentThreads } from './comments.queries.ts';

/**
 * The plan screen's "Góp ý" (issue 14): a button over the table for the whole document (with the
 * count of threads), a marker beside every row that has threads (and, for office staff on an
 * approved plan, beside every row, to start one), and the dialog. A link `?gop-y=<thread>` (the
 * notifications') opens the dialog.
 */
export function usePlanComments(plan: PlanDetail): {
  bar: ReactNode;
  rowAddon: (row: PlanRow, rowNumber: number) => ReactNode;
  dialog: ReactNode;
} {
  const search = useLocationSearch();
  const linked = new URLSearchParams(search).get('gop-y');
  const list = useCommentThreads('plan', plan.id);
  const [focus, setFocus] = useState<CommentFocus | null>(null);
  const [linkHandled, setLinkHandled] = useState<string | null>(null);
  const data = list.data;

  let current = focus;
  if (!current && linked && linked !== linkHandled && data) {
    const thread = data.threads.find((th) => th.id === linked);
    if (thread) {
      current =
        thread.target === 'plan_row' && thread.rowId
          ? { target: 'plan_row', rowId: thread.rowId, label: thread.targetLabel }
          : { target: 'document' };
    }
  }
  const close = () => {
    setFocus(null);
    setLinkHandled(linked);
  };

  const total = data?.threads.length ?? 0;
  const open = data?.threads.filter((th) => th.status === 'open').length ?? 0;
  const bar =
    data && (total > 0 || data.canStart) ? (
      <div className="comments-bar" data-testid="comments-bar">
        <button
          type="button"
          className={`button ${open > 0 ? '' : 'button--secondary'}`}
          data-testid="open-comments"
          onClick={() => setFocus({ target: 'document' })}
        >
          <CommentIcon /> {t.open(total)}
        </button>
        {open > 0 ? <span className="muted">{t.rowMarker(total, open)}</span> : null}
      </div>
    ) : null;

  const rowAddon = (row: PlanRow, rowNumber: number) =>
    data ? (
      <CommentMarker
        count={data.counts.rowsById[row.id]}
        canStart={data.canStart}
        onOpen={() =>
          setFocus({
            target: 'plan_row',
            rowId: row.id,
            label: row.criterionCode
              ? `Dòng ${rowNumber} – Tiêu chí ${row.criterionCode}`
              : `Dòng ${rowNumber}`,
          })
        }
      />
    ) : null;

  const dialog = current ? (
    <CommentDialog kind="plan" documentId={plan.id} focus={current} onClose={close} />
  ) : null;
  return { bar, rowAddon, dialog };
}
