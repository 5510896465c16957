import { formatEvidenceCode, nextEvidenceCode, parseEvidenceCode } from '@caitien/core';
import type { AssessmentAccessRecord, BoundRepositories, Repositories } from '@caitien/db';
import type { CreateEvidenceBody, EvidenceItem, UpdateEvidenceBody } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { rewriteCitations } from './evidence-code-rewrite.ts';
import { mentionsOf } from './evidence-mentions.ts';
import { EVIDENCE_NOT_FOUND, toEvidenceItem, type EvidenceReader } from './evidence-reader.ts';

/** Checks that every criterion is one of the assessment's; answers them without repeats. */
export async function knownCriteria(
  repos: Pick<BoundRepositories, 'evidence'>,
  assessmentId: string,
  codes: readonly string[],
): Promise<string[]> {
  const criteria = new Set(
    (await repos.evidence.listCriteria(assessmentId)).map((c) => c.criterionCode),
  );
  const unknown = codes.filter((c) => !criteria.has(c));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_ERROR',
      `Tiêu chí ${[...new Set(unknown)].join(', ')} không có trong bộ tiêu chí của báo cáo tự đánh giá này.`,
      { unknownCriteria: [...new Set(unknown)] },
    );
  }
  return [...new Set(codes)];
}

/**
 * The code of a new evidence numbered under `primary` (read inside the writing transaction, under
 * the assessment's lock): the regime's code one past the highest number used under that criterion,
 * in box `box` (2018; default the standard's number) — also used by progress files that become
 * minh chứng (issue 13).
 */
export async function allocateEvidenceCode(
  tx: Pick<BoundRepositories, 'evidence'>,
  access: Pick<AssessmentAccessRecord, 'id' | 'regime'>,
  primary: string,
  box?: number | null,
): Promise<{ code: string; box: number | null; sequence: number }> {
  const existing = (await tx.evidence.listCodes(access.id)).map((e) => e.code);
  const chosenBox = access.regime === '2018' ? (box ?? Number(primary.split('.')[0])) : null;
  const code = nextEvidenceCode(access.regime, existing, primary, chosenBox);
  return { code, box: chosenBox, sequence: parseEvidenceCode(code)?.sequence ?? 1 };
}

const unitOf = (access: AssessmentAccessRecord) => ({
  id: access.schoolId,
  path: access.schoolPath,
});

/**
 * Creating, changing, citing and deleting evidence. Every write runs through the kernel's writer
 * (one transaction with its audit entry, the assessment locked and its status checked there) and
 * marks the assessment's content as changed.
 */
