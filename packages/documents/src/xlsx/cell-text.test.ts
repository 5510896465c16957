import { describe, it, expect } from 'vitest';
import { formatNumber, readCellValue } from './cell-text.ts';

describe('readCellValue', () => {
  it.each([
    ['empty', null, null, 'empty'],
    ['undefined', undefined, null, 'empty'],
    ['text trimmed at the edges only', '  Nguyễn  Văn   An \u00A0', 'Nguyễn  Văn   An', 'text'],
    ['zero-width spaces at the edges', '\u200BTổ Toán\u200B', 'Tổ Toán', 'text'],
    ['blank text', ' \t ', null, 'empty'],
    ['integer', 912345678, '912345678', 'number'],
    ['float noise', 0.1 + 0.2, '0.3', 'number'],
    ['boolean', true, 'TRUE', 'boolean'],
    ['date as dd/mm/yyyy from UTC fields', new Date(Date.UTC(2025, 8, 5)), '05/09/2025', 'date'],
    ['invalid date', new Date(Number.NaN), null, 'empty'],
    [
      'rich text',
      { richText: [{ text: 'Nguyễn ' }, { font: { bold: true }, text: 'Văn An' }] },
      'Nguyễn Văn An',
      'text',
    ],
    [
      'hyperlink',
      { text: 'an@truong.edu.vn', hyperlink: 'mailto:an@truong.edu.vn' },
      'an@truong.edu.vn',
      'text',
    ],
    [
      'hyperlink with rich text',
      { text: { richText: [{ text: 'an@' }, { text: 'x.vn' }] }, hyperlink: 'mailto:an@x.vn' },
      'an@x.vn',
      'text',
    ],
    ['formula result', { formula: 'A1&" "&B1', result: 'Trần Bình' }, 'Trần Bình', 'text'],
    ['shared formula result', { sharedFormula: 'A2', result: 3 }, '3', 'number'],
    ['formula without result', { formula: 'A1' }, null, 'formula-without-result'],
    ['error', { error: '#N/A' }, null, 'error'],
    [
      'formula with an error result',
      { formula: 'VLOOKUP(1,A:B,2,0)', result: { error: '#N/A' } },
      null,
      'error',
    ],
    ['unknown object', { foo: 1 }, null, 'empty'],
  ])('%s', (_label, value, text, source) => {
    const result = readCellValue(value);
    expect(result.text).toBe(text);
    expect(result.source).toBe(source);
  });

  it('prints numbers as Excel shows them in General format', () => {
    expect(formatNumber(84912345678)).toBe('84912345678');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(-3)).toBe('-3');
  });
});
