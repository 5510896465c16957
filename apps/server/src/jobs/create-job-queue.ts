import type { DatabaseHandle } from '@caitien/db';
import { createRepositories } from '@caitien/db';
import type { Clock } from '../clock.ts';
import type { JobLogger } from './job-runner.ts';
import { createSqliteJobQueue, type JobQueue } from './job-queue.ts';
import { createPgBossJobQueue } from './pg-boss-job-queue.ts';

/** The job queue for the database's engine: pg-boss on PostgreSQL, `queued_jobs` on SQLite. */
export function createJobQueue(deps: {
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  clock: Clock;
  logger: JobLogger;
  /** pg-boss's supervision (expiry, retention): on when the app's background jobs run. */
  maintenance?: boolean;
  /** This process's name in leases (SQLite; tests name their "instances"). */
  owner?: string;
  pollMs?: number;
}): JobQueue {
  if (deps.database.dialect === 'postgres') {
    return createPgBossJobQueue({
      db: deps.database.db,
      logger: deps.logger,
      maintenance: deps.maintenance,
      pollMs: deps.pollMs,
    });
  }
  return createSqliteJobQueue({
    repositories: createRepositories(deps.database.db),
    clock: deps.clock,
    logger: deps.logger,
    owner: deps.owner,
    pollMs: deps.pollMs,
  });
}
