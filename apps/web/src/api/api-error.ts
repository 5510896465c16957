import type { ErrorCode } from '@caitien/shared';
import { vi } from '../i18n/vi.ts';

/** Codes of failures that happen before the API could answer (network down, proxy error page). */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * The one error the web client throws. `message` is always Vietnamese and fit to show the user:
 * the API's own message when it answered with the error shape, otherwise a message of ours.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The server's request id, to quote when reporting a problem. */
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(options: {
    code: ErrorCode | ClientErrorCode;
    message: string;
    status: number;
    requestId?: string | null;
    details?: unknown;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId ?? null;
    this.details = options.details;
  }
}

/** A Vietnamese message for any thrown value (query errors are `unknown`). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return vi.errors.unexpected;
}

/** The reason a 403 gives in `details.reason` ('csrf', 'password_change_required'), if any. */
export function forbiddenReason(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 403) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('reason' in details)) return null;
  const reason = (details as { reason: unknown }).reason;
  return typeof reason === 'string' ? reason : null;
}

/**
 * Messages of a 400's `details.fields` by field path ("username", "sites.0.name"). The first
 * message of a field wins; fields the form does not show are still listed by the alert region.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('fields' in details)) return {};
  const fields = (details as { fields: unknown }).fields;
  if (!Array.isArray(fields)) return {};
  const result: Record<string, string> = {};
  for (const item of fields) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, message } = item as { field?: unknown; message?: unknown };
    if (typeof field === 'string' && typeof message === 'string' && !(field in result)) {
      result[field] = message;
    }
  }
  return result;
}

/** True for a 409 answered to a save against a stale `version`. */
export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

/**
 * The current object a 409 carries in `details.current` (the server's copy after someone else's
 * save), or null when the conflict is of another kind (a duplicate name, a unit that is not empty).
 */
export function conflictCurrentOf<T>(error: unknown): T | null {
  if (!isConflict(error)) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('current' in details)) return null;
  const current = (details as { current: unknown }).current;
  return typeof current === 'object' && current !== null ? (current as T) : null;
}

/** True when the user is not signed in (or the session ended). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** True when the API says the object is not visible (404) or the role lacks the right (403). */
export function isAccessDenied(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}
