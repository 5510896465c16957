import type { CommentDocumentKind } from '@caitien/shared';
import { useState } from 'react';
import { formatDateTime } from '../../i18n/vi.ts';
import { viComments as t } from '../../i18n/vi-comments.ts';
import { Modal } from '../../ui/modal.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import {
  useCommentThreads,
  useCreateThread,
  useReplyThread,
  useUpdateThread,
  type CommentThread,
} from './comments.queries.ts';
import './comments.css';

/** What the panel is opened on: the whole document, one plan row, or one criterion. */
export type CommentFocus =
  | { target: 'document' }
  | { target: 'plan_row'; rowId: string; label: string }
  | { target: 'criterion'; code: string };

const inFocus = (thread: CommentThread, focus: CommentFocus) => {
  switch (focus.target) {
    case 'document':
      return true;
    case 'plan_row':
      return thread.target === 'plan_row' && thread.rowId === focus.rowId;
    case 'criterion':
      return thread.target === 'criterion' && thread.targetRef === focus.code;
  }
};

/**
 * "Góp ý" as a dialog (a sheet on a phone): the threads of the document, or of one row or
 * criterion; office staff start a thread there; both sides reply and mark it resolved or open.
 */
export function CommentDialog({
  kind,
  documentId,
  focus,
  onClose,
}: {
  kind: CommentDocumentKind;
  documentId: string;
  focus: CommentFocus;
  onClose: () => void;
}) {
  const title =
    focus.target === 'plan_row'
      ? t.rowTitle(focus.label)
      : focus.target === 'criterion'
        ? t.criterionTitle(focus.code)
        : t.panelTitle;
  return (
    <Modal title={title} onClose={onClose} size="sheet" testId="comment-dialog">
      <CommentThreads kind={kind} documentId={documentId} focus={focus} />
    </Modal>
  );
}

/** The threads in focus, with the forms the signed-in user may use. */
export function CommentThreads({
  kind,
  documentId,
  focus,
}: {
  kind: CommentDocumentKind;
  documentId: string;
  focus: CommentFocus;
}) {
  const list = useCommentThreads(kind, documentId);
  if (list.isPending) return <LoadingState label={t.title} />;
  if (list.isError)
    return (
      <QueryFailure title={t.loadError} error={list.error} onRetry={() => void list.refetch()} />
    );
  const data = list.data;
  const threads = data.threads.filter((th) => inFocus(th, focus));
  const documentThreads = threads.filter((th) => th.target === 'document');
  const others = threads.filter((th) => th.target !== 'document');
  return (
    <div className="comments stack" data-testid="comment-threads">
      <p className="muted comments__note">{t.sealedNote}</p>
      {!data.canReply ? <p className="muted comments__note">{t.readOnly}</p> : null}
      {data.canStart ? <NewThread kind={kind} documentId={documentId} focus={focus} /> : null}
      {threads.length === 0 ? <p className="muted">{t.noneHere}</p> : null}
      {focus.target === 'document' && documentThreads.length > 0 ? (
        <h3 className="comments__heading">{t.documentThreads}</h3>
      ) : null}
      {documentThreads.map((th) => (
        <ThreadView
          key={th.id}
          kind={kind}
          documentId={documentId}
          thread={th}
          canReply={data.canReply}
        />
      ))}
      {focus.target === 'document' && others.length > 0 ? (
        <h3 className="comments__heading">{t.otherThreads}</h3>
      ) : null}
      {others.map((th) => (
        <ThreadView
          key={th.id}
          kind={kind}
          documentId={documentId}
          thread={th}
          canReply={data.canReply}
        />
      ))}
    </div>
  );
}

function NewThread({
  kind,
  documentId,
  focus,
}: {
  kind: CommentDocumentKind;
  documentId: string;
  focus: CommentFocus;
}) {
  const [body, setBody] = useState('');
  const create = useCreateThread(kind, documentId);
  const label = focus.target === 'document' ? t.newDocumentThread : t.newThread;
  return (
    <form
      className="comments__form stack"
      data-testid="comment-new"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          {
            target: focus.target,
            ...(focus.target === 'plan_row' ? { targetRef: focus.rowId } : {}),
            ...(focus.target === 'criterion' ? { targetRef: focus.code } : {}),
            body,
          },
          { onSuccess: () => setBody('') },
        );
      }}
    >
      <label className="field">
        <span className="field__label">{label}</span>
        <textarea
          className="input comments__textarea"
          rows={3}
          value={body}
          maxLength={5000}
          aria-label={t.bodyLabel}
          onChange={(event) => setBody(event.target.value)}
        />
      </label>
      <div>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || body.trim() === ''}
        >
          {create.isPending ? t.sending : t.send}
        </button>
      </div>
    </form>
  );
}

