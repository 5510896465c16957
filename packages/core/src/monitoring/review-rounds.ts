import { parseSchoolYear } from '../frameworks/catalogue.ts';
import {
  reviewRoundLabel,
  type ReviewRoundKind,
  type ReviewRoundStatus,
} from './monitoring.types.ts';

/**
 * Review rounds of the monitoring team (issue 13; TT57 Biểu 2 mục VI: "cuối học kỳ I", "cuối năm
 * học"; 2018 plans: sơ kết, tổng kết). Pure rules: which rounds a regime asks for and on which
 * usual day, and which changes of a round's status are allowed.
 */

/** The rounds every plan is expected to have, in the order they come in the year. */
export const REGULAR_REVIEW_ROUND_KINDS: readonly ReviewRoundKind[] = ['semester1', 'year_end'];

/**
 * The usual day of a round in the school year's second calendar year (month, day): semester I
 * closes in mid-January (15/01), the year at the end of May (25/05), per the MOET yearly calendar.
 */
const USUAL_DAY: Record<'semester1' | 'year_end', { month: number; day: number }> = {
  semester1: { month: 1, day: 15 },
  year_end: { month: 5, day: 25 },
};

/** A round the regime asks for that the plan does not have yet. */
export interface SuggestedReviewRound {
  kind: ReviewRoundKind;
  label: string;
  /** YYYY-MM-DD. */
  plannedDate: string;
}

/**
 * The usual date (YYYY-MM-DD) of a regular round in a school year ("2025-2026" → semester I on
 * 2026-01-15, the year end on 2026-05-25); null for an extra round or a school year not understood.
 */
export function usualReviewRoundDate(kind: ReviewRoundKind, schoolYear: string): string | null {
  if (kind === 'extra') return null;
  const year = parseSchoolYear(schoolYear);
  if (!year) return null;
  const { month, day } = USUAL_DAY[kind];
  return `${year.endYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The regular rounds not created yet (`existingKinds`: the kinds of the plan's rounds), with
 * their labels in the regime's words and their usual dates. Nothing for a school year not
 * understood (no date is guessed).
 */
export function suggestedReviewRounds(
  regime: string,
  schoolYear: string,
  existingKinds: readonly ReviewRoundKind[],
): SuggestedReviewRound[] {
  const out: SuggestedReviewRound[] = [];
  for (const kind of REGULAR_REVIEW_ROUND_KINDS) {
    if (existingKinds.includes(kind)) continue;
    const plannedDate = usualReviewRoundDate(kind, schoolYear);
    if (plannedDate === null) continue;
    out.push({ kind, label: reviewRoundLabel(kind, regime), plannedDate });
  }
  return out;
}

/** The answer to a change of a round's status. */
export type ReviewRoundTransition =
  { ok: true; change: 'none' | 'open' | 'close' | 'reopen' } | { ok: false; message: string };

/**
 * May a round go from `from` to `to`? planned → open (the review starts), open → closed (its
 * conclusions are final), closed → open (reopened by the monitoring team to correct it). A
 * planned round cannot be closed before it was opened, and no round goes back to planned once
 * opened. The same status is no change.
 */
export function decideReviewRoundTransition(
  from: ReviewRoundStatus,
  to: ReviewRoundStatus,
): ReviewRoundTransition {
  if (from === to) return { ok: true, change: 'none' };
  if (from === 'planned' && to === 'open') return { ok: true, change: 'open' };
  if (from === 'open' && to === 'closed') return { ok: true, change: 'close' };
  if (from === 'closed' && to === 'open') return { ok: true, change: 'reopen' };
  if (to === 'closed') {
    return { ok: false, message: 'Đợt rà soát chưa mở nên chưa thể kết thúc.' };
  }
  return {
    ok: false,
    message: 'Đợt rà soát đã mở thì không chuyển lại thành dự kiến được.',
  };
}

/** A closed round is read-only until it is reopened. */
export function isReviewRoundEditable(status: ReviewRoundStatus): boolean {
  return status !== 'closed';
}

/** Rows of a round are reviewed only while it is open (planned: not started yet). */
export function canReviewRows(status: ReviewRoundStatus): boolean {
  return status === 'open';
}

export const REVIEW_ROUND_CLOSED_MESSAGE =
  'Đợt rà soát đã kết thúc nên không sửa được. Hãy mở lại đợt rà soát nếu cần điều chỉnh.';
export const REVIEW_ROUND_NOT_OPEN_MESSAGE =
  'Đợt rà soát chưa mở. Hãy mở đợt rà soát trước khi đánh giá từng nội dung.';
