/**
 * Evidence codes (mã minh chứng) in both regimes, pure text work (no I/O).
 *
 * 2018 (CV 5932/5942, docs/reference/NOTES.md §3): `[Hn-a.b-cd]`, e.g. `[H1-1.1-01]` — hộp n,
 * tiêu chí a.b, cd the 2-digit number of the evidence within the criterion; written after the
 * statement it supports, several codes in one bracket separated by ";".
 * TT57/2026 (Phụ lục IV, docs/reference/TT57-NOTES.md §5): `MC.a.b.NN`, e.g. `MC.1.3.01`; cited in
 * round brackets inside the sentence, several separated by commas: "(MC.1.1.01, MC.1.1.02)".
 * In both, one document keeps one code, numbered under its primary ("gốc") criterion.
 *
 * Schools type codes loosely (spaces, lower case, "1.01" for 1.1, dots for dashes): parsing
 * tolerates these and says what it normalised; nothing in a text is ever changed except the codes
 * a caller asks to rename.
 */

import type { FrameworkCode, Regime } from '../frameworks/framework.types.ts';
import {
  findCriterionMapping,
  type CriterionMappingEntry,
  type MappingConfidence,
} from '../plans/criterion-mapping.ts';

/** What an evidence code says: the regime, the box (2018 only), the criterion and the number. */
export interface EvidenceCodeParts {
  regime: Regime;
  /** 2018 hộp n; null under TT57. */
  box: number | null;
  /** The criterion "a.b", without zero padding. */
  criterionCode: string;
  /** The evidence's number within its criterion (1 for "01"). */
  sequence: number;
}

/** A parsed code: its parts, its canonical spelling and what was normalised to read it. */
export interface ParsedEvidenceCode extends EvidenceCodeParts {
  /** Canonical code: `[H1-1.1-01]` or `MC.1.1.01`. */
  code: string;
  /** What was normalised (Vietnamese), empty when the code was written canonically. */
  notes: string[];
}

/** One code written inside a text. */
export interface EvidenceCodeOccurrence extends ParsedEvidenceCode {
  /** Offsets (UTF-16, as `String.prototype.slice`) of the code itself, brackets excluded. */
  start: number;
  end: number;
  /** The code exactly as written. */
  text: string;
}

/** A warning about a code cited in a text (never an error: the text is kept as typed). */
export interface CitedCodeWarning {
  code: string;
  start: number;
  end: number;
  message: string;
}

const SPACE = '[ \\t\\u00a0]*';
const DASH = '[-\\u2010-\\u2015]';
/** 2018: H, box, separator, criterion a.b, separator, number. */
const CODE_2018_SOURCE = `[Hh]${SPACE}(\\d{1,3})${SPACE}(?:${DASH}|\\.)${SPACE}(\\d{1,2})${SPACE}\\.${SPACE}(\\d{1,2})${SPACE}(?:${DASH}|\\.)${SPACE}(\\d{1,4})`;
/** TT57: MC, optional separator, standard, criterion, number. */
const CODE_TT57_SOURCE = `[Mm][Cc]${SPACE}(?:\\.|${DASH})?${SPACE}(\\d{1,2})${SPACE}\\.${SPACE}(\\d{1,2})${SPACE}(?:\\.|${DASH})${SPACE}(\\d{1,4})`;
/** Codes never start or end inside another word or number ("TH1-1.1-01", "MC.1.1.012.3"). */
const BEFORE = '(?<![\\p{L}\\p{N}_.])';
const AFTER = '(?![\\p{L}\\p{N}_]|[.,]\\p{N})';

const CODE_PATTERN = new RegExp(
  `${BEFORE}(?:(${CODE_2018_SOURCE})|(${CODE_TT57_SOURCE}))${AFTER}`,
  'gu',
);
const WHOLE_2018 = new RegExp(`^\\s*\\[?\\s*${CODE_2018_SOURCE}\\s*\\]?\\s*$`, 'u');
const WHOLE_TT57 = new RegExp(`^\\s*\\(?\\s*${CODE_TT57_SOURCE}\\s*\\)?\\s*$`, 'u');
const CANONICAL_2018 = /^H\d+-\d+\.\d+-\d{2,}$/u;
const CANONICAL_TT57 = /^MC\.\d+\.\d+\.\d{2,}$/u;

