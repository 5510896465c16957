import type { FrameworkCode, Regime } from '../frameworks/framework.types.ts';
import { foldVietnamese } from '../text/fold.ts';
import {
  findCriterionMapping,
  type CriterionMapping,
  type MappingConfidence,
} from './criterion-mapping.ts';
import type { RowGroup } from './plan.types.ts';

/**
 * Whether a row's progress or result says it is finished ("Hoàn thành", "Đã hoàn thành", "Đạt",
 * "100%"). Anything else — empty, "Đang thực hiện", "Chưa hoàn thành", "Hoàn thành 70%" — is
 * unfinished and is offered for carry-over to next year's plan. Never guesses: a negation
 * ("chưa", "không") or a percentage below 100 means unfinished.
 */
export function isRowFinished(progress: string, result: string): boolean {
  for (const text of [progress, result]) {
    const folded = foldVietnamese(text);
    if (!folded) continue;
    if (/\b(chua|khong)\b/.test(folded)) return false;
    const percent = /(\d{1,3})\s*%/.exec(folded);
    if (percent) return Number(percent[1]) >= 100;
    if (/\b(da\s+)?hoan\s+thanh\b/.test(folded) || /^(da\s+)?dat\b/.test(folded)) return true;
  }
  return false;
}

/** What carry-over needs of a row of the plan it starts from (rows in the plan's order). */
export interface CarryOverSourceRow {
  id: string;
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  progress: string;
  result: string;
  /**
   * The row's structured progress status (issue 13), when progress was recorded for it: then
   * only "done" is finished, anything else (cancelled = chuyển năm sau included) carries; absent
   * or null, the texts decide ({@link isRowFinished}).
   */
  progressStatus?: string | null | undefined;
}

/** Whether a carry-over source row is finished: its recorded status, else its texts. */
export function isCarrySourceFinished(
  row: Pick<CarryOverSourceRow, 'progress' | 'result' | 'progressStatus'>,
): boolean {
  if (row.progressStatus) return row.progressStatus === 'done';
  return isRowFinished(row.progress, row.result);
}

/** The framework side of a carry-over: which circular the plan follows. */
export interface CarryOverSide {
  regime: Regime;
  /** Null when the plan has no framework (a school level without one). */
  frameworkCode: FrameworkCode | null;
}

/**
 * How a carried row's criterion was decided: `kept` (same circular: codes as written), `mapped`
 * (through the criterion mapping), `unmapped` (no counterpart: the row comes across without a
 * criterion and the school chooses one).
 */
export type CarryOutcome = 'kept' | 'mapped' | 'unmapped';

/** One row of next year's plan, decided from a row of this year's. */
export interface CarriedRow {
  sourceRowId: string;
  /** 1-based number of the row in the plan it comes from. */
  sourceNumber: number;
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  outcome: CarryOutcome;
  /** The criterion (or Mức 4 requirement) the row had, and its title when the mapping knows it. */
  from: { criterionCode: string | null; level4Key: string | null; title: string | null };
  /** Title of the new criterion, for mapped rows. */
  toTitle: string | null;
  confidence: MappingConfidence | null;
  /** Why (Vietnamese): the mapping's note, or why no criterion could be given. */
  note: string;
  /** Criteria worth considering for an unmapped row (never applied automatically). */
  candidates: string[];
}

/** What carry-over will do: the rows it writes (in their new order) and the rows it leaves. */
export interface CarryOverDecision {
  /** Rows to write, ordered by their new criterion (unmapped last), source order within. */
  rows: CarriedRow[];
  /** Rows that are finished ("Hoàn thành", "Đạt", "100%"): they never carry, even when named. */
  finished: { sourceRowId: string; sourceNumber: number }[];
  /** Named rows that are not in the plan. */
  unknownRowIds: string[];
  /** Set when the new year follows another circular: the mapping used (null: none kept). */
  regimeChange: {
    from: FrameworkCode | null;
    to: FrameworkCode | null;
    mapping: Pick<CriterionMapping, 'from' | 'to' | 'provenance'> | null;
  } | null;
}

const NO_CRITERION_NOTE =
  'Dòng không ghi tiêu chí: chọn tiêu chí theo Thông tư 57/2026 (hoặc để trống nếu là vấn đề chung của nhà trường).';

/** Sort key of a criterion code "3.10" → [3, 10]; no code sorts last. */
function codeKey(code: string | null): number[] {
  if (!code) return [Number.MAX_SAFE_INTEGER];
  return code.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
}

