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
  markRefusal,
  proposePlanRows,
  weakCriteria,
  type AssessmentCouncil,
  type AssessmentSettings,
  type CriterionMarks,
  type FrameworkDefinition,
  type Regime,
} from '@caitien/core';
import type { CriterionRecord, Level4Record } from '@caitien/db';
import type { AssessmentDetail } from '@caitien/shared';

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
      .map((i) => (i.key ? `${i.level}.${i.key}` : String(i.level))),
  );
}

/**
 * Why a mark may not be set (Vietnamese), or null: TT57 Mức 2 only once Mức 1 is Đạt; Đạt needs a
 * description citing an evidence code when the school requires it.
 */
export function refuseMarks(input: {
  regime: Regime;
  settings: AssessmentSettings;
  marks: CriterionMarks;
  levelDescriptions: Record<string, string>;
  description: string;
  changedLevels: readonly number[];
  knownCodes: ReadonlySet<string> | null;
}): string | null {
  for (const level of input.changedLevels) {
    const refusal = markRefusal({
      regime: input.regime,
      settings: input.settings,
      level,
      marks: input.marks,
      levelDescription:
        input.regime === '2026'
          ? (input.levelDescriptions[String(level)] ?? '')
          : input.description,
      knownCodes: input.knownCodes === null ? null : [...input.knownCodes],
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

export { assessmentBasisLines, proposePlanRows, weakCriteria };
