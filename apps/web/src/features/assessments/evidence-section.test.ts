import { describe, expect, it } from 'vitest';
import { foldText, matchesEvidence, parseCriterionCodes } from './evidence-section.tsx';

const item = {
  code: '[H1-1.1-02]',
  name: 'Quyết định thành lập Hội đồng trường',
  issued: 'Số 12/QĐ-UBND ngày 05/9/2025',
  issuer: 'UBND xã Hòa Bình',
};

describe('evidence search', () => {
  it('ignores diacritics and case, đ included', () => {
    expect(foldText('Quyết Định ĐẢNG ủy')).toBe('quyet dinh dang uy');
    expect(matchesEvidence(item, 'quyet dinh')).toBe(true);
    expect(matchesEvidence(item, 'QĐ-UBND')).toBe(true);
    expect(matchesEvidence(item, 'hoa binh')).toBe(true);
  });

  it('needs every word, in any field, and finds by code', () => {
    expect(matchesEvidence(item, 'h1-1.1-02')).toBe(true);
    expect(matchesEvidence(item, 'quyet ke hoach')).toBe(false);
    expect(matchesEvidence(item, '   ')).toBe(true);
  });
});

describe('criterion codes typed in the evidence form', () => {
  it('splits on commas, semicolons and spaces, once each, in the order typed', () => {
    expect(parseCriterionCodes('1.3, 1.1;1.3  2.10')).toEqual(['1.3', '1.1', '2.10']);
    expect(parseCriterionCodes(' ')).toEqual([]);
  });
});
