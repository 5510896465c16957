import type { CompiledQuery, Compilable, Kysely } from 'kysely';

const SENTINEL = '\u0000caitien-param:';

/** SQL texts compiled once, by the name their prepared statement gets on PostgreSQL. */
const preparedNames = new Map<string, string>();

/**
 * The prepared-statement name of a statement compiled by `compileOnce`, or undefined for any other
 * SQL (connection.ts runs these as named statements on PostgreSQL). Only compiled-once texts get a
 * name, so the set is small and fixed: PostgreSQL keeps each one per connection.
 */
export function preparedStatementName(sql: string): string | undefined {
  return preparedNames.get(sql);
}

/**
 * A query that Kysely compiles once and then runs with new parameter values. Kysely builds and
 * compiles a query on every call (tens of µs for a small join); on the hottest reads (issue 5) the
 * SQL text never changes, only the values. `build` receives `param(name)`, a placeholder value to
 * use wherever a parameter goes; every compiled parameter must be one of these placeholders, so no
 * value can be frozen into the statement by mistake. Compiled lazily on the first run, for the
 * executor it is bound to (the database or a transaction).
 */
export function compileOnce<DB, Row, Name extends string>(
  db: Kysely<DB>,
  build: (param: (name: Name) => string) => Compilable<Row>,
): (values: Record<Name, unknown>) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  let names: Name[] = [];
  return async (values) => {
    if (!compiled) {
      const query = build((name) => `${SENTINEL}${name}`).compile();
      names = query.parameters.map((p) => {
        if (typeof p !== 'string' || !p.startsWith(SENTINEL))
          throw new Error(`compileOnce: parameter ${String(p)} is not a placeholder`);
        return p.slice(SENTINEL.length) as Name;
      });
      compiled = query;
      if (!preparedNames.has(query.sql))
        preparedNames.set(query.sql, `caitien_hot_${preparedNames.size + 1}`);
    }
    const parameters = names.map((name) => values[name]);
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