/** The number printed with two digits, wider when it needs more (100 → "100"). */
function formatSequence(sequence: number): string {
  return String(sequence).padStart(2, '0');
}

/** The code of an evidence: `[H1-1.1-01]` (2018) or `MC.1.1.01` (TT57). */
export function formatEvidenceCode(
  regime: Regime,
  parts: { box: number | null; criterionCode: string; sequence: number },
): string {
  const seq = formatSequence(parts.sequence);
  if (regime === '2018') {
    const box = parts.box ?? defaultBox(parts.criterionCode);
    return `[H${box}-${parts.criterionCode}-${seq}]`;
  }
  return `MC.${parts.criterionCode}.${seq}`;
}

/** The code as written inside a citation: without the 2018 brackets. */
function bareCode(code: string): string {
  return code.startsWith('[') && code.endsWith(']') ? code.slice(1, -1) : code;
}

/** 2018 default box when none is given: one box per standard (the Bắc Giang practice, NOTES §3). */
function defaultBox(criterionCode: string): number {
  return Number(criterionCode.split('.')[0]);
}

function buildParsed(
  regime: Regime,
  written: string,
  box: string | null,
  standard: string,
  criterion: string,
  sequence: string,
): ParsedEvidenceCode | null {
  const seq = Number(sequence);
  const std = Number(standard);
  const crit = Number(criterion);
  const boxNumber = box === null ? null : Number(box);
  if (seq < 1 || std < 1 || crit < 1 || (boxNumber !== null && boxNumber < 1)) return null;
  const criterionCode = `${std}.${crit}`;
  const code = formatEvidenceCode(regime, { box: boxNumber, criterionCode, sequence: seq });
  const notes: string[] = [];
  const bare = written
    .trim()
    .replace(/^[[(]\s*/u, '')
    .replace(/\s*[\])]$/u, '');
  if (/^0\d/u.test(standard) || /^0\d/u.test(criterion)) {
    notes.push(
      `Mã tiêu chí viết thêm số 0 (${standard}.${criterion}), đã đọc là tiêu chí ${criterionCode}.`,
    );
  }
  if (seq < 10 && sequence.length < 2) {
    notes.push(
      `Số thứ tự minh chứng viết một chữ số (${sequence}), đã đọc là ${formatSequence(seq)}.`,
    );
  }
  const canonical = regime === '2018' ? CANONICAL_2018 : CANONICAL_TT57;
  if (notes.length === 0 && (!canonical.test(bare) || bare !== bareCode(code))) {
    notes.push(`Mã minh chứng viết chưa đúng mẫu (${bare}), đã đọc là ${code}.`);
  }
  return { regime, box: boxNumber, criterionCode, sequence: seq, code, notes };
}

/**
 * Reads one evidence code, alone in `text` (surrounding spaces and its own brackets allowed):
 * `[H1-1.1-01]`, `H1-1.1-01`, `[h1 - 1.01 - 1]`, `H1.1.1.01`, `MC.1.1.01`, `mc 1.1.01`, `MC.1.1-01`.
 * Null when it is not a code. `notes` says what was normalised.
 */
export function parseEvidenceCode(text: string): ParsedEvidenceCode | null {
  const old = WHOLE_2018.exec(text);
  if (old) return buildParsed('2018', text, old[1]!, old[2]!, old[3]!, old[4]!);
  const tt57 = WHOLE_TT57.exec(text);
  if (tt57) return buildParsed('2026', text, null, tt57[1]!, tt57[2]!, tt57[3]!);
  return null;
}

/** The canonical form of a code, or null when it is not one. */
export function normalizeEvidenceCode(text: string): string | null {
  return parseEvidenceCode(text)?.code ?? null;
}

