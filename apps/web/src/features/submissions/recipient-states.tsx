import { formatDateTime } from '../../i18n/vi.ts';
import { viOffices } from '../../i18n/vi-offices.ts';
import { Badge } from '../../ui/badge.tsx';
import { stateTone } from './submissions-logic.ts';
import type { SubmissionRecipient } from './submissions.queries.ts';

const t = viOffices.detail;

/** Each receiving office with its state ("UBND xã An Phú — Đã xem 12/10/2026 08:15"). */
export function RecipientStates({
  recipients,
  withDates = false,
}: {
  recipients: readonly SubmissionRecipient[];
  withDates?: boolean;
}) {
  return (
    <ul className="recipient-states" aria-label={t.recipients}>
      {recipients.map((r) => (
        <li key={r.unitId} data-testid="recipient-state" data-state={r.state}>
          <span className="recipient-states__unit">{r.unitName}</span>{' '}
          <Badge tone={stateTone(r.state)}>{viOffices.states[r.state]}</Badge>
          {withDates ? (
            <span className="muted recipient-states__dates">
              {[
                r.readAt ? t.readAt(formatDateTime(r.readAt)) : null,
                r.commentedAt ? t.commentedAt(formatDateTime(r.commentedAt)) : null,
                r.acceptedAt ? t.acceptedAt(formatDateTime(r.acceptedAt)) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
