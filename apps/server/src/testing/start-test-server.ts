import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '@caitien/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../build-app.ts';
import { prepareDatabase } from '../bootstrap.ts';
import type { Clock } from '../clock.ts';
import { REPO_ROOT } from '../config.ts';

/** A running server on a fresh SQLite database in a temporary folder, serving the built web app. */
export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  dataDir: string;
  /** The server's database, for journeys that stage a server-side state. */
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Starts a server for browser tests and benchmarks on a random port of 127.0.0.1. */
export async function startTestServer(
  options: { webDistDir?: string; clock?: Clock } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-test-'));
  const { database } = await prepareDatabase({ dataDir });
  const app = await buildApp({
    database,
    evidenceFiles: { dataDir },
    webDistDir: options.webDistDir ?? path.join(REPO_ROOT, 'apps/web/dist'),
    ...(options.clock ? { clock: options.clock } : {}),
    // As main.ts: the job queue runs (a PDF asked for in the browser is made); the scheduled jobs
    // (reminders, mail) stay with the journeys' runJobs.
    jobs: { runQueue: true },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: address,
    app,
    dataDir,
    database,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
