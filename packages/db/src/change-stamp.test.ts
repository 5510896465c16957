import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStampOf, memoUntilChange, registerChangeStamp } from './change-stamp.ts';
import { openDatabase, SQLITE_FILE_NAME, type DatabaseHandle } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { createRepositories, type Repositories } from './repositories/index.ts';
import { buildNewPlan } from './testing/plan-builders.ts';

const NOW = '2026-12-03T08:00:00.000Z';

describe('memoUntilChange', () => {
  function fixture() {
    const db = {};
    let stamp = 'a';
    registerChangeStamp(db, { stamp: () => stamp });
    let runs = 0;
    let answer = 'first';
    const query = memoUntilChange(
      db,
      async (values: { id: string }) => {
        runs += 1;
        return [{ id: values.id, answer }];
      },
      (values) => values.id,
    );
    return {
      query,
      runs: () => runs,
      setStamp: (s: string) => (stamp = s),
      setAnswer: (a: string) => (answer = a),
    };
  }

  it('answers from memory while the stamp stays, per key, and asks again once it moves', async () => {
    const f = fixture();
    expect(await f.query({ id: 'x' })).toEqual([{ id: 'x', answer: 'first' }]);
    expect(await f.query({ id: 'x' })).toEqual([{ id: 'x', answer: 'first' }]);
    expect(f.runs()).toBe(1);
    expect(await f.query({ id: 'y' })).toEqual([{ id: 'y', answer: 'first' }]);
    expect(f.runs()).toBe(2);
    f.setAnswer('second');
    f.setStamp('b');
    expect(await f.query({ id: 'x' })).toEqual([{ id: 'x', answer: 'second' }]);
    expect(f.runs()).toBe(3);
  });

  it('files an answer under the stamp taken before the query ran', async () => {
    const db = {};
    let stamp = 'a';
    registerChangeStamp(db, { stamp: () => stamp });
    let runs = 0;
    const query = memoUntilChange(
      db,
      async () => {
        runs += 1;
        // A commit lands while this query is in flight.
        stamp = `b${runs}`;
        return [runs];
      },
      () => 'k',
    );
    await query({});
    // The first answer was read under "a" but the database is at "b1" now: it must be asked again.
    expect(await query({})).toEqual([2]);
  });

  it('always asks when the database has no stamp (PostgreSQL, transactions)', async () => {
    let runs = 0;
    const query = memoUntilChange(
      {},
      async () => [(runs += 1)],
      () => 'k',
    );
    await query({});
    await query({});
    expect(runs).toBe(2);
  });
});

describe('SQLite change stamp and the plan access row', () => {
  let dataDir: string;
  let handle: DatabaseHandle;
  let repos: Repositories;
  let other: SqliteDatabase.Database;
  const schoolId = '0190a000-0000-7000-8000-000000000001';
  const otherSchoolId = '0190a000-0000-7000-8000-000000000002';
  const planId = '0190a000-0000-7000-8000-100000000001';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-stamp-'));
    handle = openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    repos = createRepositories(handle.db);
    for (const id of [schoolId, otherSchoolId]) {
      await repos.units.insert({
        id,
        kind: 'school',
        name: `Trường ${id.slice(-1)}`,
        parentId: null,
        path: `/${id}/`,
        now: NOW,
      });
    }
    await repos.plans.insertPlan(buildNewPlan({ id: planId, schoolId, now: NOW }));
    // Another process (the CLI, a second server) is another connection to the same file.
    other = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
  });
  afterAll(async () => {
    other.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays put across reads and moves with this process’s writes and another process’s', async () => {
    const first = changeStampOf(handle.db);
    expect(first).toBeTypeOf('string');
    await repos.plans.findPlanAccess(planId);
    await repos.plans.findPlan(planId);
    expect(changeStampOf(handle.db)).toBe(first);
    await sql`update units set name = 'Trường A1' where id = ${schoolId}`.execute(handle.db);
    const afterOwnWrite = changeStampOf(handle.db);
    expect(afterOwnWrite).not.toBe(first);
    other.prepare("update units set name = 'Trường A2' where id = ?").run(schoolId);
    expect(changeStampOf(handle.db)).not.toBe(afterOwnWrite);
    // A transaction has no stamp: what it reads may be its own uncommitted writes.
    await handle.db.transaction().execute(async (tx) => {
      expect(changeStampOf(tx)).toBeUndefined();
    });
  });

  it('sees a status change, a school move and a sequence bump made by another process at once', async () => {
    expect(await repos.plans.findPlanAccess(planId)).toMatchObject({
      status: 'draft',
      schoolId,
      schoolPath: `/${schoolId}/`,
    });
    other.prepare("update plans set status = 'approved' where id = ?").run(planId);
    expect((await repos.plans.findPlanAccess(planId))?.status).toBe('approved');
    other.prepare('update units set path = ? where id = ?').run(`/x/${schoolId}/`, schoolId);
    expect((await repos.plans.findPlanAccess(planId))?.schoolPath).toBe(`/x/${schoolId}/`);
    other.prepare('update plans set school_id = ? where id = ?').run(otherSchoolId, planId);
    expect((await repos.plans.findPlanAccess(planId))?.schoolId).toBe(otherSchoolId);
    const seq = (await repos.plans.findPlanAccess(planId))?.contentSeq ?? 0;
    other.prepare('update plans set content_seq = content_seq + 1 where id = ?').run(planId);
    expect((await repos.plans.findPlanAccess(planId))?.contentSeq).toBe(seq + 1);
    other.prepare('delete from plans where id = ?').run(planId);
    expect(await repos.plans.findPlanAccess(planId)).toBeUndefined();
  });

  it('sees this process’s own writes at once, whichever statement made them', async () => {
    await sql`insert into plans (id, lineage_id, revision_number, school_id, school_year, regime,
      framework_id, framework_reason, status, layout, hidden_columns_json, header_json,
      sections_json, version, content_seq, created_at, updated_at)
      select ${planId}, ${planId}, 0, ${schoolId}, '2027-2028', '2026', null, '', 'draft',
      'bieu2', '[]', '{}', '[]', 1, 1, ${NOW}, ${NOW}`.execute(handle.db);
    expect((await repos.plans.findPlanAccess(planId))?.status).toBe('draft');
    // Not through the repository's writes, and without moving content_seq.
    await sql`update plans set status = 'submitted' where id = ${planId}`.execute(handle.db);
    expect((await repos.plans.findPlanAccess(planId))?.status).toBe('submitted');
    await handle.db.transaction().execute(async (tx) => {
      await sql`update plans set status = 'approved' where id = ${planId}`.execute(tx);
    });
    expect((await repos.plans.findPlanAccess(planId))?.status).toBe('approved');
  });
});
