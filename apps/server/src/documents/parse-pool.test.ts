import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { syntheticPlan } from '@caitien/documents/testing';
import JSZip from 'jszip';
import { renderPlanDocument } from './document-parsers.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';

const MISBEHAVING = new URL('./misbehaving-worker.fixtures.mjs', import.meta.url);
const IN_PROCESS = fileURLToPath(new URL('./parse-pool.process.fixtures.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

/** What the pool answers for an upload whose first byte picks the fixture worker's behaviour. */
const upload = (
  pool: ParsePool,
  ...bytes: number[]
): Promise<{ result?: unknown; error?: unknown }> =>
  pool.parseStaffWorkbook(new Uint8Array(bytes)).then(
    (result: unknown) => ({ result }),
    (error: unknown) => ({ error }),
  );

describe('the parse pool', () => {
  let pool: ParsePool;
  afterEach(async () => {
    await pool.close();
    expect(pool.stats().workers).toBe(0);
  });

  it('parses a real file in a worker, then stops the idle worker', async () => {
    pool = createParsePool({ idleMs: 50 });
    const result = await pool.previewPlan(
      { kind: 'file', bytes: new TextEncoder().encode('không phải tệp') },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    expect(pool.stats().workers).toBe(1);
    await expect.poll(() => pool.stats().workers, { timeout: 5_000 }).toBe(0);
  }, 60_000);

  it('renders a large plan in a worker: the same document as on the main thread', async () => {
    pool = createParsePool();
    const plan = syntheticPlan('A', 1_000);
    plan.rows[999] = { ...plan.rows[999]!, tasks: 'Dòng cuối\ncó xuống dòng — “ngoặc kép”' };
    for (const format of ['docx', 'xlsx'] as const) {
      const input = { plan, options: {}, format };
      const [inWorker, inline] = await Promise.all([
        pool.renderPlan(input),
        renderPlanDocument(input),
      ]);
      expect(inWorker.fileBaseName).toBe(inline.fileBaseName);
      expect(inWorker.warnings).toEqual(inline.warnings);
      // The same parts with the same bytes (zip and docProps/core.xml timestamps aside).
      const parts = async (bytes: Uint8Array) => {
        const zip = await JSZip.loadAsync(bytes);
        const names = Object.keys(zip.files)
          .filter((n) => !zip.files[n]!.dir && n !== 'docProps/core.xml')
          .sort();
        return Promise.all(names.map(async (n) => [n, await zip.file(n)!.async('string')]));
      };
      expect(await parts(inWorker.bytes)).toEqual(await parts(inline.bytes));
    }
    expect(pool.stats().workers).toBe(1);
  }, 60_000);

  it('terminates a runaway job with a Vietnamese 400 and keeps serving', async () => {
    pool = createParsePool({ workerUrl: MISBEHAVING, timeoutMs: 300, size: 1 });
    const runaway = await upload(pool, 1);
    expect(runaway.error).toBeInstanceOf(AppError);
    expect(runaway.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^Đọc tệp mất quá 1 giây nên đã dừng\./),
      details: { reason: 'TIMEOUT' },
    });
    expect(await upload(pool, 0, 7)).toEqual({ result: { ok: true, echo: 7 } });
  }, 30_000);

  it('brings errors back typed: an AppError stays one, anything else stays a bug', async () => {
    pool = createParsePool({ workerUrl: MISBEHAVING });
    const typed = await upload(pool, 2);
    expect(typed.error).toBeInstanceOf(AppError);
    expect(typed.error).toMatchObject({
      code: 'CONFLICT',
      message: 'Xung đột thử nghiệm.',
      details: { n: 1 },
    });
    const bug = await upload(pool, 3);
    expect(bug.error).not.toBeInstanceOf(AppError);
    expect(bug.error).toMatchObject({ name: 'TypeError', message: 'boom' });
  }, 30_000);

  it('answers 413 when a worker reaches its heap limit, and 503 when one dies', async () => {
    pool = createParsePool({ workerUrl: MISBEHAVING, maxOldGenerationSizeMb: 16, size: 1 });
    expect((await upload(pool, 4)).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/^Tệp cần quá nhiều bộ nhớ/),
    });
    expect((await upload(pool, 5)).error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { reason: 'WORKER_FAILED' },
    });
    expect(await upload(pool, 0, 9)).toEqual({ result: { ok: true, echo: 9 } });
  }, 30_000);

  it('says a failed document render in words about making a document, not reading a file', async () => {
    pool = createParsePool({
      workerUrl: MISBEHAVING,
      maxOldGenerationSizeMb: 16,
      timeoutMs: 300,
      size: 1,
    });
    const render = (mode: number) =>
      pool.renderPlan({ mode } as unknown as Parameters<ParsePool['renderPlan']>[0]).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(await render(1)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/^Tạo tài liệu mất quá 1 giây/),
    });
    expect(await render(4)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/^Kế hoạch quá lớn để tạo tài liệu/),
    });
    expect(await render(5)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Không tạo được tài liệu do sự cố của máy chủ. Vui lòng thử lại.',
    });
  }, 30_000);

  it('queues jobs while the workers are busy and refuses past the queue with a 503', async () => {
    pool = createParsePool({ workerUrl: MISBEHAVING, size: 1, maxQueue: 2 });
    const answers = [1, 2, 3, 4].map((n) => upload(pool, 0, n));
    expect(pool.stats()).toEqual({ workers: 1, busy: 1, queued: 2 });
    const all = await Promise.all(answers);
    expect(all.slice(0, 3)).toEqual([1, 2, 3].map((echo) => ({ result: { ok: true, echo } })));
    expect(all[3]?.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Máy chủ đang đọc nhiều tệp khác. Vui lòng thử lại sau ít phút.',
    });
  }, 30_000);

  it('closing ends the workers and refuses running, waiting and later jobs', async () => {
    pool = createParsePool({ workerUrl: MISBEHAVING, size: 1 });
    const running = upload(pool, 1);
    const waiting = upload(pool, 0, 1);
    await expect.poll(() => pool.stats().busy).toBe(1);
    await pool.close();
    expect(pool.stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
    for (const answer of [await running, await waiting, await upload(pool, 0, 2)]) {
      expect(answer.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
  }, 30_000);
});

describe('the parse worker loads wherever the server runs', () => {
  // A cold process each: seconds on a busy machine.
  it.each([
    ['npm start (node --import tsx)', ['--import', 'tsx', IN_PROCESS]],
    ['npm run dev (the tsx CLI)', [TSX_CLI, IN_PROCESS]],
  ])(
    '%s',
    (_name, args) => {
      const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 90_000 });
      expect(child.status, child.stderr).toBe(0);
      expect(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
        answer: 'UNSUPPORTED_FORMAT',
        workers: 1,
        afterClose: 0,
      });
    },
    120_000,
  );
});
