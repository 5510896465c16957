import { describe, expect, it } from 'vitest';
import { REVIEW_ROUND_STATUSES } from './monitoring.types.ts';
import {
  canReviewRows,
  decideReviewRoundTransition,
  isReviewRoundEditable,
  suggestedReviewRounds,
  usualReviewRoundDate,
} from './review-rounds.ts';

describe('usualReviewRoundDate', () => {
  it.each([
    ['semester1', '2025-2026', '2026-01-15'],
    ['year_end', '2025-2026', '2026-05-25'],
    ['semester1', '2026 – 2027', '2027-01-15'],
    ['year_end', '2026-2027', '2027-05-25'],
    ['extra', '2025-2026', null],
    ['semester1', '2025-2027', null],
    ['year_end', 'năm nay', null],
  ] as const)('%s of %s → %s', (kind, year, date) => {
    expect(usualReviewRoundDate(kind, year)).toBe(date);
  });
});

describe('suggestedReviewRounds', () => {
  it('names the TT57 rounds and their usual dates', () => {
    expect(suggestedReviewRounds('TT57', '2026-2027', [])).toEqual([
      { kind: 'semester1', label: 'Cuối học kỳ I', plannedDate: '2027-01-15' },
      { kind: 'year_end', label: 'Cuối năm học', plannedDate: '2027-05-25' },
    ]);
  });

  it('names the 2018 rounds sơ kết and tổng kết', () => {
    expect(suggestedReviewRounds('2018', '2024-2025', [])).toEqual([
      { kind: 'semester1', label: 'Sơ kết học kỳ I', plannedDate: '2025-01-15' },
      { kind: 'year_end', label: 'Tổng kết năm học', plannedDate: '2025-05-25' },
    ]);
  });

  it('leaves out the rounds already created, and everything for a year not understood', () => {
    expect(suggestedReviewRounds('TT57', '2026-2027', ['semester1', 'extra'])).toEqual([
      { kind: 'year_end', label: 'Cuối năm học', plannedDate: '2027-05-25' },
    ]);
    expect(suggestedReviewRounds('TT57', '2026-2027', ['semester1', 'year_end'])).toEqual([]);
    expect(suggestedReviewRounds('TT57', '', [])).toEqual([]);
  });
});

describe('decideReviewRoundTransition', () => {
  const table: Array<[string, string, string | false]> = [
    ['planned', 'planned', 'none'],
    ['planned', 'open', 'open'],
    ['planned', 'closed', false],
    ['open', 'planned', false],
    ['open', 'open', 'none'],
    ['open', 'closed', 'close'],
    ['closed', 'planned', false],
    ['closed', 'open', 'reopen'],
    ['closed', 'closed', 'none'],
  ];
  it('covers every pair of statuses', () => {
    expect(table).toHaveLength(REVIEW_ROUND_STATUSES.length ** 2);
  });
  it.each(table)('%s → %s: %s', (from, to, change) => {
    const answer = decideReviewRoundTransition(
      from as 'planned' | 'open' | 'closed',
      to as 'planned' | 'open' | 'closed',
    );
    if (change === false) {
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.message).toMatch(/Đợt rà soát/);
    } else {
      expect(answer).toEqual({ ok: true, change });
    }
  });
});

describe('editability', () => {
  it('a closed round is read-only; rows are reviewed only in an open round', () => {
    expect(isReviewRoundEditable('planned')).toBe(true);
    expect(isReviewRoundEditable('open')).toBe(true);
    expect(isReviewRoundEditable('closed')).toBe(false);
    expect(canReviewRows('planned')).toBe(false);
    expect(canReviewRows('open')).toBe(true);
    expect(canReviewRows('closed')).toBe(false);
  });
});
