import {
  parseTime,
  summarizePlanForRollup,
  type PlanRollupSummary,
  type TimeValue,
} from '@caitien/core';
import type { BoundRepositories, Repositories } from '@caitien/db';

type RollupFacts = Pick<BoundRepositories['rollup'], 'summaryFacts'>;

/** Items by key, in their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const held = out.get(key(item));
    if (held) held.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * Computes the roll-up summaries of the given plans from their rows, progress, budget parts and
 * their lineages' spending (core `summarizePlanForRollup`), keyed by plan id. This is both how the
 * stored summaries are written and the recount they are checked against.
 */
export async function computePlanRollupSummaries(
  rollup: RollupFacts,
  plans: readonly { planId: string; lineageId: string; schoolYear: string }[],
): Promise<Map<string, PlanRollupSummary>> {
  const facts = await rollup.summaryFacts(plans);
  // The time as the monitoring reads it: the typed text parsed against the plan's school year.
  const times = new Map<string, TimeValue | null>();
  const timeOf = (text: string, schoolYear: string) => {
    const key = `${schoolYear}\u0000${text}`;
    let time = times.get(key);
    if (time === undefined) {
      time = parseTime(text, { schoolYear }).value;
      times.set(key, time);
    }
    return time;
  };
  const rowsOf = groupBy(facts.rows, (r) => r.planId);
  const plannedOf = groupBy(facts.planned, (p) => p.planId);
  const spentOf = groupBy(facts.spent, (s) => s.lineageId);
  const out = new Map<string, PlanRollupSummary>();
  for (const plan of plans) {
    out.set(
      plan.planId,
      summarizePlanForRollup({
        rows: (rowsOf.get(plan.planId) ?? []).map((r) => ({
          standardCode: r.standardCode,
          criterionCode: r.criterionCode,
          status: r.status,
          time: timeOf(r.timeText, plan.schoolYear),
        })),
        planned: plannedOf.get(plan.planId) ?? [],
        spent: spentOf.get(plan.lineageId) ?? [],
      }),
    );
  }
  return out;
}

/**
 * Recomputes and stores the summaries of the lineages' current approved plans, inside the writing
 * transaction `tx` (a plan's approval, a progress update, a spending); a lineage without an
 * approved plan loses its summary.
 */
export async function refreshPlanRollupSummaries(
  tx: Pick<BoundRepositories, 'rollup'>,
  lineageIds: readonly string[],
  now: string,
): Promise<void> {
  const plans = await tx.rollup.approvedPlansOfLineages(lineageIds);
  const summaries = await computePlanRollupSummaries(tx.rollup, plans);
  const kept = new Set(plans.map((p) => p.lineageId));
  const gone = lineageIds.filter((id) => !kept.has(id));
  if (gone.length > 0) await tx.rollup.deleteSummaries(gone);
  await tx.rollup.storeSummaries(
    plans.map((p) => ({
      lineageId: p.lineageId,
      planId: p.planId,
      schoolId: p.schoolId,
      schoolYear: p.schoolYear,
      summaryJson: JSON.stringify(summaries.get(p.planId)),
      refreshedAt: now,
    })),
  );
}

/**
 * Summarises every lineage whose approved plan has no summary of it (plans approved before
 * migration 0015, or written in bulk by the demo seeder), in batches of 500 lineages, each batch
 * in its own transaction; run at start and by the demo seeder. Returns how many were written.
 */
export async function rebuildPlanRollupSummaries(
  repos: Pick<Repositories, 'rollup' | 'transaction'>,
  now: string,
): Promise<number> {
  let written = 0;
  let previous = '';
  for (;;) {
    const lineageIds = await repos.rollup.lineagesWithoutSummary(500);
    if (lineageIds.length === 0) return written;
    // Each batch is summarised before the next read: the same batch twice would be a bug.
    if (lineageIds.join() === previous) throw new Error('rebuildPlanRollupSummaries: no progress');
    previous = lineageIds.join();
    await repos.transaction((tx) => refreshPlanRollupSummaries(tx, lineageIds, now));
    written += lineageIds.length;
  }
}
