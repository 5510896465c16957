import type { FrameworkDefinition } from '@caitien/core';
import type {
  AssessmentRecord,
  BoundRepositories,
  CriterionRecord,
  FrameworkRepository,
  Level4Record,
  Repositories,
} from '@caitien/db';
import { computeResults, weakCriteria } from './assessment-computation.ts';
import { frameworkCodeOf } from './assessment-reader.ts';

/**
 * An approved assessment's levels as the offices' roll-up stores them (migration 0009
 * `assessment_outcomes`): the school's level and each criterion's level, its highest level and
 * whether the core's weak-criteria rule lists it. The same computation as the assessment's reads.
 */
export function assessmentOutcomeOf(
  framework: FrameworkDefinition,
  assessment: Pick<AssessmentRecord, 'id' | 'schoolId' | 'schoolYear' | 'regime' | 'frameworkId'>,
  criteria: readonly CriterionRecord[],
  level4: readonly Level4Record[],
) {
  const results = computeResults(framework, criteria, level4);
  const weak = new Set(weakCriteria(framework, criteria, results).map((w) => w.criterionCode));
  const standardOf = new Map(
    framework.standards.flatMap((s) => s.criteria.map((c) => [c.code, s.code] as const)),
  );
  return {
    assessmentId: assessment.id,
    schoolId: assessment.schoolId,
    schoolYear: assessment.schoolYear,
    regime: assessment.regime,
    frameworkCode: frameworkCodeOf(assessment.frameworkId),
    schoolLevel: results.school.schoolLevel,
    criteria: Object.values(results.criteria).map((c) => ({
      criterionCode: c.criterionCode,
      standardCode: standardOf.get(c.criterionCode) ?? '',
      level: c.level ?? c.atLeast,
      maxLevel: c.maxLevel,
      weak: weak.has(c.criterionCode),
    })),
  };
}

/** Computes and stores the outcome of one approved assessment through `tx`. */
export async function storeAssessmentOutcome(
  tx: Pick<BoundRepositories, 'assessments' | 'rollup'>,
  framework: FrameworkDefinition,
  assessment: AssessmentRecord,
): Promise<void> {
  const [criteria, level4] = await Promise.all([
    tx.assessments.listCriteria(assessment.id),
    tx.assessments.listLevel4(assessment.id),
  ]);
  await tx.rollup.saveAssessmentOutcome(
    assessmentOutcomeOf(framework, assessment, criteria, level4),
  );
}

/**
 * Fills the outcomes of assessments approved before migration 0009 (or written in bulk by the demo
 * seeder), in batches; run at start and by the demo seeder. Returns how many were filled.
 */
export async function rebuildAssessmentOutcomes(deps: {
  repositories: Pick<Repositories, 'assessments' | 'rollup'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersion'>;
}): Promise<number> {
  const { repositories: repos, frameworkRepository } = deps;
  const frameworks = new Map<string, FrameworkDefinition | null>();
  let filled = 0;
  const skipped = new Set<string>();
  for (;;) {
    const ids = (await repos.rollup.approvedAssessmentsWithoutOutcome(200 + skipped.size)).filter(
      (id) => !skipped.has(id),
    );
    if (ids.length === 0) return filled;
    for (const id of ids) {
      const assessment = await repos.assessments.findAssessment(id);
      if (!assessment) continue;
      if (!frameworks.has(assessment.frameworkId)) {
        const stored = await frameworkRepository.findVersion(assessment.frameworkId);
        frameworks.set(assessment.frameworkId, stored?.definition ?? null);
      }
      const framework = frameworks.get(assessment.frameworkId);
      if (!framework) {
        skipped.add(id);
        continue;
      }
      await storeAssessmentOutcome(repos, framework, assessment);
      filled += 1;
    }
  }
}
