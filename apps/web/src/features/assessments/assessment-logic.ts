import { findEvidenceCodes, normalizeEvidenceCode } from '@caitien/core';

/*
 * The pure rules of the self-assessment screens: which codes a text cites and what they link to,
 * the what-if marks kept apart from the saved ones, the Đạt/Không đạt toggle, the TT57 lock of
 * Mức 2, and how the server's computed results are read. No React, no requests: unit-tested.
 */

/** Marks by indicator key: true Đạt, false Không đạt, absent "chưa đánh giá". */
export type Marks = Record<string, boolean>;

/** The evidence a citation links to (what the screens need of an evidence item). */
export interface CitableEvidence {
  id: string;
  code: string;
  name: string;
}

/** One code written in a text: as written, canonical, and the evidence it names (null: unknown). */
export interface CitedCode {
  written: string;
  code: string;
  evidence: CitableEvidence | null;
}

/** The evidence by canonical code (codes are compared in their canonical spelling). */
export function evidenceByCode<E extends CitableEvidence>(items: readonly E[]): Map<string, E> {
  const map = new Map<string, E>();
  for (const item of items) map.set(normalizeEvidenceCode(item.code) ?? item.code, item);
  return map;
}

/**
 * The codes a text cites, each once, in the order first written, linked to their evidence; a code
 * no evidence has comes back with `evidence: null` (the screen warns; the text is never changed).
 */
export function citedCodes(text: string, known: ReadonlyMap<string, CitableEvidence>): CitedCode[] {
  const seen = new Set<string>();
  const result: CitedCode[] = [];
  for (const occurrence of findEvidenceCodes(text)) {
    if (seen.has(occurrence.code)) continue;
    seen.add(occurrence.code);
    result.push({
      written: occurrence.text,
      code: occurrence.code,
      evidence: known.get(occurrence.code) ?? null,
    });
  }
  return result;
}

/** A piece of a text: plain, or a code written in it (linked when an evidence has it). */
export type TextSegment =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string; code: string; evidence: CitableEvidence | null };

/** The text cut around the codes it cites, every character kept, for showing it with links. */
export function segmentCitations(
  text: string,
  known: ReadonlyMap<string, CitableEvidence>,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const occurrence of findEvidenceCodes(text)) {
    if (occurrence.start > at)
      segments.push({ kind: 'text', text: text.slice(at, occurrence.start) });
    segments.push({
      kind: 'code',
      text: text.slice(occurrence.start, occurrence.end),
      code: occurrence.code,
      evidence: known.get(occurrence.code) ?? null,
    });
    at = occurrence.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}

/**
 * The text with a citation of `code` added: inside the last bracket or parenthesis of citations
 * when the text ends with one ("… [H1-1.1-01]" → "… [H1-1.1-01; H1-1.1-02]"), otherwise at the
 * end in the regime's form ("[H1-1.1-02]" for 2018, "(MC.1.1.02)" for TT57). A code already
 * cited is not added twice.
 */
export function insertCitation(text: string, code: string): string {
  const canonical = normalizeEvidenceCode(code) ?? code;
  if (findEvidenceCodes(text).some((o) => o.code === canonical)) return text;
  // The canonical 2018 code carries its brackets ("[H1-1.1-01]"); inside a group it goes bare.
  const bare = canonical.replace(/^\[|\]$/gu, '');
  const isTt57 = bare.startsWith('MC');
  const trimmed = text.replace(/\s+$/u, '');
  const closing = isTt57 ? ')' : ']';
  const separator = isTt57 ? ', ' : '; ';
  if (trimmed.endsWith(closing)) {
    const opening = trimmed.lastIndexOf(isTt57 ? '(' : '[');
    const inside = opening >= 0 ? trimmed.slice(opening + 1, -1) : '';
    if (opening >= 0 && findEvidenceCodes(inside).length > 0)
      return `${trimmed.slice(0, -1)}${separator}${bare}${closing}`;
  }
  const wrapped = isTt57 ? `(${bare})` : `[${bare}]`;
  return trimmed === '' ? wrapped : `${trimmed} ${wrapped}`;
}

/**
 * What a click on "Đạt" (`clicked` true) or "Không đạt" (false) makes of a mark: that value, or
 * "chưa đánh giá" (undefined) when the mark already had it (a second click takes it back).
 */
export function toggledMark(current: boolean | undefined, clicked: boolean): boolean | undefined {
  return current === clicked ? undefined : clicked;
}

