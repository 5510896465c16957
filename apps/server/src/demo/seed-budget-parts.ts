import {
  createFrameworkRepository,
  createRepositories,
  rebuildBudgetParts,
  rebuildUnitAncestors,
} from '@caitien/db';
import { rebuildAssessmentOutcomes } from '../modules/assessments/assessment-outcome.ts';
import { rebuildPlanRollupSummaries } from '../modules/rollup/plan-rollup-summaries.ts';
import type { DemoExtension } from './demo-extension.ts';

/**
 * The roll-up's derived data for what the demo seeder wrote in bulk (issue 14, part C): the unit
 * closure from the paths, every row budget's parts by funding source (batched reads by id,
 * multi-row inserts), the stored levels of the approved assessments and the approved plans'
 * roll-up summaries (after the parts: the summaries sum them). Runs first: the other
 * extensions and the roll-up read these tables. Deterministic: derived from the seeded rows only.
 */
export const seedBudgetParts: DemoExtension = {
  name: 'budget-parts',
  async seed(context) {
    const ancestors = await rebuildUnitAncestors(context.db);
    const parts = context.budgetPartsWritten ?? (await rebuildBudgetParts(context.db)).parts;
    const outcomes = await rebuildAssessmentOutcomes({
      repositories: createRepositories(context.db),
      frameworkRepository: createFrameworkRepository(context.db),
    });
    const summaries = await rebuildPlanRollupSummaries(
      createRepositories(context.db),
      context.now.toISOString(),
    );
    return {
      unitAncestors: ancestors,
      budgetParts: parts,
      assessmentOutcomes: outcomes,
      planRollupSummaries: summaries,
    };
  },
};
