/**
 * The job queue's contract (issue 15 "Background jobs"), one suite for both implementations: the
 * in-process queue over `queued_jobs` on SQLite, pg-boss on PostgreSQL (TEST_DATABASE_URL). Send,
 * run and complete; retries with backoff then failed with the error kept; singleton keys; jobs that
 * survive a restart; two instances on one database never running one job twice.
 */
import { createRepositories, migrateToLatest, type DatabaseHandle } from '@caitien/db';
import { openTestDatabase, testDialects } from '@caitien/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { movableClock } from '../testing/test-app.ts';
import { createJobQueue } from './create-job-queue.ts';
import type { JobQueue, QueueDefinition } from './job-queue.ts';
import type { JobLogger } from './job-runner.ts';

const quiet: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SECOND = 1000;

describe.each(testDialects())('the job queue on %s', (dialect) => {
  let database: DatabaseHandle | undefined;
  const queues: JobQueue[] = [];
  const clock = movableClock('2026-11-23T08:00:00.000Z');

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    await database?.close();
    database = undefined;
  });

  async function open(): Promise<DatabaseHandle> {
    database = await openTestDatabase(dialect);
    await migrateToLatest(database.db);
    return database;
  }

  function queueOn(db: DatabaseHandle, owner: string, ...definitions: QueueDefinition<never>[]) {
    const queue = createJobQueue({ database: db, clock, logger: quiet, owner });
    for (const definition of definitions) queue.work(definition);
    queues.push(queue);
    return queue;
  }

  const policy = { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 };

  it('runs a job and keeps its output', async () => {
    const db = await open();
    const queue = queueOn(db, 'a', {
      name: 'double',
      ...policy,
      handler: (data: { n: number }) => Promise.resolve({ doubled: data.n * 2 }),
    } as QueueDefinition<never>);
    const id = await queue.send('double', { n: 21 });
    expect((await queue.getJob(id))?.state).toBe('created');
    expect(await queue.runPending()).toBe(1);
    const job = await queue.getJob(id);
    expect(job).toMatchObject({
      name: 'double',
      state: 'completed',
      attempts: 1,
      data: { n: 21 },
      output: { doubled: 42 },
      lastError: null,
    });
    expect(await queue.runPending()).toBe(0);
    expect(await queue.getJob('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await queue.getJob('not-an-id')).toBeNull();
  });

  it('retries with a growing delay, then fails for good with the error visible', async () => {
    const db = await open();
    let calls = 0;
    const queue = queueOn(db, 'a', {
      name: 'flaky',
      ...policy,
      handler: () => {
        calls += 1;
        return Promise.reject(new Error(`Máy chủ thư không trả lời (lần ${calls})`));
      },
    });
    const id = await queue.send('flaky', {});
    const delayOf = async () => {
      const job = await queue.getJob(id);
      return (Date.parse(job!.startAfter) - Date.parse(job!.startedOn!)) / SECOND;
    };

    expect(await queue.runPending()).toBe(1);
    expect(await queue.getJob(id)).toMatchObject({
      state: 'retry',
      attempts: 1,
      lastError: 'Máy chủ thư không trả lời (lần 1)',
    });
    const first = await delayOf();
    expect(first).toBeGreaterThanOrEqual(59);
    expect(first).toBeLessThanOrEqual(121);
    // Not due yet: nothing runs.
    expect(await queue.runPending()).toBe(0);

    expect(await queue.runPending({ includeDelayed: true, limit: 1 })).toBe(1);
    expect(await queue.getJob(id)).toMatchObject({ state: 'retry', attempts: 2 });
    const second = await delayOf();
    expect(second).toBeGreaterThanOrEqual(119);
    expect(second).toBeLessThanOrEqual(241);

    expect(await queue.runPending({ includeDelayed: true })).toBe(1);
    const failed = await queue.getJob(id);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 3,
      retryLimit: 2,
      lastError: 'Máy chủ thư không trả lời (lần 3)',
    });
    expect(failed?.completedOn).not.toBeNull();
    expect(calls).toBe(3);
    expect((await queue.listJobs({ states: ['failed'], limit: 10 })).map((j) => j.id)).toEqual([
      id,
    ]);
    expect(await queue.depths()).toEqual([{ name: 'flaky', waiting: 0, active: 0, failed: 1 }]);
    // Failed for good: not run again.
    expect(await queue.runPending({ includeDelayed: true })).toBe(0);
  });

  it('fails for good at once on an error its queue calls permanent', async () => {
    const db = await open();
    let calls = 0;
    const queue = queueOn(db, 'a', {
      name: 'read-file',
      ...policy,
      isPermanent: (e: unknown) => e instanceof RangeError,
      handler: () => {
        calls += 1;
        return Promise.reject(
          calls === 1 ? new Error('tạm thời') : new RangeError('Tệp không đọc được'),
        );
      },
    });
    const id = await queue.send('read-file', {});
    expect(await queue.runPending()).toBe(1);
    expect(await queue.getJob(id)).toMatchObject({ state: 'retry', attempts: 1 });
    expect(await queue.runPending({ includeDelayed: true })).toBe(1);
    expect(await queue.getJob(id)).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'Tệp không đọc được',
    });
    expect(await queue.runPending({ includeDelayed: true })).toBe(0);
    expect(calls).toBe(2);
  });

  it('keeps one waiting job per singleton key', async () => {
    const db = await open();
    const ran: string[] = [];
    const queue = queueOn(db, 'a', {
      name: 'refresh',
      ...policy,
      handler: (data: { school: string }) => {
        ran.push(data.school);
        return Promise.resolve(null);
      },
    } as QueueDefinition<never>);
    const first = await queue.send('refresh', { school: 'A' }, { singletonKey: 'school-A' });
    const again = await queue.send('refresh', { school: 'A' }, { singletonKey: 'school-A' });
    const other = await queue.send('refresh', { school: 'B' }, { singletonKey: 'school-B' });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await queue.depths())[0]).toMatchObject({ name: 'refresh', waiting: 2 });
    expect(await queue.runPending()).toBe(2);
    expect(ran.sort()).toEqual(['A', 'B']);
    // Once it ran, the same key makes a new job.
    const later = await queue.send('refresh', { school: 'A' }, { singletonKey: 'school-A' });
    expect(later).not.toBe(first);
  });

  it('keeps jobs across a restart (a new queue on the same database)', async () => {
    const db = await open();
    const ran: number[] = [];
    const definition = {
      name: 'import',
      ...policy,
      handler: (data: { n: number }) => {
        ran.push(data.n);
        return Promise.resolve({ ok: true });
      },
    } as QueueDefinition<never>;
    const before = queueOn(db, 'before', definition);
    const ids = [await before.send('import', { n: 1 }), await before.send('import', { n: 2 })];
    await before.stop();
    const after = queueOn(db, 'after', definition);
    expect(await after.runPending()).toBe(2);
    expect(ran.sort()).toEqual([1, 2]);
    for (const id of ids) expect((await after.getJob(id))?.state).toBe('completed');
  });

  it('runs a job sent while it polls at once, not at the next interval', async () => {
    const db = await open();
    let done: (n: number) => void = () => undefined;
    const ran = new Promise<number>((resolve) => (done = resolve));
    const queue = createJobQueue({
      database: db,
      clock,
      logger: quiet,
      owner: 'w',
      pollMs: 3_600_000,
    });
    queues.push(queue);
    queue.work({
      name: 'pdf',
      ...policy,
      handler: (data: { n: number }) => {
        done(data.n);
        return Promise.resolve(null);
      },
    } as QueueDefinition<never>);
    await queue.start();
    // The first poll (at start) found nothing; the next one would be an hour away.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue.send('pdf', { n: 7 });
    expect(await ran).toBe(7);
  });

  it('never runs one job twice with two instances on one database', async () => {
    const db = await open();
    const runs = new Map<number, number>();
    const definition = (who: string) =>
      ({
        name: 'convert',
        ...policy,
        handler: async (data: { n: number }) => {
          runs.set(data.n, (runs.get(data.n) ?? 0) + 1);
          // Yield, so the other instance gets its turn while this run is in progress.
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { by: who };
        },
      }) as QueueDefinition<never>;
    const one = queueOn(db, 'one', definition('one'));
    const two = queueOn(db, 'two', definition('two'));
    for (let n = 0; n < 12; n += 1) await one.send('convert', { n });
    const [a, b] = await Promise.all([one.runPending(), two.runPending()]);
    expect(a + b).toBe(12);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.size).toBe(12);
  });

  it.runIf(dialect === 'sqlite')(
    'deletes finished jobs after two weeks, keeps the rest',
    async () => {
      const db = await open();
      const queue = queueOn(db, 'a', {
        name: 'once',
        ...policy,
        handler: () => Promise.resolve(null),
      });
      const done = await queue.send('once', {});
      await queue.runPending();
      clock.advance(15 * 24 * 3600 * SECOND);
      const waiting = await queue.send('once', {});
      const repo = createRepositories(db.db).queuedJobs;
      const cutoff = new Date(clock.now().getTime() - 14 * 24 * 3600 * SECOND).toISOString();
      expect(await repo.deleteFinishedBefore(cutoff)).toBe(1);
      expect(await queue.getJob(done)).toBeNull();
      expect((await queue.getJob(waiting))?.state).toBe('created');
    },
  );

  it.runIf(dialect === 'sqlite')(
    'takes a job again whose run died with its process (lease expired)',
    async () => {
      const db = await open();
      const queue = queueOn(db, 'alive', {
        name: 'rebuild',
        ...policy,
        handler: () => Promise.resolve({ rebuilt: true }),
      });
      const id = await queue.send('rebuild', {});
      // A process takes the job and dies: the job stays 'active' under its lease.
      const now = clock.now().getTime();
      const taken = await createRepositories(db.db).queuedJobs.claimNext({
        names: ['rebuild'],
        now: new Date(now).toISOString(),
        lockedUntil: new Date(now + 300 * SECOND).toISOString(),
        owner: 'dead',
      });
      expect(taken?.id).toBe(id);
      expect(await queue.runPending()).toBe(0);
      clock.advance(301 * SECOND);
      expect(await queue.runPending()).toBe(1);
      expect(await queue.getJob(id)).toMatchObject({ state: 'completed', attempts: 2 });
    },
  );
});
