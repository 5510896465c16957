import { useEffect, type ReactNode } from 'react';
import { ApiError, errorMessageOf } from '../api/api-error.ts';
import { vi } from '../i18n/vi.ts';
import { AppLink } from './app-link.tsx';
import { ErrorState } from './status.tsx';
import { navigate } from './use-location-search.ts';

/** The title block of a screen; sets the document title too. */
export function PageHeader({
  title,
  intro,
  actions,
  eyebrow,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <header className="page-header page-header--split">
      <div className="page-header__text">
        {eyebrow ? <div className="page-header__eyebrow">{eyebrow}</div> : null}
        <h1 className="page-header__title">{title}</h1>
        {intro ? <p className="page-header__intro">{intro}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

/** "Tên màn hình — CaiTien" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${vi.app.name}`;
    return () => {
      document.title = vi.app.documentTitle;
    };
  }, [title]);
}

/**
 * The page a user sees when the server refuses (403: the role lacks the right; 404: not theirs
 * to see — the server does not say which school exists) or when the screen is not for their role.
 */
export function NoAccessState({ error, nested = false }: { error?: unknown; nested?: boolean }) {
  useDocumentTitle(vi.access.title);
  const Heading = nested ? 'h2' : 'h1';
  const isNotFound = error instanceof ApiError && error.status === 404;
  return (
    <section className="no-access card" data-testid="no-access" aria-labelledby="no-access-title">
      <div className="no-access__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
          <rect x="5" y="10.5" width="14" height="10" rx="2" fill="currentColor" />
          <path
            d="M8 10.5V8a4 4 0 0 1 8 0v2.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
        </svg>
      </div>
      <Heading id="no-access-title" className="no-access__title">
        {vi.access.title}
      </Heading>
      <p>{isNotFound ? vi.access.notFoundIntro : vi.access.forbiddenIntro}</p>
      {error ? <p className="muted">{errorMessageOf(error)}</p> : null}
      <p>
        <AppLink href="/">{vi.access.backHome}</AppLink>
      </p>
    </section>
  );
}

/** A query failed: the no-access page for 403/404, the error box with a retry otherwise. */
export function QueryFailure({
  title,
  error,
  onRetry,
  nested = false,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  /** Inside a screen that already has its title (a tab): the no-access heading is an h2. */
  nested?: boolean;
}) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return <NoAccessState error={error} nested={nested} />;
  return <ErrorState title={title} error={error} onRetry={onRetry} />;
}

/** Moves to another URL once rendered (replacing the history entry). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
