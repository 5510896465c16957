import type { Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';
import { createVersionedWriter } from '../../kernel/versioned-write.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { EvidenceFileStore } from '../evidence/evidence-file-store.ts';
import { createDashboard } from './dashboard.service.ts';
import { createMonitoringReader } from './monitoring-reader.ts';
import { createMyTasks } from './my-tasks.service.ts';
import { createProgressFiles } from './progress-files.service.ts';
import { createProgressUseCases } from './progress.service.ts';
import { createYearClose } from './year-close.service.ts';

/**
 * Carrying out the plan (issue 13), as the routes see it: progress of the rows and its log, files
 * that become minh chứng, the dashboard, "Việc của tôi", closing the year. Each use case is built
 * from only what it uses, over one monitoring reader.
 */
export function createProgressMonitoringService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** The evidence file store (progress files are kept with the evidence, by content). */
  store: EvidenceFileStore;
  maxFileBytes: number;
}) {
  const { repositories, clock, ids, audit } = deps;
  const reader = createMonitoringReader({ repositories, clock });
  const write = createVersionedWriter({ repositories, audit });
  const progress = createProgressUseCases({ repositories, reader, write, clock, ids });
  return {
    reader,
    getPlanProgress: progress.getPlanProgress,
    getRowProgress: progress.getRowProgress,
    addRowProgress: progress.addRowProgress,
    files: createProgressFiles({
      repositories,
      reader,
      progress,
      write,
      store: deps.store,
      clock,
      ids,
      maxBytes: deps.maxFileBytes,
    }),
    ...createDashboard({ repositories, reader }),
    ...createMyTasks({ repositories, reader }),
    ...createYearClose({ repositories, reader, write, clock }),
  };
}

export type ProgressMonitoringService = ReturnType<typeof createProgressMonitoringService>;
