import type { Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import type { DocumentParsers } from '../../documents/document-parsers.ts';
import type { IdGenerator } from '../../ids.ts';
import { createVersionedWriter } from '../../kernel/versioned-write.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { createEvidenceCarry } from './evidence-carry.ts';
import { createEvidenceEdit } from './evidence-edit.service.ts';
import { createEvidenceFiles } from './evidence-file.service.ts';
import type { EvidenceFileStore } from './evidence-file-store.ts';
import { createEvidenceImport } from './evidence-import.service.ts';
import { createEvidenceQueries } from './evidence-query.service.ts';
import { createEvidenceReader } from './evidence-reader.ts';
import { createEvidenceRenumbering } from './evidence-renumber.service.ts';

export { createEvidenceCarry, type CarryEvidence } from './evidence-carry.ts';

/**
 * The evidence (minh chứng) of a self-assessment, as the routes see it: one object over its use
 * cases, each built from only what it uses — queries (list, one, codes in the texts), editing
 * (create, update, cite, uncite, delete), renumbering, files, import of an evidence list — and
 * `carryEvidence` for the assessment module's "start from last year".
 */
export function createEvidenceService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  store: EvidenceFileStore;
  /** Largest evidence file accepted, in bytes. */
  maxFileBytes: number;
  /** Word/Excel readers (in the server: the worker pool). */
  parsers: Pick<DocumentParsers, 'parseEvidenceList'>;
}) {
  const { repositories, clock, ids, audit, store } = deps;
  const reader = createEvidenceReader({ repositories });
  const write = createVersionedWriter({ repositories, audit });
  const carryEvidence = createEvidenceCarry({ ids });
  return {
    ...createEvidenceQueries({ repositories, reader }),
    ...createEvidenceEdit({ repositories, reader, write, clock, ids }),
    ...createEvidenceRenumbering({ repositories, reader, write, clock }),
    files: createEvidenceFiles({
      repositories,
      reader,
      write,
      store,
      clock,
      ids,
      maxBytes: deps.maxFileBytes,
    }),
    ...createEvidenceImport({ repositories, reader, write, clock, ids, parsers: deps.parsers }),
    carryEvidence,
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
