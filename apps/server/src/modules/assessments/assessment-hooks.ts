import type { CanonicalValue } from '@caitien/core';
import type { BoundRepositories } from '@caitien/db';
import type { InterchangeEvidence } from '@caitien/shared';
import { AppError } from '../../errors.ts';

/** The evidence list's figures the assessment reads show. */
export interface EvidenceSummary {
  total: number;
  withFiles: number;
  byCriterion: Record<string, number>;
  /** Every code of the list (unknown-code warnings); null when no evidence module is wired. */
  codes: string[] | null;
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
  ): Promise<{ carried: number; unmapped: string[] }>;
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
  carryOver: () => Promise.resolve({ carried: 0, unmapped: [] }),
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
