/**
 * A plan's PDF made by the job queue (issue 15 "Background jobs"): 202 with a job, the job's state,
 * the file once done; a failed conversion retried and its reason shown; the job and its file
 * invisible (404) to anyone but its requester, a user of another school above all; the file
 * deleted by the delayed cleanup. The PDF converter is a fake (LibreOffice is tested elsewhere).
 */
import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import type { PdfConverter } from '@caitien/documents';
import type { DialectName } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { MEDIA_TYPES, type JobStatus, type PlanDetail } from '@caitien/shared';
import { PLAN_FIXTURES_DIR } from '@caitien/documents/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { createTestApp, movableClock } from '../../testing/test-app.ts';

const DAY = 24 * 60 * 60_000;

describe.each(testDialects())(
  'plan exports through the job queue on %s',
  (dialect: DialectName) => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let fx: AccessFixtures;
    let principal: TestSession;
    let plan: PlanDetail;
    const clock = movableClock(new Date().toISOString());
    let failNext = 0;
    const converted: number[] = [];
    const pdf: PdfConverter = {
      convert: (docx) => {
        if (failNext > 0) {
          failNext -= 1;
          return Promise.reject(new Error('LibreOffice dừng giữa chừng'));
        }
        converted.push(docx.length);
        return Promise.resolve(Buffer.from(`%PDF-1.4 giả lập (${docx.length} byte DOCX)`));
      },
      close: () => Promise.resolve(),
      stats: () =>
        ({ mode: 'warm', workers: 1, busy: 0, queued: 0 }) as ReturnType<PdfConverter['stats']>,
    };

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock, pdfConverter: pdf });
      fx = await buildAccessFixtures(t.app);
      principal = await fx.signInAs('principal');
      plan = ok<PlanDetail>(
        await call(t.app, principal, {
          method: 'POST',
          url: `/api/schools/${fx.own.schoolId}/plans`,
          payload: { schoolYear: '2024-2025' },
        }),
      );
    }, 60_000);
    afterAll(async () => {
      await t.close();
    });

    const requestExport = (session: TestSession, planId = plan.id) =>
      call(t.app, session, {
        method: 'POST',
        url: `/api/plans/${planId}/exports`,
        payload: { format: 'pdf', layout: 'B' },
      });
    const status = (session: TestSession, jobId: string) =>
      call(t.app, session, { method: 'GET', url: `/api/jobs/${jobId}` });

    /**
     * Runs the queue until the job has succeeded or failed for good. On SQLite the app's clock is
     * moved past the retry's delay, so only what is due runs (with `includeDelayed` the day-later
     * cleanup job, created at the same frozen instant, could be taken first, time after time);
     * pg-boss keeps time by the database's clock, so there delayed jobs are taken one by one.
     */
    async function settle(jobId: string) {
      for (let i = 0; i < 50 && (await t.app.jobQueue.getJob(jobId))?.state === 'retry'; i += 1) {
        if (dialect === 'sqlite') {
          clock.advance(10 * 60_000);
          await t.app.jobQueue.runPending();
        } else {
          await t.app.jobQueue.runPending({ includeDelayed: true, limit: 1 });
        }
      }
    }

    it('answers 202 with a job, makes the PDF in the background and serves it', async () => {
      const asked = await requestExport(principal);
      expect(asked.statusCode).toBe(202);
      const { jobId } = asked.json<{ jobId: string }>();
      // Asked again while it waits: the same job.
      expect((await requestExport(principal)).json<{ jobId: string }>().jobId).toBe(jobId);
      expect(ok<JobStatus>(await status(principal, jobId))).toMatchObject({
        state: 'waiting',
        downloadUrl: null,
      });
      const early = await call(t.app, principal, {
        method: 'GET',
        url: `/api/jobs/${jobId}/download`,
      });
      expect(early.statusCode).toBe(409);

      expect(await t.app.jobQueue.runPending()).toBe(1);
      const done = ok<JobStatus>(await status(principal, jobId));
      expect(done).toMatchObject({
        state: 'done',
        attempts: 1,
        error: null,
        downloadUrl: `/api/jobs/${jobId}/download`,
      });
      expect(done.fileName).toMatch(/\.pdf$/);
      const file = await call(t.app, principal, { method: 'GET', url: done.downloadUrl! });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(String(file.headers['content-disposition'])).toContain('.pdf');
      expect(converted).toHaveLength(1);
    });

    it('shows nothing of the job to anyone else: 404 for a user of another school and for a colleague', async () => {
      const { jobId } = (await requestExport(principal)).json<{ jobId: string }>();
      await t.app.jobQueue.runPending();
      await createAccount(t.app, fx.adminSession, {
        username: 'hieutruong.khac',
        displayName: 'Hiệu trưởng trường khác',
        roles: [{ role: 'principal', unitId: fx.foreign.schoolId }],
      });
      const foreign = await signIn(t.app, 'hieutruong.khac', FIXTURE_PASSWORD);
      const colleague = await fx.signInAs('council');
      for (const session of [foreign, colleague]) {
        const seen = await status(session, jobId);
        expect(seen.statusCode).toBe(404);
        expect(seen.json().error.message).toContain('Không tìm thấy tác vụ');
        const download = await call(t.app, session, {
          method: 'GET',
          url: `/api/jobs/${jobId}/download`,
        });
        expect(download.statusCode).toBe(404);
        expect(download.rawPayload.subarray(0, 5).toString()).not.toBe('%PDF-');
      }
      // Nor may the other school's principal ask for this plan's PDF.
      expect([403, 404]).toContain((await requestExport(foreign)).statusCode);
    });

    it('retries a failed conversion and shows why it failed for good', async () => {
      failNext = 1;
      const { jobId } = (
        await call(t.app, principal, {
          method: 'POST',
          url: `/api/plans/${plan.id}/exports`,
          payload: { format: 'pdf' },
        })
      ).json<{ jobId: string }>();
      await t.app.jobQueue.runPending();
      expect(ok<JobStatus>(await status(principal, jobId))).toMatchObject({
        state: 'waiting',
        attempts: 1,
        error: expect.stringContaining('LibreOffice') as unknown,
      });
      // The retry's turn (its delay lies ahead): it succeeds.
      await settle(jobId);
      expect(ok<JobStatus>(await status(principal, jobId))).toMatchObject({
        state: 'done',
        attempts: 2,
      });

      failNext = 10;
      const again = (
        await call(t.app, principal, {
          method: 'POST',
          url: `/api/plans/${plan.id}/exports`,
          payload: { format: 'pdf', layout: 'A' },
        })
      ).json<{ jobId: string }>().jobId;
      await t.app.jobQueue.runPending();
      await settle(again);
      expect(ok<JobStatus>(await status(principal, again))).toMatchObject({
        state: 'failed',
        attempts: 3,
        downloadUrl: null,
      });
      failNext = 0;
      // The administrator sees it among the failed jobs.
      const overview = ok<{
        queue: { problems: { id: string; name: string; lastError: string | null }[] };
      }>(await call(t.app, fx.adminSession, { method: 'GET', url: '/api/admin/mail-outbox' }));
      expect(overview.queue.problems).toContainEqual(
        expect.objectContaining({ id: again, name: 'plan-export' }),
      );
      expect(overview.queue.problems.find((p) => p.id === again)?.lastError).toContain(
        'LibreOffice',
      );
    });

    it('reads a Word plan in the background: the same preview as the synchronous import-file', async () => {
      const docx = readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`);
      const upload = (url: string) =>
        call(t.app, principal, {
          method: 'POST',
          url: `/api/schools/${fx.own.schoolId}/plans/${url}?fileName=ke-hoach.docx`,
          headers: { 'content-type': MEDIA_TYPES.docx },
          payload: docx,
        });
      const asked = await upload('import-jobs');
      expect(asked.statusCode).toBe(202);
      const { jobId } = asked.json<{ jobId: string }>();
      expect(await t.app.jobQueue.runPending()).toBe(1);
      const done = ok<JobStatus>(await status(principal, jobId));
      expect(done).toMatchObject({ state: 'done', downloadUrl: `/api/jobs/${jobId}/download` });
      const result = await call(t.app, principal, { method: 'GET', url: done.downloadUrl! });
      expect(result.statusCode).toBe(200);
      expect(result.headers['content-type']).toContain('application/json');
      const direct = await upload('import-file');
      // Alike but for the moment each was read (the importer stamps its own time).
      const stampless = (body: { plan: { exportedAt?: string } }) => ({
        ...body,
        plan: { ...body.plan, exportedAt: null },
      });
      expect(stampless(result.json())).toEqual(stampless(direct.json()));
      // The upload itself is not kept once read.
      expect(
        readdirSync(path.join(t.dataDir, 'imports')).filter((f) => f.endsWith('.upload')),
      ).toEqual([]);
      // Another school's principal sees nothing of it, and may not ask for this school.
      const foreign = await signIn(t.app, 'hieutruong.khac', FIXTURE_PASSWORD);
      expect((await status(foreign, jobId)).statusCode).toBe(404);
      expect(
        (await call(t.app, foreign, { method: 'GET', url: `/api/jobs/${jobId}/download` }))
          .statusCode,
      ).toBe(404);
      const refused = await call(t.app, foreign, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans/import-jobs`,
        headers: { 'content-type': MEDIA_TYPES.docx },
        payload: docx,
      });
      expect([403, 404]).toContain(refused.statusCode);
    }, 60_000);

    it('fails a file that cannot be read at once, with the reader’s reason and no retries', async () => {
      const asked = await call(t.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans/import-jobs?fileName=hong.docx`,
        headers: { 'content-type': MEDIA_TYPES.docx },
        payload: Buffer.from('PK\u0003\u0004 không phải một tệp Word'),
      });
      expect(asked.statusCode).toBe(202);
      const { jobId } = asked.json<{ jobId: string }>();
      expect(await t.app.jobQueue.runPending()).toBe(1);
      const failed = ok<JobStatus>(await status(principal, jobId));
      expect(failed).toMatchObject({ state: 'failed', attempts: 1, downloadUrl: null });
      // The same Vietnamese words the synchronous import-file answers with.
      const direct = await call(t.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans/import-file?fileName=hong.docx`,
        headers: { 'content-type': MEDIA_TYPES.docx },
        payload: Buffer.from('PK\u0003\u0004 không phải một tệp Word'),
      });
      expect(direct.statusCode).toBeGreaterThanOrEqual(400);
      expect(direct.statusCode).toBeLessThan(500);
      expect(failed.error).toBe(direct.json<{ error: { message: string } }>().error.message);
      // Failed for good ('failed', not 'retry'): no attempt is waiting.
      expect(await t.app.jobQueue.getJob(jobId)).toMatchObject({ state: 'failed', attempts: 1 });
    }, 60_000);

    it('deletes the files a day later (delayed cleanup job)', async () => {
      const { jobId } = (await requestExport(principal)).json<{ jobId: string }>();
      await t.app.jobQueue.runPending();
      const file = path.join(t.dataDir, 'exports', `${jobId}.pdf`);
      expect(existsSync(file)).toBe(true);
      // The files were made "now" by the fake clock's measure a day and more ago.
      const old = new Date(clock.now().getTime() - DAY - 1000);
      const dir = path.join(t.dataDir, 'exports');
      for (const f of readdirSync(dir)) utimesSync(path.join(dir, f), old, old);
      await t.app.jobQueue.runPending({ includeDelayed: true });
      expect(existsSync(file)).toBe(false);
      const gone = await call(t.app, principal, {
        method: 'GET',
        url: `/api/jobs/${jobId}/download`,
      });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.message).toContain('làm lại');
      // Delayed jobs of the earlier tests (retries of failed exports) run here too: slow on a
      // loaded machine with PostgreSQL (18 s seen while other suites ran).
    }, 60_000);
  },
);
