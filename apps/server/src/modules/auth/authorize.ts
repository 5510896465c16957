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

// The versioned-write helpers live in the kernel now (issue 11); re-exported for the modules.
export { staleVersion, StaleWrite, withStaleCheck } from '../../kernel/versioned-write.ts';
