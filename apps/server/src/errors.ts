import type { ErrorCode } from '@caitien/shared';

/** The one error type of the server: a code from the shared table, a Vietnamese message, details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 404 with a message that names the thing, never hinting at other tenants' data. */
export const notFound = (message: string, details?: unknown) =>
  new AppError('NOT_FOUND', message, details);
