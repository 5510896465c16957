import { useEffect, useRef } from 'react';
import { vi } from './i18n/vi.ts';
import { AlertRegion } from './ui/alert-region.tsx';
import { AppLink } from './ui/app-link.tsx';
import { useLocationPath } from './ui/use-location-search.ts';
import { useSetupStatus } from './features/auth/auth.queries.ts';
import { useSession } from './features/auth/session.ts';
import { SignInDialog } from './features/auth/sign-in-dialog.tsx';
import { hrefs, matchRoute } from './features/shell/app-routes.ts';
import { navItemsFor } from './features/shell/navigation.ts';
import { Screens } from './features/shell/screens.tsx';
import { UserMenu } from './features/shell/user-menu.tsx';
import { OfflineSync, PendingUpdatesBadge } from './features/my-tasks/pending-updates.tsx';
import { NotificationBell } from './features/notifications/notification-bell.tsx';

/** The page frame: skip link, header with navigation and the user, the screen, footer. */
export function App() {
  const path = useLocationPath();
  const route = matchRoute(path);
  const session = useSession();
  const user = session.data?.user ?? null;
  const items = navItemsFor(user);
  useFocusOnNavigation(path);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {vi.app.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <AppLink className="brand" href="/" aria-label={`${vi.app.name} — ${vi.app.tagline}`}>
            <span className="brand__mark" aria-hidden="true">
              CT
            </span>
            <span className="brand__text">
              <span className="brand__name">{vi.app.name}</span>
              <span className="brand__tagline">{vi.app.tagline}</span>
            </span>
          </AppLink>
          <nav aria-label={vi.app.mainNav} className="app-nav" data-testid="main-nav">
            <ul className="app-nav__list">
              {items.map((item) => {
                const current = item.isCurrent(route);
                return (
                  <li key={item.key}>
                    <AppLink
                      href={item.href}
                      className={`app-nav__link ${current ? 'is-current' : ''}`}
                      aria-current={current ? 'page' : undefined}
                    >
                      {item.label}
                    </AppLink>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="app-header__user">
            {user ? (
              <div className="header-tools">
                {user.mustChangePassword ? null : (
                  <>
                    <PendingUpdatesBadge compact />
                    <NotificationBell />
                  </>
                )}
                <UserMenu user={user} />
              </div>
            ) : session.isPending ? null : (
              <GuestActions />
            )}
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Screens route={route} />
      </main>
      <footer className="app-footer">
        <p>{vi.app.footer}</p>
      </footer>
      {user && !user.mustChangePassword ? <OfflineSync /> : null}
      <AlertRegion />
      <SignInDialog />
    </div>
  );
}

/** "Đăng nhập", or "Thiết lập lần đầu" on a fresh installation. */
function GuestActions() {
  const setup = useSetupStatus();
  const path = useLocationPath();
  const route = matchRoute(path);
  if (route.name === 'login' || route.name === 'setup') return null;
  if (setup.data?.needsSetup)
    return (
      <AppLink href={hrefs.setup} className="header-button" data-testid="setup-link">
        {vi.setup.title}
      </AppLink>
    );
  return (
    <AppLink href={hrefs.login()} className="header-button" data-testid="sign-in-link">
      {vi.auth.signIn}
    </AppLink>
  );
}

/**
 * After moving to another screen, keyboard and screen-reader users start at its content (the
 * framework screen manages focus inside itself, by query string, so only path changes count).
 */
function useFocusOnNavigation(path: string) {
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [path]);
}
