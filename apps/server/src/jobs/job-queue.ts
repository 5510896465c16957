import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { QueuedJobRecord, QueuedJobState, Repositories } from '@caitien/db';
import type { Clock } from '../clock.ts';
import type { JobLogger } from './job-runner.ts';

/** A job's state, as pg-boss names them ('cancelled' only on PostgreSQL, never used by the app). */
export type JobState = QueuedJobState | 'cancelled';

/** How a queue retries: `retryLimit` retries after the first run, `retryDelaySeconds` apart. */
export interface QueuePolicy {
  /** Retries after the first attempt (so `retryLimit + 1` runs at most). */
  retryLimit: number;
  /** The wait before the first retry. */
  retryDelaySeconds: number;
  /**
   * Exponential backoff: the wait doubles after each failed attempt (pg-boss adds a random jitter
   * up to the same amount again; the SQLite queue waits the lower bound, which keeps tests exact).
   */
  retryBackoff: boolean;
  /**
   * How long a run may take before the job is considered abandoned (its process died) and taken
   * again as its next attempt. Longer than any run; the handlers are idempotent.
   */
  expireInSeconds: number;
}

/** One queue: its name, retry policy and the handler that does the work. */
export interface QueueDefinition<T = unknown> extends QueuePolicy {
  /** Letters, digits and hyphens (pg-boss's rule for queue names). */
  name: string;
  /**
   * Does the job. Must be idempotent: a job may run again after a crash (lease expired) or a
   * failure. Returns the job's output (JSON), kept with the completed job; a throw is a failed
   * attempt whose message the administrator sees.
   */
  handler(data: T, job: { id: string; attempt: number }): Promise<unknown>;
  /**
   * Is this error one that another attempt cannot change (a malformed file, a plan the user may no
   * longer read)? Then the job fails for good at once, so the user hears the reason now rather
   * than after the retries' backoff. Default: every error is worth a retry.
   */
  isPermanent?(error: unknown): boolean;
}

export interface SendOptions {
  /**
   * The job's logical identity: while a job of this queue and key is waiting (created or retry),
   * sending again returns that job's id instead of adding one (idempotent enqueue).
   */
  singletonKey?: string;
  /** Not before this time. */
  startAfter?: Date;
}

export interface RunPendingOptions {
  includeDelayed?: boolean;
  limit?: number;
}

/** A job as the app and the administrator see it, on either engine. */
export interface QueuedJob {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  singletonKey: string | null;
  /** Runs started so far. */
  attempts: number;
  retryLimit: number;
  /** The last failed attempt's error text. */
  lastError: string | null;
  /** What the handler returned (completed jobs). */
  output: unknown;
  createdOn: string;
  startedOn: string | null;
  /** When the job (or its next retry) may start. */
  startAfter: string;
  completedOn: string | null;
}

/** How many jobs a queue holds: waiting (created or retry), active, failed. */
export interface QueueDepth {
  name: string;
  waiting: number;
  active: number;
  failed: number;
}

/**
 * The app's job queue (issue 15 "Background jobs"): pg-boss on PostgreSQL, an in-process runner over
 * the `queued_jobs` table on SQLite, one interface and one contract test (job-queue.test.ts).
 */
export interface JobQueue {
  readonly engine: 'pg-boss' | 'sqlite';
  /** Declares a queue and its handler; before `send` to it. */
  work<T>(definition: QueueDefinition<T>): void;
  /** Enqueues a job; its id (an existing waiting job's with the same `singletonKey`). */
  send(name: string, data: object, options?: SendOptions): Promise<string>;
  getJob(id: string): Promise<QueuedJob | null>;
  /** The latest jobs in these states, newest first (the administrator's view of failures). */
  listJobs(options: { states: readonly JobState[]; limit: number }): Promise<QueuedJob[]>;
  /** Jobs per declared queue (metrics). */
  depths(): Promise<QueueDepth[]>;
  /**
   * Runs, in this process and one after the other, every job of the declared queues that is due,
   * until none is left; how many runs. Deterministic (no timers): the tests' way to run the queue.
   * `includeDelayed` also runs jobs whose start (or retry) lies in the future; `limit` stops after
   * that many runs.
   */
  runPending(options?: RunPendingOptions): Promise<number>;
  /** Starts polling (a `runPending` every `pollMs`). */
  start(): Promise<void>;
  /** Stops polling and waits for a run in progress. */
  stop(): Promise<void>;
}

