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
