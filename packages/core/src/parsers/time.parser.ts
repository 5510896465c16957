/**
 * The time cell of a plan row ("Thời gian thực hiện và hoàn thành", "Thời gian dự kiến") → a month
 * range. The rules are those of docs/reference/PARSING.md "Time"; each rule below cites it.
 *
 * The cell is read on a folded copy (lowercase, no diacritics, dashes → "-") cut into tokens:
 * points (a month, a month with its year, a date, a quarter, a semester, a school year, a calendar
 * year), connectors ("từ", "đến", "-"), and markers (recurrence, open end). Anything else makes
 * the whole cell "not understood": the parser never guesses from part of a sentence.
 */
import { parseSchoolYear } from '../frameworks/catalogue.ts';
import { foldWithOffsets, sourceSlice, type FoldedText } from './folded-text.ts';
import type { ParseIssue, ParseResult } from './parse.types.ts';

/** How the activity repeats: `yearly` ("hằng năm"), `monthly` ("hằng tháng"), `continuous` ("thường xuyên"). */
export type TimeRecurrence = 'none' | 'yearly' | 'monthly' | 'continuous';

/** The month range understood from a time cell. */
export interface TimeValue {
  /** First month, `YYYY-MM`; `null` when not stated or when the school year is needed but unknown. */
  start: string | null;
  /** Last month, `YYYY-MM`; `null` when open-ended ("Từ tháng 4/2026") or not stated. */
  end: string | null;
  /** `YYYY-MM-DD` when the start was written as a date ("Từ 05/10/2025 …"). */
  startDay?: string;
  /** `YYYY-MM-DD` when the end was written as a date. */
  endDay?: string;
  /** PARSING.md "Recurring": the occurrence in the school year is given, plus this marker. */
  recurrence: TimeRecurrence;
  /** PARSING.md "Open ends": `end` is null because the text leaves it open. */
  openEnd: boolean;
  /** PARSING.md "Outside the school year": the range leaves the year window (August Y1 – July Y2). */
  outsideSchoolYear: boolean;
}

/** A month, with its year when known and its day when a date was written. */
interface MonthRef {
  month: number;
  year: number | null;
  day?: number;
}

/** A point of the text: a span from `start` to `end` (the same for a single month or date). */
interface Point {
  start: MonthRef;
  end: MonthRef;
  /** Built from the plan's school year ("cả năm học", "Học kỳ I") while that year is unknown. */
  needsSchoolYear: boolean;
}

type Token =
  | { type: 'point'; point: Point }
  | { type: 'from' }
  | { type: 'to' }
  | { type: 'recurrence'; recurrence: TimeRecurrence; label: string; approximated: boolean }
  | { type: 'openTail'; note: string }
  | { type: 'approximate' }
  | { type: 'invalid'; message: string };

interface SchoolYearSpan {
  startYear: number;
  endYear: number;
}

/** `year * 12 + month - 1`: months as integers, so ranges and overlaps are plain arithmetic. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;
const pad2 = (n: number) => String(n).padStart(2, '0');
const formatMonth = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
const formatLabel = (index: number) => `tháng ${(index % 12) + 1}/${Math.floor(index / 12)}`;

/** Years accepted as written; anything else is a typo, reported rather than stored. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** PARSING.md "Two spans": the teaching year runs September Y1 – May Y2. */
const teachingYear = (sy: SchoolYearSpan): Point => ({
  start: { month: 9, year: sy.startYear },
  end: { month: 5, year: sy.endYear },
  needsSchoolYear: false,
});

const placeholderPoint = (): Point => ({
  start: { month: 1, year: null },
  end: { month: 1, year: null },
  needsSchoolYear: true,
});

/** A point built from a school year: explicit in the text, else the plan's, else unknown. */
function fromSchoolYear(
  explicit: SchoolYearSpan | null,
  context: SchoolYearSpan | null,
  build: (sy: SchoolYearSpan) => Point,
): Point {
  const sy = explicit ?? context;
  return sy ? build(sy) : placeholderPoint();
}

