import type { CanonicalValue } from '@caitien/core';
import type {
  AssessmentRecord,
  AssessmentSnapshotRecord,
  CriterionRecord,
  Level4Record,
  StandardRecord,
} from '@caitien/db';
import { sealContent, verifySeal, type Seal, type SealVerification } from '../../kernel/seal.ts';

/** The content fields of one criterion: its marks, texts and assignee (a type: it is canonical JSON). */
export type CriterionContent = {
  criterionCode: string;
  standardCode: string;
  marks: Record<string, boolean>;
  description: string;
  levelDescriptions: Record<string, string>;
  strengths: string;
  weaknesses: string;
  improvementPlan: string;
  assigneeMemberId: string | null;
  assigneeGroupId: string | null;
};

/**
 * A criterion's content picked from a stored record or an answer: what the seal covers, the
 * interchange JSON exports and the API answers (beside its own fields), named in one place.
 */
export function criterionContent(c: CriterionContent): CriterionContent {
  return {
    criterionCode: c.criterionCode,
    standardCode: c.standardCode,
    marks: c.marks,
    description: c.description,
    levelDescriptions: c.levelDescriptions,
    strengths: c.strengths,
    weaknesses: c.weaknesses,
    improvementPlan: c.improvementPlan,
    assigneeMemberId: c.assigneeMemberId,
    assigneeGroupId: c.assigneeGroupId,
  };
}

/** The assessment seal's format. */
export const ASSESSMENT_SEAL_FORMAT = 1;

const byKey = <T>(items: readonly T[], key: (t: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** Everything an assessment's content holds, as read in the approving transaction. */
export interface AssessmentContent {
  assessment: AssessmentRecord;
  criteria: readonly CriterionRecord[];
  standards: readonly StandardRecord[];
  level4: readonly Level4Record[];
  /** The evidence list with its citations (the evidence module's part, canonical). */
  evidence: CanonicalValue;
}

/**
 * What an approval freezes (issue 12): the assessment's identity, year and framework, the council,
 * work plan, settings and report texts, every standard's texts, every criterion's marks, texts and
 * assignee, the Mức 4 items, and the evidence metadata and citations. Not what is presentation
 * (carried markers) nor bookkeeping (versions, timestamps).
 */
export function assessmentSealContent(content: AssessmentContent): CanonicalValue {
  const a = content.assessment;
  return {
    format: ASSESSMENT_SEAL_FORMAT,
    kind: 'assessment',
    assessment: {
      id: a.id,
      lineageId: a.lineageId,
      revisionNumber: a.revisionNumber,
      schoolId: a.schoolId,
      schoolYear: a.schoolYear,
      regime: a.regime,
      frameworkId: a.frameworkId,
      frameworkReason: a.frameworkReason,
      carriedFromAssessmentId: a.carriedFromAssessmentId,
    },
    council: a.council as unknown as CanonicalValue,
    workPlan: a.workPlan as unknown as CanonicalValue,
    settings: a.settings as unknown as CanonicalValue,
    report: a.report as unknown as CanonicalValue,
    standards: byKey(content.standards, (s) => s.standardCode).map((s) => ({
      standardCode: s.standardCode,
      intro: s.intro,
      conclusion: s.conclusion,
      strengths: s.strengths,
      limitations: s.limitations,
      causes: s.causes,
      trend: s.trend,
      priorities: s.priorities,
    })),
    criteria: byKey(content.criteria, (c) => c.criterionCode).map(criterionContent),
    level4: byKey(content.level4, (l) => l.itemKey).map((l) => ({
      key: l.itemKey,
      met: l.met,
      description: l.description,
    })),
    evidence: content.evidence,
  };
}

export function sealAssessment(content: AssessmentContent): Seal {
  return sealContent(assessmentSealContent(content));
}

export function verifyAssessmentSeal(
  snapshot: AssessmentSnapshotRecord,
  content: AssessmentContent,
): SealVerification {
  return verifySeal(
    { json: snapshot.contentJson, hash: snapshot.contentHash },
    assessmentSealContent(content),
  );
}
