/**
 * The one place the assessment module calls the pure assessment core (packages/core/src/assessment):
 * levels and the school's result, mark refusals, council checks, weak criteria, proposed plan rows,
 * the plan's Căn cứ lines, evidence codes written in texts. The software computes; people decide:
 * nothing here sets a mark.
 */
import {
  assessmentBasisLines,
  checkCouncil,
  computeAssessmentResults,
  findEvidenceCodes,
  indicatorMarkKey,
  markRefusal,
  proposePlanRows as proposeRows,
  weakCriteria as weakOf,
  type AssessmentCouncil,
  type AssessmentSettings,
  type CriterionAssessment,
  type CriterionMarks,
  type FrameworkDefinition,
  type Regime,
  type WeakCriterion,
} from '@caitien/core';
import type { CriterionRecord, Level4Record } from '@caitien/db';
import type { AssessmentDetail } from '@caitien/shared';
import type { CriterionContent } from './assessment-seal.ts';

export type AssessmentResults = AssessmentDetail['results'];

/** The marks the computation reads: criteria by code, Mức 4 in the framework's order. */
function marksInput(
  framework: FrameworkDefinition,
  criteria: readonly Pick<CriterionRecord, 'criterionCode' | 'marks'>[],
  level4: readonly Pick<Level4Record, 'itemKey' | 'met'>[],
) {
  const met = new Map(level4.map((l) => [l.itemKey, l.met]));
  return {
    criteria: criteria.map((c) => ({ criterionCode: c.criterionCode, marks: c.marks })),
    level4: framework.level4Items.map((item) => met.get(item.key) ?? null),
  };
}

/** Criterion levels, the school's level with its reason and blockers, the summary counts. */
export function computeResults(
  framework: FrameworkDefinition,
  criteria: readonly Pick<CriterionRecord, 'criterionCode' | 'marks'>[],
  level4: readonly Pick<Level4Record, 'itemKey' | 'met'>[],
): AssessmentResults {
  return computeAssessmentResults(framework, marksInput(framework, criteria, level4));
}

/** The indicator keys a criterion's marks may use ("1.a", "2"), repealed requirements excluded. */
export function markKeysOf(framework: FrameworkDefinition, criterionCode: string): Set<string> {
  const criterion = framework.standards
    .flatMap((s) => s.criteria)
    .find((c) => c.code === criterionCode);
  return new Set(
    (criterion?.indicators ?? [])
      .filter((i) => i.repealed === null)
      .map((i) => indicatorMarkKey(i)),
  );
}

/**
 * Why a marks change may not be saved (Vietnamese), or null: each mark that changed is asked about
 * (`markRefusal`: TT57 Mức 2 only once Mức 1 is Đạt; Đạt needs a description citing an evidence
 * code of the school's list when the school requires it). `knownCodes` null: no evidence list is
 * wired, any well-formed code counts.
 */
export function refuseMarks(input: {
  regime: Regime;
  settings: AssessmentSettings;
  before: CriterionMarks;
  marks: CriterionMarks;
  levelDescriptions: Record<string, string>;
  knownCodes: ReadonlySet<string> | null;
}): string | null {
  const keys = new Set([...Object.keys(input.before), ...Object.keys(input.marks)]);
  for (const key of [...keys].sort()) {
    if (input.before[key] === input.marks[key]) continue;
    const level = key.split('.')[0] ?? key;
    const refusal = markRefusal({
      regime: input.regime,
      settings: input.settings,
      level: input.regime === '2026' ? Number(level) : key,
      value: input.marks[key] ?? null,
      marks: input.marks,
      levelDescription: input.levelDescriptions[level] ?? '',
      ...(input.knownCodes === null ? {} : { knownCodes: input.knownCodes }),
    });
    if (refusal) return refusal;
  }
  return null;
}

export function councilWarnings(regime: Regime, council: AssessmentCouncil) {
  return checkCouncil(regime, council);
}

/** Codes cited in these texts that the evidence list does not hold, once each, in order. */
export function unknownEvidenceCodes(
  texts: readonly string[],
  known: ReadonlySet<string>,
): string[] {
  const unknown = new Set<string>();
  for (const text of texts)
    for (const found of findEvidenceCodes(text))
      if (!known.has(found.code)) unknown.add(found.code);
  return [...unknown];
}

/** A criterion (stored, answered or exported) as the core reads it. */
export function toCriterionAssessment(
  c: CriterionContent & { carriedFields?: string[] | undefined },
): CriterionAssessment {
  return {
    criterionCode: c.criterionCode,
    standardCode: c.standardCode,
    marks: c.marks,
    texts: {
      description: c.description,
      levelDescriptions: c.levelDescriptions,
      strengths: c.strengths,
      weaknesses: c.weaknesses,
      improvementPlan: c.improvementPlan,
    },
    assigneeMemberId: c.assigneeMemberId,
    assigneeGroupId: c.assigneeGroupId,
    carriedFields: c.carriedFields ?? [],
  };
}

/** The weak criteria (levels not met, weaknesses, improvement texts), in the framework's order. */
export function weakCriteria(
  framework: FrameworkDefinition,
  criteria: readonly CriterionRecord[],
  results: AssessmentResults,
): WeakCriterion[] {
  return weakOf(framework, results, criteria.map(toCriterionAssessment));
}

/** The plan rows weak criteria (and, 2018, unmet Mức 4 items) suggest, skipping those with a row. */
export function proposedPlanRows(input: {
  framework: FrameworkDefinition;
  regime: Regime;
  criteria: readonly CriterionRecord[];
  level4: readonly Level4Record[];
  results: AssessmentResults;
  existing: readonly { criterionCode: string | null; level4Key: string | null }[];
}) {
  return proposeRows({
    framework: input.framework,
    regime: input.regime,
    criteria: input.criteria.map(toCriterionAssessment),
    results: input.results,
    level4: input.level4.map((l) => ({ key: l.itemKey, met: l.met, description: l.description })),
    existing: input.existing,
  });
}

export { assessmentBasisLines };
