/**
 * kill -9 during concurrent writes (issue 15), on SQLite and, with TEST_DATABASE_URL, PostgreSQL:
 * four clients add people to a school's directory as fast as the server answers; the server is
 * killed without warning in the middle; after a restart the database passes its integrity checks,
 * every write the server acknowledged is there, and no write is half there (each person has the
 * audit entry of the same transaction).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, SQLITE_FILE_NAME, type DialectName } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/seed-demo.ts';
import { createSeededDemoTarget, dropProcessDatabases } from './testing/process-targets.ts';
import { killServerProcesses, signInOver, startServerProcess } from './testing/server-process.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-kill9-'));
afterAll(async () => {
  killServerProcesses();
  await dropProcessDatabases();
  rmSync(work, { recursive: true, force: true });
});

const startServer = startServerProcess;
async function signIn(base: string) {
  const session = await signInOver(base, DEMO_ACCOUNTS.principal, DEMO_PASSWORD);
  const schoolId = session.roles.find((r) => r.role === 'principal')!.unitId!;
  return { ...session, schoolId };
}

const dialects: DialectName[] = testDialects();

describe.each(dialects)('kill -9 during concurrent writes on %s', (dialect) => {
  it(
    'loses no acknowledged write and leaves no half-written one',
    { timeout: 240_000 },
    async () => {
      const env = await createSeededDemoTarget(dialect, work);

      const first = await startServer(env);
      const session = await signIn(first.base);
      const acknowledged: string[] = [];
      const refusals: string[] = [];
      let stop = false;
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${first.base}/api/schools/${session.schoolId}/people`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                cookie: session.cookie,
                'x-csrf-token': session.csrfToken,
              },
              body: JSON.stringify({ fullName: `Người thử bền ${w}-${i}`, note: 'dòng 1\ndòng 2' }),
            });
            if (res.status === 200) acknowledged.push(((await res.json()) as { id: string }).id);
            else if (res.status >= 500) return;
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      const deadline = Date.now() + 30_000;
      while (acknowledged.length < 80 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      // Killed while the writers are still sending: some requests are in flight.
      first.child.kill('SIGKILL');
      await first.exited;
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.length, refusals.slice(0, 3).join('\n')).toBeGreaterThanOrEqual(80);

      if (dialect === 'sqlite') {
        // The file as the crash left it (WAL included), before anything else opens it.
        const file = path.join(env.DATA_DIR!, SQLITE_FILE_NAME);
        const db = new SqliteDatabase(file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('foreign_key_check')).toEqual([]);
        } finally {
          db.close();
        }
      }

      const second = await startServer(env);
      const again = await signIn(second.base);
      const list = await fetch(`${second.base}/api/schools/${again.schoolId}/people?limit=500`, {
        headers: { cookie: again.cookie },
      });
      expect(list.status).toBe(200);

      const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      try {
        const people = await handle.db
          .selectFrom('people')
          .select(['id', 'note'])
          .where('full_name', 'like', 'Người thử bền %')
          .execute();
        const stored = new Set(people.map((p) => p.id));
        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
        // Text survives exactly, line break included.
        expect(new Set(people.map((p) => p.note))).toEqual(new Set(['dòng 1\ndòng 2']));
        // All or nothing: every stored person has the audit entry written in its transaction.
        const audited = new Set(
          (
            await handle.db
              .selectFrom('audit_log')
              .select('entity_id')
              .where('action', '=', 'person.create')
              .execute()
          ).map((a) => a.entity_id),
        );
        expect(people.filter((p) => !audited.has(p.id))).toEqual([]);
        // Writes the server committed but could not answer before dying may be there too.
        expect(people.length).toBeGreaterThanOrEqual(acknowledged.length);
      } finally {
        await handle.close();
      }
      second.child.kill('SIGTERM');
      await second.exited;
    },
  );
});
