import { formatDateTime, vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { useBackgroundWork } from './background-work.queries.ts';

const t = vi.backgroundWork;

/**
 * "Tác vụ nền" (Quản trị, administrator only; issue 15): each scheduled job with its last and
 * next run and the error of a failed run, and the e-mail queue with its failures, so a failure
 * is seen on screen rather than only in the server's logs; and the job queue: the depth of each
 * queue and its failed or retrying jobs with their error.
 */
export function BackgroundWorkScreen() {
  const work = useBackgroundWork();
  if (work.isPending) return <LoadingState label={t.loading} />;
  if (work.isError)
    return <QueryFailure title={t.loadFailed} error={work.error} onRetry={() => work.refetch()} />;
  const { jobs, counts, items, smtpConfigured, queue } = work.data;
  const queueName = (name: string) => t.queueNames[name as keyof typeof t.queueNames] ?? name;
  const problems = items.filter((m) => m.status === 'failed' || m.lastError);
  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />

      <section className="stack" aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t.jobsHeading}</h2>
        {jobs.length === 0 ? (
          <EmptyState title={t.noJobs} />
        ) : (
          <div className="table-wrap">
            <table className="table table--cards" data-testid="jobs-table">
              <caption className="visually-hidden">{t.jobsHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.job}</th>
                  <th scope="col">{t.columns.state}</th>
                  <th scope="col">{t.columns.lastRun}</th>
                  <th scope="col">{t.columns.nextRun}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.name} data-testid="job-row">
                    <th scope="row" data-label={t.columns.job}>
                      {t.jobNames[job.name as keyof typeof t.jobNames] ?? job.name}
                    </th>
                    <td data-label={t.columns.state}>
                      {job.lastError ? (
                        <>
                          <Badge tone="danger">{t.states.failed}</Badge>
                          <div className="muted" data-testid="job-error">
                            {job.lastError}
                          </div>
                        </>
                      ) : job.overdue ? (
                        <Badge tone="warning">{t.states.overdue}</Badge>
                      ) : job.lockedBy && job.lockedUntil && !job.lastFinishedAt ? (
                        <Badge tone="info">{t.states.running}</Badge>
                      ) : (
                        <Badge tone="success">{t.states.ok}</Badge>
                      )}
                    </td>
                    <td data-label={t.columns.lastRun}>
                      {job.lastRunAt ? formatDateTime(job.lastRunAt) : t.never}
                    </td>
                    <td data-label={t.columns.nextRun}>{formatDateTime(job.nextRunAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t.queueHeading}</h2>
        <p className="muted">{t.queueIntro(t.queueEngines[queue.engine])}</p>
        {queue.queues.length === 0 ? (
          <p>{t.noQueues}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards" data-testid="queue-depths">
              <caption className="visually-hidden">{t.queueHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.queueColumns.queue}</th>
                  <th scope="col">{t.queueColumns.waiting}</th>
                  <th scope="col">{t.queueColumns.active}</th>
                  <th scope="col">{t.queueColumns.failed}</th>
                </tr>
              </thead>
              <tbody>
                {queue.queues.map((q) => (
                  <tr key={q.name} data-testid="queue-row">
                    <th scope="row" data-label={t.queueColumns.queue}>
                      {queueName(q.name)}
                    </th>
                    <td data-label={t.queueColumns.waiting}>{q.waiting}</td>
                    <td data-label={t.queueColumns.active}>{q.active}</td>
                    <td data-label={t.queueColumns.failed}>{q.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {queue.problems.length === 0 ? (
          <p>{t.noJobProblems}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards" data-testid="job-problems">
              <caption className="visually-hidden">{t.jobProblems}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.queueColumns.queue}</th>
                  <th scope="col">{t.columns.state}</th>
                  <th scope="col">{t.columns.attempts}</th>
                  <th scope="col">{t.columns.error}</th>
                </tr>
              </thead>
              <tbody>
                {queue.problems.map((job) => (
                  <tr key={job.id} data-testid="job-problem">
                    <th scope="row" data-label={t.queueColumns.queue}>
                      {queueName(job.name)}
                    </th>
                    <td data-label={t.columns.state}>
                      {job.state === 'retry' && job.at ? (
                        <Badge tone="warning">{t.jobStates.retrying(formatDateTime(job.at))}</Badge>
                      ) : (
                        <Badge tone="danger">{t.jobStates.failed}</Badge>
                      )}
                      {job.state !== 'retry' && job.at ? (
                        <div className="muted">{formatDateTime(job.at)}</div>
                      ) : null}
                    </td>
                    <td data-label={t.columns.attempts}>
                      {t.attemptsOf(job.attempts, job.retryLimit)}
                    </td>
                    <td data-label={t.columns.error}>{job.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="mail-heading">
        <h2 id="mail-heading">{t.mailHeading}</h2>
        <p className="muted">{smtpConfigured ? t.smtpOn : t.smtpOff}</p>
        <ul className="plain-list tight-list" data-testid="mail-counts">
          <li>
            {t.counts.pending}: <strong>{counts.pending + counts.sending}</strong>
          </li>
          <li>
            {t.counts.sent}: <strong>{counts.sent}</strong>
          </li>
          <li>
            {t.counts.failed}: <strong>{counts.failed}</strong>
          </li>
        </ul>
        {problems.length === 0 ? (
          <p>{t.noMailProblems}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards" data-testid="mail-problems">
              <caption className="visually-hidden">{t.mailProblems}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.mail}</th>
                  <th scope="col">{t.columns.state}</th>
                  <th scope="col">{t.columns.attempts}</th>
                  <th scope="col">{t.columns.error}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((mail) => (
                  <tr key={mail.id}>
                    <th scope="row" data-label={t.columns.mail}>
                      <div>{mail.subject}</div>
                      <div className="muted">{mail.toAddress}</div>
                    </th>
                    <td data-label={t.columns.state}>
                      {mail.status === 'failed' ? (
                        <Badge tone="danger">{t.mailStates.failed}</Badge>
                      ) : (
                        <Badge tone="warning">
                          {t.mailStates.retrying(formatDateTime(mail.nextAttemptAt))}
                        </Badge>
                      )}
                    </td>
                    <td data-label={t.columns.attempts}>{mail.attempts}</td>
                    <td data-label={t.columns.error}>{mail.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
