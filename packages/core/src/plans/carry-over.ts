import { foldVietnamese } from '../text/fold.ts';

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