function ThreadView({
  kind,
  documentId,
  thread,
  canReply,
}: {
  kind: CommentDocumentKind;
  documentId: string;
  thread: CommentThread;
  canReply: boolean;
}) {
  const [body, setBody] = useState('');
  const reply = useReplyThread(kind, documentId);
  const update = useUpdateThread(kind, documentId);
  const resolved = thread.status === 'resolved';
  return (
    <article
      className={`comment-thread ${resolved ? 'is-resolved' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
    >
      <header className="comment-thread__head">
        <strong className="comment-thread__target">{thread.targetLabel}</strong>
        <span className={`badge ${resolved ? 'badge--success' : 'badge--warning'}`}>
          {t.statuses[thread.status]}
        </span>
      </header>
      <ol className="comment-thread__messages">
        {thread.comments.map((c) => (
          <li
            key={c.id}
            className={`comment comment--${c.side}`}
            data-testid="comment"
            data-side={c.side}
          >
            <div className="comment__meta">
              <span className="comment__author">
                {c.authorName}
                {c.mine ? ` (${t.you})` : ''}
              </span>
              <span className="muted">
                {c.unitName || (c.side === 'office' ? t.officeSide : t.schoolSide)} ·{' '}
                {formatDateTime(c.createdAt)}
              </span>
            </div>
            <p className="comment__body">{c.body}</p>
          </li>
        ))}
      </ol>
      {canReply ? (
        <form
          className="comment-thread__reply stack"
          onSubmit={(event) => {
            event.preventDefault();
            reply.mutate({ threadId: thread.id, body }, { onSuccess: () => setBody('') });
          }}
        >
          <textarea
            className="input comments__textarea"
            rows={2}
            value={body}
            maxLength={5000}
            placeholder={t.replyPlaceholder}
            aria-label={t.replyLabel}
            onChange={(event) => setBody(event.target.value)}
          />
          <div className="comment-thread__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={reply.isPending || body.trim() === ''}
            >
              {reply.isPending ? t.sending : t.sendReply}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ thread, status: resolved ? 'open' : 'resolved' })}
            >
              {resolved ? t.reopen : t.resolve}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}

/** A speech bubble (an inline SVG: emoji fonts are missing on many school computers). */
export function CommentIcon() {
  return (
    <svg
      className="comment-icon"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H10l-4.4 3.5A.5.5 0 0 1 5 20.1V17H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The marker beside a row or criterion: how many threads, and whether any is still open. */
export function CommentMarker({
  count,
  canStart,
  onOpen,
}: {
  count: { total: number; open: number } | undefined;
  canStart: boolean;
  onOpen: () => void;
}) {
  if (!count && !canStart) return null;
  const total = count?.total ?? 0;
  const open = count?.open ?? 0;
  return (
    <button
      type="button"
      className={`comment-marker ${open > 0 ? 'has-open' : ''}`}
      data-testid="comment-marker"
      aria-label={total > 0 ? t.rowMarker(total, open) : t.rowStart}
      title={total > 0 ? t.rowMarker(total, open) : t.rowStart}
      onClick={onOpen}
    >
      <CommentIcon />
      {total > 0 ? <span className="comment-marker__count">{total}</span> : null}
    </button>
  );
}

/** The "Góp ý" section of an assessment criterion (issue 14), inline under the criterion. */
export function CriterionComments({
  assessmentId,
  criterionCode,
}: {
  assessmentId: string;
  criterionCode: string;
}) {
  const list = useCommentThreads('assessment', assessmentId);
  const count = list.data?.counts.criteria[criterionCode];
  if (!list.data || (!count && !list.data.canStart)) return null;
  return (
    <section className="stack criterion-comments" data-testid="criterion-comments">
      <h3 className="criterion-level__title">
        <CommentIcon /> {t.criterionTitle(criterionCode)}
        {count ? ` (${count.total})` : ''}
      </h3>
      <CommentThreads
        kind="assessment"
        documentId={assessmentId}
        focus={{ target: 'criterion', code: criterionCode }}
      />
    </section>
  );
}
