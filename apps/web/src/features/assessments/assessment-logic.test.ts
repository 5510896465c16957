import { describe, expect, it } from 'vitest';
import {
  canApplyAssessmentBasis,
  citedCodes,
  compareCodes,
  countTriedChanges,
  deadlineLine,
  evidenceByCode,
  insertCitation,
  isLevelLocked,
  levelLabel,
  markChanges,
  marksShown,
  readBlockers,
  segmentCitations,
  toggledMark,
  tryMark,
} from './assessment-logic.ts';

const known = evidenceByCode([
  { id: 'e1', code: 'MC.1.1.01', name: 'Quyết định thành lập' },
  { id: 'e2', code: '[H1-1.1-02]', name: 'Kế hoạch chiến lược' },
  { id: 'e3', code: 'H1-1.1-01', name: 'Nghị quyết' },
]);

describe('citedCodes', () => {
  it('links TT57 codes written in parentheses and warns about unknown ones, each once', () => {
    const text = 'Nhà trường có quyết định (MC.1.1.01, MC.1.1.09). Xem lại MC.1.1.01.';
    expect(citedCodes(text, known)).toEqual([
      { written: 'MC.1.1.01', code: 'MC.1.1.01', evidence: known.get('MC.1.1.01') },
      { written: 'MC.1.1.09', code: 'MC.1.1.09', evidence: null },
    ]);
  });

  it('reads 2018 codes in brackets, several in one bracket, and loose spellings', () => {
    const text = 'Có nghị quyết [H1-1.1-01; H1-1.1-02] và h1 - 1.1 - 3.';
    const codes = citedCodes(text, known);
    expect(codes.map((c) => c.code)).toEqual(['[H1-1.1-01]', '[H1-1.1-02]', '[H1-1.1-03]']);
    expect(codes.map((c) => c.evidence?.id ?? null)).toEqual(['e3', 'e2', null]);
  });

  it('finds nothing in a text without codes, nor inside numbers', () => {
    expect(citedCodes('Tỷ lệ 1.1.01 học sinh, mã TH1-1.1-01', known)).toEqual([]);
  });
});

describe('segmentCitations', () => {
  it('keeps every character and marks the codes', () => {
    const text = 'Mô tả\n(MC.1.1.01) hết';
    const segments = segmentCitations(text, known);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { kind: 'text', text: 'Mô tả\n(' },
      { kind: 'code', text: 'MC.1.1.01', code: 'MC.1.1.01', evidence: known.get('MC.1.1.01') },
      { kind: 'text', text: ') hết' },
    ]);
  });

  it('answers one plain segment for a text without codes, none for an empty text', () => {
    expect(segmentCitations('Không có mã', known)).toEqual([{ kind: 'text', text: 'Không có mã' }]);
    expect(segmentCitations('', known)).toEqual([]);
  });
});

describe('insertCitation', () => {
  it('appends the code in the regime’s form', () => {
    expect(insertCitation('Nhà trường có quyết định.', 'MC.1.1.01')).toBe(
      'Nhà trường có quyết định. (MC.1.1.01)',
    );
    expect(insertCitation('Có nghị quyết.  ', '[H1-1.1-01]')).toBe('Có nghị quyết. [H1-1.1-01]');
    expect(insertCitation('', 'MC.2.1.03')).toBe('(MC.2.1.03)');
  });

  it('joins a citation group the text ends with', () => {
    expect(insertCitation('Có quyết định (MC.1.1.01)', 'MC.1.1.02')).toBe(
      'Có quyết định (MC.1.1.01, MC.1.1.02)',
    );
    expect(insertCitation('Có nghị quyết [H1-1.1-01]', 'H1-1.1-02')).toBe(
      'Có nghị quyết [H1-1.1-01; H1-1.1-02]',
    );
  });

  it('does not join a parenthesis that is not a citation, nor cite a code twice', () => {
    expect(insertCitation('Có quyết định (đã ký)', 'MC.1.1.02')).toBe(
      'Có quyết định (đã ký) (MC.1.1.02)',
    );
    expect(insertCitation('Có (MC.1.1.01) rồi', 'MC.1.1.01')).toBe('Có (MC.1.1.01) rồi');
  });
});

describe('marks', () => {
  it('a second click on the same answer takes the mark back', () => {
    expect(toggledMark(undefined, true)).toBe(true);
    expect(toggledMark(true, true)).toBeUndefined();
    expect(toggledMark(true, false)).toBe(false);
    expect(toggledMark(false, false)).toBeUndefined();
  });

  it('locks TT57 Mức 2 until Mức 1 is Đạt, never a 2018 level', () => {
    expect(isLevelLocked('2026', {}, 2)).toBe(true);
    expect(isLevelLocked('2026', { '1': false }, 2)).toBe(true);
    expect(isLevelLocked('2026', { '1': true }, 2)).toBe(false);
    expect(isLevelLocked('2026', {}, 1)).toBe(false);
    expect(isLevelLocked('2018', {}, 2)).toBe(false);
  });
});

