import { ASSESSMENT_NOUNS, type AssessmentOperation, type Evidence } from '@caitien/core';
import type {
  AssessmentAccessRecord,
  BoundRepositories,
  EvidenceRecord,
  Repositories,
} from '@caitien/db';
import type { EvidenceItem } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import { assertContentEditable } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import {
  ASSESSMENT_NOT_FOUND,
  assertAssessmentAccess,
  loadAssessmentAccess,
} from '../assessments/assessment-access.ts';

export const EVIDENCE_NOT_FOUND = 'Không tìm thấy minh chứng này trong báo cáo tự đánh giá.';
export const EVIDENCE_FILE_NOT_FOUND = 'Không tìm thấy tệp này của minh chứng.';

/** An evidence as stored (the evidence repository) in the documents' shape. */
export function evidenceFromRecord(record: EvidenceRecord): Evidence {
  return {
    id: record.id,
    code: record.code,
    box: record.box,
    primaryCriterionCode: record.primaryCriterionCode,
    sequence: record.sequence,
    name: record.name,
    issued: record.issued,
    issuer: record.issuer,
    note: record.note,
    link: record.link,
    criterionCodes: record.criterionCodes,
    previousCode: record.previousCode,
    carried: record.carried,
    files: record.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
    })),
  };
}

/** An evidence as the API answers it: the domain evidence, its files' upload times, its version. */
export function toEvidenceItem(record: EvidenceRecord): EvidenceItem {
  const evidence = evidenceFromRecord(record);
  return {
    ...evidence,
    files: evidence.files.map((f, i) => ({ ...f, createdAt: record.files[i]!.createdAt })),
    version: record.version,
    updatedAt: record.updatedAt,
  };
}

/**
 * How the evidence use cases reach their assessment: access decided by the assessment module's
 * `assertAssessmentAccess` (evidence changes are the assessment's `edit`; another school → 404;
 * staff read only the approved assessment), and, for writes, the assessment locked in the write's
 * transaction with access and the lifecycle decided again on the status read there (nothing
 * changes after approval except through a revision).
 */
export function createEvidenceReader(deps: {
  repositories: Pick<Repositories, 'assessments' | 'evidence'>;
}) {
  const { repositories } = deps;
  return {
    /** The assessment's access record, after `operation` was allowed (404 / 403 otherwise). */
    load(
      ctx: ServiceContext,
      assessmentId: string,
      operation: AssessmentOperation,
    ): Promise<AssessmentAccessRecord> {
      return loadAssessmentAccess(repositories, ctx.actor, operation, assessmentId);
    },

    /** As `load` for a change: also refused (409) once the assessment is approved. */
    async loadForEdit(ctx: ServiceContext, assessmentId: string): Promise<AssessmentAccessRecord> {
      const access = await loadAssessmentAccess(repositories, ctx.actor, 'edit', assessmentId);
      assertContentEditable(access.status, ASSESSMENT_NOUNS);
      return access;
    },

    /** Inside a write: the assessment under its lock, edit access and editability checked again. */
    async lockForEdit(tx: BoundRepositories, ctx: ServiceContext, access: AssessmentAccessRecord) {
      const locked = await tx.assessments.lockAssessment(access.id, 'save');
      if (!locked) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
      assertAssessmentAccess(ctx.actor, 'edit', {
        schoolPath: access.schoolPath,
        status: locked.status,
      });
      assertContentEditable(locked.status, ASSESSMENT_NOUNS);
      return locked;
    },

    /** One evidence of the assessment (404 when it is not one of its evidence). */
    async evidenceOf(
      repos: Pick<BoundRepositories, 'evidence'>,
      assessmentId: string,
      evidenceId: string,
    ): Promise<EvidenceRecord> {
      const found = await repos.evidence.findEvidence(assessmentId, evidenceId);
      if (!found) throw new AppError('NOT_FOUND', EVIDENCE_NOT_FOUND);
      return found;
    },
  };
}

export type EvidenceReader = ReturnType<typeof createEvidenceReader>;
