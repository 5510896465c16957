import { UniqueViolation, uniqueViolationText } from '@caitien/db';

/**
 * Whether a write failed on a unique constraint: a repository's typed `UniqueViolation`, or the
 * engine's own error (read by `uniqueViolationText` in packages/db, the one place that knows the
 * SQLite and PostgreSQL codes). Lets a service answer 409 when a concurrent request won the race
 * that its own check could not see.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueViolation || uniqueViolationText(error) !== undefined;
}