/** The wait before the retry after `attempts` failed runs (SQLite; pg-boss's lower bound). */
export function retryDelaySeconds(policy: QueuePolicy, attempts: number): number {
  return policy.retryBackoff
    ? policy.retryDelaySeconds * 2 ** Math.min(16, Math.max(0, attempts - 1))
    : policy.retryDelaySeconds;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Each registered queue's depth from per-(queue, state) counts; shared by both engines. */
export function depthsFrom(
  queueNames: Iterable<string>,
  counts: readonly { name: string; state: JobState; count: number }[],
): QueueDepth[] {
  return [...queueNames].sort().map((name) => {
    const of = (...states: JobState[]) =>
      counts
        .filter((c) => c.name === name && states.includes(c.state))
        .reduce((n, c) => n + c.count, 0);
    return { name, waiting: of('created', 'retry'), active: of('active'), failed: of('failed') };
  });
}

/** This process's name in job leases (host, pid and a random part). */
export const defaultOwner = () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Shared by both engines: the polling timer around `runPending`, one run at a time in a process.
 */
export function createPoller(run: () => Promise<unknown>, pollMs: number, logger: JobLogger) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let polling = false;
  let wokenWhilePolling = false;
  let running: Promise<unknown> = Promise.resolve();
  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      polling = true;
      wokenWhilePolling = false;
      running = run()
        .catch((e: unknown) => logger.error({ err: e }, 'job queue poll failed'))
        .finally(() => {
          polling = false;
          schedule(wokenWhilePolling ? 0 : pollMs);
        });
    }, delay);
    // The timer never keeps the process alive on its own (shutdown closes the app).
    timer.unref();
  }
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /**
     * A job was just sent from this process: poll now rather than at the next interval (a PDF
     * the user waits for starts at once; other instances still find it at their next poll).
     */
    wake() {
      if (stopped) return;
      if (polling) {
        wokenWhilePolling = true;
        return;
      }
      if (timer) clearTimeout(timer);
      timer = null;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running.catch(() => undefined);
    },
  };
}

const HOUR_MS = 60 * 60_000;
/** How long the SQLite queue keeps completed and failed jobs (pg-boss: its retention, ~2 weeks). */
export const FINISHED_JOBS_KEPT_MS = 14 * 24 * HOUR_MS;

function fromRecord(r: QueuedJobRecord): QueuedJob {
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    data: r.data,
    singletonKey: r.singletonKey,
    attempts: r.attempts,
    retryLimit: r.retryLimit,
    lastError: r.lastError,
    output: r.output,
    createdOn: r.createdOn,
    startedOn: r.startedOn,
    startAfter: r.startAfter,
    completedOn: r.completedOn,
  };
}

/**
 * The SQLite job queue: jobs in `queued_jobs` (so they survive a restart), taken by one conditional
 * UPDATE each (so two processes on one file never run one job at once), retried with backoff by the
 * app's clock, failed for good after the last retry with the error kept for the administrator. A job
 * left 'active' by a process that died is taken again when its lease (`expireInSeconds`) has run out.
 */
