import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Repositories } from '@caitien/db';
import type { Clock } from '../clock.ts';

/** What the jobs log through (pino's shape; the app's logger by default). */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A background job: run when due, then again `intervalMs` after it finished. */
export interface JobDefinition {
  name: string;
  intervalMs: number;
  /**
   * How long a run may hold the job before another process may take it over (a crashed run's
   * lease simply expires). Longer than any run; the jobs are idempotent, so an overrun at worst
   * repeats work that the dedupe keys then discard.
   */
  leaseMs: number;
  /**
   * Run at each start of the runner whatever its schedule says. For the reminders: harmless (a
   * reminder is never made twice) and it is what makes them appear under a clock fixed by
   * `CAITIEN_NOW`, where the next scheduled run never comes.
   */
  runAtStart?: boolean;
  run(): Promise<void>;
}

export interface JobRunner {
  /** Runs every job that is due now (one tick); the names of those this process ran. */
  runDue(): Promise<string[]>;
  /** Starts the timer (a tick every `tickMs`, the first one at once). */
  start(): void;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * A small durable job runner (issue 13 "Reminders": a background job that survives restarts). The
 * schedule lives in `job_runs`, not in memory: a job runs when its `next_run_at` has come and
 * nobody holds an unexpired lease, which one conditional UPDATE decides (so two instances, or an
 * instance and its restarted self, never run one job at once). A restart therefore neither loses a
 * run (it is still due) nor doubles one (the lease, then the new `next_run_at`). A run that throws
 * is logged and kept in `last_error`; the job runs again at its next interval.
 */
export function createJobRunner(deps: {
  repositories: Pick<Repositories, 'notifications'>;
  clock: Clock;
  logger: JobLogger;
  jobs: readonly JobDefinition[];
  tickMs?: number;
  /** This process's name in `locked_by` (default: host, pid and a random part). */
  owner?: string;
}): JobRunner {
  const repo = deps.repositories.notifications;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const tickMs = deps.tickMs ?? 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function runJob(job: JobDefinition): Promise<boolean> {
    const now = deps.clock.now().getTime();
    await repo.ensureJob(job.name, iso(now));
    const taken = await repo.acquireJob(job.name, {
      now: iso(now),
      lockedUntil: iso(now + job.leaseMs),
      owner,
    });
    if (!taken) return false;
    let error: string | null = null;
    try {
      await job.run();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      deps.logger.error({ job: job.name, err: e }, 'background job failed');
    }
    const finished = deps.clock.now().getTime();
    await repo.finishJob(job.name, owner, {
      now: iso(finished),
      nextRunAt: iso(finished + job.intervalMs),
      error,
    });
    return true;
  }

  async function runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of deps.jobs) {
      try {
        if (await runJob(job)) ran.push(job.name);
      } catch (e) {
        // The database itself failed (e.g. closed during shutdown): log, try again next tick.
        deps.logger.error({ job: job.name, err: e }, 'background job could not be scheduled');
      }
    }
    return ran;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = runDue().finally(() => {
        running = null;
        schedule(tickMs);
      });
    }, delay);
    // The timer never keeps the process alive on its own (shutdown closes the app).
    timer.unref();
  }

  return {
    runDue: () => {
      const run = runDue();
      running = run;
      return run.finally(() => {
        if (running === run) running = null;
      });
    },
    start() {
      if (!stopped) return;
      stopped = false;
      const now = iso(deps.clock.now().getTime());
      const atStart = deps.jobs.filter((job) => job.runAtStart);
      running = Promise.all(
        atStart.map(async (job) => {
          await repo.ensureJob(job.name, now);
          await repo.makeJobDue(job.name, now);
        }),
      )
        .then(() => undefined)
        .catch((e: unknown) => {
          deps.logger.error({ err: e }, 'background jobs could not be made due at start');
        })
        .finally(() => {
          running = null;
          schedule(0);
        });
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
  };
}
