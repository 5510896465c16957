import type { PlanRollupSummary } from './plan-rollup-summary.ts';

/**
 * What one school adds to the offices' roll-up for one school year (issue 15), as counters that add
 * up: a unit's tally is the sum of its schools' tallies, so a province or the nation is read from a
 * few dozen stored sums instead of 45,000 schools' plans and assessments. Each counter's key names
 * what it counts; parts of a key are joined by U+001F (never in a code, a date or an id):
 *
 * - `schools`: the school itself (only in the year-independent tally, school year '');
 * - `plan.approved` / `plan.notApproved`: the school has an approved plan this year / plans, none
 *   approved (the school counts of the roll-up; without a plan is the rest);
 * - `assessment.approved`: the school has an approved self-assessment this year;
 * - `level␟regime␟level`, `weak␟framework␟criterion`: per current approved assessment, its school
 *   level and the criteria it finds weak;
 * - `rows␟regime␟standard␟status`, `open␟regime␟standard␟due`, `planned␟source`, `spent␟source`,
 *   `critRows␟framework␟criterion`, `critSchools␟framework␟criterion`: the current approved plans'
 *   roll-up summaries (a criterion counts the school once, however many of its plans name it).
 *
 * Overdue is not a counter (it changes with the day): the reader counts the open rows due before
 * today, as it does from a plan's summary.
 */
export type RollupTally = Record<string, number>;

export const TALLY_SEPARATOR = '\u001f';
const key = (...parts: string[]) => parts.join(TALLY_SEPARATOR);

/** A current approved plan of the school and year, with its roll-up summary. */
export interface TallyPlanInput {
  regime: string;
  frameworkId: string;
  summary: PlanRollupSummary;
}

/** A current approved self-assessment of the school and year, with its stored outcome. */
export interface TallyAssessmentInput {
  regime: string;
  frameworkId: string;
  schoolLevel: number;
  weakCriteria: readonly string[];
}

export interface SchoolYearTallyInput {
  /** Whether the school has any plan this year, and whether one of them is approved. */
  hasPlan: boolean;
  hasApprovedPlan: boolean;
  hasApprovedAssessment: boolean;
  plans: readonly TallyPlanInput[];
  assessments: readonly TallyAssessmentInput[];
}

/** The regime a stored value names ('2018' for anything not '2026', as the roll-up reads it). */
export const tallyRegime = (r: string): '2018' | '2026' => (r === '2026' ? '2026' : '2018');

function bump(tally: RollupTally, k: string, by: number): void {
  if (by === 0) return;
  const value = (tally[k] ?? 0) + by;
  // Money adds up in whole đồng; a sum back at zero (within rounding) leaves no counter behind.
  if (Math.abs(value) < 1e-6) delete tally[k];
  else tally[k] = value;
}

/** One school's tally for one school year (an empty tally when it adds nothing). */
export function schoolYearTally(input: SchoolYearTallyInput): RollupTally {
  const out: RollupTally = {};
  if (input.hasApprovedPlan) bump(out, 'plan.approved', 1);
  else if (input.hasPlan) bump(out, 'plan.notApproved', 1);
  if (input.hasApprovedAssessment) bump(out, 'assessment.approved', 1);
  for (const a of input.assessments) {
    bump(out, key('level', tallyRegime(a.regime), String(a.schoolLevel)), 1);
    for (const code of a.weakCriteria) bump(out, key('weak', a.frameworkId, code), 1);
  }
  const criteriaSchools = new Set<string>();
  for (const p of input.plans) {
    const regime = tallyRegime(p.regime);
    for (const [standard, status, count] of p.summary.rows)
      bump(out, key('rows', regime, standard, status), count);
    for (const [standard, due, count] of p.summary.open)
      bump(out, key('open', regime, standard, due), count);
    for (const [source, amount] of p.summary.planned) bump(out, key('planned', source), amount);
    for (const [source, amount] of p.summary.spent) bump(out, key('spent', source), amount);
    for (const [code, count] of p.summary.criteria) {
      bump(out, key('critRows', p.frameworkId, code), count);
      criteriaSchools.add(key('critSchools', p.frameworkId, code));
    }
  }
  for (const k of criteriaSchools) bump(out, k, 1);
  return out;
}

/** The year-independent tally of a school: it counts as one school of every unit above it. */
export const SCHOOL_TALLY: RollupTally = Object.freeze({ schools: 1 }) as RollupTally;

/** `into` plus `sign` × `tally`, in place (counters back at zero are dropped); returns `into`. */
export function addTally(into: RollupTally, tally: RollupTally, sign: 1 | -1 = 1): RollupTally {
  for (const [k, v] of Object.entries(tally)) bump(into, k, sign * v);
  return into;
}

/** `next` − `previous`: what to add to every unit above the school. */
export function tallyDelta(previous: RollupTally, next: RollupTally): RollupTally {
  return addTally(addTally({}, next), previous, -1);
}

export const isEmptyTally = (tally: RollupTally): boolean => Object.keys(tally).length === 0;

/** A stored tally (JSON object of numbers), or null when it is not one. */
export function readRollupTally(json: string): RollupTally | null {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    for (const v of Object.values(value)) if (typeof v !== 'number') return null;
    return value as RollupTally;
  } catch {
    return null;
  }
}

/** A tally as stored: keys sorted, so equal tallies are equal texts. */
export function writeRollupTally(tally: RollupTally): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(tally).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/** The counters of one kind: each key's parts after the kind, with its value. */
export function tallyEntries(tally: RollupTally, kind: string): [string[], number][] {
  const prefix = kind + TALLY_SEPARATOR;
  const out: [string[], number][] = [];
  for (const [k, v] of Object.entries(tally))
    if (k.startsWith(prefix)) out.push([k.slice(prefix.length).split(TALLY_SEPARATOR), v]);
  return out;
}
