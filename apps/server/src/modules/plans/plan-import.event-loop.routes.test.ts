import { largestAcceptedPlanDocx, largestStaffWorkbook } from '@caitien/documents/testing';
import type { PlanImportPreview } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParsePool, type ParsePool } from '../../documents/parse-pool.ts';
import { call, type TestSession } from '../../testing/api-client.ts';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { createTestApp } from '../../testing/test-app.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Issue 11: the heaviest Word plan the importer accepts takes seconds of CPU to read. Read on the
 * event loop it stalled every other request that long (4.6 s measured on a loaded machine); the
 * server reads it in a worker thread, so a 10 ms timer stays on time meanwhile.
 */

/** Runs `work` while a 10 ms timer notes how late it fires; answers the worst lateness. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 10);
    last = now;
  }, 10);
  try {
    const value = await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { value, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('importing the largest accepted files keeps the server responsive', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let principal: TestSession;
  let pool: ParsePool;
  /** The parse jobs the services handed to the pool (not run on the main thread). */
  const jobs: string[] = [];
  beforeAll(async () => {
    // The same pool buildApp makes by default, passed in so the test can watch its workers.
    pool = createParsePool();
    const watched: ParsePool = {
      ...pool,
      previewPlan: (input, options) => {
        jobs.push('previewPlan');
        return pool.previewPlan(input, options);
      },
      parseStaffWorkbook: (bytes) => {
        jobs.push('parseStaffWorkbook');
        return pool.parseStaffWorkbook(bytes);
      },
    };
    ctx = await createTestApp('sqlite', { documentParsers: watched });
    fx = await buildAccessFixtures(ctx.app);
    principal = await fx.signInAs('principal');
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  it('previews a 2,900-row Word plan (7.9 MB of XML) in a worker, the event loop kept free', async () => {
    const bytes = Buffer.from(largestAcceptedPlanDocx());
    const { value: res, stallMs } = await longestStall(() =>
      call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans/import-file?fileName=lon.docx`,
        headers: { 'content-type': DOCX },
        payload: bytes,
      }),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const preview = res.json() as PlanImportPreview;
    expect(preview.plan.rows).toHaveLength(2_900);
    expect(preview.plan.rows[1]).toMatchObject({
      criterionCode: '3.3',
      tasks: expect.stringMatching(/^Giải pháp 2.0 Giải pháp 2.1 /),
    });
    expect(jobs).toContain('previewPlan');
    // ~100 ms measured (the rest is inject turning 8 MB into text); read on the main thread it
    // stalled 4.6–5.3 s. The bound leaves room for a loaded CI machine: speed is measured in the
    // bench, this test proves the parse left the event loop.
    expect(stallMs).toBeLessThan(1_500);
  }, 120_000);

  it('previews a staff list of 2,000 people in a worker, the event loop kept free', async () => {
    const bytes = Buffer.from(await largestStaffWorkbook());
    const { value: res, stallMs } = await longestStall(() =>
      call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people/import?dryRun=true`,
        headers: { 'content-type': XLSX },
        payload: bytes,
      }),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect((res.json() as { rows: unknown[] }).rows).toHaveLength(2_000);
    expect(jobs).toContain('parseStaffWorkbook');
    expect(stallMs).toBeLessThan(1_500);
  }, 120_000);

  it('answers a staff list that is not a workbook with the same Vietnamese 400 as before', async () => {
    const res = await call(ctx.app, principal, {
      method: 'POST',
      url: `/api/schools/${fx.own.schoolId}/people/import?dryRun=true`,
      headers: { 'content-type': XLSX },
      payload: Buffer.from('không phải tệp Excel'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/Excel/) },
    });
  }, 60_000);

  it('closing the app ends its parse workers', async () => {
    expect(pool.stats().workers).toBeGreaterThan(0);
    await ctx.app.close();
    expect(pool.stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
  });
});
