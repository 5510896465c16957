/**
 * Issue 12: recomputing the level of 45,000 schools' self-assessment results, in process, with the
 * core functions the API and the CLI use — from indicator marks (`computeAssessmentResults`: every
 * criterion's level, the school's level with its blockers, the summary lines) and from criterion
 * levels (`schoolLevel`, what `cli school-level` runs). Frameworks are mixed (every version of
 * TT17/18/19 and TT57-MN/PT/GDTX); marks are random but seeded (each school meets 96–100 % of its indicators,
 * 1 % not marked), generated before timing. Three rounds, the median is reported.
 * Run alone: `npx tsx bench/assessment-levels.ts` (or `BENCH_ONLY=assessment npm run bench`).
 */
import {
  computeAssessmentResults,
  criterionMaxLevel,
  indicatorMarkKey,
  listCriteria,
  loadFrameworkCatalogue,
  schoolLevel,
  type CriterionMarks,
  type FrameworkDefinition,
} from '@caitien/core';
import { fileURLToPath } from 'node:url';

export interface SchoolLevelFigure {
  name: string;
  schools: number;
  rounds: number;
  medianMs: number;
  schoolsPerSecond: number;
  /** How many schools ended at each level (a check that the data is not degenerate). */
  levels: Record<string, number>;
}

/** A small seeded PRNG (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SchoolMarks {
  framework: FrameworkDefinition;
  criteria: { criterionCode: string; marks: CriterionMarks }[];
  level4: (boolean | null)[];
}

interface SchoolLevels {
  framework: FrameworkDefinition;
  levels: Record<string, number>;
  level4: boolean[];
}

function generate(count: number): { marks: SchoolMarks[]; levels: SchoolLevels[] } {
  const catalogue = loadFrameworkCatalogue();
  const next = random(12);
  // Each school has its own quality: the share of indicators it meets (96–100 %); 1 % unmarked.
  let quality = 1;
  const mark = (): boolean | undefined => {
    const r = next();
    return r < 0.01 ? undefined : r < quality ? true : false;
  };
  const marks: SchoolMarks[] = [];
  const levels: SchoolLevels[] = [];
  for (let i = 0; i < count; i += 1) {
    const framework = catalogue[i % catalogue.length]!;
    quality = 0.96 + 0.04 * next();
    marks.push({
      framework,
      criteria: listCriteria(framework).map((c) => {
        const m: CriterionMarks = {};
        for (const indicator of c.indicators) {
          const value = mark();
          if (value !== undefined) m[indicatorMarkKey(indicator)] = value;
        }
        return { criterionCode: c.code, marks: m };
      }),
      level4: framework.level4Items.map(() => mark() ?? null),
    });
    levels.push({
      framework,
      levels: Object.fromEntries(
        listCriteria(framework).map((c) => {
          const max = criterionMaxLevel(framework, c.code);
          // Mostly high levels, so every school level occurs.
          return [c.code, Math.max(0, max - (next() < 0.7 ? 0 : Math.floor(next() * (max + 1))))];
        }),
      ),
      level4: framework.level4Items.map(() => next() < 0.9),
    });
  }
  return { marks, levels };
}

function measure(
  name: string,
  count: number,
  rounds: number,
  run: () => number[],
): SchoolLevelFigure {
  run(); // warm-up: JIT, the per-framework shape cache
  const samples: number[] = [];
  let lastLevels: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const started = performance.now();
    lastLevels = run();
    samples.push(performance.now() - started);
  }
  const medianMs = [...samples].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
  const levels: Record<string, number> = {};
  for (const level of lastLevels) levels[`Mức ${level}`] = (levels[`Mức ${level}`] ?? 0) + 1;
  return {
    name,
    schools: count,
    rounds,
    medianMs: Number(medianMs.toFixed(1)),
    schoolsPerSecond: Math.round((count / medianMs) * 1000),
    levels,
  };
}

/** The two figures: from marks (whole results) and from criterion levels (school level only). */
export function measureSchoolLevels(count = 45_000, rounds = 3): SchoolLevelFigure[] {
  const data = generate(count);
  return [
    measure(
      'Tự đánh giá: kết quả đầy đủ từ đánh giá chỉ báo (computeAssessmentResults)',
      count,
      rounds,
      () =>
        data.marks.map(
          (s) =>
            computeAssessmentResults(s.framework, { criteria: s.criteria, level4: s.level4 }).school
              .schoolLevel,
        ),
    ),
    measure(
      'Tự đánh giá: mức của trường từ mức tiêu chí (schoolLevel, như cli school-level)',
      count,
      rounds,
      () => data.levels.map((s) => schoolLevel(s.framework, s.levels, s.level4).schoolLevel),
    ),
  ];
}

export function printSchoolLevels(figures: readonly SchoolLevelFigure[]): void {
  for (const f of figures) {
    console.log(
      `${f.name}: ${f.schools} trường trong ${f.medianMs} ms (trung vị ${f.rounds} lần) = ${f.schoolsPerSecond} trường/s; ${JSON.stringify(f.levels)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printSchoolLevels(measureSchoolLevels());
}
