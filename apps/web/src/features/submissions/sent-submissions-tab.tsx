import { vi, formatDateTime } from '../../i18n/vi.ts';
import { viOffices } from '../../i18n/vi-offices.ts';
import { Badge } from '../../ui/badge.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { RecipientStates } from './recipient-states.tsx';
import { shortHash } from './submissions-logic.ts';
import { submissionDownloads, useSchoolSubmissions } from './submissions.queries.ts';
import './submissions.css';

const t = viOffices.sentTab;

/** Trường → "Văn bản đã gửi": every submission of the school, newest first, with its states. */
export function SentSubmissionsTab({ schoolId }: { schoolId: string }) {
  const list = useSchoolSubmissions(schoolId);
  if (list.isPending) return <LoadingState label={vi.common.loading} />;
  if (list.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={list.error}
        onRetry={() => void list.refetch()}
        nested
      />
    );
  const { items, supervisingUnits } = list.data;
  const sorted = [...items].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  return (
    <section className="stack sent-submissions" aria-labelledby="sent-title" data-testid="sent-tab">
      <div className="section-head">
        <div>
          <h2 id="sent-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
      </div>
      <p>
        <strong>{t.supervising}:</strong>{' '}
        {supervisingUnits.length > 0 ? (
          supervisingUnits.map((u) => u.name).join('; ')
        ) : (
          <span className="muted">{t.none}</span>
        )}
      </p>
      {sorted.length === 0 ? (
        <EmptyState title={t.empty} testId="sent-empty">
          <p>{t.emptyHint}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards sent-table" data-testid="sent-table">
            <thead>
              <tr>
                <th scope="col">{t.document}</th>
                <th scope="col">{t.sentAt}</th>
                <th scope="col">{t.hash}</th>
                <th scope="col">{t.recipients}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => {
                const downloads = submissionDownloads(s.id);
                return (
                  <tr
                    key={s.id}
                    data-testid="sent-row"
                    data-submission={s.id}
                    className={s.supersededBy ? 'is-superseded' : undefined}
                  >
                    <th scope="row" data-label={t.document}>
                      <Badge tone="neutral">{viOffices.kindShort[s.kind]}</Badge>{' '}
                      <span className="sent-table__title">{s.title}</span>
                      {s.supersededBy ? (
                        <>
                          {' '}
                          <Badge tone="warning" testId="sent-superseded">
                            {t.superseded}
                          </Badge>
                        </>
                      ) : s.supersedesSubmissionId ? (
                        <>
                          {' '}
                          <Badge tone="info">{t.supersedes}</Badge>
                        </>
                      ) : null}
                      <span className="sent-table__links">
                        <a href={downloads.snapshot} download>
                          {viOffices.detail.snapshot}
                        </a>
                        {s.hasDocument ? (
                          <a href={downloads.document} download>
                            {viOffices.detail.docx}
                          </a>
                        ) : null}
                      </span>
                    </th>
                    <td data-label={t.sentAt}>
                      <time dateTime={s.sentAt}>{formatDateTime(s.sentAt)}</time>
                      <br />
                      <span className="muted">{s.sentByName}</span>
                    </td>
                    <td data-label={t.hash}>
                      <code title={s.contentHash}>{shortHash(s.contentHash)}</code>
                    </td>
                    <td data-label={t.recipients}>
                      <RecipientStates recipients={s.recipients} withDates />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
