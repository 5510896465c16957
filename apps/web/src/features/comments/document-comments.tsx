import type { CommentDocumentKind } from '@caitien/shared';
import { useState } from 'react';
import { viComments as t } from '../../i18n/vi-comments.ts';
import { useLocationSearch } from '../../ui/use-location-search.ts';
import { CommentDialog, CommentIcon } from './comment-panel.tsx';
import { useCommentThreads } from './comments.queries.ts';

/**
 * "Góp ý" on a whole document that has no row markers (the monitoring report of a closed review
 * round): a button with the count of threads, opening the dialog with every thread of the
 * document. Shown when there are threads or the user may start one (office staff on a sealed
 * document). A link `?gop-y=<thread>` of this document (the notifications') opens the dialog.
 */
export function DocumentComments({
  kind,
  documentId,
}: {
  kind: CommentDocumentKind;
  documentId: string;
}) {
  const search = useLocationSearch();
  const linked = new URLSearchParams(search).get('gop-y');
  const list = useCommentThreads(kind, documentId);
  const [open, setOpen] = useState(false);
  const [linkHandled, setLinkHandled] = useState<string | null>(null);
  const data = list.data;
  if (!data) return null;
  const total = data.threads.length;
  const openCount = data.threads.filter((th) => th.status === 'open').length;
  const fromLink =
    linked !== null && linked !== linkHandled && data.threads.some((th) => th.id === linked);
  if (total === 0 && !data.canStart) return null;
  return (
    <div className="comments-bar no-print" data-testid="document-comments">
      <button
        type="button"
        className={`button ${openCount > 0 ? '' : 'button--secondary'}`}
        data-testid="open-comments"
        onClick={() => setOpen(true)}
      >
        <CommentIcon /> {t.open(total)}
      </button>
      {total > 0 ? <span className="muted">{t.rowMarker(total, openCount)}</span> : null}
      {open || fromLink ? (
        <CommentDialog
          kind={kind}
          documentId={documentId}
          focus={{ target: 'document' }}
          onClose={() => {
            setOpen(false);
            setLinkHandled(linked);
          }}
        />
      ) : null}
    </div>
  );
}
