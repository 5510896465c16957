import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFrameworkCatalogue } from '@caitien/core';
import {
  migrateToLatest,
  seedFrameworkCatalogue,
  type DatabaseHandle,
  type DialectName,
} from '@caitien/db';
import { openTestDatabase } from '@caitien/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDependencies } from '../build-app.ts';
import type { Clock } from '../clock.ts';
import type { DocumentParsers } from '../documents/document-parsers.ts';
import type { AuthSettings } from '../modules/auth/auth.service.ts';
import { createPasswordHasher, type PasswordHasher } from '../modules/auth/password-hasher.ts';

/** A fixed clock for tests: results never depend on the time of day. */
export const fixedClock = (iso = '2026-11-23T08:00:00.000Z'): Clock => ({
  now: () => new Date(iso),
});

/** An app on a fresh, migrated and seeded database of the given engine, for `app.inject()`. */
export async function createTestApp(
  dialect: DialectName,
  options: {
    clock?: Clock;
    authSettings?: Partial<AuthSettings>;
    hasher?: PasswordHasher;
    documentParsers?: DocumentParsers;
    /** Largest evidence file accepted (default 20 MB). */
    evidenceMaxFileBytes?: number;
    /** Issue 14: what runs after each office comment. */
    onOfficeComment?: AppDependencies['onOfficeComment'];
    /** Background jobs (e.g. a mail transport). */
    jobs?: AppDependencies['jobs'];
    /**
     * LibreOffice for the PDF of a published plan (issue 14): none by default (fast; the plan is
     * published with its DOCX only); a test of the PDF passes `findSoffice()`.
     */
    soffice?: string | null;
    /** PUBLIC_URL of the public disclosure (default: the request's origin). */
    publicUrl?: string | null;
    /** Prometheus metrics options (issue 15): the token, Node's process metrics. */
    metrics?: AppDependencies['metrics'];
    /** What makes PDFs (default: the app's LibreOffice pool); tests of the queue pass a fake. */
    pdfConverter?: AppDependencies['pdfConverter'];
  } = {},
): Promise<{
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The temporary DATA_DIR of this app (evidence files), removed by `close`. */
  dataDir: string;
  close(): Promise<void>;
}> {
  const database = await openTestDatabase(dialect);
  await migrateToLatest(database.db);
  const clock = options.clock ?? fixedClock();
  await seedFrameworkCatalogue(database.db, loadFrameworkCatalogue(), clock.now().toISOString());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-test-data-'));
  const app = await buildApp({
    database,
    evidenceFiles: {
      dataDir,
      ...(options.evidenceMaxFileBytes ? { maxFileBytes: options.evidenceMaxFileBytes } : {}),
    },
    clock,
    // A cheap scrypt cost keeps the suites fast; production uses 2^15.
    hasher: options.hasher ?? createPasswordHasher({ cost: 1024 }),
    authSettings: options.authSettings,
    documentParsers: options.documentParsers,
    ...(options.onOfficeComment ? { onOfficeComment: options.onOfficeComment } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.pdfConverter ? { pdfConverter: options.pdfConverter } : {}),
    publicDisclosure: { soffice: options.soffice ?? null, publicUrl: options.publicUrl ?? null },
    // CAITIEN_TEST_LOG=error shows server errors behind a test's 500.
    logger: process.env.CAITIEN_TEST_LOG ? { level: process.env.CAITIEN_TEST_LOG } : false,
  });
  await app.ready();
  return {
    app,
    database,
    dataDir,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves forward by hand. */
export function movableClock(iso = '2026-11-23T08:00:00.000Z') {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
