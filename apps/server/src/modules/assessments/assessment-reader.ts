import {
  parseSchoolYear,
  type AssessmentOperation,
  type FrameworkCode,
  type FrameworkDefinition,
} from '@caitien/core';
import type {
  AssessmentRecord,
  BoundRepositories,
  CriterionRecord,
  FrameworkRepository,
  Level4Record,
  Repositories,
  StandardRecord,
} from '@caitien/db';
import type {
  AssessmentCriterionDto,
  AssessmentDetail,
  assessmentLevel4Schema,
  assessmentStandardSchema,
} from '@caitien/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assertAssessmentAccess, ASSESSMENT_NOT_FOUND } from './assessment-access.ts';
import { computeResults, councilWarnings, unknownEvidenceCodes } from './assessment-computation.ts';
import type { AssessmentEvidenceHooks } from './assessment-hooks.ts';
import { criterionContent } from './assessment-seal.ts';

/** The framework code of a framework version id ("TT57-PT@2" → "TT57-PT"). */
export const frameworkCodeOf = (frameworkId: string): FrameworkCode =>
  frameworkId.split('@')[0] as FrameworkCode;

/** Criteria, standards and Mức 4 items in the framework's order (unknown codes last, by code). */
export function inFrameworkOrder<T>(
  items: T[],
  keyOf: (item: T) => string,
  order: readonly string[],
): T[] {
  const rank = new Map(order.map((code, i) => [code, i]));
  return [...items].sort(
    (a, b) =>
      (rank.get(keyOf(a)) ?? order.length) - (rank.get(keyOf(b)) ?? order.length) ||
      keyOf(a).localeCompare(keyOf(b)),
  );
}

export const criterionOrder = (framework: FrameworkDefinition) =>
  framework.standards.flatMap((s) => s.criteria.map((c) => c.code));

/**
 * The TT57 deadline: the self-assessment is approved before 15/6 of the school year's second year
 * (TT57-NOTES.md §5). Null under the 2018 regime, which sets no such date.
 */
export function assessmentDeadline(
  assessment: Pick<AssessmentRecord, 'regime' | 'schoolYear' | 'approvedAt'>,
  today: Date,
): AssessmentDetail['deadline'] {
  if (assessment.regime !== '2026') return null;
  const year = parseSchoolYear(assessment.schoolYear);
  if (!year) return null;
  const date = `${year.endYear}-06-15`;
  const deadline = Date.UTC(year.endYear, 5, 15);
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return {
    date,
    label: `phê duyệt trước 15/6/${year.endYear}`,
    daysLeft: Math.round((deadline - day) / 86_400_000),
    met: assessment.approvedAt !== null && assessment.approvedAt.slice(0, 10) < date,
  };
}

export function toApiCriterion(
  c: CriterionRecord,
  knownCodes: ReadonlySet<string> | null,
): AssessmentCriterionDto {
  const texts = [c.description, ...Object.values(c.levelDescriptions)];
  return {
    ...criterionContent(c),
    carriedFields: c.carriedFields,
    unknownEvidenceCodes: knownCodes ? unknownEvidenceCodes(texts, knownCodes) : [],
    version: c.version,
  };
}

export function toApiStandard(s: StandardRecord): z.infer<typeof assessmentStandardSchema> {
  return {
    standardCode: s.standardCode,
    intro: s.intro,
    conclusion: s.conclusion,
    strengths: s.strengths,
    limitations: s.limitations,
    causes: s.causes,
    trend: s.trend,
    priorities: s.priorities,
    version: s.version,
  };
}

export function toApiLevel4(l: Level4Record): z.infer<typeof assessmentLevel4Schema> {
  return {
    key: l.itemKey,
    met: l.met,
    description: l.description,
    carriedFields: l.carriedFields,
    version: l.version,
  };
}

/**
 * Reading assessments for the use cases: the assessment and its school after the access decision,
 * the lock inside a write, its framework (immutable per version id, kept in memory), and the detail
 * as answered (with computed results, council warnings and the TT57 deadline).
 */
