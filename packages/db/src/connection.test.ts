import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './connection.ts';

describe('SQLite statement cache', () => {
  let sqlite: SqliteDatabase.Database;
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  function open(size?: number) {
    sqlite = new SqliteDatabase(':memory:');
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof sqlite.prepare;
    const db = new Kysely<{ t: { id: number; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite, size) }),
    });
    return { db, prepared };
  }

  it('prepares a statement once and binds each run’s values', async () => {
    const { db, prepared } = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (let i = 1; i <= 3; i += 1)
      await db
        .insertInto('t')
        .values({ id: i, name: `n${i}` })
        .execute();
    const names = [];
    for (let i = 1; i <= 3; i += 1) {
      const row = await db.selectFrom('t').select('name').where('id', '=', i).executeTakeFirst();
      names.push(row?.name);
    }
    expect(names).toEqual(['n1', 'n2', 'n3']);
    expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((s) => s.startsWith('select'))).toHaveLength(1);
    await db.destroy();
  });

  it('gives a fresh statement while the cached one is busy streaming, and stays bounded', async () => {
    const { db, prepared } = open(2);
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    await db
      .insertInto('t')
      .values([1, 2, 3].map((id) => ({ id, name: `n${id}` })))
      .execute();
    const cache = withStatementCache(sqlite);
    const text = 'select id from t order by id';
    const first = cache.prepare(text);
    const iterator = first.iterate([]);
    expect(iterator.next().value).toEqual({ id: 1 });
    const second = cache.prepare(text);
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    expect([...iterator]).toEqual([{ id: 2 }, { id: 3 }]);
    expect(cache.prepare(text)).toBe(first);

    // Size 2: a third distinct statement evicts the least recently used, prepared again later.
    const before = prepared.length;
    await sql`select 1`.execute(db);
    await sql`select 2`.execute(db);
    await sql`select 3`.execute(db);
    await sql`select 1`.execute(db);
    expect(prepared.length - before).toBe(4);
    await db.destroy();
  });
});
