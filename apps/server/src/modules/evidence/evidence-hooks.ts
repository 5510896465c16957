import type { BoundRepositories, EvidenceRecord, Repositories } from '@caitien/db';
import type { InterchangeEvidence } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { CarryEvidence } from './evidence-carry.ts';
import type { EvidenceFileStore } from './evidence-file-store.ts';

/** An evidence's metadata as the interchange JSON and the seal hold it (files by hash). */
export function evidenceMetadata(e: EvidenceRecord): InterchangeEvidence {
  return {
    code: e.code,
    box: e.box,
    primaryCriterionCode: e.primaryCriterionCode,
    sequence: e.sequence,
    name: e.name,
    issued: e.issued,
    issuer: e.issuer,
    note: e.note,
    link: e.link,
    criterionCodes: e.criterionCodes,
    previousCode: e.previousCode,
    files: e.files.map((f) => ({
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
    })),
  };
}

/**
 * The evidence module's side of the assessment module's hooks
 * (`AssessmentEvidenceHooks`, apps/server/src/modules/assessments/assessment-hooks.ts): the figures
 * the assessment page shows, what approval seals, the copy a revision makes, the carry-over of
 * "start from last year", and the interchange JSON's evidence. Every `tx` call runs inside the
 * assessment's own writing transaction, under its lock.
 */
export function createAssessmentEvidenceHooks(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  store: EvidenceFileStore;
  carryEvidence: CarryEvidence;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories, store, carryEvidence, clock, ids } = deps;

  /** Inserts copies of evidence records into `toId` (new ids; files by reference to their bytes). */
  async function insertCopies(
    tx: Pick<BoundRepositories, 'evidence'>,
    toId: string,
    items: {
      metadata: InterchangeEvidence;
      carried: boolean;
      originEvidenceId: string | null;
      files: InterchangeEvidence['files'];
    }[],
  ) {
    const now = clock.now().toISOString();
    const seen = new Set<string>();
    for (const item of items) {
      const m = item.metadata;
      if (seen.has(m.code))
        throw new AppError(
          'VALIDATION_ERROR',
          `Mã minh chứng ${m.code} xuất hiện hai lần trong danh mục: mỗi minh chứng chỉ có một mã.`,
        );
      seen.add(m.code);
      const id = ids.next();
      await tx.evidence.insertEvidence({
        id,
        assessmentId: toId,
        code: m.code,
        box: m.box,
        primaryCriterionCode: m.primaryCriterionCode,
        sequence: m.sequence,
        name: m.name,
        issued: m.issued,
        issuer: m.issuer,
        note: m.note,
        link: m.link,
        previousCode: m.previousCode,
        carried: item.carried,
        originEvidenceId: item.originEvidenceId,
        criterionCodes: [...new Set(m.criterionCodes)],
        now,
      });
      for (const file of item.files) {
        await tx.evidence.insertFile(toId, {
          id: ids.next(),
          evidenceId: id,
          sha256: file.sha256,
          fileName: file.fileName,
          mediaType: file.mediaType,
          sizeBytes: file.sizeBytes,
          uploadedByUserId: null,
          now,
        });
      }
    }
  }

  return {
    /** Counts and codes for the assessment page. */
    async summary(assessmentId: string) {
      const evidence = await repositories.evidence.listEvidence(assessmentId);
      const byCriterion: Record<string, number> = {};
      for (const e of evidence)
        for (const c of e.criterionCodes) byCriterion[c] = (byCriterion[c] ?? 0) + 1;
      return {
        total: evidence.length,
        withFiles: evidence.filter((e) => e.files.length > 0).length,
        byCriterion,
        codes: evidence.map((e) => e.code),
      };
    },

    /** The evidence list as approval seals it: metadata, citations and file hashes, by code. */
    async sealContent(tx: BoundRepositories, assessmentId: string) {
      const evidence = await tx.evidence.listEvidence(assessmentId);
      return evidence
        .map(evidenceMetadata)
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },

    /** A revision starts with the same list: same codes, texts, citations and files. */
    async copyToRevision(tx: BoundRepositories, fromId: string, toId: string) {
      const evidence = await tx.evidence.listEvidence(fromId);
      await insertCopies(
        tx,
        toId,
        evidence.map((e) => ({
          metadata: evidenceMetadata(e),
          carried: e.carried,
          originEvidenceId: e.originEvidenceId,
          files: evidenceMetadata(e).files,
        })),
      );
    },

    /**
     * "Start from last year": `carryEvidence` (codes converted 2018 → TT57 by the core, citations
     * through the criterion mapping); answers how many came across and the codes left behind.
     */
    async carryOver(
      tx: BoundRepositories,
      input: { fromId: string; toId: string; criterionMap: ReadonlyMap<string, string> | null },
    ) {
      const result = await carryEvidence(tx, input.fromId, input.toId, clock.now().toISOString(), {
        criterionMap: input.criterionMap,
      });
      return { carried: result.carried, unmapped: result.notCarried.map((n) => n.code) };
    },

    /** The interchange JSON's evidence metadata. */
    async exportMetadata(assessmentId: string): Promise<InterchangeEvidence[]> {
      return (await repositories.evidence.listEvidence(assessmentId)).map(evidenceMetadata);
    },

    /**
     * Re-creates an imported list: texts and citations as they are in the file; a file row only
     * when its bytes are kept on this server (same SHA-256), since the JSON does not carry them.
     */
    async importMetadata(
      tx: BoundRepositories,
      assessmentId: string,
      items: InterchangeEvidence[],
    ) {
      const present = new Map<string, boolean>();
      for (const f of items.flatMap((i) => i.files))
        if (!present.has(f.sha256))
          present.set(f.sha256, /^[0-9a-f]{64}$/u.test(f.sha256) && (await store.has(f.sha256)));
      await insertCopies(
        tx,
        assessmentId,
        items.map((metadata) => ({
          metadata,
          carried: false,
          originEvidenceId: null,
          files: metadata.files.filter((f) => present.get(f.sha256) === true),
        })),
      );
    },
  };
}

export type AssessmentEvidenceHooksImpl = ReturnType<typeof createAssessmentEvidenceHooks>;
