/**
 * Levels of the self-assessment, computed from the council's marks (pure, no I/O). The software
 * computes; people decide: nothing here sets a mark, and a level that depends on an unmarked
 * indicator is reported as undecided rather than guessed.
 *
 * 2018 (TT17/18/19, Điều 6; docs/reference/NOTES.md §2.1–2.2): a criterion is at Mức n when every
 * indicator (chỉ báo) in force at Mức 1..n is met; a criterion with no requirement at a level
 * (`levelsWithoutRequirements`, or every requirement repealed by TT22/2024) stays at its highest
 * level. School (derived rule, NOTES §2.2, as CV 5932 reports and the source app compute it):
 * Mức n when every criterion reaches n, criteria without Mức n counting at their highest; Mức 4
 * when Mức 3 and every Mức 4 item (Điều 22) is met.
 * TT57/2026 (khoản 3 Điều 5; docs/reference/TT57-NOTES.md §3): Mức 2 is judged only once Mức 1 is
 * Đạt; school Mức 1 when the 8 mandatory criteria and at least 5 of the other 7 reach Mức 1; Mức 2
 * when the mandatory reach Mức 2, at least 5 of the others Mức 2 and the rest at least Mức 1.
 */

import {
  findFrameworkVersion,
  listCriteria,
  loadFrameworkCatalogue,
} from '../frameworks/catalogue.ts';
import type {
  FrameworkCriterion,
  FrameworkDefinition,
  FrameworkIndicator,
} from '../frameworks/framework.types.ts';
import type { CriterionMarks, IndicatorMarkKey } from './assessment.types.ts';

/** TT57: how many of the non-mandatory criteria must reach a level (khoản 3 Điều 5). */
export const TT57_OTHERS_REQUIRED = 5;

/** The key of an indicator's mark: `"1.a"` for a lettered chỉ báo, `"2"` for an unlettered level. */
export function indicatorMarkKey(indicator: Pick<FrameworkIndicator, 'level' | 'key'>): string {
  return indicator.key === null ? String(indicator.level) : `${indicator.level}.${indicator.key}`;
}

/** How a mark key is printed: "1.a" → "Mức 1 chỉ báo a", "2" → "Mức 2". */
export function indicatorMarkLabel(key: IndicatorMarkKey): string {
  const [level, letter] = key.split('.');
  return letter === undefined ? `Mức ${level}` : `Mức ${level} chỉ báo ${letter}`;
}

