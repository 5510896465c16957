import type { Repositories } from '@caitien/db';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { JobQueue } from './job-queue.ts';
import { createJobRunner, type JobLogger, type JobRunner } from './job-runner.ts';
import { createMailJob, type MailJobSettings } from './mail-job.ts';
import type { MailTransport } from './mail-transport.ts';
import { createReminderJob } from './reminder-job.ts';
import { rebuildPlanRollupSummaries } from '../modules/rollup/plan-rollup-summaries.ts';
import { flushRollupTallies } from '../modules/rollup/rollup-tallies.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The background jobs: `runDue()` lets the scheduler enqueue what is due (reminders, mail),
     * then runs the queue until it is empty; started with the app when `jobs.enabled`.
     */
    jobs: JobRunner;
    /** The job queue (pg-boss on PostgreSQL, `queued_jobs` on SQLite). */
    jobQueue: JobQueue;
  }
}

/** The app's background jobs, as `buildApp` takes them (AppDependencies.jobs). */
export interface BackgroundJobOptions {
  /** Start the timer when the app is ready (main.ts, REMINDERS_ENABLED); off by default (tests). */
  enabled?: boolean;
  /** Where e-mail goes; null/absent: no SMTP configured, reminders stay in the app. */
  mailTransport?: MailTransport | null;
  /** The app's address for links in e-mails (PUBLIC_URL). */
  publicUrl?: string | null;
  /** How often the reminders are computed (default 1 hour; REMINDERS_INTERVAL_MINUTES). */
  remindersIntervalMs?: number;
  /** How often the timer looks for due jobs (default 1 minute); the mail job runs every tick. */
  tickMs?: number;
  mail?: Partial<MailJobSettings>;
  /** Default: the app's logger. */
  logger?: JobLogger;
  /** This process's name in job leases (tests name their "instances"). */
  owner?: string;
  /**
   * Poll the job queue (PDF exports, roll-up refresh, …) while the app runs; main.ts always does,
   * tests run the queue by hand (`app.jobQueue.runPending()` or `app.jobs.runDue()`). On by
   * itself when `enabled`.
   */
  runQueue?: boolean;
  /** How often the queue is polled (default: the tick, at most 5 s). */
  queuePollMs?: number;
  /**
   * Enqueue the rebuild of missing plan roll-up summaries when the app is ready (main.ts), instead
   * of rebuilding them before the server listens.
   */
  refreshRollupAtStart?: boolean;
}

/** The queues' retry policies (README "Tác vụ nền"). */
export const QUEUE_POLICIES = {
  reminders: { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 1800 },
  mail: { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 900 },
  'rollup-refresh': {
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 3600,
  },
} as const;

/**
 * Wires the background work into the app (issue 15 "Background jobs"). The work itself runs as jobs
 * of the job queue: 'reminders', 'mail' and 'rollup-refresh' here, 'plan-export' and its cleanup
 * in the plans module; each handler is idempotent. The lease-based `job_runs` runner stays as the
 * *scheduler*: when reminders (hourly) or the outbox (every tick) are due, it enqueues their job
 * with a singleton key, so several instances enqueue one. `app.jobs.runDue()` runs the scheduler
 * and then the queue until it is empty (the tests call it with a fixed clock); with `enabled` both
 * run on timers, started when the app is ready and stopped (waiting for a run in progress) when it
 * closes, before the database is.
 */
export function registerBackgroundJobs(
  app: FastifyInstance,
  deps: {
    repositories: Repositories;
    clock: Clock;
    ids: IdGenerator;
    queue: JobQueue;
    options: BackgroundJobOptions;
  },
): JobRunner {
  const { queue } = deps;
  const { options } = deps;
  const logger: JobLogger = options.logger ?? app.log;
  const transport = options.mailTransport ?? null;
  const reminders = createReminderJob({
    repositories: deps.repositories,
    clock: deps.clock,
    ids: deps.ids,
    logger,
    mail: transport ? { from: transport.from, publicUrl: options.publicUrl ?? null } : null,
  });
  const mail = createMailJob({
    repositories: deps.repositories,
    clock: deps.clock,
    transport,
    logger,
    settings: options.mail,
  });
  queue.work({
    name: 'reminders',
    ...QUEUE_POLICIES.reminders,
    handler: async () => {
      await reminders();
      // The reminders' mails go out in the same run of the queue; the hourly run also folds the
      // roll-up marks the reads have not (so the list stays short where nobody reads a roll-up).
      await queue.send('mail', {}, { singletonKey: 'outbox' });
      await queue.send('rollup-refresh', {}, { singletonKey: 'missing-summaries' });
      return null;
    },
  });
  queue.work({
    // One job sends a batch of the outbox; the outbox items keep their own attempts and backoff.
    name: 'mail',
    ...QUEUE_POLICIES.mail,
    handler: async () => mail(),
  });
  queue.work({
    name: 'rollup-refresh',
    ...QUEUE_POLICIES['rollup-refresh'],
    // Missing plan summaries first (their writes mark the schools), then the tallies (migration
    // 0018): a roll-up read folds what is marked anyway; this keeps the list short between reads.
    handler: async () => ({
      rebuilt: await rebuildPlanRollupSummaries(deps.repositories, deps.clock.now().toISOString()),
      folded: await flushRollupTallies(deps.repositories),
    }),
  });
  const scheduler = createJobRunner({
    repositories: deps.repositories,
    clock: deps.clock,
    logger,
    tickMs: options.tickMs,
    owner: options.owner,
    // In this order: the reminders of a run are mailed in the same tick.
    jobs: [
      {
        name: 'reminders',
        intervalMs: options.remindersIntervalMs ?? 60 * 60_000,
        leaseMs: 30 * 60_000,
        runAtStart: true,
        run: async () => {
          await queue.send('reminders', {}, { singletonKey: 'reminders' });
        },
      },
      {
        // Due at every tick (interval 0): the outbox items carry their own schedule and lease.
        name: 'mail',
        intervalMs: 0,
        // Each item is claimed on its own, so a second runner after this lease does no harm.
        leaseMs: 5 * 60_000,
        run: async () => {
          await queue.send('mail', {}, { singletonKey: 'outbox' });
        },
      },
    ],
  });
  const runner: JobRunner = {
    async runDue() {
      const ran = await scheduler.runDue();
      await queue.runPending();
      return ran;
    },
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
  app.decorate('jobs', runner);
  app.decorate('jobQueue', queue);
  app.addHook('onReady', async () => {
    if (options.refreshRollupAtStart) {
      // Plans approved before migration 0015 get their summaries without holding up the start.
      await queue.send('rollup-refresh', {}, { singletonKey: 'missing-summaries' });
    }
    if (options.enabled || options.runQueue) await queue.start();
    if (options.enabled) runner.start();
  });
  app.addHook('onClose', async () => {
    await runner.stop();
    await queue.stop();
    transport?.close();
  });
  return runner;
}
