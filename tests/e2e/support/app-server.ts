import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestServer } from '../../../apps/server/src/testing/start-test-server.ts';
import { WEB_DIST_DIR } from './paths.ts';

/** The app under test: where it listens and how to stop it. */
export interface AppUnderTest {
  baseUrl: string;
  close(): Promise<void>;
  /** Runs the background jobs that are due, as the timer would (not with an external server). */
  runJobs?(): Promise<string[]>;
  /**
   * Records a failed run of a background job as the runner does (job-runner.ts), left due and
   * held by nobody (not with an external server).
   */
  recordJobFailure?(name: string, error: string): Promise<void>;
  /**
   * Records a job of the job queue failed for good after its last attempt, as the SQLite queue
   * does (job-queue.ts; not with an external server).
   */
  recordQueuedJobFailure?(name: string, error: string): Promise<void>;
}

/**
 * Starts the server on a fresh SQLite database (migrated, seeded with the framework catalogue),
 * serving the built web app, on a random port. `CAITIEN_E2E_BASE_URL` points the journeys at a
 * server that is already running instead (for debugging against `npm run dev`).
 */
export async function startApp(options: { startAt?: string } = {}): Promise<AppUnderTest> {
  const external = process.env.CAITIEN_E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), close: async () => {} };
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(
      `The web app is not built (${WEB_DIST_DIR}). Run: npm run build -w @caitien/web`,
    );
  }
  const server = await startTestServer(
    options.startAt ? { clock: runningClockFrom(options.startAt) } : {},
  );
  return {
    baseUrl: server.baseUrl.replace(/\/+$/, ''),
    close: () => server.close(),
    runJobs: () => server.app.jobs.runDue(),
    recordJobFailure: async (name, error) => {
      await server.database.db
        .updateTable('job_runs')
        .set({
          last_error: error,
          next_run_at: '2000-01-01T00:00:00.000Z',
          locked_until: null,
          locked_by: null,
        })
        .where('name', '=', name)
        .execute();
    },
    recordQueuedJobFailure: async (name, error) => {
      const now = new Date().toISOString();
      await server.database.db
        .insertInto('queued_jobs')
        .values({
          id: randomUUID(),
          name,
          data_json: '{}',
          state: 'failed',
          singleton_key: null,
          retry_limit: 2,
          retry_delay_seconds: 30,
          retry_backoff: 1,
          attempts: 3,
          start_after: now,
          started_on: now,
          locked_until: null,
          locked_by: null,
          completed_on: now,
          last_error: error,
          output_json: null,
          created_on: now,
        })
        .execute();
    },
  };
}

/**
 * A clock that starts at `iso` and runs on from there: the journey sees the same school day
 * whatever the real date, and the updates it makes still follow one another in time.
 */
export function runningClockFrom(iso: string): { now(): Date } {
  const offset = Date.parse(iso) - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