export function createEvidenceEdit(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  reader: EvidenceReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories, reader, write, clock, ids } = deps;

  const current = (assessmentId: string, evidenceId: string) => async () => {
    const found = await repositories.evidence.findEvidence(assessmentId, evidenceId);
    return found ? toEvidenceItem(found) : null;
  };

  async function reload(assessmentId: string, evidenceId: string): Promise<EvidenceItem> {
    return toEvidenceItem(await reader.evidenceOf(repositories, assessmentId, evidenceId));
  }

  return {
    /**
     * A new evidence, cited by the given criteria: numbered under the first (its primary) with the
     * regime's code — `[Hn-a.b-cc]` (box n: the one given, else the standard's number) or
     * `MC.a.b.cc` — one past the highest number used under that criterion.
     */
    async createEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      input: CreateEvidenceBody,
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      const criterionCodes = await knownCriteria(repositories, access.id, input.criterionCodes);
      const primary = criterionCodes[0]!;
      const id = ids.next();
      const now = clock.now().toISOString();
      try {
        await write(ctx, async (tx, record) => {
          await reader.lockForEdit(tx, ctx, access);
          const { code, box, sequence } = await allocateEvidenceCode(
            tx,
            access,
            primary,
            input.box,
          );
          await tx.evidence.insertEvidence({
            id,
            assessmentId: access.id,
            code,
            box,
            primaryCriterionCode: primary,
            sequence,
            name: input.name,
            issued: input.issued ?? '',
            issuer: input.issuer ?? '',
            note: input.note ?? '',
            link: input.link ?? '',
            previousCode: null,
            carried: false,
            originEvidenceId: null,
            criterionCodes,
            now,
          });
          await record({
            action: 'assessment.evidence.create',
            entityType: 'assessment_evidence',
            entityId: id,
            unit: unitOf(access),
            summary: `Thêm minh chứng ${code} (tiêu chí ${criterionCodes.join(', ')})`,
            after: { code, name: input.name, criterionCodes },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(
            'CONFLICT',
            'Mã minh chứng vừa được cấp cho minh chứng khác. Hãy thử lại.',
          );
        throw error;
      }
      return reload(access.id, id);
    },

    /**
     * Saves the changed fields (CONTRACTS.md "Concurrent edits": 409 with the current evidence when
     * one of them changed since the version the client read). A new box (2018) is a new code: the
     * evidence and every text citing it change in the same transaction.
     */
    async updateEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      input: UpdateEvidenceBody,
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      if (input.box !== undefined && access.regime !== '2018')
        throw new AppError(
          'VALIDATION_ERROR',
          'Mã minh chứng theo Thông tư 57 không có số hộp; chỉ mã theo quy định năm 2018 mới có.',
        );
      const now = clock.now().toISOString();
      const outcome = await write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const before = await reader.evidenceOf(tx, access.id, evidenceId);
        let code: string | undefined;
        if (input.box !== undefined && input.box !== before.box) {
          code = formatEvidenceCode('2018', {
            box: input.box,
            criterionCode: before.primaryCriterionCode,
            sequence: before.sequence,
          });
          const holder = await tx.evidence.findByCode(access.id, code);
          if (holder && holder.id !== before.id)
            throw new AppError(
              'CONFLICT',
              `Mã ${code} đã được minh chứng “${holder.name}” dùng; hãy chọn hộp khác hoặc đánh lại mã.`,
            );
        }
        const { version, ...fields } = input;
        const saved = await tx.evidence.saveEvidenceFields(
          access.id,
          evidenceId,
          version,
          { ...fields, ...(code !== undefined ? { code } : {}) },
          now,
        );
        if (saved.outcome !== 'saved') return saved.outcome;
        const rewritten =
          code !== undefined
            ? await rewriteCitations(tx, access.id, new Map([[before.code, code]]), {
                now,
                write: true,
              })
            : [];
        const changed = Object.keys(fields).filter(
          (k) => fields[k as keyof typeof fields] !== undefined,
        );
        await record({
          action: 'assessment.evidence.update',
          entityType: 'assessment_evidence',
          entityId: evidenceId,
          unit: unitOf(access),
          summary: `Sửa minh chứng ${before.code}${code ? ` (mã mới ${code}, sửa ${rewritten.length} đoạn văn trích dẫn)` : ''}`,
          before: Object.fromEntries(
            changed.map((k) => [k, before[k as keyof typeof before] ?? null]),
          ),
          after: {
            ...Object.fromEntries(changed.map((k) => [k, fields[k as keyof typeof fields]])),
            ...(code ? { code } : {}),
          },
        });
        return 'saved' as const;
      });
      const after = await repositories.evidence.findEvidence(access.id, evidenceId);
      if (outcome === 'missing' || !after) throw new AppError('NOT_FOUND', EVIDENCE_NOT_FOUND);
      if (outcome === 'conflict')
        throw new AppError(
          'CONFLICT',
          'Minh chứng này vừa được người khác sửa. Hãy xem nội dung hiện tại và sửa lại.',
          { current: toEvidenceItem(after) },
        );
      return toEvidenceItem(after);
    },

    /** One more criterion cites the evidence; its code stays (one document, one code). */
    async citeEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      criterionCode: string,
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      await knownCriteria(repositories, access.id, [criterionCode]);
      await write(
        ctx,
        async (tx, record) => {
          await reader.lockForEdit(tx, ctx, access);
          const evidence = await reader.evidenceOf(tx, access.id, evidenceId);
          if (!(await tx.evidence.addCitation(access.id, evidenceId, criterionCode))) return;
          await record({
            action: 'assessment.evidence.cite',
            entityType: 'assessment_evidence',
            entityId: evidenceId,
            unit: unitOf(access),
            summary: `Tiêu chí ${criterionCode} sử dụng minh chứng ${evidence.code}`,
            after: { criterionCode },
          });
        },
        current(access.id, evidenceId),
      );
      return reload(access.id, evidenceId);
    },

    /**
     * A criterion no longer cites the evidence. Its code stays until a renumbering (texts cite it);
     * an evidence no criterion cites is kept, shown as unused, and may then be deleted.
     */
    async unciteEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      criterionCode: string,
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      await write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const evidence = await reader.evidenceOf(tx, access.id, evidenceId);
        if (!(await tx.evidence.removeCitation(access.id, evidenceId, criterionCode)))
          throw new AppError(
            'NOT_FOUND',
            `Tiêu chí ${criterionCode} không sử dụng minh chứng ${evidence.code}.`,
          );
        await record({
          action: 'assessment.evidence.uncite',
          entityType: 'assessment_evidence',
          entityId: evidenceId,
          unit: unitOf(access),
          summary: `Tiêu chí ${criterionCode} thôi sử dụng minh chứng ${evidence.code}`,
          before: { criterionCode },
        });
      });
      return reload(access.id, evidenceId);
    },

    /**
     * Deletes an evidence no criterion cites and no text mentions: otherwise 409 with the citing
     * criteria and the texts that mention its code (the issue: "deleting an evidence still cited
     * is refused with the list of citing criteria"). Its files go with it (the stored bytes stay,
     * other years may share them).
     */
    async deleteEvidence(ctx: ServiceContext, assessmentId: string, evidenceId: string) {
      const access = await reader.loadForEdit(ctx, assessmentId);
      await write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const evidence = await reader.evidenceOf(tx, access.id, evidenceId);
        const mentions = mentionsOf(await tx.evidence.listTexts(access.id), evidence.code);
        if (evidence.criterionCodes.length > 0 || mentions.length > 0) {
          const parts = [
            ...(evidence.criterionCodes.length > 0
              ? [`đang được tiêu chí ${evidence.criterionCodes.join(', ')} sử dụng`]
              : []),
            ...(mentions.length > 0
              ? [`mã của nó còn được trích dẫn trong ${mentions.length} đoạn văn`]
              : []),
          ];
          throw new AppError(
            'CONFLICT',
            `Không xóa được minh chứng ${evidence.code}: ${parts.join(' và ')}. Hãy bỏ các trích dẫn trước khi xóa.`,
            { reason: 'evidence_in_use', criterionCodes: evidence.criterionCodes, mentions },
          );
        }
        await tx.evidence.deleteEvidence(access.id, evidenceId);
        await record({
          action: 'assessment.evidence.delete',
          entityType: 'assessment_evidence',
          entityId: evidenceId,
          unit: unitOf(access),
          summary: `Xóa minh chứng ${evidence.code}`,
          before: { code: evidence.code, name: evidence.name, files: evidence.files.length },
        });
      });
    },
  };
}
