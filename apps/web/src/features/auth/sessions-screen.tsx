import { useState } from 'react';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { useLogout, useRevokeSession, useSessionList } from './auth.queries.ts';
import { describeUserAgent } from './device-label.ts';
import { errorMessageOf } from '../../api/api-error.ts';
import { downloadPersonalData } from '../users/personal-data.queries.ts';
import { useSession } from './session.ts';

const t = vi.sessions;

/** "Phiên đăng nhập": where the account is signed in; end one, or all of them. */
export function SessionsScreen() {
  const sessions = useSessionList();
  const revoke = useRevokeSession();
  const logout = useLogout();
  const [confirmAll, setConfirmAll] = useState(false);
  const me = useSession().data?.user;
  const [download, setDownload] = useState<{ pending: boolean; error: string | null }>({
    pending: false,
    error: null,
  });

  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.intro} />
      {sessions.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : sessions.isError ? (
        <QueryFailure
          title={t.loadError}
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
        />
      ) : (
        <ul className="session-list" data-testid="session-list">
          {sessions.data.map((session) => {
            const device = describeUserAgent(session.userAgent);
            return (
              <li key={session.id} className="card session" data-testid="session">
                <div className="session__main">
                  <p className="session__device">
                    {device.browser || device.system
                      ? t.device(
                          device.browser || t.unknownBrowser,
                          device.system || t.unknownSystem,
                        )
                      : t.unknownDevice}
                    {session.isCurrent ? <Badge tone="success">{t.current}</Badge> : null}
                  </p>
                  <dl className="session__facts">
                    <div>
                      <dt>{t.signedInAt}</dt>
                      <dd>{formatDateTime(session.createdAt)}</dd>
                    </div>
                    <div>
                      <dt>{t.lastSeenAt}</dt>
                      <dd>{formatDateTime(session.lastSeenAt)}</dd>
                    </div>
                    <div>
                      <dt>{t.expiresAt}</dt>
                      <dd>{formatDateTime(session.expiresAt)}</dd>
                    </div>
                    {session.ipAddress ? (
                      <div>
                        <dt>{t.ipAddress}</dt>
                        <dd>{session.ipAddress}</dd>
                      </div>
                    ) : null}
                  </dl>
                </div>
                <div className="session__actions">
                  {session.isCurrent ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={logout.isPending}
                      onClick={() =>
                        logout.mutate('this', { onSuccess: () => navigate(hrefs.login()) })
                      }
                    >
                      {vi.userMenu.signOut}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(session.id)}
                    >
                      {t.revoke}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {me ? (
        <section className="card panel" aria-labelledby="own-personal-data">
          <h2 id="own-personal-data" className="panel__title">
            {vi.personalData.ownTitle}
          </h2>
          <p className="muted">{vi.personalData.ownIntro}</p>
          {download.error ? (
            <p className="form-alert" role="alert">
              {download.error}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={download.pending}
              onClick={() => {
                setDownload({ pending: true, error: null });
                downloadPersonalData(me.id, me.username).then(
                  () => setDownload({ pending: false, error: null }),
                  (error: unknown) => setDownload({ pending: false, error: errorMessageOf(error) }),
                );
              }}
            >
              {vi.personalData.download}
            </button>
          </div>
        </section>
      ) : null}
      <section className="card panel" aria-labelledby="sign-out-everywhere">
        <h2 id="sign-out-everywhere" className="panel__title">
          {t.everywhereTitle}
        </h2>
        <p className="muted">{t.everywhereIntro}</p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmAll(true)}
          >
            {t.everywhere}
          </button>
        </div>
      </section>
      {confirmAll ? (
        <ConfirmDialog
          title={t.everywhereTitle}
          message={<p>{t.everywhereConfirm}</p>}
          confirmLabel={t.everywhere}
          isPending={logout.isPending}
          onCancel={() => setConfirmAll(false)}
          onConfirm={() =>
            logout.mutate('everywhere', {
              onSettled: () => setConfirmAll(false),
              onSuccess: () => navigate(hrefs.login()),
            })
          }
        />
      ) : null}
    </div>
  );
}