/** Reads "2023-2024" (years already matched); null unless the second is the first plus one. */
function explicitSchoolYear(
  first: string | undefined,
  second: string | undefined,
): SchoolYearSpan | null {
  if (first === undefined || second === undefined) return null;
  const startYear = Number(first);
  const endYear = Number(second);
  return endYear === startYear + 1 ? { startYear, endYear } : null;
}

const yearOk = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const monthOk = (month: number) => month >= 1 && month <= 12;

/** One entry of the tokenizer: a sticky pattern and what it yields. */
interface Rule {
  pattern: RegExp;
  /** A token; `'skip'` consumes filler words; `null` declines (the next rule is tried). */
  build: (match: RegExpExecArray, at: number) => Token | 'skip' | null;
}

const SY_DIGITS = String.raw`(\d{4})\s*-\s*(\d{4})(?!\d)`;

/** The tokenizer's rules, most specific first; `text` is needed to quote notes verbatim. */
function buildRules(text: FoldedText, context: SchoolYearSpan | null): Rule[] {
  const invalid = (message: string): Token => ({ type: 'invalid', message });
  return [
    // PARSING.md "Open ends": "và thời điểm có nội dung mới", "… trở đi" leave the end open; the
    // words are quoted back in the note.
    {
      pattern:
        /va\s+(?:cac\s+|nhung\s+)?(?:thoi\s+diem|khi|luc|nam\s+tiep\s+theo|nam\s+hoc\s+tiep\s+theo)(?![a-z])[\s\S]*$/y,
      build: (m, at) => ({
        type: 'openTail',
        note: sourceSlice(text, at, at + m[0].length)
          .trim()
          .replace(/[.;,]+$/u, ''),
      }),
    },
    {
      pattern: /(?:tro\s+di|tro\s+ve\s+sau|ve\s+sau)(?![a-z])/y,
      build: (m, at) => ({
        type: 'openTail',
        note: sourceSlice(text, at, at + m[0].length).trim(),
      }),
    },
    // PARSING.md "Recurring": "hằng năm", "hằng tháng", "định kỳ"; "hàng" folds the same.
    {
      pattern: /(?:hang|moi)\s+(nam(?:\s+hoc)?|thang|quy|tuan|ngay|hoc\s+k[yi]|k[yi])(?![a-z])/y,
      build: (m, at) => {
        const unit = (m[1] ?? '').replace(/\s+/gu, ' ');
        const label = sourceSlice(text, at, at + m[0].length).trim();
        if (unit.startsWith('nam'))
          return { type: 'recurrence', recurrence: 'yearly', label, approximated: false };
        if (unit === 'thang')
          return { type: 'recurrence', recurrence: 'monthly', label, approximated: false };
        if (unit === 'tuan' || unit === 'ngay') {
          return { type: 'recurrence', recurrence: 'continuous', label, approximated: false };
        }
        return { type: 'recurrence', recurrence: 'continuous', label, approximated: true };
      },
    },
    {
      pattern: /(?:thuong\s+xuyen|lien\s+tuc)(?![a-z])/y,
      build: (m, at) => ({
        type: 'recurrence',
        recurrence: 'continuous',
        label: sourceSlice(text, at, at + m[0].length).trim(),
        approximated: false,
      }),
    },
    {
      pattern: /dinh\s+k[yi](?![a-z])/y,
      build: (m, at) => ({
        type: 'recurrence',
        recurrence: 'continuous',
        label: sourceSlice(text, at, at + m[0].length).trim(),
        approximated: true,
      }),
    },
    // "năm học 2023-2024", "cả năm học", "hết năm học 2022 - 2023", "đầu năm học" (PARSING.md
    // "Two spans": the teaching year, September Y1 – May Y2).
    {
      pattern: new RegExp(
        String.raw`(?:(ca|trong|suot|het|cuoi|dau)\s+)?nam\s+hoc(?:\s*\(?\s*${SY_DIGITS}\s*\)?)?(?:\s+nay)?`,
        'y',
      ),
      build: (m) => {
        const hasDigits = m[2] !== undefined;
        const explicit = explicitSchoolYear(m[2], m[3]);
        if (hasDigits && !explicit)
          return invalid('Năm học phải có dạng “2025-2026” (hai năm liền nhau).');
        const which = m[1];
        return {
          type: 'point',
          point: fromSchoolYear(explicit, context, (sy) => {
            if (which === 'het' || which === 'cuoi') {
              return {
                start: { month: 5, year: sy.endYear },
                end: { month: 5, year: sy.endYear },
                needsSchoolYear: false,
              };
            }
            if (which === 'dau') {
              return {
                start: { month: 9, year: sy.startYear },
                end: { month: 9, year: sy.startYear },
                needsSchoolYear: false,
              };
            }
            return teachingYear(sy);
          }),
        };
      },
    },
    {
      pattern: /ca\s+nam(?![a-z])/y,
      build: () => ({ type: 'point', point: fromSchoolYear(null, context, teachingYear) }),
    },
    {
      pattern: new RegExp(SY_DIGITS, 'y'),
      build: (m) => {
        const explicit = explicitSchoolYear(m[1], m[2]);
        return explicit ? { type: 'point', point: teachingYear(explicit) } : null;
      },
    },
    // Semesters: Học kỳ I = September Y1 – January Y2, Học kỳ II = January – May Y2 (PARSING.md
    // table); "cuối học kỳ I" is January Y2, "cuối học kỳ II" is May Y2.
    {
      pattern: new RegExp(
        String.raw`(?:(cuoi|dau)\s+)?(?:hoc\s+k[yi]|hk|k[yi])\s*(ii|i|2|1)(?![a-z0-9])(?:\s*\(?\s*(?:nam\s+hoc|\/|-|,)?\s*${SY_DIGITS}\s*\)?)?`,
        'y',
      ),
      build: (m) => {
        const second = m[2] === 'ii' || m[2] === '2';
        const hasDigits = m[3] !== undefined;
        const explicit = explicitSchoolYear(m[3], m[4]);
        if (hasDigits && !explicit)
          return invalid('Năm học phải có dạng “2025-2026” (hai năm liền nhau).');
        const edge = m[1];
        return {
          type: 'point',
          point: fromSchoolYear(explicit, context, (sy) => {
            const start: MonthRef = second
              ? { month: 1, year: sy.endYear }
              : { month: 9, year: sy.startYear };
            const end: MonthRef = second
              ? { month: 5, year: sy.endYear }
              : { month: 1, year: sy.endYear };
            if (edge === 'cuoi') return { start: end, end, needsSchoolYear: false };
            if (edge === 'dau') return { start, end: start, needsSchoolYear: false };
            return { start, end, needsSchoolYear: false };
          }),
        };
      },
    },
    // Quarters: "Quý I/2026" = January – March 2026; without a year, placed like a month range.
    {
      pattern: /quy\s*(iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:\/|nam|-)\s*(\d{4})(?!\d))?/y,
      build: (m) => {
        const quarter = ROMAN[m[1] ?? ''] ?? Number(m[1]);
        const year = m[2] === undefined ? null : Number(m[2]);
        if (year !== null && !yearOk(year)) return invalid(`Năm “${m[2]}” không hợp lệ.`);
        return {
          type: 'point',
          point: {
            start: { month: quarter * 3 - 2, year },
            end: { month: quarter * 3, year },
            needsSchoolYear: false,
          },
        };
      },
    },
    // dd/mm/yyyy (also with "." or "-", the same separator twice, no spaces): PARSING.md "day
    // precision may be kept too".
    {
      pattern: /(?:ngay\s*)?(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)/y,
      build: (m) => {
        const day = Number(m[1]);
        const month = Number(m[3]);
        const year = Number(m[4]);
        if (!monthOk(month) || !yearOk(year) || day < 1 || day > 31) {
          return invalid(`Ngày “${m[0].trim()}” không hợp lệ.`);
        }
        const ref: MonthRef = { month, year, day };
        return { type: 'point', point: { start: ref, end: ref, needsSchoolYear: false } };
      },
    },
    // dd/mm without a year: a date placed in the school year like a lone month.
    {
      pattern: /(?:ngay\s*)?(\d{1,2})\/(\d{1,2})(?![\d/])/y,
      build: (m) => {
        const day = Number(m[1]);
        const month = Number(m[2]);
        if (!monthOk(month) || day < 1 || day > 31) return null;
        const ref: MonthRef = { month, year: null, day };
        return { type: 'point', point: { start: ref, end: ref, needsSchoolYear: false } };
      },
    },
    // "Tháng 9/2025", "T10/2025", "08/2024", "tháng 9 năm 2025", "08-2024".
    {
      pattern: /(?:thang|t)?\s*(\d{1,2})(?:\s*[/.]\s*|\s+nam\s+|-)(\d{4})(?!\d)/y,
      build: (m) => {
        const month = Number(m[1]);
        const year = Number(m[2]);
        if (!monthOk(month)) return invalid(`Tháng “${m[1]}” không hợp lệ.`);
        if (!yearOk(year)) return invalid(`Năm “${m[2]}” không hợp lệ.`);
        const ref: MonthRef = { month, year };
        return { type: 'point', point: { start: ref, end: ref, needsSchoolYear: false } };
      },
    },
    // "Tháng 9", "T9", and a bare "08" (PARSING.md "Months without a year").
    {
      pattern: /(?:(?:thang|t)\s*)?(\d{1,2})(?!\d)(?!\s*[/.]\s*\d)/y,
      build: (m) => {
        const month = Number(m[1]);
        if (!monthOk(month)) return invalid(`Tháng “${m[1]}” không hợp lệ.`);
        const ref: MonthRef = { month, year: null };
        return { type: 'point', point: { start: ref, end: ref, needsSchoolYear: false } };
      },
    },
    // "Năm 2026": the calendar year.
    {
      pattern: /nam\s+(\d{4})(?!\d)/y,
      build: (m) => {
        const year = Number(m[1]);
        if (!yearOk(year)) return invalid(`Năm “${m[1]}” không hợp lệ.`);
        return {
          type: 'point',
          point: { start: { month: 1, year }, end: { month: 12, year }, needsSchoolYear: false },
        };
      },
    },
    {
      pattern: /(?:bat\s+dau\s+)?tu(?![a-z])|bat\s+dau(?![a-z])/y,
      build: () => ({ type: 'from' }),
    },
    {
      pattern: /(?:cho\s+)?(?:den|toi)(?:\s+het)?(?![a-z])|->|→|~|-/y,
      build: () => ({ type: 'to' }),
    },
    { pattern: /(?:khoang|du\s+kien)(?![a-z])/y, build: () => ({ type: 'approximate' }) },
    // Words that add nothing to the months: "Thực hiện thường xuyên", "vào tháng 9".
    { pattern: /(?:thuc\s+hien|hoan\s+thanh|vao|trong)(?![a-z])/y, build: () => 'skip' },
  ];
}

