/**
 * The budget cell of a plan row ("Dự kiến kinh phí", TT57 "Nguồn lực") → an amount in đồng and a
 * funding source. The rules are those of docs/reference/PARSING.md "Budget"; each rule below
 * cites it. Amounts are integers in đồng (PARSING.md: "store as 64-bit: province totals pass
 * 2³¹"); in JavaScript they stay safe integers (< 2⁵³).
 */
import { foldWithOffsets, sourceSlice, type FoldedText } from './folded-text.ts';
import type { ParseIssue, ParseResult } from './parse.types.ts';

/**
 * Where the money comes from (PARSING.md "Budget"): `state` (ngân sách nhà nước, quận/xã, "NS"),
 * `socialized` (xã hội hóa, XHH, tài trợ, huy động), `mixed` (both named), `none` (nothing
 * needed), `unknown`.
 */
export const FUNDING_SOURCES = ['state', 'socialized', 'mixed', 'none', 'unknown'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/**
 * Vietnamese names of the funding sources, as the plan's spreadsheet and the checks' budget totals
 * print them (the editor abbreviates them in its own strings, keyed by these values).
 */
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  state: 'Ngân sách nhà nước',
  socialized: 'Xã hội hóa',
  mixed: 'Ngân sách và xã hội hóa',
  none: 'Không cần kinh phí',
  unknown: 'Chưa rõ',
};

/** One part of a budget cell ("Ngân sách: 20.000.000" in "Ngân sách: 20.000.000; XHH: 10.000.000"). */
export interface BudgetPart {
  amount: number | null;
  source: FundingSource;
  /** The part as typed. */
  text: string;
}

/** The amount and source understood from a budget cell. */
export interface BudgetValue {
  /** Integer đồng; `0` when nothing is needed; `null` when not stated or not certain. */
  amount: number | null;
  source: FundingSource;
  /** The parts the cell names, in order; one part when the cell is not divided. */
  parts: BudgetPart[];
  /** "khoảng 5-7 triệu": both bounds kept, `amount` stays null (PARSING.md: "never one invented"). */
  range?: { min: number; max: number };
}

const issue = (code: string, severity: ParseIssue['severity'], message: string): ParseIssue => ({
  code,
  severity,
  message,
});

// ---------------------------------------------------------------------------------------------
// Numbers (PARSING.md "Numbers"): a dot groups thousands and a comma is the decimal mark
// ("1.500.000", "1,5 tỷ"). A number that fits neither ("1.5 tỷ", "1,500,000") is taken only where
// one reading is possible (then with an info), and otherwise flagged.
// ---------------------------------------------------------------------------------------------

type NumberReading = { kind: 'ok'; value: number; foreign: boolean } | { kind: 'unreadable' };

/** Reads a number as written in Vietnamese, or in the one other reading possible. */
function readNumber(written: string): NumberReading {
  if (/^\d+$/u.test(written)) return { kind: 'ok', value: Number(written), foreign: false };
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/u.test(written) || /^\d+,\d+$/u.test(written)) {
    return {
      kind: 'ok',
      value: Number(written.replace(/\./gu, '').replace(',', '.')),
      foreign: false,
    };
  }
  // Only the English reading fits: commas group ("1,500,000"), or a dot is a decimal ("1.5").
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(written) || /^\d+\.\d+$/u.test(written)) {
    return { kind: 'ok', value: Number(written.replace(/,/gu, '')), foreign: true };
  }
  if (/^\d{1,3}(?:[ \u00a0]\d{3})+$/u.test(written)) {
    return { kind: 'ok', value: Number(written.replace(/\D/gu, '')), foreign: false };
  }
  return { kind: 'unreadable' };
}

