import type { ReactNode } from 'react';
import { ApiError, errorMessageOf } from '../api/api-error.ts';
import { vi } from '../i18n/vi.ts';

/** A polite "loading…" line, announced by screen readers. */
export function LoadingState({ label, testId }: { label: string; testId?: string }) {
  return (
    <div className="status status--loading" role="status" data-testid={testId ?? 'loading'}>
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** An error box: what failed, the API's Vietnamese message, its request id and a retry button. */
export function ErrorState({
  title,
  error,
  onRetry,
  testId,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}) {
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="status status--error" role="alert" data-testid={testId ?? 'error'}>
      <p className="status__title">{title}</p>
      <p>{errorMessageOf(error)}</p>
      {requestId ? <p className="status__meta">{vi.errors.requestId(requestId)}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {vi.errors.retry}
        </button>
      ) : null}
    </div>
  );
}

/** A neutral message for "nothing here" (no results, nothing selected). */
export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="status status--empty" data-testid={testId}>
      <p className="status__title">{title}</p>
      {children}
    </div>
  );
}