describe('markChanges', () => {
  it('sends only the indicators that differ from the saved marks, null for an unmarked one', () => {
    const saved = { '1.a': true, '1.b': false, '2.a': true };
    expect(markChanges({ '1.a': true, '1.b': true, '2.a': true }, saved)).toEqual({ '1.b': true });
    expect(markChanges({ '1.a': true, '2.a': true }, saved)).toEqual({ '1.b': null });
    expect(markChanges({ ...saved, '1.c': false }, saved)).toEqual({ '1.c': false });
    expect(markChanges(saved, saved)).toBeNull();
    expect(markChanges({}, {})).toBeNull();
  });
});

describe('what-if marks', () => {
  const saved = { '1.a': true, '1.b': false };

  it('keeps only the criteria whose tried marks differ from the saved ones', () => {
    const once = tryMark({}, saved, '1.1', '1.b', true);
    expect(once).toEqual({ '1.1': { '1.a': true, '1.b': true } });
    expect(countTriedChanges(once, () => saved)).toBe(1);
    const back = tryMark(once, saved, '1.1', '1.b', false);
    expect(back).toEqual({});
    expect(countTriedChanges(back, () => saved)).toBe(0);
  });

  it('counts removed and added marks, and shows tried marks over saved ones', () => {
    let tried = tryMark({}, saved, '1.1', '1.a', undefined);
    tried = tryMark(tried, {}, '1.2', '2.a', true);
    expect(countTriedChanges(tried, (code) => (code === '1.1' ? saved : {}))).toBe(2);
    expect(marksShown(tried, '1.1', saved)).toEqual({ '1.b': false });
    expect(marksShown(tried, '1.3', saved)).toBe(saved);
    expect(marksShown(null, '1.1', saved)).toBe(saved);
  });

  it('does not change the object it was given', () => {
    const tried = { '1.1': { '1.a': false } };
    tryMark(tried, saved, '1.1', '1.a', true);
    expect(tried).toEqual({ '1.1': { '1.a': false } });
  });
});

describe('results', () => {
  it('reads the blockers the server sends and drops what it cannot use', () => {
    expect(
      readBlockers([
        { criterionCode: '1.2', level4Key: null, level: 1, needed: 2, message: 'Tiêu chí 1.2' },
        { criterionCode: null, level4Key: 'a', level: null, needed: 4, message: 'Mức 4 a' },
        'rác',
        { criterionCode: '1.3' },
      ]),
    ).toEqual([
      { criterionCode: '1.2', level4Key: null, level: 1, needed: 2, message: 'Tiêu chí 1.2' },
      { criterionCode: null, level4Key: 'a', level: null, needed: 4, message: 'Mức 4 a' },
    ]);
  });

  it('labels levels and the deadline', () => {
    expect(levelLabel(0)).toBe('Chưa đạt Mức 1');
    expect(levelLabel(3)).toBe('Mức 3');
    expect(levelLabel(null)).toBe('Chưa xác định');
    expect(levelLabel(null, 2)).toBe('Ít nhất Mức 2');
    expect(levelLabel(1, 1)).toBe('Mức 1');
    const label = 'phê duyệt trước 15/6/2027';
    expect(deadlineLine({ label, daysLeft: 12, met: false })).toBe(`${label} — còn 12 ngày`);
    expect(deadlineLine({ label, daysLeft: 0, met: false })).toBe(`${label} — hôm nay là hạn cuối`);
    expect(deadlineLine({ label, daysLeft: -3, met: false })).toBe(`${label} — đã quá 3 ngày`);
    expect(deadlineLine({ label, daysLeft: -3, met: true })).toBe(
      `${label} — đã phê duyệt đúng hạn`,
    );
  });

  it('orders criterion codes numerically', () => {
    expect(['1.10', '1.9', '2.1', '1.2'].sort(compareCodes)).toEqual(['1.2', '1.9', '1.10', '2.1']);
  });
});

describe('canApplyAssessmentBasis', () => {
  const base: { planStatus: string; canEditPlan: boolean; approvedAssessmentId: string | null } = {
    planStatus: 'draft',
    canEditPlan: true,
    approvedAssessmentId: 'a1',
  };
  it.each<[string, Partial<typeof base>, boolean]>([
    ['a draft plan, an editor, an approved assessment', {}, true],
    ['a submitted plan', { planStatus: 'submitted' }, false],
    ['an approved plan', { planStatus: 'approved' }, false],
    ['a reader who may not edit the plan', { canEditPlan: false }, false],
    ['no approved assessment', { approvedAssessmentId: null }, false],
  ])('%s', (_name, over, expected) => {
    expect(canApplyAssessmentBasis({ ...base, ...over })).toBe(expected);
  });
});
