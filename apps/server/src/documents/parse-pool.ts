import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, type ErrorCode } from '@caitien/shared';
import type { StaffImportResult } from '@caitien/documents';
import { AppError } from '../errors.ts';
import type {
  DocumentParsers,
  ParseAnswer,
  ParseJob,
  PreparedPlanPreview,
  SerializedError,
  EvidenceListResult,
  RenderedPlan,
} from './document-parsers.ts';

/**
 * Issue 11: the uploaded Word/Excel files are parsed off the event loop. The importers' limits
 * bound what a file may hold, but the heaviest file they accept still takes 1.5–5 s of CPU
 * (a DOCX plan of ~3,000 rows, a workbook of 16,000 rich-text strings): on the main thread
 * every other request of every school waits that long. Here a small pool of worker threads
 * runs them, one file per worker at a time; each worker's heap is capped (`resourceLimits`), a
 * job that runs too long has its worker terminated, and jobs wait in a short queue when all
 * workers are busy. Workers start on first use and stop when idle, so a server that never
 * imports pays nothing.
 */

export interface ParsePoolOptions {
  /** Worker threads at most (default: 2, or 1 on a single-core machine). */
  size?: number;
  /** A job running longer than this has its worker terminated (default 30 s). */
  timeoutMs?: number;
  /** Jobs waiting for a worker at most; past that an upload is answered 503 (default 8). */
  maxQueue?: number;
  /**
   * Old-generation heap of a worker, MB (default 128: the heaviest accepted plan DOCX needs
   * 64–96 with the worker's own code, the heaviest accepted workbook under 64).
   */
  maxOldGenerationSizeMb?: number;
  /** An idle worker stops after this long (default 60 s). */
  idleMs?: number;
  /** Where worker problems are reported (a Fastify logger fits). */
  logger?: { warn(details: object, message: string): void };
  /** The worker's entry (tests point it at a misbehaving one). */
  workerUrl?: URL;
}

/** The parsers, run in worker threads, and the pool's own controls. */
export interface ParsePool extends DocumentParsers {
  /** Terminates the workers and refuses waiting and later jobs (app close). */
  close(): Promise<void>;
  /** Workers alive and jobs waiting, for tests and diagnostics. */
  stats(): { workers: number; busy: number; queued: number };
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxQueue: 8,
  maxOldGenerationSizeMb: 128,
  idleMs: 60_000,
};

const MESSAGES = {
  busy: 'Máy chủ đang đọc nhiều tệp khác. Vui lòng thử lại sau ít phút.',
  closing: 'Máy chủ đang dừng nên chưa đọc được tệp. Vui lòng thử lại sau ít phút.',
  timeout: (seconds: number) =>
    `Đọc tệp mất quá ${seconds} giây nên đã dừng. Tệp có thể quá lớn hoặc quá phức tạp: hãy bỏ bớt ` +
    'nội dung không cần thiết (hoặc chép riêng phần cần nhập sang một tệp mới) rồi tải lên lại.',
  outOfMemory:
    'Tệp cần quá nhiều bộ nhớ để đọc. Hãy bỏ bớt nội dung không cần thiết (hoặc chép riêng phần ' +
    'cần nhập sang một tệp mới) rồi tải lên lại.',
  crashed: 'Không đọc được tệp do sự cố của máy chủ. Vui lòng thử lại.',
  renderBusy: 'Máy chủ đang tạo nhiều tài liệu khác. Vui lòng thử lại sau ít phút.',
  renderCrashed: 'Không tạo được tài liệu do sự cố của máy chủ. Vui lòng thử lại.',
  renderOutOfMemory:
    'Kế hoạch quá lớn để tạo tài liệu trong giới hạn bộ nhớ của máy chủ. Hãy tải bản XLSX, hoặc báo quản trị viên.',
  renderTimeout: (seconds: number) =>
    `Tạo tài liệu mất quá ${seconds} giây nên đã dừng. Vui lòng thử lại sau ít phút.`,
};

interface Pending {
  id: number;
  job: ParseJob;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  /** Set once the worker is being terminated: its exit must not fail a job twice. */
  ending: boolean;
  /**
   * Set when the worker has started. A job's time limit counts from then: on a busy machine a
   * worker's start alone can take longer than a small limit, and that is not the file's fault.
   */
  online: boolean;
}

/** The crash message for a job: reading a file, or rendering a document. */
function crashedMessage(job: Pending | null): string {
  return job?.job.task === 'renderPlan' ? MESSAGES.renderCrashed : MESSAGES.crashed;
}

/** Set by the production build (scripts/build-lib.mjs): the bundled worker beside the bundle. */
declare const CAITIEN_BUNDLED_PARSE_WORKER: string | undefined;
const DEFAULT_WORKER_URL = new URL(
  typeof CAITIEN_BUNDLED_PARSE_WORKER === 'string'
    ? CAITIEN_BUNDLED_PARSE_WORKER
    : './parse-worker.mjs', // the TypeScript sources through tsx (npm run dev, tests)
  import.meta.url,
);

