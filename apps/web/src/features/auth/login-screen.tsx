import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { useDocumentTitle, Redirect } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { hrefs, safeNext } from '../shell/app-routes.ts';
import { landingHref } from './access.ts';
import { useSetupStatus } from './auth.queries.ts';
import { SignInForm } from './sign-in-form.tsx';

const t = vi.auth;

/** "Đăng nhập": the page for people who are not signed in. */
export function LoginScreen() {
  useDocumentTitle(t.signInTitle);
  const search = useLocationSearch();
  const next = safeNext(search);
  const setup = useSetupStatus();
  if (setup.isPending) return <LoadingState label={vi.common.loading} />;
  // A fresh installation has no account to sign in with: create the administrator first.
  if (setup.data?.needsSetup) return <Redirect to={hrefs.setup} />;
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="auth-card__title">
          {t.signInTitle}
        </h1>
        <p className="muted">{t.signInIntro}</p>
        <SignInForm onSignedIn={(session) => navigate(next ?? landingHref(session.user))} />
        <p className="auth-card__foot muted">{t.forgotPassword}</p>
      </section>
      <p className="auth-page__aside">
        <AppLink href={hrefs.frameworks}>{t.publicLookup}</AppLink>
      </p>
    </div>
  );
}