export function createSqliteJobQueue(deps: {
  repositories: Pick<Repositories, 'queuedJobs'>;
  clock: Clock;
  logger: JobLogger;
  /** This process's name in leases (tests name their "instances"). */
  owner?: string;
  pollMs?: number;
  ids?: () => string;
}): JobQueue {
  const repo = deps.repositories.queuedJobs;
  const owner = deps.owner ?? defaultOwner();
  const newId = deps.ids ?? randomUUID;
  const queues = new Map<string, QueueDefinition<never>>();
  const iso = (ms: number) => new Date(ms).toISOString();
  let chain: Promise<unknown> = Promise.resolve();

  function definition(name: string): QueueDefinition<never> {
    const queue = queues.get(name);
    if (!queue) throw new Error(`unknown job queue "${name}"`);
    return queue;
  }

  async function runOne(includeDelayed: boolean): Promise<boolean> {
    const now = deps.clock.now().getTime();
    // The longest lease of the declared queues bounds the claim; the job's own is set below.
    const job = await repo.claimNext({
      names: [...queues.keys()],
      now: iso(now),
      lockedUntil: iso(
        now + Math.max(...[...queues.values()].map((q) => q.expireInSeconds)) * 1000,
      ),
      owner,
      includeDelayed,
    });
    if (!job) return false;
    const queue = definition(job.name);
    const fail = async (error: string, permanent = false) => {
      const at = deps.clock.now().getTime();
      const final = permanent || job.attempts > job.retryLimit;
      const startAfter = final
        ? job.startAfter
        : iso(at + retryDelaySeconds(policyOf(job), job.attempts) * 1000);
      await repo.fail(job.id, owner, {
        state: final ? 'failed' : 'retry',
        startAfter,
        error,
        now: iso(at),
      });
      const log = { job: job.name, jobId: job.id, attempt: job.attempts, error };
      if (final) deps.logger.error(log, 'job failed after its last attempt');
      else deps.logger.warn({ ...log, retryAt: startAfter }, 'job failed; will retry');
    };
    if (job.attempts > job.retryLimit + 1) {
      // Its last allowed run was interrupted (lease expired): failed, not run once more.
      await fail('the run did not finish within its time limit (process stopped?)');
      return true;
    }
    let output: unknown;
    try {
      output = await queue.handler(job.data as never, { id: job.id, attempt: job.attempts });
    } catch (e) {
      await fail(errorText(e), queue.isPermanent?.(e) ?? false);
      return true;
    }
    await repo.complete(job.id, owner, iso(deps.clock.now().getTime()), output ?? null);
    return true;
  }

  function policyOf(job: QueuedJobRecord): QueuePolicy {
    return {
      retryLimit: job.retryLimit,
      retryDelaySeconds: job.retryDelaySeconds,
      retryBackoff: job.retryBackoff,
      expireInSeconds: 0,
    };
  }

  async function runPending(options: RunPendingOptions): Promise<number> {
    let runs = 0;
    // A cap, so a handler that keeps enqueuing work cannot hold a caller forever.
    const limit = options.limit ?? 1000;
    while (runs < limit && (await runOne(options.includeDelayed ?? false))) runs += 1;
    return runs;
  }

  const queue: JobQueue = {
    engine: 'sqlite',
    work(def) {
      queues.set(def.name, def as QueueDefinition<never>);
    },
    async send(name, data, options = {}) {
      const policy = definition(name);
      const now = deps.clock.now();
      const { id } = await repo.insert({
        id: newId(),
        name,
        data,
        singletonKey: options.singletonKey ?? null,
        retryLimit: policy.retryLimit,
        retryDelaySeconds: policy.retryDelaySeconds,
        retryBackoff: policy.retryBackoff,
        startAfter: (options.startAfter ?? now).toISOString(),
        createdOn: now.toISOString(),
      });
      if (!options.startAfter || options.startAfter <= now) poller.wake();
      return id;
    },
    async getJob(id) {
      const job = await repo.find(id);
      return job ? fromRecord(job) : null;
    },
    async listJobs({ states, limit }) {
      const own = states.filter((s): s is QueuedJobState => s !== 'cancelled');
      return (await repo.list(own, limit)).map(fromRecord);
    },
    async depths() {
      return depthsFrom(queues.keys(), await repo.counts());
    },
    runPending(options = {}) {
      // One run at a time in this process (the poller and a caller never interleave).
      const run = chain.then(() => runPending(options));
      chain = run.catch(() => undefined);
      return run;
    },
    start: () => {
      poller.start();
      return Promise.resolve();
    },
    stop: () => poller.stop(),
  };
  // pg-boss's maintenance deletes old jobs; here the poller does, at most once an hour.
  let prunedAt = 0;
  async function poll(): Promise<void> {
    await queue.runPending();
    const now = deps.clock.now().getTime();
    if (Math.abs(now - prunedAt) < HOUR_MS) return;
    prunedAt = now;
    await repo.deleteFinishedBefore(new Date(now - FINISHED_JOBS_KEPT_MS).toISOString());
  }
  const poller = createPoller(poll, deps.pollMs ?? 5_000, deps.logger);
  return queue;
}
