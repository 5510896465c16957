/**
 * The app's use of the job queue (issue 15 "Background jobs"): the start enqueues the rebuild of
 * missing roll-up summaries instead of doing it before listening, once however often it starts.
 */
import { testDialects } from '@caitien/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';

describe.each(testDialects())('background jobs on %s', (dialect) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('enqueues the roll-up refresh at start and runs it from the queue', async () => {
    const t = await createTestApp(dialect, { jobs: { refreshRollupAtStart: true } });
    close = t.close;
    const waiting = await t.app.jobQueue.listJobs({ states: ['created'], limit: 10 });
    expect(waiting.map((j) => j.name)).toEqual(['rollup-refresh']);
    // Sent again (a second instance starting): still one job.
    const again = await t.app.jobQueue.send(
      'rollup-refresh',
      {},
      { singletonKey: 'missing-summaries' },
    );
    expect(again).toBe(waiting[0]?.id);
    expect(await t.app.jobQueue.runPending()).toBe(1);
    expect(await t.app.jobQueue.getJob(again)).toMatchObject({
      state: 'completed',
      output: { rebuilt: 0 },
    });
    expect(await t.app.jobQueue.depths()).toContainEqual({
      name: 'rollup-refresh',
      waiting: 0,
      active: 0,
      failed: 0,
    });
  });
});
