import type { CanonicalValue } from '@caitien/core';
import type { BoundRepositories, EvidenceRecord, Repositories } from '@caitien/db';
import type { InterchangeEvidence } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import { adoptProgressFiles } from '../monitoring/progress-files.service.ts';
import type { IdGenerator } from '../../ids.ts';

/** The evidence list's figures the assessment reads show. */
export interface EvidenceSummary {
  total: number;
  withFiles: number;
  byCriterion: Record<string, number>;
  /** Every code of the list (unknown-code warnings); null when no evidence module is wired. */
  codes: string[] | null;
}

/** What carrying last year's evidence did (the evidence module's answer, shown in the report). */
export interface EvidenceCarryReport {
  carried: number;
  converted: { previousCode: string; code: string }[];
  notCarried: { code: string; name: string; reason: string; candidates: string[] }[];
  warnings: string[];
}

/**
 * What the assessment module asks of the evidence module (apps/server/src/modules/evidence), which
 * owns the evidence tables. The coordinator wires the evidence module's implementation in
 * build-app (`createAssessmentService({ evidence })`); until then `NO_EVIDENCE_MODULE` answers.
 * Every `tx` call runs inside the assessment's writing transaction, under its lock.
 */
export interface AssessmentEvidenceHooks {
  /** Counts and codes for the assessment page. */
  summary(assessmentId: string): Promise<EvidenceSummary>;
  /** Evidence metadata and citations, as sealed with the assessment on approval (canonical). */
  sealContent(tx: BoundRepositories, assessmentId: string): Promise<CanonicalValue>;
  /** A revision copies everything: the evidence list and its citations and files. */
  copyToRevision(tx: BoundRepositories, fromId: string, toId: string): Promise<void>;
  /**
   * "Start from last year": evidence carried (marked carried), its criterion codes mapped through
   * `criterionMap` (old code → new code; absent = unmapped) when the regime changed.
   */
  carryOver(
    tx: BoundRepositories,
    input: { fromId: string; toId: string; criterionMap: ReadonlyMap<string, string> | null },
  ): Promise<EvidenceCarryReport>;
  /**
   * A new assessment takes the school's progress files that are no minh chứng yet (issue 13,
   * monitoring module's `adoptProgressFiles`); answers how many. Optional: absent, nothing.
   */
  adoptProgressFiles?(
    tx: BoundRepositories,
    assessment: { id: string; schoolId: string; schoolYear: string; regime: string },
  ): Promise<number>;
  /** The interchange JSON's evidence metadata. */
  exportMetadata(assessmentId: string): Promise<InterchangeEvidence[]>;
  /** Re-creates an imported evidence list (metadata; files by hash when present). */
  importMetadata(
    tx: BoundRepositories,
    assessmentId: string,
    items: InterchangeEvidence[],
  ): Promise<void>;
}

/**
 * The answers while no evidence module is wired: an empty list. An import carrying evidence is
 * refused rather than dropping it.
 */
export const NO_EVIDENCE_MODULE: AssessmentEvidenceHooks = {
  summary: () => Promise.resolve({ total: 0, withFiles: 0, byCriterion: {}, codes: null }),
  sealContent: () => Promise.resolve([]),
  copyToRevision: () => Promise.resolve(),
  carryOver: () => Promise.resolve({ carried: 0, converted: [], notCarried: [], warnings: [] }),
  exportMetadata: () => Promise.resolve([]),
  importMetadata: (_tx, _id, items) => {
    if (items.length === 0) return Promise.resolve();
    return Promise.reject(
      new AppError(
        'VALIDATION_ERROR',
        'Máy chủ chưa bật danh mục minh chứng nên chưa nhập được các minh chứng trong tệp.',
      ),
    );
  },
};

/**
 * The evidence side read and copied through the evidence repository (packages/db, the evidence
 * helper's tables): the page's figures, the seal's evidence part, the interchange export and
 * import, a revision's copy. `carryOver` ("start from last year") is the evidence module's own
 * (`carryEvidence`, codes converted across regimes): the coordinator passes it as `carryOver`.
 */
export function createEvidenceRepositoryHooks(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  ids: IdGenerator;
  clock: Clock;
  carryOver: AssessmentEvidenceHooks['carryOver'];
}): AssessmentEvidenceHooks {
  const { repositories, ids, clock } = deps;
  const metadata = (e: EvidenceRecord): InterchangeEvidence => ({
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
  });

  /** Inserts evidence (with citations and file records by hash) into an assessment. */
  async function insertAll(
    tx: BoundRepositories,
    assessmentId: string,
    items: readonly (InterchangeEvidence & { originEvidenceId?: string | null })[],
    carried: boolean,
  ) {
    const now = clock.now().toISOString();
    for (const item of items) {
      const id = ids.next();
      await tx.evidence.insertEvidence({
        id,
        assessmentId,
        code: item.code,
        box: item.box,
        primaryCriterionCode: item.primaryCriterionCode,
        sequence: item.sequence,
        name: item.name,
        issued: item.issued,
        issuer: item.issuer,
        note: item.note,
        link: item.link,
        previousCode: item.previousCode,
        carried,
        originEvidenceId: item.originEvidenceId ?? null,
        criterionCodes: item.criterionCodes,
        now,
      });
      for (const file of item.files)
        await tx.evidence.insertFile(assessmentId, {
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

  return {
    async summary(assessmentId) {
      const list = await repositories.evidence.listEvidence(assessmentId);
      const byCriterion: Record<string, number> = {};
      for (const e of list)
        for (const code of e.criterionCodes) byCriterion[code] = (byCriterion[code] ?? 0) + 1;
      return {
        total: list.length,
        withFiles: list.filter((e) => e.files.length > 0).length,
        byCriterion,
        codes: list.map((e) => e.code),
      };
    },
    async sealContent(tx, assessmentId) {
      const list = await tx.evidence.listEvidence(assessmentId);
      return [...list]
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((e) => {
          const m = metadata(e);
          return { ...m, files: [...m.files].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)) };
        });
    },
    async copyToRevision(tx, fromId, toId) {
      const list = await tx.evidence.listEvidence(fromId);
      await insertAll(
        tx,
        toId,
        list.map((e) => ({ ...metadata(e), originEvidenceId: e.id })),
        false,
      );
    },
    carryOver: deps.carryOver,
    adoptProgressFiles: (tx, assessment) =>
      adoptProgressFiles(tx, assessment, { ids, now: clock.now().toISOString() }),
    async exportMetadata(assessmentId) {
      return (await repositories.evidence.listEvidence(assessmentId)).map(metadata);
    },
    async importMetadata(tx, assessmentId, items) {
      // Files travel by hash: a file whose bytes this server does not hold is refused by name
      // (never dropped silently).
      const missing: string[] = [];
      for (const item of items)
        for (const file of item.files)
          if ((await tx.evidence.countFilesWithSha(file.sha256)) === 0)
            missing.push(`${item.code}: ${file.fileName}`);
      if (missing.length > 0)
        throw new AppError(
          'VALIDATION_ERROR',
          `Máy chủ chưa có nội dung các tệp minh chứng sau nên chưa nhập được: ${missing.slice(0, 10).join('; ')}${missing.length > 10 ? '…' : ''}. Hãy tải các tệp lên sau khi nhập danh mục không kèm tệp.`,
          { missingFiles: missing },
        );
      await insertAll(tx, assessmentId, items, false);
    },
  };
}