function compareCodes(a: string | null, b: string | null): number {
  const ka = codeKey(a);
  const kb = codeKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i += 1) {
    const d = (ka[i] ?? -1) - (kb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Decides a carry-over (pure): which rows carry (the unfinished ones, or the rows named, but never
 * a finished row), and which criterion each gets in next year's plan. Within one circular the
 * codes are kept as written. From a 2018 circular into Thông tư 57/2026 a code number means
 * something else ("1.4" of TT17 is not "1.4" of TT57), so each criterion goes through the criterion
 * mapping; Mức 4 rows, rows without a criterion and criteria without a counterpart come across
 * without one (`unmapped`) for the school to choose.
 */
export function decideCarryOver(input: {
  rows: CarryOverSourceRow[];
  /** Rows the user named; absent = every unfinished row. */
  rowIds?: readonly string[] | undefined;
  from: CarryOverSide;
  to: CarryOverSide;
}): CarryOverDecision {
  const named = input.rowIds ? new Set(input.rowIds) : null;
  const known = new Set(input.rows.map((r) => r.id));
  const unknownRowIds = named ? [...named].filter((id) => !known.has(id)) : [];
  const crossing = input.from.regime !== input.to.regime;
  const mapping =
    crossing && input.from.frameworkCode && input.to.frameworkCode
      ? findCriterionMapping(input.from.frameworkCode, input.to.frameworkCode)
      : null;
  const targetGroup = (group: RowGroup): RowGroup =>
    input.to.regime === '2026' ? 'tt57' : group === 'tt57' ? 'levels_1_3' : group;

  const finished: CarryOverDecision['finished'] = [];
  const rows: CarriedRow[] = [];
  input.rows.forEach((row, index) => {
    const sourceNumber = index + 1;
    if (named && !named.has(row.id)) return;
    if (isCarrySourceFinished(row)) {
      finished.push({ sourceRowId: row.id, sourceNumber });
      return;
    }
    const group = targetGroup(row.group);
    const base = {
      sourceRowId: row.id,
      sourceNumber,
      group,
      from: { criterionCode: row.criterionCode, level4Key: row.level4Key, title: null },
      toTitle: null,
      confidence: null,
      candidates: [],
    };
    if (!crossing) {
      rows.push({
        ...base,
        standardCode: row.standardCode,
        criterionCode: row.criterionCode,
        level4Key: row.level4Key,
        outcome: 'kept',
        note: '',
      });
      return;
    }
    const unmapped = (note: string, extra: Partial<CarriedRow> = {}): CarriedRow => ({
      ...base,
      standardCode: null,
      criterionCode: null,
      level4Key: null,
      outcome: 'unmapped',
      note,
      ...extra,
    });
    if (!mapping) {
      rows.push(
        unmapped(
          `Chưa có bảng đối chiếu tiêu chí từ ${input.from.frameworkCode ?? 'bộ tiêu chuẩn cũ'} sang ${input.to.frameworkCode ?? 'bộ tiêu chuẩn mới'}: chọn tiêu chí cho dòng này.`,
        ),
      );
      return;
    }
    if (row.group === 'level_4') {
      rows.push(unmapped(mapping.level4.note));
      return;
    }
    if (!row.criterionCode) {
      rows.push(unmapped(NO_CRITERION_NOTE));
      return;
    }
    const entry = mapping.criteria.find((c) => c.from === row.criterionCode);
    if (!entry) {
      rows.push(
        unmapped(
          `Tiêu chí “${row.criterionCode}” không có trong ${mapping.from}: chọn tiêu chí theo ${mapping.to} cho dòng này.`,
        ),
      );
      return;
    }
    const from = { ...base.from, title: entry.fromTitle };
    if (entry.to === null) {
      rows.push(unmapped(entry.note, { from, candidates: entry.candidates ?? [] }));
      return;
    }
    rows.push({
      ...base,
      from,
      standardCode: entry.to.split('.')[0] ?? null,
      criterionCode: entry.to,
      level4Key: null,
      outcome: 'mapped',
      toTitle: entry.toTitle,
      confidence: entry.confidence,
      note: entry.note,
    });
  });
  // Across circulars the rows are put under their new criteria (the old order followed old codes);
  // within one circular the plan keeps the order it had.
  if (crossing) {
    rows.sort(
      (a, b) => compareCodes(a.criterionCode, b.criterionCode) || a.sourceNumber - b.sourceNumber,
    );
  }
  return {
    rows,
    finished,
    unknownRowIds,
    regimeChange: crossing
      ? {
          from: input.from.frameworkCode,
          to: input.to.frameworkCode,
          mapping: mapping
            ? { from: mapping.from, to: mapping.to, provenance: mapping.provenance }
            : null,
        }
      : null,
  };
}

/** The circular a regime follows, as the carry-over message names it. */
const REGIME_CIRCULARS: Record<Regime, string> = {
  '2018': 'các Thông tư 17, 18, 19/2018 (sửa đổi bởi Thông tư 22/2024)',
  '2026': 'Thông tư 57/2026',
};

/**
 * The sentence that tells the user what carry-over did (API response and the web dialog): which
 * circular next year follows and, across circulars, that criteria went through the mapping table,
 * how many rows got a criterion and how many wait for the school's choice.
 */
export function describeCarryOver(
  decision: CarryOverDecision,
  toSchoolYear: string,
  toRegime: Regime,
): string {
  const carried = decision.rows.length;
  const finished = decision.finished.length
    ? ` ${decision.finished.length} dòng đã hoàn thành không chuyển.`
    : '';
  if (!decision.regimeChange) {
    return `Kế hoạch năm học ${toSchoolYear}: ${carried} dòng chưa hoàn thành được chuyển sang, giữ nguyên tiêu chí.${finished}`;
  }
  const mapped = decision.rows.filter((r) => r.outcome === 'mapped').length;
  const unmapped = carried - mapped;
  const waiting = unmapped
    ? ` ${unmapped} dòng chưa có tiêu chí tương ứng: nhà trường chọn tiêu chí cho các dòng này.`
    : '';
  const { mapping, from, to } = decision.regimeChange;
  if (!mapping) {
    return `Kế hoạch năm học ${toSchoolYear} theo ${REGIME_CIRCULARS[toRegime]}: chưa có bảng đối chiếu tiêu chí từ ${from ?? 'bộ tiêu chuẩn cũ'} sang ${to ?? 'bộ tiêu chuẩn mới'}, nên các dòng được chuyển sang chưa có tiêu chí.${waiting}${finished}`;
  }
  return `Kế hoạch năm học ${toSchoolYear} theo ${REGIME_CIRCULARS[toRegime]}: các tiêu chí được chuyển theo bảng đối chiếu ${mapping.from} → ${mapping.to} (suy luận từ tên tiêu chí; chưa có bảng đối chiếu chính thức). ${mapped} dòng đã có tiêu chí mới.${waiting}${finished}`;
}