/**
 * Every evidence code written inside a text, in order, with its offsets: 2018 codes in brackets
 * (`[H1-1.1-01]`, `[H1-1.1-01; H1-1.2-03]`) or written bare, TT57 codes (`(MC.1.1.01, MC.1.1.02)`).
 * A code is never found inside another word or number.
 */
export function findEvidenceCodes(text: string): EvidenceCodeOccurrence[] {
  const found: EvidenceCodeOccurrence[] = [];
  for (const match of text.matchAll(CODE_PATTERN)) {
    const written = match[0];
    const parsed =
      match[1] !== undefined
        ? buildParsed('2018', written, match[2]!, match[3]!, match[4]!, match[5]!)
        : buildParsed('2026', written, null, match[7]!, match[8]!, match[9]!);
    if (!parsed) continue;
    found.push({ ...parsed, start: match.index, end: match.index + written.length, text: written });
  }
  return found;
}

/**
 * The key a code is looked up by: its canonical spelling, or the text itself when it is not a code
 * (so a caller's odd key still matches nothing rather than throwing).
 */
function keyOf(code: string): string {
  return normalizeEvidenceCode(code) ?? code;
}

/** A 2018 citation bracket holding only codes and separators: `[H1-1.1-01; H1-1.1-02]`. */
const BRACKET_GROUP = /\[[^[\]\r\n]*\]/gu;

/**
 * The text with every citation of a renamed code replaced by its new code; everything else —
 * line breaks, spaces, diacritics, codes not renamed — is kept byte for byte. Renames apply all
 * at once, so a swap (A → B, B → A) works. Keys and values may be written in any form
 * {@link parseEvidenceCode} reads. When every code of a 2018 bracket is renamed to a TT57 code, the
 * bracket becomes a TT57 citation, "(MC.1.1.01, MC.1.1.02)"; otherwise codes are replaced in place.
 */
