import { decide, type Action, type Actor } from '@caitien/core';
import { AppError } from '../../errors.ts';

/** The Vietnamese answer when the role lacks the right (the object is visible). */
export const FORBIDDEN_MESSAGE = 'Bạn không có quyền thực hiện thao tác này.';

/**
 * Asks the one permission policy (packages/core) and turns a refusal into the right answer:
 * invisible → 404 with `notFoundMessage` (no hint that it exists), visible → 403.
 */
export function authorize(
  actor: Actor,
  action: Action,
  unitPath: string,
  notFoundMessage: string,
): void {
  const decision = decide(actor, action, unitPath);
  if (decision.allowed) return;
  throw decision.reason === 'not_found'
    ? new AppError('NOT_FOUND', notFoundMessage)
    : new AppError('FORBIDDEN', FORBIDDEN_MESSAGE, { action });
}

/** 409 with the current content, for a save against a stale version. */
export function staleVersion(current: unknown): AppError {
  return new AppError(
    'CONFLICT',
    'Dữ liệu đã được người khác thay đổi trong lúc bạn sửa. Hãy xem bản hiện tại và sửa lại.',
    { current },
  );
}

/** Thrown inside a transaction when a versioned write matched nothing: the transaction rolls back. */
export class StaleWrite extends Error {
  constructor() {
    super('stale version');
    this.name = 'StaleWrite';
  }
}

/**
 * Runs a transactional write; a StaleWrite inside it becomes a 409 carrying the current content,
 * read AFTER the transaction ended. (Reading through the plain repositories inside a transaction
 * would wait forever on SQLite's single connection.)
 */
export async function withStaleCheck<T>(
  write: () => Promise<T>,
  current: () => Promise<unknown>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleWrite) throw staleVersion(await current());
    throw error;
  }
}
