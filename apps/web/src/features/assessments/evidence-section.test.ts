import { describe, expect, it } from 'vitest';
import { foldText, matchesEvidence, parseCriterionCodes, placeLabel } from './evidence-section.tsx';

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

describe('where a code is mentioned, in words', () => {
  it('names the criterion and the field, a level’s description included', () => {
    expect(placeLabel({ kind: 'criterion', key: '1.1', field: 'description' })).toBe(
      'Tiêu chí 1.1 — Mô tả hiện trạng',
    );
    expect(placeLabel({ kind: 'criterion', key: '2.3', field: 'levelDescriptions.2' })).toBe(
      'Tiêu chí 2.3 — Mô tả Mức 2 (dẫn mã minh chứng)',
    );
    expect(placeLabel({ kind: 'standard', key: '1', field: 'strengths' })).toBe(
      'Tiêu chuẩn 1 — Điểm mạnh',
    );
    expect(placeLabel({ kind: 'report', key: '', field: 'odd' })).toBe('Báo cáo — odd');
  });
});