/** Multipliers: tỷ/tỉ, triệu/tr/trđ, nghìn/ngàn/k ("ngân sách" is not "ngàn"). */
const MULTIPLIER = /\s*(?:(ty|ti)|(trieu|trd|tr)|(nghin|ngan(?!\s+sach)|k))(?![a-z])/y;
/** The currency word that may follow: đồng, đ, VNĐ, VND. */
const CURRENCY = /\s*(?:dong|vnd|d)(?![a-z])/y;
/** A written number: digits with dots, commas, or spaces grouping three digits. */
const NUMBER = /\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.,])|\d(?:[\d.,]*\d)?/gu;

/**
 * Words before a number without a unit that make it part of a name, not money ("Ngân sách Quận 5",
 * "năm 2025", "Tiêu chí 3.5").
 */
const NAME_BEFORE_NUMBER =
  /(?<![a-z])(?:quan|huyen|xa|phuong|tinh|thanh\s+pho|tp|thi\s+xa|so|lop|khoi|nam|thang|ngay|tieu\s+chi|tieu\s+chuan|to|diem|ap|thon|ban|muc|dot|lan|giai\s+doan)\s*[.:]?\s*$/u;

/** A minus sign (hyphen, minus, en dash) glued to the number that follows, not after a digit. */
const NEGATIVE_SIGN = /(?:^|[^\d\s.,])\s*([-\u2212\u2013])$/u;

/** A number found in a part, with the unit written after it. */
interface RawAmount {
  /** The number as read (before the unit). */
  number: number;
  /** 1e9, 1e6, 1e3 when a multiplier word follows; null when none does. */
  multiplier: number | null;
  hasCurrency: boolean;
  foreign: boolean;
  written: string;
  from: number;
  to: number;
}

type AmountScan = { kind: 'amounts'; amounts: RawAmount[] } | { kind: 'flag'; issue: ParseIssue };

/** Finds the numbers of a folded part and the units written after them. */
function scanAmounts(folded: string): AmountScan {
  const amounts: RawAmount[] = [];
  const pattern = new RegExp(NUMBER.source, 'gu');
  for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
    const written = match[0];
    const from = match.index;
    let to = from + written.length;
    MULTIPLIER.lastIndex = to;
    const unit = MULTIPLIER.exec(folded);
    let multiplier: number | null = null;
    if (unit) {
      multiplier = unit[1] ? 1e9 : unit[2] ? 1e6 : 1e3;
      to = MULTIPLIER.lastIndex;
    }
    CURRENCY.lastIndex = to;
    const currency = CURRENCY.exec(folded);
    if (currency) to = CURRENCY.lastIndex;
    if (!unit && !currency && NAME_BEFORE_NUMBER.test(folded.slice(0, from))) continue;
    pattern.lastIndex = to;
    // "-5.000.000 đ", "Ngân sách: −5 triệu": a sign right before the number (not a range "5-7",
    // whose dash follows a digit). Spending is never negative; reading it as +5 000 000 would
    // silently change the total, so the amount stays empty with a warning.
    const sign = NEGATIVE_SIGN.exec(folded.slice(0, from));
    if (sign) {
      return {
        kind: 'flag',
        issue: issue(
          'budget.negative',
          'warning',
          `Số tiền “${sign[1] ?? '-'}${written}” là số âm; kinh phí không thể âm, chưa rõ số tiền.`,
        ),
      };
    }
    const reading = readNumber(written);
    if (reading.kind === 'unreadable') {
      return {
        kind: 'flag',
        issue: issue(
          'budget.number_unreadable',
          'warning',
          `Không đọc được số “${written}” (dấu chấm ngăn nghìn, dấu phẩy là phần thập phân).`,
        ),
      };
    }
    amounts.push({
      number: reading.value,
      multiplier,
      hasCurrency: currency !== null,
      foreign: reading.foreign,
      written,
      from,
      to,
    });
  }
  return { kind: 'amounts', amounts };
}

type Money = { kind: 'ok'; value: number } | { kind: 'flag'; issue: ParseIssue };

