import type SqliteDatabase from 'better-sqlite3';

/**
 * "Has anything been committed since?" for a database, answered without reading a table (issue 11:
 * the plan read asked the database for the plan's access row on every request).
 *
 * On SQLite the stamp is `PRAGMA data_version`, which moves whenever ANOTHER connection (another
 * process: a second server, the CLI) commits, plus a count of the writing statements this connection
 * prepared, which covers this process's own writes (data_version does not move for those). Kysely
 * prepares each statement right before running it, so the count moves before the write lands; a
 * value read with an older stamp is therefore never kept under a newer one. PostgreSQL has no such
 * cheap, exact signal (a notification would arrive after the commit), so it has no stamp.
 */
export interface ChangeStampSource {
  /** The current stamp: equal stamps mean nothing was committed in between. */
  stamp(): string;
}

const sources = new WeakMap<object, ChangeStampSource>();

/** Ties a stamp source to the Kysely instance that runs on that connection. */
export function registerChangeStamp(db: object, source: ChangeStampSource): void {
  sources.set(db, source);
}

/**
 * The change stamp of `db`, or undefined when it has none: PostgreSQL, or a transaction (whose
 * reads may see its own uncommitted writes, so nothing read through it is kept).
 */
export function changeStampOf(db: object): string | undefined {
  return sources.get(db)?.stamp();
}

/** A stamp source for one better-sqlite3 connection; `noteWrite` is called for each writing statement. */
export function sqliteChangeStamp(sqlite: SqliteDatabase.Database): ChangeStampSource & {
  noteWrite(): void;
} {
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let localWrites = 0;
  return {
    stamp: () => `${String(dataVersion.get())}:${localWrites}`,
    noteWrite() {
      localWrites += 1;
    },
  };
}

/**
 * Wraps a query so that, while `db`'s change stamp stays the same, it answers from memory the rows it
 * read for the same key. Only for small, hot reads whose answer depends on nothing but the database
 * and the key; callers must not mutate the rows. The stamp is taken BEFORE the query runs, so a
 * result is never filed under a stamp newer than what it read. Without a stamp (PostgreSQL,
 * transactions) every call runs the query. At most `maxEntries` keys are held; all are dropped at
 * the first change.
 */
export function memoUntilChange<Values, Row>(
  db: object,
  query: (values: Values) => Promise<Row[]>,
  keyOf: (values: Values) => string,
  maxEntries = 1000,
): (values: Values) => Promise<Row[]> {
  const held = new Map<string, Row[]>();
  let heldStamp: string | undefined;
  return async (values) => {
    const stamp = changeStampOf(db);
    if (stamp === undefined) return query(values);
    const key = keyOf(values);
    if (stamp === heldStamp) {
      const rows = held.get(key);
      if (rows) return rows;
    }
    const rows = await query(values);
    if (stamp !== heldStamp) {
      held.clear();
      heldStamp = stamp;
    }
    if (held.size >= maxEntries) held.clear();
    held.set(key, rows);
    return rows;
  };
}
