import {
  addTally,
  isEmptyTally,
  readPlanRollupSummary,
  readRollupTally,
  SCHOOL_TALLY,
  schoolYearTally,
  writeRollupTally,
  type PlanRollupSummary,
  type RollupTally,
} from '@caitien/core';
import type { BoundRepositories, Repositories, SchoolYearKey } from '@caitien/db';
import { computePlanRollupSummaries, groupBy } from './plan-rollup-summaries.ts';

type TallyReads = Pick<BoundRepositories, 'rollup' | 'rollupTallies'>;

/** Schools whose marks one flush transaction takes (all their years). */
const FLUSH_BATCH_SCHOOLS = 500;

/**
 * The tallies of the given schools for one school year, computed from their plans, assessments
 * and the plans' roll-up summaries (a summary missing or of another plan is computed from the rows,
 * as the roll-up did before the tallies). A school that adds nothing has an empty tally.
 */
export async function computeSchoolYearTallies(
  reads: TallyReads,
  schoolYear: string,
  schoolIds: readonly string[],
): Promise<Map<string, RollupTally>> {
  const sources = await reads.rollupTallies.tallySources(schoolYear, schoolIds);
  const summaries = new Map<string, PlanRollupSummary>();
  const missing: { planId: string; lineageId: string; schoolYear: string }[] = [];
  for (const plan of sources.plans) {
    const stored = plan.summaryJson === null ? null : readPlanRollupSummary(plan.summaryJson);
    if (stored) summaries.set(plan.planId, stored);
    else missing.push({ planId: plan.planId, lineageId: plan.lineageId, schoolYear });
  }
  if (missing.length > 0)
    for (const [planId, summary] of await computePlanRollupSummaries(reads.rollup, missing))
      summaries.set(planId, summary);

  const plansOf = groupBy(sources.plans, (p) => p.schoolId);
  const assessmentsOf = groupBy(sources.assessments, (a) => a.schoolId);
  const out = new Map<string, RollupTally>();
  for (const schoolId of new Set(schoolIds))
    out.set(
      schoolId,
      schoolYearTally({
        hasPlan: sources.hasPlan.has(schoolId),
        hasApprovedPlan: sources.hasApprovedPlan.has(schoolId),
        hasApprovedAssessment: sources.hasApprovedAssessment.has(schoolId),
        plans: (plansOf.get(schoolId) ?? []).flatMap((p) => {
          const summary = summaries.get(p.planId);
          return summary ? [{ regime: p.regime, frameworkId: p.frameworkId, summary }] : [];
        }),
        assessments: assessmentsOf.get(schoolId) ?? [],
      }),
    );
  return out;
}

/**
 * The units a school's tallies are added to: those above it on its path, except the top of the
 * tree (nobody reads the top as a child, and every write in the country would queue on its row).
 */
export function tallyUnitsOf(path: string): string[] {
  const ids = path.split('/').filter((id) => id !== '');
  return ids.slice(1, -1);
}

const pairKey = (id: string, year: string) => `${id}\u0000${year}`;

/**
 * Folds the pairs the triggers marked dirty into the tallies (migration 0018): for each, the
 * school's tally is computed again, and the difference is added to every unit above it (taken out
 * of the units of its old path and added along its new one when it moved; all of it taken out when
 * the school is gone). One flush at a time (a lock), FLUSH_BATCH_SCHOOLS schools per transaction,
 * until nothing is marked. Answers how many pairs it folded.
 */
export async function flushRollupTallies(
  repos: Pick<Repositories, 'transaction'>,
): Promise<number> {
  let folded = 0;
  for (;;) {
    const taken = await repos.transaction(async (tx) => {
      await tx.rollupTallies.lockFlush();
      const keys = await tx.rollupTallies.takeDirty(FLUSH_BATCH_SCHOOLS);
      if (keys.length === 0) return 0;
      await foldPairs(tx, keys);
      return keys.length;
    });
    if (taken === 0) return folded;
    folded += taken;
  }
}

async function foldPairs(tx: BoundRepositories, keys: readonly SchoolYearKey[]): Promise<void> {
  const t = tx.rollupTallies;
  const units = await t.schoolUnits(keys.map((k) => k.schoolId));
  const previous = await t.schoolTallies(keys);

  // The school's tally now: none when it is gone (or no longer a school).
  const next = new Map<string, { unitPath: string; tally: RollupTally }>();
  const years = new Map<string, string[]>();
  for (const k of keys) {
    const unit = units.get(k.schoolId);
    if (!unit || unit.kind !== 'school') continue;
    if (k.schoolYear === '')
      next.set(pairKey(k.schoolId, ''), { unitPath: unit.path, tally: { ...SCHOOL_TALLY } });
    else {
      const held = years.get(k.schoolYear);
      if (held) held.push(k.schoolId);
      else years.set(k.schoolYear, [k.schoolId]);
    }
  }
  for (const [year, schoolIds] of years)
    for (const [schoolId, tally] of await computeSchoolYearTallies(tx, year, schoolIds))
      next.set(pairKey(schoolId, year), {
        unitPath: units.get(schoolId)?.path ?? '',
        tally,
      });

  // What each unit's sum moves by.
  const deltas = new Map<string, { unitId: string; schoolYear: string; tally: RollupTally }>();
  const move = (path: string, schoolYear: string, tally: RollupTally, sign: 1 | -1) => {
    for (const unitId of tallyUnitsOf(path)) {
      const k = pairKey(unitId, schoolYear);
      let held = deltas.get(k);
      if (!held) {
        held = { unitId, schoolYear, tally: {} };
        deltas.set(k, held);
      }
      addTally(held.tally, tally, sign);
    }
  };
  const saved: (SchoolYearKey & { unitPath: string; tallyJson: string })[] = [];
  const removed: SchoolYearKey[] = [];
  for (const k of keys) {
    const id = pairKey(k.schoolId, k.schoolYear);
    const before = previous.get(id);
    const beforeTally = before ? (readRollupTally(before.tallyJson) ?? {}) : {};
    const after = next.get(id);
    const afterTally = after?.tally ?? {};
    const afterJson = writeRollupTally(afterTally);
    if (before && after && before.unitPath === after.unitPath && before.tallyJson === afterJson)
      continue;
    if (before) move(before.unitPath, k.schoolYear, beforeTally, -1);
    if (after && !isEmptyTally(afterTally)) {
      move(after.unitPath, k.schoolYear, afterTally, 1);
      saved.push({ ...k, unitPath: after.unitPath, tallyJson: afterJson });
    } else if (before) removed.push(k);
  }

  const changed = [...deltas.values()]
    .filter((d) => !isEmptyTally(d.tally))
    .sort((a, b) => compare(a.unitId, b.unitId) || compare(a.schoolYear, b.schoolYear));
  const stored = await t.unitTallies(changed);
  await t.saveUnitTallies(
    changed.map((d) => {
      const current = stored.get(pairKey(d.unitId, d.schoolYear));
      const sum = addTally(current ? (readRollupTally(current) ?? {}) : {}, d.tally);
      return {
        unitId: d.unitId,
        schoolYear: d.schoolYear,
        tallyJson: isEmptyTally(sum) ? null : writeRollupTally(sum),
      };
    }),
  );
  await t.saveSchoolTallies(saved);
  await t.deleteSchoolTallies(removed);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