/** The marks with one key set to `value` (undefined removes it). */
export function withMark(marks: Marks, key: string, value: boolean | undefined): Marks {
  const next = { ...marks };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * What a save sends for the marks: only the indicators that differ from the saved ones, `null` for
 * one unmarked (chưa đánh giá); null when nothing changed. Each indicator is versioned on its own,
 * so another member's mark of another indicator never blocks this save.
 */
export function markChanges(marks: Marks, saved: Marks): Record<string, boolean | null> | null {
  const changes: Record<string, boolean | null> = {};
  for (const key of new Set([...Object.keys(saved), ...Object.keys(marks)]))
    if (marks[key] !== saved[key]) changes[key] = marks[key] ?? null;
  return Object.keys(changes).length > 0 ? changes : null;
}

/** Marks equal key for key (an absent key equals an absent key). */
export function sameMarks(a: Marks, b: Marks): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * TT57 (khoản 2 Điều 5): Mức 2 is judged only once Mức 1 is Đạt, so its toggles are locked until
 * then. In the 2018 regime every indicator may be marked (the level is computed level by level).
 */
export function isLevelLocked(regime: string, marks: Marks, level: number): boolean {
  if (regime !== '2026' || level < 2) return false;
  return marks[String(level - 1)] !== true;
}

/**
 * The marks being tried in the what-if view, by criterion: only criteria whose tried marks differ
 * from the saved ones are kept, so "nothing changed" is an empty object.
 */
export type WhatIfMarks = Record<string, Marks>;

/** The what-if marks after trying `value` for one indicator of one criterion. */
export function tryMark(
  tried: WhatIfMarks,
  saved: Marks,
  criterionCode: string,
  key: string,
  value: boolean | undefined,
): WhatIfMarks {
  const current = tried[criterionCode] ?? saved;
  const next = withMark(current, key, value);
  const result = { ...tried };
  if (sameMarks(next, saved)) delete result[criterionCode];
  else result[criterionCode] = next;
  return result;
}

/** The marks a criterion shows: the tried ones in the what-if view, else the saved ones. */
export function marksShown(tried: WhatIfMarks | null, criterionCode: string, saved: Marks): Marks {
  return tried?.[criterionCode] ?? saved;
}

/** How many indicator marks the what-if view changes (for "3 thay đổi chưa lưu"). */
export function countTriedChanges(tried: WhatIfMarks, savedOf: (code: string) => Marks): number {
  let count = 0;
  for (const [code, marks] of Object.entries(tried)) {
    const saved = savedOf(code);
    const keys = new Set([...Object.keys(marks), ...Object.keys(saved)]);
    for (const key of keys) if (marks[key] !== saved[key]) count += 1;
  }
  return count;
}

/** One criterion (or Mức 4 item) holding the school's next level back, as the server sends it. */
export interface Blocker {
  criterionCode: string | null;
  level4Key: string | null;
  level: number | null;
  needed: number;
  message: string;
}

/** The blockers of the server's results (typed loosely in the contract), unusable ones dropped. */
export function readBlockers(blockers: readonly unknown[]): Blocker[] {
  const result: Blocker[] = [];
  for (const item of blockers) {
    if (typeof item !== 'object' || item === null) continue;
    const b = item as Record<string, unknown>;
    if (typeof b.message !== 'string') continue;
    result.push({
      criterionCode: typeof b.criterionCode === 'string' ? b.criterionCode : null,
      level4Key: typeof b.level4Key === 'string' ? b.level4Key : null,
      level: typeof b.level === 'number' ? b.level : null,
      needed: typeof b.needed === 'number' ? b.needed : 0,
      message: b.message,
    });
  }
  return result;
}

/**
 * "Mức 2", "Chưa đạt Mức 1" (0); while a mark it depends on is missing (null): "Ít nhất Mức 1"
 * when some level is already certain (`atLeast`), else "Chưa xác định".
 */
export function levelLabel(level: number | null | undefined, atLeast = 0): string {
  if (level === null || level === undefined)
    return atLeast > 0 ? `Ít nhất Mức ${atLeast}` : 'Chưa xác định';
  if (level <= 0) return 'Chưa đạt Mức 1';
  return `Mức ${level}`;
}

/** The TT57 deadline as a line: "phê duyệt trước 15/6/2027 — còn 12 ngày" (or "đã quá 3 ngày"). */
export function deadlineLine(deadline: { label: string; daysLeft: number; met: boolean }): string {
  if (deadline.met) return `${deadline.label} — đã phê duyệt đúng hạn`;
  if (deadline.daysLeft > 0) return `${deadline.label} — còn ${deadline.daysLeft} ngày`;
  if (deadline.daysLeft === 0) return `${deadline.label} — hôm nay là hạn cuối`;
  return `${deadline.label} — đã quá ${-deadline.daysLeft} ngày`;
}

/** "1.10" after "1.9": criterion codes in the frameworks' order. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Whether the plan editor offers "Đưa vào mục Căn cứ của kế hoạch": only for a draft plan, to a
 * user who may edit it, and only when an approved assessment gives the Căn cứ.
 */
export function canApplyAssessmentBasis(input: {
  planStatus: string;
  canEditPlan: boolean;
  approvedAssessmentId: string | null;
}): boolean {
  return input.planStatus === 'draft' && input.canEditPlan && input.approvedAssessmentId !== null;
}
