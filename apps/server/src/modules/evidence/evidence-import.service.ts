import type { EvidenceListImportErrorCode } from '@caitien/documents';
import type { Repositories } from '@caitien/db';
import type { EvidenceImportResult } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import type { DocumentParsers } from '../../documents/document-parsers.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { planEvidenceImport } from './evidence-import-plan.ts';
import type { EvidenceReader } from './evidence-reader.ts';

/** How the importer's refusals answer over HTTP (each with the importer's Vietnamese message). */
const ERROR_CODES: Record<
  EvidenceListImportErrorCode,
  'VALIDATION_ERROR' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'
> = {
  EMPTY_FILE: 'VALIDATION_ERROR',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_MEDIA_TYPE',
  ENCRYPTED: 'VALIDATION_ERROR',
  CORRUPT: 'VALIDATION_ERROR',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NO_PLAN_TABLE: 'VALIDATION_ERROR',
  NO_EVIDENCE_TABLE: 'VALIDATION_ERROR',
  TOO_MANY_ROWS: 'VALIDATION_ERROR',
  INVALID_OPTIONS: 'VALIDATION_ERROR',
};

/**
 * Importing a school's existing evidence list (Excel or Word) into an assessment: the same request
 * previews (nothing written) or, with `apply`, writes — the plan (evidence-import-plan.ts) is made
 * again inside the write's transaction, against the evidence as it is then, so what is written is
 * what a preview made at that moment would show.
 */
export function createEvidenceImport(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  reader: EvidenceReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
  /** Reads the upload (in the server: off the event loop, parse-pool.ts). */
  parsers: Pick<DocumentParsers, 'parseEvidenceList'>;
}) {
  const { repositories, reader, write, clock, ids } = deps;
  return {
    async importEvidenceList(
      ctx: ServiceContext,
      assessmentId: string,
      upload: { bytes: Uint8Array; fileName: string; apply: boolean },
    ): Promise<EvidenceImportResult> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      const parsed = await deps.parsers.parseEvidenceList(upload.bytes, upload.fileName);
      if (!parsed.ok)
        throw new AppError(ERROR_CODES[parsed.error.code], parsed.error.message, {
          importError: parsed.error.code,
        });
      const makePlan = async (repos: Pick<Repositories, 'evidence'>['evidence']) =>
        planEvidenceImport({
          regime: access.regime,
          criteria: (await repos.listCriteria(access.id)).map((c) => c.criterionCode),
          existing: await repos.listEvidence(access.id),
          entries: parsed.entries,
        });
      if (!upload.apply) {
        const { result } = await makePlan(repositories.evidence);
        return { applied: false, warnings: parsed.warnings, ...result };
      }
      const now = clock.now().toISOString();
      return write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const { actions, result } = await makePlan(tx.evidence);
        const entries = [];
        for (const action of actions) {
          const { entry } = action;
          if (entry.action === 'merge' && entry.evidenceId) {
            for (const c of action.citeCriteria)
              await tx.evidence.addCitation(access.id, entry.evidenceId, c);
            entries.push(entry);
          } else if (entry.action === 'create' || entry.action === 'uncited') {
            const id = ids.next();
            await tx.evidence.insertEvidence({
              id,
              assessmentId: access.id,
              code: entry.code,
              box: action.box,
              primaryCriterionCode: action.primaryCriterionCode,
              sequence: action.sequence,
              name: entry.name,
              issued: entry.issued,
              issuer: entry.issuer,
              note: entry.note,
              link: action.link,
              previousCode: action.previousCode,
              carried: false,
              originEvidenceId: null,
              criterionCodes: action.citeCriteria,
              now,
            });
            entries.push({ ...entry, evidenceId: id });
          } else entries.push(entry);
        }
        await record({
          action: 'assessment.evidence.import',
          entityType: 'assessment',
          entityId: access.id,
          unit: { id: access.schoolId, path: access.schoolPath },
          summary: `Nhập danh mục minh chứng từ tệp “${upload.fileName}”: ${result.counts.create + result.counts.uncited} minh chứng mới, ${result.counts.merge} đã có`,
          after: result.counts,
        });
        return { applied: true, warnings: parsed.warnings, entries, counts: result.counts };
      });
    },
  };
}