function listLabels(keys: readonly string[]): string {
  return keys.map(indicatorMarkLabel).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Precomputed shape of a framework (cached per definition object)
// ---------------------------------------------------------------------------------------------

interface CriterionShape {
  code: string;
  mandatory: boolean;
  /** Keys in force per level, index = level (index 0 unused). */
  activeKeys: string[][];
  /** Levels whose requirements were all repealed: met as soon as the level below is. */
  repealedLevels: number[];
  /** Highest level with a requirement in force (0 when none). */
  maxLevel: number;
  /** Every key of the criterion, in force or not (to tell a repealed mark from an unknown one). */
  allKeys: Set<string>;
  /** The keys in force. */
  activeSet: Set<string>;
  /** Repealed indicators inside a level that keeps others in force (named in the reason). */
  repealedInLevel: string[];
}

interface FrameworkShape {
  isTt57: boolean;
  topLevel: number;
  criteria: CriterionShape[];
  byCode: Map<string, CriterionShape>;
}

const shapes = new WeakMap<FrameworkDefinition, FrameworkShape>();

function shapeOfCriterion(framework: FrameworkDefinition, c: FrameworkCriterion): CriterionShape {
  const activeKeys: string[][] = [[]];
  const repealedLevels: number[] = [];
  let maxLevel = 0;
  for (const level of framework.levels) {
    const atLevel = c.indicators.filter((i) => i.level === level);
    const active = atLevel.filter((i) => i.repealed === null);
    activeKeys[level] = active.map(indicatorMarkKey);
    // A level whose requirements were all repealed (TT22/2024) is still a level of the criterion,
    // met once the level below is (seed 001, TT17 with TT22: "Mức 2: Tổng số 27 tiêu chí").
    if (atLevel.length > 0 && !c.levelsWithoutRequirements.includes(level)) maxLevel = level;
    if (atLevel.length > 0 && active.length === 0) repealedLevels.push(level);
  }
  const activeSet = new Set(activeKeys.flat());
  return {
    code: c.code,
    mandatory: c.mandatory,
    activeKeys,
    repealedLevels,
    maxLevel,
    allKeys: new Set(c.indicators.map(indicatorMarkKey)),
    activeSet,
    repealedInLevel: c.indicators
      .filter((i) => i.repealed !== null && !repealedLevels.includes(i.level))
      .map(indicatorMarkKey),
  };
}

function shapeOf(framework: FrameworkDefinition): FrameworkShape {
  let shape = shapes.get(framework);
  if (!shape) {
    const criteria = listCriteria(framework).map((c) => shapeOfCriterion(framework, c));
    shape = {
      isTt57: framework.regime === '2026',
      topLevel: Math.max(...framework.levels),
      criteria,
      byCode: new Map(criteria.map((c) => [c.code, c])),
    };
    shapes.set(framework, shape);
  }
  return shape;
}

/** The highest level a criterion can reach in this framework version (0 when it has none). */
export function criterionMaxLevel(framework: FrameworkDefinition, criterionCode: string): number {
  const c = shapeOf(framework).byCode.get(criterionCode);
  if (!c) throw new RangeError(`Unknown criterion ${criterionCode} in ${framework.code}`);
  return c.maxLevel;
}

// ---------------------------------------------------------------------------------------------
// Criterion level
// ---------------------------------------------------------------------------------------------

/** A criterion's computed level, with why and what it lacks. */
export interface CriterionLevelResult {
  criterionCode: string;
  /** 0 = Mức 1 not met, 1–3 the highest level met; null = undecided (an indicator is unmarked). */
  level: number | null;
  /** The level already certain whatever the unmarked indicators turn out to be. */
  atLeast: number;
  /** The highest level this criterion has (2 for a criterion without Mức 3). */
  maxLevel: number;
  /** Vietnamese. */
  reason: string;
  /** Indicators marked Không đạt that hold the level back. */
  failed: string[];
  /** Indicators not marked yet that the level depends on. */
  unmarked: string[];
  /** Indicators still to be met for the next level (empty at the criterion's highest level). */
  nextLevelNeeds: string[];
  /** Marks that do not count: unknown keys, repealed indicators, TT57 Mức 2 before Mức 1 is Đạt. */
  ignored: string[];
}

/**
 * The level of one criterion from its indicator marks (Đạt = true, Không đạt = false, absent =
 * not judged). Throws a RangeError for a criterion code the framework does not have.
 */
export function criterionLevel(
  framework: FrameworkDefinition,
  criterionCode: string,
  marks: CriterionMarks,
): CriterionLevelResult {
  const shape = shapeOf(framework);
  const c = shape.byCode.get(criterionCode);
  if (!c) throw new RangeError(`Unknown criterion ${criterionCode} in ${framework.code}`);

  const failed: string[] = [];
  const unmarked: string[] = [];
  let atLeast = 0;
  let undecidedFrom = 0;
  let stopLevel = 0;
  /** Levels whose marks were judged; higher marks are ignored (TT57) or irrelevant (2018). */
  let judgedUpTo = c.maxLevel;
  for (let level = 1; level <= c.maxLevel; level += 1) {
    const keys = c.activeKeys[level] ?? [];
    const levelFailed: string[] = [];
    const levelUnmarked: string[] = [];
    for (const k of keys) {
      const mark = marks[k];
      if (mark === false) levelFailed.push(k);
      else if (mark === undefined) levelUnmarked.push(k);
    }
    if (levelFailed.length > 0) {
      failed.push(...levelFailed);
      stopLevel = level;
      judgedUpTo = level;
      break;
    }
    if (levelUnmarked.length > 0) {
      unmarked.push(...levelUnmarked);
      if (undecidedFrom === 0) undecidedFrom = level;
      // TT57: Mức 2 is judged only once Mức 1 is Đạt (an unmarked Mức 1 is not Đạt).
      if (shape.isTt57) {
        judgedUpTo = level;
        break;
      }
    } else if (undecidedFrom === 0) {
      atLeast = level;
    }
  }
  const upperBound = stopLevel > 0 ? stopLevel - 1 : c.maxLevel;
  const level = atLeast === upperBound ? atLeast : null;

  const ignored: string[] = [];
  for (const key of Object.keys(marks)) {
    if (!c.activeSet.has(key) || (shape.isTt57 && Number(key.split('.')[0]) > judgedUpTo)) {
      ignored.push(key);
    }
  }

  const nextLevel = (level ?? atLeast) + 1;
  const nextLevelNeeds =
    nextLevel <= c.maxLevel ? (c.activeKeys[nextLevel] ?? []).filter((k) => marks[k] !== true) : [];

  const reason = criterionReason({
    shape,
    c,
    level,
    atLeast,
    stopLevel,
    failed,
    unmarked,
    ignored,
  });
  return {
    criterionCode,
    level,
    atLeast,
    maxLevel: c.maxLevel,
    reason,
    failed,
    unmarked,
    nextLevelNeeds,
    ignored,
  };
}

function criterionReason(input: {
  shape: FrameworkShape;
  c: CriterionShape;
  level: number | null;
  atLeast: number;
  stopLevel: number;
  failed: string[];
  unmarked: string[];
  ignored: string[];
}): string {
  const { shape, c, level, atLeast, stopLevel, failed, unmarked, ignored } = input;
  const parts: string[] = [];
  if (c.maxLevel === 0) {
    parts.push('Tiêu chí không còn yêu cầu nào có hiệu lực ở mọi mức.');
  } else if (level === null) {
    parts.push(`Chưa xác định được mức: chưa đánh giá ${listLabels(unmarked)}.`);
    if (atLeast > 0) parts.push(`Hiện đã chắc chắn đạt Mức ${atLeast}.`);
    if (failed.length > 0) {
      parts.push(`${listLabels(failed)} không đạt nên tiêu chí chưa thể đạt Mức ${stopLevel}.`);
    }
  } else if (level === 0) {
    parts.push(`Không đạt Mức 1 vì ${listLabels(failed)} không đạt.`);
  } else if (level < c.maxLevel) {
    parts.push(`Đạt Mức ${level}; chưa đạt Mức ${level + 1} vì ${listLabels(failed)} không đạt.`);
  } else {
    parts.push(`Đạt Mức ${level}: đạt mọi yêu cầu từ Mức 1 đến Mức ${level}.`);
    if (c.maxLevel < shape.topLevel) {
      parts.push(
        `Tiêu chí không có yêu cầu từ Mức ${c.maxLevel + 1} nên được tính là đạt mức cao nhất của tiêu chí.`,
      );
    }
  }
  const repealedKeys = c.repealedInLevel;
  if (repealedKeys.length > 0) {
    parts.push(`${listLabels(repealedKeys)} đã bị bãi bỏ (Thông tư 22/2024/TT-BGDĐT), không xét.`);
  }
  if (c.repealedLevels.length > 0) {
    parts.push(
      `Yêu cầu ${c.repealedLevels.map((l) => `Mức ${l}`).join(', ')} đã bị bãi bỏ (Thông tư 22/2024/TT-BGDĐT): mức đó được tính đạt khi đạt mức liền dưới.`,
    );
  }
  if (shape.isTt57) {
    const early = ignored.filter((k) => Number(k.split('.')[0]) >= 2 && c.allKeys.has(k));
    if (early.length > 0) {
      parts.push('Mức 2 chỉ được xét khi Mức 1 đạt: đánh giá ở Mức 2 chưa được tính.');
    }
  }
  const unknown = ignored.filter((k) => !c.allKeys.has(k));
  if (unknown.length > 0)
    parts.push(`Bỏ qua đánh giá không thuộc tiêu chí: ${unknown.join(', ')}.`);
  const repealedMarked = ignored.filter((k) => isRepealedKey(c, k));
  if (repealedMarked.length > 0) {
    parts.push(`Bỏ qua đánh giá ở chỉ báo đã bãi bỏ: ${listLabels(repealedMarked)}.`);
  }
  return parts.join(' ');
}

function isRepealedKey(c: CriterionShape, key: string): boolean {
  return c.allKeys.has(key) && !c.activeSet.has(key);
}

// ---------------------------------------------------------------------------------------------
// School level
// ---------------------------------------------------------------------------------------------

/** What holds the school's next level back. */
export interface SchoolLevelBlocker {
  /** The criterion; null for a Mức 4 item (see level4Key). */
  criterionCode: string | null;
  /** The Mức 4 item's key (2018), else null. */
  level4Key: string | null;
  /** The criterion's level now (null: undecided, not marked enough). */
  level: number | null;
  /** The level it must reach. */
  needed: number;
  /** Vietnamese. */
  message: string;
}

/** The school's level, with why and the gap to the next level. */
export interface SchoolLevelResult {
  /** 0 = Mức 1 not reached; 2018 up to 4, TT57 up to 2. */
  schoolLevel: number;
  /** Vietnamese. */
  reason: string;
  /** The criteria (or Mức 4 items) holding the next level back. */
  blockers: SchoolLevelBlocker[];
  /** The next level, or null at the top. */
  nextLevel: number | null;
}

/** Options of {@link schoolLevel}. */
export interface SchoolLevelOptions {
  /** Criteria whose level is only a lower bound because some indicators are unmarked. */
  undecided?: ReadonlySet<string>;
}

function levelOf(levels: Readonly<Record<string, number | null>>, code: string): number | null {
  const value = levels[code];
  return typeof value === 'number' ? value : null;
}

/** 2018: does the criterion count as reaching `n` (at its highest when it has no Mức n)? */
function reaches2018(c: CriterionShape, level: number, n: number): boolean {
  return level >= n || (level >= c.maxLevel && n > c.maxLevel);
}

function describeLevel(level: number | null, undecided: boolean): string {
  if (level === null) return 'chưa đánh giá';
  const text = level === 0 ? 'không đạt Mức 1' : `đạt Mức ${level}`;
  return undecided ? `${text} (chưa đánh giá đủ chỉ báo)` : text;
}

/**
 * The school's level from its criteria's levels (`criterionLevels`: highest level met per
 * criterion, 0 = Mức 1 not met; missing or null = not assessed, counting as not reaching any
 * level) and, for 2018, the Mức 4 items in the framework's order.
 */
export function schoolLevel(
  framework: FrameworkDefinition,
  criterionLevels: Readonly<Record<string, number | null>>,
  level4Met: readonly (boolean | null)[] = [],
  options: SchoolLevelOptions = {},
): SchoolLevelResult {
  const shape = shapeOf(framework);
  return shape.isTt57
    ? schoolLevelTt57(shape, criterionLevels, options)
    : schoolLevel2018(framework, shape, criterionLevels, level4Met, options);
}

function schoolLevel2018(
  framework: FrameworkDefinition,
  shape: FrameworkShape,
  levels: Readonly<Record<string, number | null>>,
  level4Met: readonly (boolean | null)[],
  options: SchoolLevelOptions,
): SchoolLevelResult {
  const undecided = options.undecided ?? new Set<string>();
  const total = shape.criteria.length;
  const blockersAt = (n: number): SchoolLevelBlocker[] =>
    shape.criteria.flatMap((c) => {
      const level = levelOf(levels, c.code);
      if (level !== null && reaches2018(c, level, n)) return [];
      const state = describeLevel(level, undecided.has(c.code));
      return [
        {
          criterionCode: c.code,
          level4Key: null,
          level,
          needed: n,
          message: `Tiêu chí ${c.code} ${state}, cần đạt Mức ${n}.`,
        },
      ];
    });

  let reached = 0;
  let blockers: SchoolLevelBlocker[] = [];
  for (let n = 1; n <= shape.topLevel; n += 1) {
    blockers = blockersAt(n);
    if (blockers.length > 0) break;
    reached = n;
  }
  const items = framework.level4Items;
  let reason: string;
  if (reached === shape.topLevel) {
    const level4Blockers: SchoolLevelBlocker[] = items.flatMap((item, index) => {
      const met = level4Met[index];
      if (met === true) return [];
      return [
        {
          criterionCode: null,
          level4Key: item.key,
          level: null,
          needed: 4,
          message:
            met === false
              ? `Yêu cầu Mức 4 thứ ${item.key} (${item.ref}) chưa đạt.`
              : `Yêu cầu Mức 4 thứ ${item.key} (${item.ref}) chưa đánh giá.`,
        },
      ];
    });
    const metCount = items.length - level4Blockers.length;
    if (items.length > 0 && level4Blockers.length === 0) {
      return {
        schoolLevel: 4,
        reason: `Đạt Mức 4: mọi tiêu chí đạt Mức 3 (tiêu chí không có Mức 3 tính ở mức cao nhất) và đạt cả ${items.length} yêu cầu Mức 4.`,
        blockers: [],
        nextLevel: null,
      };
    }
    reason =
      `Đạt Mức 3: mọi tiêu chí đạt Mức 3 (tiêu chí không có Mức 3 tính ở mức cao nhất); ` +
      `chưa đạt Mức 4 vì mới đạt ${metCount}/${items.length} yêu cầu Mức 4.`;
    return { schoolLevel: 3, reason, blockers: level4Blockers, nextLevel: 4 };
  }
  const next = reached + 1;
  const codes = blockers.map((b) => b.criterionCode).join(', ');
  const notAssessed = blockers.filter(
    (b) => b.level === null || undecided.has(b.criterionCode ?? ''),
  ).length;
  const head =
    reached === 0
      ? 'Chưa đạt Mức 1'
      : `Đạt Mức ${reached}: cả ${total} tiêu chí đạt Mức ${reached}${reached > 1 ? ' (tiêu chí không có mức đó tính ở mức cao nhất)' : ''}`;
  reason = `${head}; ${blockers.length}/${total} tiêu chí chưa đạt Mức ${next} (${codes}).`;
  if (notAssessed > 0) {
    reason += ` Trong đó ${notAssessed} tiêu chí chưa đánh giá đủ, được tính là chưa đạt.`;
  }
  return { schoolLevel: reached, reason, blockers, nextLevel: next };
}

function schoolLevelTt57(
  shape: FrameworkShape,
  levels: Readonly<Record<string, number | null>>,
  options: SchoolLevelOptions,
): SchoolLevelResult {
  const undecided = options.undecided ?? new Set<string>();
  const mandatory = shape.criteria.filter((c) => c.mandatory);
  const others = shape.criteria.filter((c) => !c.mandatory);
  const value = (c: CriterionShape): number => levelOf(levels, c.code) ?? -1;
  const meets = (n: number): boolean => {
    if (!mandatory.every((c) => value(c) >= n)) return false;
    if (others.filter((c) => value(c) >= n).length < TT57_OTHERS_REQUIRED) return false;
    return n < 2 || others.every((c) => value(c) >= 1);
  };
  const reached = meets(2) ? 2 : meets(1) ? 1 : 0;
  if (reached === 2) {
    return {
      schoolLevel: 2,
      reason: `Đạt Mức 2: ${mandatory.length} tiêu chí bắt buộc đạt Mức 2, ${others.filter((c) => value(c) >= 2).length}/${others.length} tiêu chí không bắt buộc đạt Mức 2 (cần ít nhất ${TT57_OTHERS_REQUIRED}) và các tiêu chí còn lại đạt ít nhất Mức 1.`,
      blockers: [],
      nextLevel: null,
    };
  }
  const next = reached + 1;
  const blockers: SchoolLevelBlocker[] = [];
  const state = (c: CriterionShape): string =>
    describeLevel(levelOf(levels, c.code), undecided.has(c.code));
  for (const c of mandatory) {
    if (value(c) >= next) continue;
    blockers.push({
      criterionCode: c.code,
      level4Key: null,
      level: levelOf(levels, c.code),
      needed: next,
      message: `Tiêu chí bắt buộc ${c.code} ${state(c)}, cần đạt Mức ${next}.`,
    });
  }
  const othersAt = others.filter((c) => value(c) >= next).length;
  const missing = Math.max(0, TT57_OTHERS_REQUIRED - othersAt);
  const below = others.filter((c) => value(c) < next);
  // Closest first: highest level now, then the framework's order.
  const closest = [...below].sort((a, b) => value(b) - value(a));
  if (missing > 0) {
    const pick = closest.slice(0, missing);
    const names = closest
      .filter((c) => value(c) === value(closest[0]!))
      .map((c) => c.code)
      .join(', ');
    for (const c of pick) {
      blockers.push({
        criterionCode: c.code,
        level4Key: null,
        level: levelOf(levels, c.code),
        needed: next,
        message:
          `Cần thêm ${missing} tiêu chí không bắt buộc đạt Mức ${next} (hiện có ${othersAt}/${others.length}, cần ${TT57_OTHERS_REQUIRED}); ` +
          `tiêu chí ${c.code} ${state(c)} là một trong các tiêu chí gần nhất (${names}).`,
      });
    }
  }
  if (next === 2) {
    for (const c of others) {
      if (value(c) >= 1 || blockers.some((b) => b.criterionCode === c.code)) continue;
      blockers.push({
        criterionCode: c.code,
        level4Key: null,
        level: levelOf(levels, c.code),
        needed: 1,
        message: `Tiêu chí ${c.code} ${state(c)}: ở Mức 2, các tiêu chí không bắt buộc còn lại phải đạt ít nhất Mức 1.`,
      });
    }
  }
  const mandatoryAt = mandatory.filter((c) => value(c) >= next).length;
  const head =
    reached === 0
      ? 'Chưa đạt Mức 1'
      : `Đạt Mức 1: ${mandatory.length} tiêu chí bắt buộc và ${others.filter((c) => value(c) >= 1).length}/${others.length} tiêu chí không bắt buộc đạt Mức 1`;
  const gaps: string[] = [];
  if (mandatoryAt < mandatory.length) {
    gaps.push(
      `${mandatory.length - mandatoryAt}/${mandatory.length} tiêu chí bắt buộc chưa đạt Mức ${next} (${mandatory
        .filter((c) => value(c) < next)
        .map((c) => c.code)
        .join(', ')})`,
    );
  }
  if (missing > 0) {
    gaps.push(
      `cần thêm ${missing} tiêu chí không bắt buộc đạt Mức ${next} (hiện có ${othersAt}/${others.length}; gần nhất: ${closest
        .slice(0, Math.max(missing, 1))
        .map((c) => c.code)
        .join(', ')})`,
    );
  }
  const below1 = others.filter((c) => value(c) < 1);
  if (next === 2 && below1.length > 0) {
    gaps.push(
      `các tiêu chí không bắt buộc còn lại phải đạt ít nhất Mức 1 (${below1.map((c) => c.code).join(', ')})`,
    );
  }
  const notAssessed = shape.criteria.filter(
    (c) => levelOf(levels, c.code) === null || undecided.has(c.code),
  ).length;
  let reason = `${head}; chưa đạt Mức ${next}: ${gaps.join('; ')}.`;
  if (notAssessed > 0) {
    reason += ` ${notAssessed} tiêu chí chưa đánh giá đủ được tính là chưa đạt.`;
  }
  return { schoolLevel: reached, reason, blockers, nextLevel: next };
}

// ---------------------------------------------------------------------------------------------
// Whole assessment
// ---------------------------------------------------------------------------------------------

/** Everything computed from an assessment's marks. */
export interface AssessmentResults {
  criteria: Record<string, CriterionLevelResult>;
  school: SchoolLevelResult;
  /** The summary lines in the schools' own words ("Mức 1: Tổng số 27 tiêu chí, …"). */
  summary: string[];
  /** Criteria whose level is undecided (some indicator unmarked) or not assessed at all. */
  unmarkedCount: number;
}

/** The marks of a whole school, as computed from (what-if = the same call with changed marks). */
export interface AssessmentResultsInput {
  criteria: readonly { criterionCode: string; marks: CriterionMarks }[];
  /** 2018: the Mức 4 items in the framework's order (null = not judged). Ignored under TT57. */
  level4: readonly (boolean | null)[];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const value = Math.round((part / whole) * 10000) / 100;
  return `${String(value).replace('.', ',')}%`;
}

/**
 * Computes every criterion's level, the school's level and the summary lines. Criteria of the
 * framework missing from `input.criteria` are not assessed and count as not reaching any level;
 * criteria not in the framework are ignored (the caller warns about them). Nothing is saved or
 * marked: a what-if view calls this with changed marks.
 */
export function computeAssessmentResults(
  framework: FrameworkDefinition,
  input: AssessmentResultsInput,
): AssessmentResults {
  const shape = shapeOf(framework);
  const marksByCode = new Map<string, CriterionMarks>();
  for (const c of input.criteria) marksByCode.set(c.criterionCode, c.marks);
  const criteria: Record<string, CriterionLevelResult> = {};
  const levels: Record<string, number> = {};
  const undecided = new Set<string>();
  for (const c of shape.criteria) {
    const result = criterionLevel(framework, c.code, marksByCode.get(c.code) ?? {});
    criteria[c.code] = result;
    // An undecided criterion counts at the level already certain (never above it).
    levels[c.code] = result.level ?? result.atLeast;
    if (result.level === null) undecided.add(c.code);
  }
  const level4 = shape.isTt57 ? [] : input.level4;
  const school = schoolLevel(framework, levels, level4, { undecided });
  const summary = summaryLines(framework, shape, criteria, level4, school);
  return { criteria, school, summary, unmarkedCount: undecided.size };
}

function summaryLines(
  framework: FrameworkDefinition,
  shape: FrameworkShape,
  criteria: Record<string, CriterionLevelResult>,
  level4: readonly (boolean | null)[],
  school: SchoolLevelResult,
): string[] {
  const lines = [
    `Tổng số tiêu chuẩn được đánh giá: ${pad2(framework.standards.length)} tiêu chuẩn`,
  ];
  for (const n of framework.levels) {
    const withLevel = shape.criteria.filter((c) => c.maxLevel >= n);
    // An undecided criterion counts at the level already certain.
    const met = withLevel.filter((c) => {
      const r = criteria[c.code];
      return r !== undefined && (r.level ?? r.atLeast) >= n;
    });
    const open = withLevel.filter(
      (c) => criteria[c.code]?.level === null && (criteria[c.code]?.atLeast ?? 0) < n,
    );
    const notMet = withLevel.filter((c) => !met.includes(c) && !open.includes(c));
    const total = withLevel.length;
    let line = `Mức ${n}: Tổng số ${pad2(total)} tiêu chí, trong đó số tiêu chí đạt ${met.length}/${total}, tỉ lệ ${percent(met.length, total)}; tiêu chí không đạt: `;
    line +=
      notMet.length === 0
        ? '0'
        : `${notMet.length}/${total}, tỉ lệ ${percent(notMet.length, total)} (tiêu chí ${notMet.map((c) => c.code).join(', ')})`;
    if (open.length > 0) {
      line += `; chưa đánh giá: ${open.length}/${total} (tiêu chí ${open.map((c) => c.code).join(', ')})`;
    }
    lines.push(line);
    if (shape.isTt57) {
      const mandatory = shape.criteria.filter((c) => c.mandatory);
      const mandatoryMet = mandatory.filter((c) => met.includes(c)).length;
      const others = shape.criteria.length - mandatory.length;
      lines.push(
        `Trong đó tiêu chí bắt buộc đạt Mức ${n}: ${mandatoryMet}/${mandatory.length}; tiêu chí không bắt buộc đạt Mức ${n}: ${met.length - mandatoryMet}/${others}`,
      );
    }
  }
  if (!shape.isTt57 && framework.level4Items.length > 0) {
    const items = framework.level4Items;
    const met = items.filter((_, i) => level4[i] === true).map((item) => item.key);
    const notMet = items.filter((_, i) => level4[i] === false).map((item) => item.key);
    const open = items.filter((_, i) => level4[i] !== true && level4[i] !== false);
    const total = items.length;
    let line = `Mức 4: Tổng số ${pad2(total)} tiêu chí, trong đó số tiêu chí đạt ${met.length}/${total}, tỉ lệ ${percent(met.length, total)}`;
    if (met.length > 0) line += ` (tiêu chí ${met.join(', ')})`;
    line += '; tiêu chí không đạt: ';
    line +=
      notMet.length === 0
        ? '0'
        : `${notMet.length}/${total}, tỉ lệ ${percent(notMet.length, total)} (tiêu chí ${notMet.join(', ')})`;
    if (open.length > 0) {
      line += `; chưa đánh giá: ${open.length}/${total} (tiêu chí ${open.map((i) => i.key).join(', ')})`;
    }
    lines.push(line);
  }
  lines.push(
    school.schoolLevel === 0
      ? 'Tự đánh giá chưa đạt mức 1'
      : `Tự đánh giá đạt mức ${school.schoolLevel}`,
  );
  return lines;
}

// ---------------------------------------------------------------------------------------------
// CLI input
// ---------------------------------------------------------------------------------------------

/** A checked `school-level` input. */
export interface SchoolLevelInput {
  framework: FrameworkDefinition;
  criteria: Record<string, number>;
  /** 2018: the Mức 4 items (empty when not given: they count as not met). TT57: empty. */
  level4Met: boolean[];
  /** True when a 2018 input gave no level4Met. */
  level4Given: boolean;
}

/** The outcome of {@link validateSchoolLevelInput}: the input, or the refusals (Vietnamese). */
export type SchoolLevelInputResult =
  { ok: true; value: SchoolLevelInput } | { ok: false; errors: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the JSON given to `cli school-level`: `{ framework, criteria: { "1.1": 3, … },
 * level4Met?: [true, …] }`. Refuses an unknown framework, a missing or unknown criterion, a level
 * a criterion does not have, and a level4Met of the wrong length or given under TT57.
 */
export function validateSchoolLevelInput(
  json: unknown,
  catalogue: readonly FrameworkDefinition[] = loadFrameworkCatalogue(),
): SchoolLevelInputResult {
  if (!isRecord(json)) {
    return {
      ok: false,
      errors: ['Dữ liệu phải là một đối tượng JSON { framework, criteria, level4Met }.'],
    };
  }
  const errors: string[] = [];
  const frameworkId = json.framework;
  const framework =
    typeof frameworkId === 'string' ? findFrameworkVersion(catalogue, frameworkId) : null;
  if (!framework) {
    return {
      ok: false,
      errors: [
        typeof frameworkId === 'string'
          ? `Bộ tiêu chuẩn "${frameworkId}" không có (dùng TT17, TT18, TT19, TT57-MN, TT57-PT, TT57-GDTX hoặc mã phiên bản như TT19@2).`
          : 'Thiếu "framework": bộ tiêu chuẩn (TT17, TT18, TT19, TT57-MN, TT57-PT, TT57-GDTX).',
      ],
    };
  }
  const shape = shapeOf(framework);
  const criteria: Record<string, number> = {};
  const given = json.criteria;
  if (!isRecord(given)) {
    errors.push('Thiếu "criteria": mức cao nhất đạt được của từng tiêu chí, ví dụ { "1.1": 3 }.');
  } else {
    for (const [code, value] of Object.entries(given)) {
      const c = shape.byCode.get(code);
      if (!c) {
        errors.push(`Tiêu chí ${code} không có trong ${framework.code}.`);
        continue;
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        errors.push(
          `Mức của tiêu chí ${code} phải là số nguyên từ 0 (không đạt Mức 1) đến ${c.maxLevel}.`,
        );
        continue;
      }
      if (value > c.maxLevel) {
        errors.push(
          `Tiêu chí ${code} không có Mức ${value} (mức cao nhất của tiêu chí là Mức ${c.maxLevel}).`,
        );
        continue;
      }
      criteria[code] = value;
    }
    const missing = shape.criteria.filter((c) => !(c.code in given)).map((c) => c.code);
    if (missing.length > 0) errors.push(`Thiếu mức của tiêu chí: ${missing.join(', ')}.`);
  }
  let level4Met: boolean[] = [];
  const level4Given = json.level4Met !== undefined;
  if (level4Given) {
    const raw = json.level4Met;
    if (shape.isTt57) {
      errors.push('"level4Met" chỉ dùng cho quy định 2018; Thông tư 57 không có Mức 4.');
    } else if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'boolean')) {
      errors.push('"level4Met" phải là danh sách true/false theo thứ tự các yêu cầu Mức 4.');
    } else if (raw.length !== framework.level4Items.length) {
      errors.push(
        `"level4Met" có ${raw.length} giá trị nhưng ${framework.code} có ${framework.level4Items.length} yêu cầu Mức 4.`,
      );
    } else {
      level4Met = raw as boolean[];
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { framework, criteria, level4Met, level4Given } };
}