/** Separators skipped between tokens. */
const SKIP = /[\s,.;:()[\]{}"'“”‘’!?*•]+/y;

/** Cuts the folded text into tokens; `null` as soon as something is not understood. */
function tokenize(text: FoldedText, context: SchoolYearSpan | null): Token[] | null {
  const rules = buildRules(text, context);
  const tokens: Token[] = [];
  const { folded } = text;
  let at = 0;
  while (at < folded.length) {
    SKIP.lastIndex = at;
    const skipped = SKIP.exec(folded);
    if (skipped) {
      at += skipped[0].length;
      continue;
    }
    let matched = false;
    for (const rule of rules) {
      rule.pattern.lastIndex = at;
      const match = rule.pattern.exec(folded);
      if (!match || match[0].length === 0) continue;
      const token = rule.build(match, at);
      // A rule may decline (a pattern that looks right but is not, e.g. "2024-2027").
      if (token === null) continue;
      if (token !== 'skip') tokens.push(token);
      at += match[0].length;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return tokens;
}

/** Whole months of [start, end] inside [windowStart, windowEnd]. */
function overlap(start: number, end: number, windowStart: number, windowEnd: number): number {
  return Math.max(0, Math.min(end, windowEnd) - Math.max(start, windowStart) + 1);
}

type Resolved =
  | { kind: 'ok'; start: number; end: number; tie: boolean }
  | { kind: 'needsSchoolYear' }
  | { kind: 'endBeforeStart' };

/**
 * Gives years to the two ends of a range (PARSING.md "Months without a year"):
 * - both written: kept as written, even outside the school year;
 * - one written: it anchors that end; the other is the nearest month before (or after) it;
 * - none written: the end is the first month b at or after the start a; the start year is Y1 or
 *   Y2, whichever range overlaps the year window (August Y1 – July Y2) most, the later on a tie.
 *   A lone month is the range "a – a", which puts 8–12 in Y1 and 1–7 in Y2.
 */
function resolveRange(left: MonthRef, right: MonthRef, sy: SchoolYearSpan | null): Resolved {
  if (left.year !== null && right.year !== null) {
    const start = monthIndex(left.year, left.month);
    const end = monthIndex(right.year, right.month);
    if (
      end < start ||
      (end === start && left.day !== undefined && right.day !== undefined && right.day < left.day)
    ) {
      return { kind: 'endBeforeStart' };
    }
    return { kind: 'ok', start, end, tie: false };
  }
  if (right.year !== null) {
    const end = monthIndex(right.year, right.month);
    const year = left.month <= right.month ? right.year : right.year - 1;
    return { kind: 'ok', start: monthIndex(year, left.month), end, tie: false };
  }
  if (left.year !== null) {
    const start = monthIndex(left.year, left.month);
    const year = right.month >= left.month ? left.year : left.year + 1;
    return { kind: 'ok', start, end: monthIndex(year, right.month), tie: false };
  }
  if (!sy) return { kind: 'needsSchoolYear' };
  const length = (right.month - left.month + 12) % 12;
  const windowStart = monthIndex(sy.startYear, 8);
  const windowEnd = monthIndex(sy.endYear, 7);
  const early = monthIndex(sy.startYear, left.month);
  const late = monthIndex(sy.endYear, left.month);
  const earlyOverlap = overlap(early, early + length, windowStart, windowEnd);
  const lateOverlap = overlap(late, late + length, windowStart, windowEnd);
  const start = earlyOverlap > lateOverlap ? early : late;
  return { kind: 'ok', start, end: start + length, tie: earlyOverlap === lateOverlap };
}

const daysInMonth = (index: number) =>
  new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
const formatDay = (index: number, day: number) => `${formatMonth(index)}-${pad2(day)}`;

const issue = (code: string, severity: ParseIssue['severity'], message: string): ParseIssue => ({
  code,
  severity,
  message,
});

const notUnderstood = (text: string, detail?: string): ParseIssue =>
  issue(
    'time.unrecognized',
    'warning',
    `Chưa hiểu được thời gian “${text.replace(/\s+/gu, ' ').trim()}”${detail ? ` (${detail})` : ''}; nội dung vẫn được giữ nguyên như đã ghi.`,
  );

/**
 * Parses a time cell into a month range (PARSING.md "Time"; CONVENTIONS.md §10).
 *
 * Handles at least every form of the seed plans and PARSING.md: "Từ tháng 9/2024 đến tháng
 * 5/2025", "Tháng 10/2025", "T10/2025 – T3/2026", "08 – 11", "10 – 01", "Tháng 6 đến tháng 9 hằng
 * năm", "năm học 2023-2024", "Tháng 01/2023 đến hết năm học 2022 - 2023", "Tháng 9/2025 và thời
 * điểm có nội dung mới", "Từ tháng 4/2026", "Quý I/2026", "Học kỳ I", "Cả năm học", "Thường
 * xuyên", "Hằng tháng", "Từ 05/10/2025 đến 20/12/2025", "03/11/2025".
 *
 * - Months without a year are placed in `context.schoolYear` (PARSING.md "Months without a
 *   year"); with no school year they give `start = end = null` and a `time.school_year_unknown`
 *   info, and parse again once the year is set. Explicit years always parse.
 * - A range that leaves the year window gets a `time.outside_school_year` info (its message says
 *   "ngoài năm học") and is kept as written.
 * - An empty cell gives `value: null` and no issue; a cell not understood gives `value: null` and a
 *   `time.unrecognized` warning. Never throws.
 *
 * @example parseTime('10 – 01', { schoolYear: '2025-2026' }).value // { start: '2025-10', end: '2026-01', … }
 */
export function parseTime(
  text: string,
  context: { schoolYear: string | null },
): ParseResult<TimeValue> {
  try {
    return parseTimeUnsafe(text, context);
  } catch {
    // Defensive only: a parser never throws (CONVENTIONS.md §10).
    return { text, value: null, issues: [notUnderstood(String(text))] };
  }
}

function parseTimeUnsafe(
  text: string,
  context: { schoolYear: string | null },
): ParseResult<TimeValue> {
  const issues: ParseIssue[] = [];
  // PARSING.md table: "(empty) → null, null; no warning" — the plan check reports a row without time.
  if (text.trim() === '') return { text, value: null, issues };

  const sy = context.schoolYear === null ? null : parseSchoolYear(context.schoolYear);
  const folded = foldWithOffsets(text);
  const tokens = tokenize(folded, sy);
  if (tokens === null) return { text, value: null, issues: [notUnderstood(text)] };
  const invalid = tokens.find((t) => t.type === 'invalid');
  if (invalid && invalid.type === 'invalid') {
    return { text, value: null, issues: [notUnderstood(text, invalid.message)] };
  }

  let recurrence: TimeRecurrence = 'none';
  let recurrenceLabel = '';
  let recurrenceApproximated = false;
  let openTail: string | null = null;
  let approximate = false;
  const core: Token[] = [];
  for (const token of tokens) {
    if (token.type === 'recurrence') {
      // The first precise marker wins ("định kỳ hằng tháng" is monthly).
      if (recurrence === 'none' || (recurrenceApproximated && !token.approximated)) {
        recurrence = token.recurrence;
        recurrenceLabel = token.label;
        recurrenceApproximated = token.approximated;
      }
    } else if (token.type === 'openTail') openTail = token.note;
    else if (token.type === 'approximate') approximate = true;
    else core.push(token);
  }

  // The shape of what is left: [point], [từ point], [(từ) point đến point], [đến point], or nothing
  // but a recurrence ("Thường xuyên", "Hằng tháng" = the teaching year, PARSING.md "Two spans").
  const kinds = core.map((t) => t.type).join(' ');
  const points = core.flatMap((t) => (t.type === 'point' ? [t.point] : []));
  let left: MonthRef;
  let right: MonthRef | null;
  let openStart = false;
  let needsSchoolYear = points.some((p) => p.needsSchoolYear);
  const [first, second] = points;
  if (kinds === '' && recurrence !== 'none') {
    const whole = fromSchoolYear(null, sy, teachingYear);
    needsSchoolYear = whole.needsSchoolYear;
    left = whole.start;
    right = whole.end;
  } else if ((kinds === 'point' || kinds === 'from point') && first) {
    left = first.start;
    right = kinds === 'from point' ? null : first.end;
  } else if ((kinds === 'point to point' || kinds === 'from point to point') && first && second) {
    left = first.start;
    right = second.end;
  } else if (kinds === 'to point' && first) {
    // "Đến tháng 5/2026": a deadline, no start written.
    openStart = true;
    left = first.end;
    right = first.end;
  } else {
    return { text, value: null, issues: [notUnderstood(text)] };
  }
  if (openTail !== null && right !== null && kinds !== 'point') {
    return { text, value: null, issues: [notUnderstood(text)] };
  }
  const openEnd = right === null || openTail !== null;

  if (approximate) {
    issues.push(issue('time.approximate', 'info', 'Thời gian ghi là dự kiến / khoảng chừng.'));
  }
  if (recurrenceApproximated) {
    issues.push(
      issue(
        'time.recurrence_approximated',
        'info',
        `“${recurrenceLabel}” được ghi nhận là làm thường xuyên trong năm học; chu kỳ cụ thể xem ở nội dung đã ghi.`,
      ),
    );
  }
  if (openEnd) {
    issues.push(
      issue(
        'time.open_end',
        'info',
        openTail ? `Không có thời điểm kết thúc (“${openTail}”).` : 'Không ghi thời điểm kết thúc.',
      ),
    );
  }
  if (openStart)
    issues.push(
      issue('time.open_start', 'info', 'Không ghi thời điểm bắt đầu, chỉ có hạn hoàn thành.'),
    );

  const blank: TimeValue = {
    start: null,
    end: null,
    recurrence,
    openEnd,
    outsideSchoolYear: false,
  };
  // PARSING.md "No school year known": month-only forms give null, null and a note.
  if (needsSchoolYear) {
    issues.push(schoolYearUnknown());
    return { text, value: blank, issues };
  }
  // For an open end, a lone start point is placed like a lone month ("Từ tháng 9" → 2025-09).
  const resolved = resolveRange(left, right ?? left, sy);
  if (resolved.kind === 'needsSchoolYear') {
    issues.push(schoolYearUnknown());
    return { text, value: blank, issues };
  }
  if (resolved.kind === 'endBeforeStart') {
    return {
      text,
      value: null,
      issues: [notUnderstood(text, 'thời điểm kết thúc đứng trước thời điểm bắt đầu')],
    };
  }
  const startIndex = resolved.start;
  const endIndex = right === null || openTail !== null ? null : resolved.end;

  const value: TimeValue = {
    start: openStart ? null : formatMonth(startIndex),
    end: endIndex === null ? null : formatMonth(endIndex),
    recurrence,
    openEnd,
    outsideSchoolYear: false,
  };
  if (!openStart && left.day !== undefined) {
    if (left.day > daysInMonth(startIndex))
      return { text, value: null, issues: [notUnderstood(text, 'ngày không có trong tháng')] };
    value.startDay = formatDay(startIndex, left.day);
  }
  if (endIndex !== null && right?.day !== undefined) {
    if (right.day > daysInMonth(endIndex))
      return { text, value: null, issues: [notUnderstood(text, 'ngày không có trong tháng')] };
    value.endDay = formatDay(endIndex, right.day);
  }
  if (resolved.tie) {
    issues.push(
      issue(
        'time.tie_later',
        'info',
        `Khoảng tháng không ghi năm nằm trong năm học như nhau ở hai cách xếp; đã xếp vào năm sau (${formatLabel(startIndex)}).`,
      ),
    );
  }

  // PARSING.md "Outside the school year": outside the year window August Y1 – July Y2; an info,
  // never corrected. Only knowable with a school year.
  if (sy) {
    const windowStart = monthIndex(sy.startYear, 8);
    const windowEnd = monthIndex(sy.endYear, 7);
    const reasons: string[] = [];
    const start = openStart ? null : startIndex;
    if (endIndex !== null && endIndex < windowStart)
      reasons.push(`nằm trước ${formatLabel(windowStart)}`);
    else if (start !== null && start > windowEnd)
      reasons.push(`bắt đầu sau ${formatLabel(windowEnd)}`);
    else {
      if (start !== null && start < windowStart)
        reasons.push(`bắt đầu trước ${formatLabel(windowStart)}`);
      if (endIndex !== null && endIndex > windowEnd)
        reasons.push(`kết thúc sau ${formatLabel(windowEnd)}`);
    }
    if (reasons.length > 0) {
      value.outsideSchoolYear = true;
      issues.push(
        issue(
          'time.outside_school_year',
          'info',
          `Thời gian nằm ngoài năm học ${sy.startYear}-${sy.endYear} (${formatLabel(windowStart)} – ${formatLabel(windowEnd)}): ${reasons.join(', ')}. Giữ nguyên như đã ghi.`,
        ),
      );
    }
  }
  return { text, value, issues };
}

const schoolYearUnknown = (): ParseIssue =>
  issue(
    'time.school_year_unknown',
    'info',
    'Chưa biết năm học của kế hoạch nên chưa xếp được tháng vào năm; sẽ đọc lại khi có năm học.',
  );

/**
 * Formats a month as the seeds write it, "Tháng M/YYYY"; `parseTime` reads it back to the same
 * month (a round-trip the tests check).
 *
 * @example formatMonthText('2025-09') === 'Tháng 9/2025'
 */
export function formatMonthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/u.exec(month);
  if (!match) return month;
  return `Tháng ${Number(match[2])}/${match[1]}`;
}