export function createAssessmentReader(deps: {
  repositories: Pick<Repositories, 'assessments' | 'units'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersion'>;
  evidence: AssessmentEvidenceHooks;
  clock: Clock;
}) {
  const { repositories: repos, frameworkRepository, evidence, clock } = deps;
  const frameworks = new Map<string, FrameworkDefinition>();

  async function frameworkOf(frameworkId: string): Promise<FrameworkDefinition> {
    const held = frameworks.get(frameworkId);
    if (held) return held;
    const stored = await frameworkRepository.findVersion(frameworkId);
    if (!stored) throw new AppError('NOT_FOUND', `Không tìm thấy bộ tiêu chuẩn “${frameworkId}”.`);
    // A version used by an assessment is locked (immutable), so it may be kept.
    frameworks.set(frameworkId, stored.definition);
    return stored.definition;
  }

  async function loadAssessment(
    ctx: ServiceContext,
    assessmentId: string,
    operation: AssessmentOperation,
  ) {
    const assessment = await repos.assessments.findAssessment(assessmentId);
    if (!assessment) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
    const school = await repos.units.findById(assessment.schoolId);
    if (!school) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
    assertAssessmentAccess(ctx.actor, operation, {
      schoolPath: school.path,
      status: assessment.status,
    });
    return { assessment, school: { id: school.id, path: school.path, name: school.name } };
  }

  /**
   * The assessment under its row lock inside the writing transaction, access decided again on the
   * status read there (a save queued behind an approval sees "approved").
   */
  async function lockAssessment(
    tx: BoundRepositories,
    ctx: ServiceContext,
    assessmentId: string,
    operation: AssessmentOperation,
    schoolPath: string,
    mode: 'transition' | 'save' = 'save',
  ): Promise<AssessmentRecord> {
    const locked = await tx.assessments.lockAssessment(assessmentId, mode);
    if (!locked) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
    assertAssessmentAccess(ctx.actor, operation, { schoolPath, status: locked.status });
    return locked;
  }

  async function detail(assessment: AssessmentRecord): Promise<AssessmentDetail> {
    const [framework, criteria, standards, level4, snapshot, evidenceSummary] = await Promise.all([
      frameworkOf(assessment.frameworkId),
      repos.assessments.listCriteria(assessment.id),
      repos.assessments.listStandards(assessment.id),
      repos.assessments.listLevel4(assessment.id),
      repos.assessments.findSnapshot(assessment.id),
      evidence.summary(assessment.id),
    ]);
    const order = criterionOrder(framework);
    const ordered = inFrameworkOrder(criteria, (c) => c.criterionCode, order);
    const orderedLevel4 = inFrameworkOrder(
      level4,
      (l) => l.itemKey,
      framework.level4Items.map((i) => i.key),
    );
    const known = evidenceSummary.codes === null ? null : new Set(evidenceSummary.codes);
    return {
      id: assessment.id,
      lineageId: assessment.lineageId,
      revisionNumber: assessment.revisionNumber,
      schoolId: assessment.schoolId,
      schoolYear: assessment.schoolYear,
      regime: assessment.regime,
      frameworkId: assessment.frameworkId,
      frameworkCode: frameworkCodeOf(assessment.frameworkId),
      status: assessment.status,
      approvedAt: assessment.approvedAt,
      updatedAt: assessment.updatedAt,
      version: assessment.version,
      frameworkReason: assessment.frameworkReason,
      council: assessment.council,
      councilWarnings: councilWarnings(assessment.regime, assessment.council),
      workPlan: assessment.workPlan,
      settings: assessment.settings,
      report: assessment.report,
      standards: inFrameworkOrder(
        standards,
        (s) => s.standardCode,
        framework.standards.map((s) => s.code),
      ).map(toApiStandard),
      criteria: ordered.map((c) => toApiCriterion(c, known)),
      level4: orderedLevel4.map(toApiLevel4),
      results: computeResults(framework, ordered, orderedLevel4),
      deadline: assessmentDeadline(assessment, clock.now()),
      evidenceSummary: {
        total: evidenceSummary.total,
        withFiles: evidenceSummary.withFiles,
        byCriterion: evidenceSummary.byCriterion,
      },
      carriedFields: assessment.carriedFields,
      carriedFromAssessmentId: assessment.carriedFromAssessmentId,
      snapshotHash: snapshot?.contentHash ?? null,
    };
  }

  /** The current assessment as answered, or null when gone (the 409 body of a stale write). */
  async function currentDetail(assessmentId: string): Promise<AssessmentDetail | null> {
    const current = await repos.assessments.findAssessment(assessmentId);
    return current ? detail(current) : null;
  }

  async function reloadDetail(assessmentId: string): Promise<AssessmentDetail> {
    const current = await repos.assessments.findAssessment(assessmentId);
    if (!current) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
    return detail(current);
  }

  return { frameworkOf, loadAssessment, lockAssessment, detail, currentDetail, reloadDetail };
}

export type AssessmentReader = ReturnType<typeof createAssessmentReader>;