export function rewriteEvidenceCodes(text: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  const table = new Map<string, ParsedEvidenceCode>();
  for (const [from, to] of renames) {
    const target = parseEvidenceCode(to);
    if (target) table.set(keyOf(from), target);
  }
  const occurrences = findEvidenceCodes(text);
  const edits: { start: number; end: number; replacement: string }[] = [];
  const inGroup = new Set<EvidenceCodeOccurrence>();
  // 2018 brackets whose every code goes to TT57 become "(MC…, MC…)".
  for (const group of text.matchAll(BRACKET_GROUP)) {
    const start = group.index;
    const end = start + group[0].length;
    const inside = occurrences.filter((o) => o.start > start && o.end < end);
    if (inside.length === 0) continue;
    const targets = inside.map((o) => table.get(o.code));
    const allToTt57 = inside.every((o, i) => o.regime === '2018' && targets[i]?.regime === '2026');
    if (!allToTt57) continue;
    let rest = text.slice(start + 1, end - 1);
    for (const o of [...inside].reverse()) {
      rest = rest.slice(0, o.start - start - 1) + rest.slice(o.end - start - 1);
    }
    if (!/^[\s;,]*$/u.test(rest)) continue;
    edits.push({ start, end, replacement: `(${targets.map((t) => t!.code).join(', ')})` });
    for (const o of inside) inGroup.add(o);
  }
  for (const occurrence of occurrences) {
    const target = table.get(occurrence.code);
    if (!target || inGroup.has(occurrence)) continue;
    let replacement = bareCode(target.code);
    if (occurrence.regime === '2026' && target.regime === '2018') {
      const before = text.slice(0, occurrence.start).trimEnd();
      const after = text.slice(occurrence.end).trimStart();
      if (!before.endsWith('[') || !after.startsWith(']')) replacement = target.code;
    }
    edits.push({ start: occurrence.start, end: occurrence.end, replacement });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    out += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Compares criterion codes "a.b" numerically (1.2 before 1.10). */
export function compareCriterionCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** An evidence as renumbering sees it. */
export interface RenumberingEvidence {
  id: string;
  code: string;
  box: number | null;
  primaryCriterionCode: string;
  /** Every criterion that cites it. */
  criterionCodes: string[];
}

/** The new code of one evidence after renumbering. */
export interface RenumberedEvidence {
  id: string;
  code: string;
  sequence: number;
  box: number | null;
  primaryCriterionCode: string;
  /** The code it had before. */
  previousCode: string;
  changed: boolean;
}

/**
 * Renumbers a school's evidence: each evidence is numbered under its primary criterion — the
 * citing criterion that comes first in the framework (`frameworkCriterionOrder`), or its recorded
 * primary when nothing cites it — 01, 02… within each primary, in the order the evidence is given
 * (the caller passes the list in the order it wants, e.g. the order of first citation). An
 * evidence cited by several criteria gets one code, its primary's. 2018 keeps each evidence's box
 * (one box per standard when it has none).
 */
export function planRenumbering(
  regime: Regime,
  evidence: readonly RenumberingEvidence[],
  frameworkCriterionOrder: readonly string[],
): RenumberedEvidence[] {
  const rank = new Map(frameworkCriterionOrder.map((code, index) => [code, index]));
  const rankOf = (code: string): number => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  const counters = new Map<string, number>();
  return evidence.map((item) => {
    let primary = item.primaryCriterionCode;
    if (item.criterionCodes.length > 0) {
      // The first citing criterion in the framework's order; ties keep the list's order.
      primary = item.criterionCodes.reduce((best, code) =>
        rankOf(code) < rankOf(best) ? code : best,
      );
    }
    const sequence = (counters.get(primary) ?? 0) + 1;
    counters.set(primary, sequence);
    const box = regime === '2018' ? (item.box ?? defaultBox(primary)) : null;
    const code = formatEvidenceCode(regime, { box, criterionCode: primary, sequence });
    return {
      id: item.id,
      code,
      sequence,
      box,
      primaryCriterionCode: primary,
      previousCode: item.code,
      changed: keyOf(item.code) !== code,
    };
  });
}

/** The renames a renumbering implies (old code → new code), for {@link rewriteEvidenceCodes}. */
export function renumberingRenames(renumbered: readonly RenumberedEvidence[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const item of renumbered) if (item.changed) renames.set(keyOf(item.previousCode), item.code);
  return renames;
}

/**
 * The next free code for a new evidence of `criterionCode`: one past the highest number used
 * under that criterion among `existing` (any box). 2018 uses `box`, else one box per standard.
 */
export function nextEvidenceCode(
  regime: Regime,
  existing: Iterable<string>,
  criterionCode: string,
  box: number | null = null,
): string {
  let highest = 0;
  for (const code of existing) {
    const parsed = parseEvidenceCode(code);
    if (parsed && parsed.regime === regime && parsed.criterionCode === criterionCode) {
      highest = Math.max(highest, parsed.sequence);
    }
  }
  return formatEvidenceCode(regime, {
    box: regime === '2018' ? (box ?? defaultBox(criterionCode)) : null,
    criterionCode,
    sequence: highest + 1,
  });
}

/** The TT57 framework a 2018 framework's evidence goes to: TT19 → TT57-MN, TT17/TT18 → TT57-PT. */
export function tt57FrameworkFor(from: FrameworkCode): FrameworkCode | null {
  switch (from) {
    case 'TT17':
    case 'TT18':
      return 'TT57-PT';
    case 'TT19':
      return 'TT57-MN';
    case 'TT57-MN':
    case 'TT57-PT':
    case 'TT57-GDTX':
      return null;
  }
}

/** A 2018 code converted to TT57. */
export interface ConvertedEvidenceCode {
  code: string;
  /** The 2018 code, kept as the evidence's previousCode (ma_cu). */
  previousCode: string;
  criterionCode: string;
  confidence: MappingConfidence | null;
  /** The mapping's note (Vietnamese). */
  note: string;
}

/** A 2018 code that has no TT57 code: the school chooses. */
export interface UnconvertedEvidenceCode {
  code: null;
  previousCode: string;
  /** Why (Vietnamese). */
  reason: string;
  /** Criteria worth considering, never applied automatically. */
  candidates: string[];
}

/**
 * Converts one 2018 code to TT57 through the criterion mapping (packages/core/data/mappings): the
 * criterion is mapped, the number kept when free in `taken`, else the next free one. `taken`
 * receives the code given out. Unmapped criteria give `code: null` with the reason.
 */
export function convertEvidenceCode2018ToTt57(input: {
  code: string;
  from: FrameworkCode;
  to?: FrameworkCode;
  taken?: Set<string>;
}): ConvertedEvidenceCode | UnconvertedEvidenceCode {
  const previousCode = input.code;
  const parsed = parseEvidenceCode(input.code);
  if (!parsed || parsed.regime !== '2018') {
    return {
      code: null,
      previousCode,
      reason: `"${input.code}" không phải mã minh chứng theo quy định 2018 ([Hn-a.b-cc]).`,
      candidates: [],
    };
  }
  const to = input.to ?? tt57FrameworkFor(input.from);
  const mapping = to ? findCriterionMapping(input.from, to) : null;
  if (!to || !mapping) {
    return {
      code: null,
      previousCode,
      reason: `Chưa có bảng đối chiếu tiêu chí từ ${input.from} sang ${to ?? 'Thông tư 57'}.`,
      candidates: [],
    };
  }
  const entry: CriterionMappingEntry | undefined = mapping.criteria.find(
    (c) => c.from === parsed.criterionCode,
  );
  if (!entry) {
    return {
      code: null,
      previousCode,
      reason: `Tiêu chí ${parsed.criterionCode} không có trong ${input.from}.`,
      candidates: [],
    };
  }
  if (entry.to === null) {
    return {
      code: null,
      previousCode,
      reason: `Tiêu chí ${parsed.criterionCode} (${input.from}) không có tiêu chí tương ứng rõ ràng trong ${to}: nhà trường tự chọn. ${entry.note}`,
      candidates: entry.candidates ?? [],
    };
  }
  const taken = input.taken ?? new Set<string>();
  let sequence = parsed.sequence;
  let code = formatEvidenceCode('2026', { box: null, criterionCode: entry.to, sequence });
  while (taken.has(code)) {
    sequence += 1;
    code = formatEvidenceCode('2026', { box: null, criterionCode: entry.to, sequence });
  }
  taken.add(code);
  return {
    code,
    previousCode,
    criterionCode: entry.to,
    confidence: entry.confidence,
    note: entry.note,
  };
}

/**
 * Converts a school's 2018 codes to TT57 in one go (see {@link convertEvidenceCode2018ToTt57}),
 * in the order given, without two evidence getting the same code; `renames` (old → new, converted
 * codes only) feeds {@link rewriteEvidenceCodes} so every description follows.
 */
export function convertEvidenceCodes2018ToTt57(input: {
  codes: readonly string[];
  from: FrameworkCode;
  to?: FrameworkCode;
}): { results: (ConvertedEvidenceCode | UnconvertedEvidenceCode)[]; renames: Map<string, string> } {
  const taken = new Set<string>();
  const renames = new Map<string, string>();
  const results = input.codes.map((code) => {
    const result = convertEvidenceCode2018ToTt57({
      code,
      from: input.from,
      ...(input.to ? { to: input.to } : {}),
      taken,
    });
    if (result.code !== null) renames.set(keyOf(code), result.code);
    return result;
  });
  return { results, renames };
}

/**
 * Checks the codes cited in a text against the school's evidence list: an unknown code, or a code
 * written in a non-standard form, gives a warning (Vietnamese). Never an error: the text is kept.
 */
export function checkCitedCodes(text: string, knownCodes: Iterable<string>): CitedCodeWarning[] {
  const known = new Set<string>();
  for (const code of knownCodes) known.add(keyOf(code));
  const warnings: CitedCodeWarning[] = [];
  for (const occurrence of findEvidenceCodes(text)) {
    const at = { code: occurrence.code, start: occurrence.start, end: occurrence.end };
    if (!known.has(occurrence.code)) {
      warnings.push({
        ...at,
        message: `Mã minh chứng ${occurrence.code} không có trong danh mục minh chứng.`,
      });
    }
    for (const note of occurrence.notes) warnings.push({ ...at, message: note });
  }
  return warnings;
}
