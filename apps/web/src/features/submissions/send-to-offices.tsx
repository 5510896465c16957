import type { SubmissionKind } from '@caitien/core';
import { useState } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { formatDateTime } from '../../i18n/vi.ts';
import { viOffices } from '../../i18n/vi-offices.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Modal } from '../../ui/modal.tsx';
import { useAccess } from '../auth/use-access.ts';
import { hrefs } from '../shell/app-routes.ts';
import { RecipientStates } from './recipient-states.tsx';
import { shortHash } from './submissions-logic.ts';
import { useSchoolSubmissions, useSendSubmission } from './submissions.queries.ts';
import './submissions.css';

const t = viOffices.send;

/**
 * "Gửi cơ quan quản lý" on an approved plan, an approved self-assessment or a closed review round:
 * where it goes (the school's supervising units), the last send of this document and its states,
 * then a confirmation. Only the principal sends; for anyone else nothing is shown.
 */
export function SendToOffices({
  schoolId,
  kind,
  documentId,
  documentTitle,
  contentHash,
}: {
  schoolId: string;
  kind: SubmissionKind;
  documentId: string;
  /** What the confirmation names ("Kế hoạch … năm học 2026-2027"). */
  documentTitle: string;
  /** The sealed content's hash when the screen knows it: the same bytes cannot be sent twice. */
  contentHash?: string | null;
}) {
  const { access } = useAccess();
  const canSend = access?.can('plan.send', schoolId) ?? false;
  const list = useSchoolSubmissions(schoolId, { enabled: canSend });
  const send = useSendSubmission(schoolId);
  const [confirming, setConfirming] = useState(false);
  if (!canSend || !list.data) return null;

  const sends = list.data.items
    .filter((s) => s.documentId === documentId && s.kind === kind)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  const last = sends[0];
  const recipients = list.data.supervisingUnits;
  const sameAsLast = last !== undefined && !!contentHash && last.contentHash === contentHash;
  const blocked = recipients.length === 0 || sameAsLast;

  return (
    <section
      className="card send-offices no-print"
      aria-labelledby={`send-offices-${documentId}`}
      data-testid="send-offices"
    >
      <div className="send-offices__head">
        <div>
          <h2 id={`send-offices-${documentId}`} className="panel__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
        <button
          type="button"
          className="button"
          disabled={blocked || send.isPending}
          onClick={() => {
            send.reset();
            setConfirming(true);
          }}
          data-testid="send-offices-button"
        >
          {t.button}
        </button>
      </div>
      <p className="send-offices__recipients">
        <strong>{t.recipients}:</strong>{' '}
        {recipients.length > 0 ? (
          <span data-testid="send-recipients">{recipients.map((u) => u.name).join('; ')}</span>
        ) : (
          <span className="form-alert" role="note">
            {t.noRecipients}
          </span>
        )}
      </p>
      {last ? (
        <div className="send-offices__last" data-testid="send-last">
          <p>
            {t.lastSent(formatDateTime(last.sentAt), last.sentByName)}{' '}
            <code title={last.contentHash}>{shortHash(last.contentHash)}</code>
          </p>
          <RecipientStates recipients={last.recipients} />
          {sameAsLast ? <p className="muted">{t.alreadySent}</p> : null}
          <p>
            <AppLink href={hrefs.school(schoolId, 'van-ban-da-gui')}>{t.history}</AppLink>
          </p>
        </div>
      ) : (
        <p className="muted">{t.notSentYet}</p>
      )}
      {send.isError ? (
        <p className="form-alert" role="alert" data-testid="send-error">
          {errorMessageOf(send.error)}
        </p>
      ) : null}
      {confirming ? (
        <Modal title={t.confirmTitle} onClose={() => setConfirming(false)} size="small">
          <div className="stack">
            <p>{t.confirmBody(documentTitle)}</p>
            <p>
              <strong>{t.recipients}:</strong> {recipients.map((u) => u.name).join('; ')}
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={send.isPending}
                data-testid="send-offices-confirm"
                onClick={() =>
                  send.mutate({ kind, documentId }, { onSettled: () => setConfirming(false) })
                }
              >
                {send.isPending ? t.sending : t.confirm}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setConfirming(false)}
              >
                {t.cancel}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
