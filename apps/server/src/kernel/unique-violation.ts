/**
 * Whether a database error is a unique-constraint violation, on either engine: PostgreSQL's SQLSTATE
 * 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. Lets a service answer 409 when a concurrent
 * request won the race that its own check could not see.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
