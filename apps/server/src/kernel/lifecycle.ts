import {
  approvedMessage,
  decideTransition,
  isContentEditable,
  PLAN_NOUNS,
  type LifecycleNouns,
  type LifecycleStatus,
  type LifecycleTransition,
} from '@caitien/core';
import { AppError } from '../errors.ts';

/**
 * The status a transition leads to, decided from the status read under the record's lock; a refusal
 * is a 409 with the lifecycle's Vietnamese message (`reason: 'wrong_status'`).
 */
export function applyTransition(
  from: LifecycleStatus,
  transition: LifecycleTransition,
  nouns: LifecycleNouns = PLAN_NOUNS,
): LifecycleStatus {
  const result = decideTransition(from, transition, nouns);
  if (!result.ok)
    throw new AppError('CONFLICT', result.message, {
      reason: from === 'approved' ? 'approved' : result.reason,
    });
  return result.to;
}

/**
 * Refuses a change to sealed content once the record is approved: 409 "approved, make a revision"
 * (`reason: 'approved'`, which the web turns into the revision prompt).
 */
export function assertContentEditable(
  status: LifecycleStatus,
  nouns: LifecycleNouns = PLAN_NOUNS,
): void {
  if (!isContentEditable(status))
    throw new AppError('CONFLICT', approvedMessage(nouns), { reason: 'approved' });
}