/** An amount in đồng: the number times its unit, an integer, safe; flagged otherwise. */
function toDong(raw: RawAmount, multiplier: number | null): Money {
  // A bare number is money only when it is plainly a sum of đồng (≥ 1.000) or zero; "15" alone
  // could be 15 triệu or 15 nghìn.
  if (multiplier === null && !raw.hasCurrency && raw.number !== 0 && raw.number < 1000) {
    return {
      kind: 'flag',
      issue: issue(
        'budget.no_unit',
        'warning',
        `Số “${raw.written}” không có đơn vị (đồng, nghìn, triệu, tỷ); chưa rõ số tiền.`,
      ),
    };
  }
  const exact = raw.number * (multiplier ?? 1);
  const value = Math.round(exact);
  if (Math.abs(exact - value) > 1e-6 * (multiplier ?? 1)) {
    return {
      kind: 'flag',
      issue: issue(
        'budget.fraction',
        'warning',
        `Số tiền “${raw.written}” có phần lẻ dưới một đồng; chưa rõ số tiền.`,
      ),
    };
  }
  if (!Number.isSafeInteger(value)) {
    return {
      kind: 'flag',
      issue: issue('budget.too_large', 'warning', `Số tiền “${raw.written}” quá lớn.`),
    };
  }
  return { kind: 'ok', value };
}

