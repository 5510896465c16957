import { ASSESSMENT_NOUNS } from '@caitien/core';
import type { AssessmentRecord, BoundRepositories, Repositories } from '@caitien/db';
import type { AssessmentDetail } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { applyTransition } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import type { AssessmentEvidenceHooks } from './assessment-hooks.ts';
import { storeAssessmentOutcome } from './assessment-outcome.ts';
import type { AssessmentReader } from './assessment-reader.ts';
import { sealAssessment, verifyAssessmentSeal, type AssessmentContent } from './assessment-seal.ts';

type AssessmentTransition = 'submit' | 'approve' | 'revise';

/**
 * The assessment's lifecycle through the kernel: "trình", approval by the chủ tịch (the principal)
 * with the seal of the whole content — evidence metadata and citations included, read in the same
 * transaction under the assessment's lock —, verification of the seal, revisions copying everything.
 */
export function createAssessmentLifecycle(deps: {
  repositories: Pick<Repositories, 'assessments' | 'transaction'>;
  reader: AssessmentReader;
  write: VersionedWriter;
  evidence: AssessmentEvidenceHooks;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, write, evidence, clock, ids } = deps;

  async function loadFor(ctx: ServiceContext, id: string, transition: AssessmentTransition) {
    const loaded = await reader.loadAssessment(ctx, id, transition);
    applyTransition(loaded.assessment.status, transition, ASSESSMENT_NOUNS);
    return loaded;
  }

  async function lockFor(
    tx: BoundRepositories,
    ctx: ServiceContext,
    loaded: { assessment: AssessmentRecord; school: { path: string } },
    transition: AssessmentTransition,
  ) {
    const locked = await reader.lockAssessment(
      tx,
      ctx,
      loaded.assessment.id,
      transition,
      loaded.school.path,
      'transition',
    );
    return { locked, to: applyTransition(locked.status, transition, ASSESSMENT_NOUNS) };
  }

  /** The whole content through one set of repositories (the transaction's, or the plain ones). */
  async function contentOf(
    r: Pick<BoundRepositories, 'assessments'>,
    tx: BoundRepositories | null,
    assessment: AssessmentRecord,
  ): Promise<AssessmentContent> {
    return {
      assessment,
      criteria: await r.assessments.listCriteria(assessment.id),
      standards: await r.assessments.listStandards(assessment.id),
      level4: await r.assessments.listLevel4(assessment.id),
      evidence: await evidence.sealContent(tx ?? (r as BoundRepositories), assessment.id),
    };
  }

  return {
    async submitAssessment(
      ctx: ServiceContext,
      id: string,
      version: number,
    ): Promise<AssessmentDetail> {
      const loaded = await loadFor(ctx, id, 'submit');
      const { assessment, school } = loaded;
      await write(
        ctx,
        async (tx, record) => {
          const { locked, to } = await lockFor(tx, ctx, loaded, 'submit');
          const now = clock.now().toISOString();
          if (
            !(await tx.assessments.updateStatus(id, version, { status: to, submittedAt: now }, now))
          )
            throw new StaleWrite();
          await record({
            action: 'assessment.submit',
            entityType: 'assessment',
            entityId: id,
            unit: school,
            summary: `Trình báo cáo tự đánh giá năm học ${assessment.schoolYear}`,
            before: { status: locked.status },
            after: { status: to },
          });
        },
        () => reader.currentDetail(id),
      );
      return reader.reloadDetail(id);
    },

    /**
     * Approval: in one transaction holding the assessment's lock, the whole content (with the
     * evidence list) is read, sealed and the status flipped; a save waiting on the lock is refused.
     */
    async approveAssessment(
      ctx: ServiceContext,
      id: string,
      version: number,
    ): Promise<AssessmentDetail> {
      const loaded = await loadFor(ctx, id, 'approve');
      const { assessment, school } = loaded;
      const approver = ctx.audit.actorUserId ?? ctx.actor.userId;
      await write(
        ctx,
        async (tx, record) => {
          const { locked, to } = await lockFor(tx, ctx, loaded, 'approve');
          if (locked.version !== version) throw new StaleWrite();
          const seal = sealAssessment(await contentOf(tx, tx, locked));
          const now = clock.now().toISOString();
          if (
            !(await tx.assessments.updateStatus(
              id,
              version,
              { status: to, approvedAt: now, approvedByUserId: approver },
              now,
            ))
          )
            throw new StaleWrite();
          // The roll-up's copy of the levels (migration 0009), written with the seal.
          await storeAssessmentOutcome(tx, await reader.frameworkOf(locked.frameworkId), {
            ...locked,
            status: to,
          });
          await tx.assessments.insertSnapshot({
            assessmentId: id,
            contentJson: seal.json,
            contentHash: seal.hash,
            approvedAt: now,
            approvedByUserId: approver,
          });
          await record({
            action: 'assessment.approve',
            entityType: 'assessment',
            entityId: id,
            unit: school,
            summary: `Phê duyệt báo cáo tự đánh giá năm học ${assessment.schoolYear}${assessment.revisionNumber ? ` (điều chỉnh lần ${assessment.revisionNumber})` : ''}`,
            after: { contentHash: seal.hash },
          });
        },
        () => reader.currentDetail(id),
      );
      return reader.reloadDetail(id);
    },

    /** The stored seal against its hash and against the live content (tampering shows). */
    async verifyAssessment(ctx: ServiceContext, id: string) {
      const { assessment } = await reader.loadAssessment(ctx, id, 'read');
      const snapshot = await repos.assessments.findSnapshot(id);
      if (assessment.status !== 'approved' || !snapshot)
        return { status: 'not_approved' as const, details: [], differences: [] };
      // Read in one transaction so the evidence part sees the same moment.
      const content = await repos.transaction((tx) => contentOf(tx, tx, assessment));
      return verifyAssessmentSeal(snapshot, content);
    },

    async listRevisions(ctx: ServiceContext, id: string) {
      const { assessment } = await reader.loadAssessment(ctx, id, 'read');
      const lineage = await repos.assessments.listLineage(assessment.lineageId);
      return lineage.map((a) => ({
        id: a.id,
        revisionNumber: a.revisionNumber,
        status: a.status,
        approvedAt: a.approvedAt,
        updatedAt: a.updatedAt,
      }));
    },

    /** A revision of an approved assessment: a new draft copying everything (evidence included). */
    async reviseAssessment(
      ctx: ServiceContext,
      id: string,
      reason: string,
    ): Promise<AssessmentDetail> {
      const loaded = await loadFor(ctx, id, 'revise');
      const { assessment, school } = loaded;
      const newId = ids.next();
      const number = assessment.revisionNumber + 1;
      const newer = (latest: AssessmentRecord) =>
        new AppError(
          'CONFLICT',
          `Đã có bản điều chỉnh lần ${latest.revisionNumber}; hãy điều chỉnh từ bản mới nhất.`,
          { assessmentId: latest.id },
        );
      const latestOf = async () =>
        (await repos.assessments.listLineage(assessment.lineageId)).at(-1);
      const latest = await latestOf();
      if (latest && latest.id !== id) throw newer(latest);
      try {
        await write(ctx, async (tx, record) => {
          const { locked, to } = await lockFor(tx, ctx, loaded, 'revise');
          const content = {
            criteria: await tx.assessments.listCriteria(id),
            standards: await tx.assessments.listStandards(id),
            level4: await tx.assessments.listLevel4(id),
          };
          const now = clock.now().toISOString();
          await tx.assessments.insertAssessment(
            {
              ...locked,
              id: newId,
              revisionNumber: number,
              status: to,
              submittedAt: null,
              approvedAt: null,
              approvedByUserId: null,
              createdByUserId: ctx.audit.actorUserId,
              now,
            },
            {
              criteria: content.criteria.map((c) => ({ ...c, id: ids.next() })),
              standards: content.standards.map((s) => ({ ...s, id: ids.next() })),
              level4: content.level4.map((l) => ({ ...l, id: ids.next() })),
            },
          );
          await evidence.copyToRevision(tx, id, newId);
          await record({
            action: 'assessment.revision.create',
            entityType: 'assessment',
            entityId: newId,
            unit: school,
            summary: `Tạo bản điều chỉnh lần ${number} của báo cáo tự đánh giá năm học ${assessment.schoolYear}`,
            after: { reason, from: id },
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await latestOf();
        throw winner ? newer(winner) : error;
      }
      return reader.reloadDetail(newId);
    },
  };
}