/** Rebuilds an error thrown in a worker: an AppError stays one; anything else stays a bug (500). */
function reviveError(error: SerializedError): Error {
  if (error.name === 'AppError' && (ERROR_CODES as readonly string[]).includes(error.code ?? '')) {
    return new AppError(error.code as ErrorCode, error.message, error.details);
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/** Starts a pool (no worker yet: the first job starts one). */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxQueue = options.maxQueue ?? DEFAULTS.maxQueue;
  const idleMs = options.idleMs ?? DEFAULTS.idleMs;
  const maxOld = options.maxOldGenerationSizeMb ?? DEFAULTS.maxOldGenerationSizeMb;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot): Pending | null {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return job;
  }

  function retire(slot: Slot): void {
    if (slot.ending) return;
    slot.ending = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slots.delete(slot);
    void slot.worker.terminate();
  }

  function spawn(): Slot {
    const worker = new Worker(workerUrl, {
      // The parent's flags (tsx's own --import, vitest's) are not the worker's business: the
      // entry registers what it needs.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxOld, maxYoungGenerationSizeMb: 16 },
    });
    // An idle worker never keeps the process alive; close() still ends them.
    worker.unref();
    const slot: Slot = {
      worker,
      job: null,
      timer: null,
      idleTimer: null,
      ending: false,
      online: false,
    };
    worker.once('online', () => {
      slot.online = true;
      if (slot.job && !slot.timer) startTimer(slot, slot.job);
    });
    worker.on('message', (answer: ParseAnswer) => {
      const job = slot.job;
      if (!job || job.id !== answer.id) return;
      finish(slot);
      if (answer.ok) job.resolve(answer.result);
      else job.reject(reviveError(answer.error));
      pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // Uncaught in the worker, or its heap limit reached: the worker is gone with its job.
      const job = finish(slot);
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!outOfMemory) options.logger?.warn({ err: error }, 'parse worker failed');
      job?.reject(
        outOfMemory
          ? job?.job.task === 'renderPlan'
            ? new AppError('SERVICE_UNAVAILABLE', MESSAGES.renderOutOfMemory, {
                reason: 'OUT_OF_MEMORY',
              })
            : new AppError('PAYLOAD_TOO_LARGE', MESSAGES.outOfMemory, { reason: 'OUT_OF_MEMORY' })
          : new AppError('SERVICE_UNAVAILABLE', crashedMessage(job), { reason: 'WORKER_FAILED' }),
      );
      retire(slot);
      pump();
    });
    worker.on('exit', (code) => {
      const job = finish(slot);
      if (job) {
        options.logger?.warn({ exitCode: code }, 'parse worker exited during a job');
        job.reject(
          new AppError('SERVICE_UNAVAILABLE', crashedMessage(job), { reason: 'WORKER_FAILED' }),
        );
      }
      slot.ending = true;
      slots.delete(slot);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      pump();
    });
    slots.add(slot);
    return slot;
  }

  function dispatch(slot: Slot, job: Pending): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    if (slot.online) startTimer(slot, job);
    // The bytes are copied (the request's buffer may be a slice of a shared pool).
    slot.worker.postMessage({ id: job.id, job: job.job });
  }

  function startTimer(slot: Slot, job: Pending): void {
    slot.timer = setTimeout(() => {
      finish(slot);
      options.logger?.warn({ task: job.job.task, timeoutMs }, 'parse job timed out');
      const seconds = Math.max(1, Math.round(timeoutMs / 1000));
      job.reject(
        job.job.task === 'renderPlan'
          ? new AppError('SERVICE_UNAVAILABLE', MESSAGES.renderTimeout(seconds), {
              reason: 'TIMEOUT',
            })
          : new AppError('VALIDATION_ERROR', MESSAGES.timeout(seconds), { reason: 'TIMEOUT' }),
      );
      retire(slot);
      pump();
    }, timeoutMs);
  }

  function pump(): void {
    if (closed) return;
    while (queue.length > 0) {
      let slot = [...slots].find((s) => !s.job && !s.ending);
      if (!slot) {
        if (slots.size >= size) return;
        slot = spawn();
      }
      dispatch(slot, queue.shift() as Pending);
    }
    for (const slot of slots) {
      if (slot.job || slot.ending || slot.idleTimer) continue;
      slot.idleTimer = setTimeout(() => retire(slot), idleMs);
      slot.idleTimer.unref();
    }
  }

  function run(job: ParseJob): Promise<unknown> {
    if (closed) return Promise.reject(new AppError('SERVICE_UNAVAILABLE', MESSAGES.closing));
    const busy = [...slots].filter((s) => s.job).length;
    if (busy >= size && queue.length >= maxQueue) {
      return Promise.reject(
        new AppError(
          'SERVICE_UNAVAILABLE',
          job.task === 'renderPlan' ? MESSAGES.renderBusy : MESSAGES.busy,
          { reason: 'BUSY' },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      queue.push({ id: nextId++, job, resolve, reject });
      pump();
    });
  }

  return {
    previewPlan: (input, parseOptions) =>
      run({ task: 'previewPlan', input, options: parseOptions }) as Promise<PreparedPlanPreview>,
    parseStaffWorkbook: (bytes) =>
      run({ task: 'parseStaffWorkbook', bytes }) as Promise<StaffImportResult>,
    parseEvidenceList: (bytes, fileName) =>
      run({ task: 'parseEvidenceList', bytes, fileName }) as Promise<EvidenceListResult>,
    renderPlan: (input) => run({ task: 'renderPlan', input }) as Promise<RenderedPlan>,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.reject(new AppError('SERVICE_UNAVAILABLE', MESSAGES.closing));
      }
      const ending = [...slots].map(async (slot) => {
        const job = finish(slot);
        job?.reject(new AppError('SERVICE_UNAVAILABLE', MESSAGES.closing));
        slot.ending = true;
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        slots.delete(slot);
        await slot.worker.terminate();
      });
      await Promise.all(ending);
    },
    stats() {
      const all = [...slots];
      return {
        workers: all.length,
        busy: all.filter((s) => s.job).length,
        queued: queue.length,
      };
    },
  };
}
