/**
 * A write refused by a unique constraint or index, as a typed error the services can answer with a
 * 409. Repositories translate the engine's error at their edge (SQLite `SQLITE_CONSTRAINT_UNIQUE`,
 * PostgreSQL SQLSTATE 23505), so a race between a service's "does it exist?" check and its insert
 * never surfaces as a 500. The transaction it happened in is rolled back by the throw (on PostgreSQL
 * the transaction is aborted anyway and must not be used again).
 */
export class UniqueViolation extends Error {
  constructor(
    /** The table written to. */
    readonly table: string,
    /** The column the clash is on, when the repository could tell (`username`, `email`, …). */
    readonly column: string | null,
    options?: { cause?: unknown },
  ) {
    super(`unique violation on ${table}${column ? `.${column}` : ''}`, options);
    this.name = 'UniqueViolation';
  }
}

/**
 * The text that names the violated constraint, when `error` is a unique violation of either engine;
 * undefined for any other error. SQLite: "UNIQUE constraint failed: users.username" or "… index
 * 'users_username_lower_unique'"; PostgreSQL: the constraint's name only (its detail quotes the
 * clashing value, which could itself contain a column's name).
 */
export function uniqueViolationText(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return typeof e.message === 'string' ? e.message : '';
  }
  if (e.code === '23505') {
    return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return undefined;
}

/**
 * Runs a write and turns a unique violation into `UniqueViolation(table, column)`, the column being
 * the first of `columns` the engine's report names (null when none does). Other errors pass through.
 */
export async function translateUniqueViolation<T>(
  table: string,
  columns: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const text = uniqueViolationText(error);
    if (text === undefined) throw error;
    const column = columns.find((c) => new RegExp(`\\b${c}\\b|_${c}_`).test(text)) ?? null;
    throw new UniqueViolation(table, column, { cause: error });
  }
}

/**
 * Whether `error` is PostgreSQL refusing a serializable transaction that raced another (SQLSTATE
 * 40001); the loser may be answered as if it had run second.
 */
export function isSerializationFailure(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '40001'
  );
}