/** "1 tỷ 200 triệu", "2 triệu 500 nghìn": amounts side by side with falling units add up. */
function joinCompounds(folded: string, amounts: RawAmount[]): RawAmount[][] {
  const groups: RawAmount[][] = [];
  for (const amount of amounts) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    if (
      group &&
      previous &&
      previous.multiplier !== null &&
      amount.multiplier !== null &&
      amount.multiplier < previous.multiplier &&
      amount.number * amount.multiplier < previous.multiplier &&
      !previous.hasCurrency &&
      /^\s*$/u.test(folded.slice(previous.to, amount.from))
    ) {
      group.push(amount);
    } else groups.push([amount]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Words (PARSING.md "source").
// ---------------------------------------------------------------------------------------------

const STATE = /ngan\s+sach|\bnsnn\b|\bns\b|nha\s+nuoc|chi\s+thuong\s+xuyen/u;
const SOCIALIZED =
  /xa\s+hoi\s+hoa|\bxhh\w*|tai\s+tro|huy\s+dong|van\s+dong|dong\s+gop|ung\s+ho|manh\s+thuong\s+quan|phu\s+huynh|cha\s+me\s+hoc\s+sinh|\bcmhs\b/u;
/** "Không", "Không có", "Không cần kinh phí", "0 đồng": nothing needed (PARSING.md table). */
const NOTHING_NEEDED =
  /^(?:khong(?:\s+(?:co|can|phat\s+sinh|su\s+dung|ton|mat|chi|yeu\s+cau))*(?:\s+(?:kinh\s+phi|chi\s+phi|tien))?|0(?:\s*(?:dong|vnd|d))?)$/u;
/** "Tùy điều kiện thực tế tại đơn vị": the amount is deliberately not stated (an info). */
const NOT_STATED =
  /tuy\s+(?:theo\s+)?(?:dieu\s+kien|tinh\s+hinh|thuc\s+te|nhu\s+cau|kha\s+nang)|theo\s+(?:thuc\s+te|du\s+toan|nhu\s+cau|ke\s+hoach)|chua\s+(?:xac\s+dinh|du\s+tru|co\s+du\s+toan)/u;
/** "Hưởng lương từ ngân sách nhà nước": salaries only, no spending beyond them (PARSING.md: 0, state). */
const SALARIES = /(?:huong|chi\s+tra|tien)\s+luong|\bluong\b/u;
/** "khoảng", "dự kiến", "tối đa": an estimate. */
const APPROXIMATE = /\b(?:khoang|uoc\s+tinh|xap\s+xi|toi\s+da|toi\s+thieu|tren|duoi)\b/u;
/** "5 triệu/lớp", "2 triệu mỗi tháng": a rate, not a total. */
const PER_UNIT =
  /^\s*(?:\/|moi|cho\s+moi)\s*(?:nam|thang|lop|hoc\s+sinh|hs|nguoi|buoi|dot|lan|ky|tiet|em|gv|giao\s+vien|truong|diem|phong)\b/u;
const RANGE_JOIN = /^\s*(?:-|den|toi|~)\s*$/u;

const trimPunctuation = (folded: string) =>
  folded.replace(/^[\s.,;:()\-–—+*•]+|[\s.,;:()\-–—+*•]+$/gu, '').replace(/\s+/gu, ' ');

interface PartAnalysis {
  part: BudgetPart;
  understood: boolean;
  range?: { min: number; max: number };
  issues: ParseIssue[];
}

/** Reads one part of the cell. */
function analysePart(text: FoldedText, from: number, to: number): PartAnalysis {
  const partText = sourceSlice(text, from, to).trim();
  const folded = text.folded.slice(from, to);
  const words = trimPunctuation(folded);
  const issues: ParseIssue[] = [];
  const hasState = STATE.test(folded);
  const hasSocialized = SOCIALIZED.test(folded);
  const named: FundingSource =
    hasState && hasSocialized
      ? 'mixed'
      : hasState
        ? 'state'
        : hasSocialized
          ? 'socialized'
          : 'unknown';

  if (NOTHING_NEEDED.test(words)) {
    return { part: { amount: 0, source: 'none', text: partText }, understood: true, issues };
  }
  const scan = scanAmounts(folded);
  const flagged = (flag: ParseIssue): PartAnalysis => ({
    part: { amount: null, source: named, text: partText },
    understood: true,
    issues: [...issues, flag],
  });
  if (scan.kind === 'flag') return flagged(scan.issue);
  for (const raw of scan.amounts) {
    if (raw.foreign) {
      issues.push(
        issue(
          'budget.number_format',
          'info',
          `Số “${raw.written}” không theo cách viết 1.500.000 / 1,5; chỉ có một cách đọc được nên hiểu là ${raw.number.toLocaleString('vi-VN')}.`,
        ),
      );
    }
  }
  const groups = joinCompounds(folded, scan.amounts);
  const [first, second] = groups;
  const firstLast = first?.at(-1);
  const secondFirst = second?.[0];

  // "khoảng 5-7 triệu", "từ 5 đến 7 triệu": a range; a unit written once applies to both bounds.
  // Both bounds are kept, the amount stays empty (PARSING.md: "never one invented").
  if (
    groups.length === 2 &&
    first?.length === 1 &&
    second?.length === 1 &&
    firstLast &&
    secondFirst &&
    RANGE_JOIN.test(folded.slice(firstLast.to, secondFirst.from))
  ) {
    const low = toDong(firstLast, firstLast.multiplier ?? secondFirst.multiplier);
    const high = toDong(secondFirst, secondFirst.multiplier);
    if (low.kind === 'flag') return flagged(low.issue);
    if (high.kind === 'flag') return flagged(high.issue);
    const min = Math.min(low.value, high.value);
    const max = Math.max(low.value, high.value);
    issues.push(
      issue(
        'budget.range',
        'warning',
        `Kinh phí ghi một khoảng (${min.toLocaleString('vi-VN')} – ${max.toLocaleString('vi-VN')} đồng); chưa có số tiền cụ thể.`,
      ),
    );
    return {
      part: { amount: null, source: named, text: partText },
      understood: true,
      range: { min, max },
      issues,
    };
  }
  if (groups.length > 1) {
    return flagged(
      issue(
        'budget.several_amounts',
        'warning',
        `Có nhiều số tiền trong “${partText}”; chưa rõ số tiền cần ghi nhận.`,
      ),
    );
  }
  if (first && firstLast) {
    let total = 0;
    for (const raw of first) {
      const money = toDong(raw, raw.multiplier);
      if (money.kind === 'flag') return flagged(money.issue);
      total += money.value;
    }
    if (!Number.isSafeInteger(total))
      return flagged(issue('budget.too_large', 'warning', 'Số tiền quá lớn.'));
    if (PER_UNIT.test(folded.slice(firstLast.to))) {
      return flagged(
        issue(
          'budget.per_unit',
          'warning',
          `“${partText}” là định mức theo đơn vị, chưa phải tổng kinh phí.`,
        ),
      );
    }
    if (APPROXIMATE.test(folded)) {
      issues.push(issue('budget.approximate', 'info', 'Số tiền ghi là ước tính.'));
    }
    const source = total === 0 && named === 'unknown' ? 'none' : named;
    return { part: { amount: total, source, text: partText }, understood: true, issues };
  }
  if (hasState && SALARIES.test(folded)) {
    return { part: { amount: 0, source: 'state', text: partText }, understood: true, issues };
  }
  if (NOT_STATED.test(folded)) {
    issues.push(
      issue('budget.amount_not_stated', 'info', 'Chưa ghi số tiền cụ thể (tùy điều kiện thực tế).'),
    );
    return { part: { amount: null, source: named, text: partText }, understood: true, issues };
  }
  return {
    part: { amount: null, source: named, text: partText },
    understood: named !== 'unknown',
    issues,
  };
}

/** Cuts the cell into parts at ";" and "+", and at line breaks or commas when each piece has its own amount. */
function splitParts(text: FoldedText): [number, number][] {
  const cut = (from: number, to: number, separator: RegExp): [number, number][] => {
    const pieces: [number, number][] = [];
    let start = from;
    const slice = text.folded.slice(from, to);
    separator.lastIndex = 0;
    for (let m = separator.exec(slice); m; m = separator.exec(slice)) {
      pieces.push([start, from + m.index]);
      start = from + m.index + m[0].length;
    }
    pieces.push([start, to]);
    return pieces.filter(([a, b]) => text.folded.slice(a, b).trim() !== '');
  };
  const hasAmount = ([a, b]: [number, number]) => /\d/u.test(text.folded.slice(a, b));
  const parts: [number, number][] = [];
  for (const segment of cut(0, text.folded.length, /[;+]/gu)) {
    // A comma between digits is a decimal mark ("1,5 tỷ"), not a separator.
    const pieces = cut(segment[0], segment[1], /\n|,(?!\d)|(?<!\d),/gu);
    if (pieces.length > 1 && pieces.filter(hasAmount).length > 1) parts.push(...pieces);
    else parts.push(segment);
  }
  return parts;
}

/** The source of several parts: one named source, `mixed` when both are named. */
function combineSources(parts: BudgetPart[]): FundingSource {
  let state = false;
  let socialized = false;
  for (const part of parts) {
    if (part.source === 'state' || part.source === 'mixed') state = true;
    if (part.source === 'socialized' || part.source === 'mixed') socialized = true;
  }
  if (state && socialized) return 'mixed';
  if (state) return 'state';
  if (socialized) return 'socialized';
  return parts.length > 0 && parts.every((p) => p.source === 'none') ? 'none' : 'unknown';
}

/**
 * Parses a budget cell into an amount in đồng and a funding source (PARSING.md "Budget";
 * CONVENTIONS.md §10).
 *
 * - "7.000.000" = 7 000 000; "100 triệu"; "3 triệu đồng"; "1,5 tỷ"; "500.000đ"; "15tr";
 *   "4.500.000 VNĐ"; "Không" / "Không có" = 0, `none`; "Xã hội hóa" = null, `socialized`;
 *   "Hưởng lương từ ngân sách nhà nước" = 0, `state`; "Ngân sách: 20.000.000; XHH: 10.000.000"
 *   = 30 000 000, `mixed`, with both parts kept.
 * - `options.numericCell`: an Excel numeric cell is an amount in đồng as it stands.
 * - Uncertain amounts stay null with a warning ("khoảng 5-7 triệu" keeps both bounds in `range`;
 *   "15" without a unit; "1,5,0"); "Tùy điều kiện thực tế tại đơn vị" gives an info.
 * - An empty cell gives `value: null` and no issue; a cell not understood gives `value: null` and
 *   a `budget.unrecognized` warning. Never throws.
 *
 * @example parseBudget('1,5 tỷ').value?.amount === 1_500_000_000
 */
export function parseBudget(
  text: string,
  options?: { numericCell?: number },
): ParseResult<BudgetValue> {
  try {
    return parseBudgetUnsafe(text, options);
  } catch {
    // Defensive only: a parser never throws (CONVENTIONS.md §10).
    return { text, value: null, issues: [notUnderstood(String(text))] };
  }
}

const notUnderstood = (text: string): ParseIssue =>
  issue(
    'budget.unrecognized',
    'warning',
    `Chưa hiểu được kinh phí “${text.replace(/\s+/gu, ' ').trim()}”; nội dung vẫn được giữ nguyên như đã ghi.`,
  );

function parseBudgetUnsafe(
  text: string,
  options?: { numericCell?: number },
): ParseResult<BudgetValue> {
  const folded = foldWithOffsets(text);
  const issues: ParseIssue[] = [];
  const numeric = options?.numericCell;
  if (numeric !== undefined) {
    // PARSING.md "Numbers": a numeric Excel cell is an amount in đồng as it stands.
    if (Number.isSafeInteger(numeric) && numeric >= 0) {
      // -0 passes both checks; an amount is never negative zero.
      const amount = numeric === 0 ? 0 : numeric;
      const hasState = STATE.test(folded.folded);
      const hasSocialized = SOCIALIZED.test(folded.folded);
      const source: FundingSource =
        hasState && hasSocialized
          ? 'mixed'
          : hasState
            ? 'state'
            : hasSocialized
              ? 'socialized'
              : amount === 0
                ? 'none'
                : 'unknown';
      return {
        text,
        value: { amount, source, parts: [{ amount, source, text: text.trim() }] },
        issues,
      };
    }
    issues.push(
      issue(
        'budget.numeric_cell',
        'warning',
        `Ô số “${String(numeric)}” không phải số đồng nguyên, không âm; đọc theo chữ trong ô.`,
      ),
    );
  }
  // PARSING.md table: "(empty) → null, unknown; no warning".
  if (text.trim() === '') return { text, value: null, issues };

  const analyses = splitParts(folded).map(([from, to]) => analysePart(folded, from, to));
  for (const analysis of analyses) issues.push(...analysis.issues);
  if (analyses.length === 0 || analyses.every((a) => !a.understood)) {
    return { text, value: null, issues: [...issues, notUnderstood(text)] };
  }
  for (const analysis of analyses) {
    if (!analysis.understood) {
      issues.push(
        issue(
          'budget.part_unrecognized',
          'warning',
          `Chưa hiểu được phần “${analysis.part.text}” của ô kinh phí.`,
        ),
      );
    }
  }
  const parts = analyses.map((a) => a.part);
  const withAmount = parts.filter((p) => p.amount !== null);
  let amount: number | null = null;
  if (withAmount.length === parts.length) {
    const total = withAmount.reduce((sum, p) => sum + (p.amount ?? 0), 0);
    if (Number.isSafeInteger(total)) amount = total;
    else issues.push(issue('budget.too_large', 'warning', 'Tổng kinh phí quá lớn.'));
  } else if (withAmount.length > 0) {
    // Adding only the parts that have a number would understate the total: leave it empty.
    issues.push(
      issue(
        'budget.partial_amount',
        'info',
        'Có phần chưa ghi số tiền nên chưa tính được tổng kinh phí.',
      ),
    );
  }
  const value: BudgetValue = { amount, source: combineSources(parts), parts };
  const [only] = analyses;
  if (analyses.length === 1 && only?.range) value.range = only.range;
  return { text, value, issues };
}
