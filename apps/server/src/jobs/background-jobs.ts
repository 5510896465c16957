import type { Repositories } from '@caitien/db';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import { createJobRunner, type JobLogger, type JobRunner } from './job-runner.ts';
import { createMailJob, type MailJobSettings } from './mail-job.ts';
import type { MailTransport } from './mail-transport.ts';
import { createReminderJob } from './reminder-job.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The background jobs (reminders, mail); started with the app when `jobs.enabled`. */
    jobs: JobRunner;
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
}

/**
 * Wires the reminder and mail jobs into the app: `app.jobs.runDue()` runs what is due (the tests
 * call it with a fixed clock); with `enabled` a timer does so every tick, started when the app is
 * ready and stopped (waiting for a run in progress) when it closes, before the database is.
 */
export function registerBackgroundJobs(
  app: FastifyInstance,
  deps: {
    repositories: Repositories;
    clock: Clock;
    ids: IdGenerator;
    options: BackgroundJobOptions;
  },
): JobRunner {
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
  const runner = createJobRunner({
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
          await reminders();
        },
      },
      {
        // Due at every tick (interval 0): the outbox items carry their own schedule and lease.
        name: 'mail',
        intervalMs: 0,
        // Each item is claimed on its own, so a second runner after this lease does no harm.
        leaseMs: 5 * 60_000,
        run: async () => {
          await mail();
        },
      },
    ],
  });
  app.decorate('jobs', runner);
  if (options.enabled) app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => {
    await runner.stop();
    transport?.close();
  });
  return runner;
}
