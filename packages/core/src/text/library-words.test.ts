import { describe, expect, it } from 'vitest';
import { highlightRanges, libraryQueryWords, libraryWords } from './library-words.ts';

describe('library words', () => {
  it('indexes distinct folded words without stop words or single letters', () => {
    expect(libraryWords('Phương hướng và chiến lược; phương hướng A')).toEqual([
      'phuong',
      'huong',
      'chien',
      'luoc',
    ]);
  });

  it('splits a query into folded words', () => {
    expect(libraryQueryWords('  Phuong   HƯỚNG, ')).toEqual(['phuong', 'huong']);
    expect(libraryQueryWords('')).toEqual([]);
  });

  it('highlights query words at word starts, in the text as typed', () => {
    const text = 'Xây dựng phương hướng, chiến lược; dễ thương';
    const ranges = highlightRanges(text, 'phuong huong');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['phương hướng']);
    expect(highlightRanges('Dễ thương', 'huong')).toEqual([]);
    expect(highlightRanges('Đội ngũ', 'doi')).toEqual([[0, 3]]);
  });
});
