import { describe, expect, test } from 'vitest';
import { findMatches, queryWords } from './highlight.tsx';

const marked = (text: string, query: string) =>
  findMatches(text, queryWords(query)).map(([start, end]) => text.slice(start, end));

describe('search highlighting', () => {
  test('finds Vietnamese words typed without diacritics, the phrase as one piece', () => {
    expect(marked('Phương hướng, chiến lược xây dựng', 'phuong huong')).toEqual(['Phương hướng']);
    expect(marked('Đội ngũ giáo viên; đội ngũ nhân viên', 'doi ngu')).toEqual([
      'Đội ngũ',
      'đội ngũ',
    ]);
  });

  test('marks separate words where the phrase does not occur', () => {
    expect(marked('Chiến lược phát triển; phương hướng', 'phuong chien')).toEqual([
      'Chiến',
      'phương',
    ]);
  });

  test('keeps the combining marks of decomposed legacy text inside the mark', () => {
    const legacy = 'các to\u0302\u0309 chức';
    expect(marked(legacy, 'to chuc')).toEqual(['to\u0302\u0309 chức']);
  });

  test('an empty or blank query marks nothing', () => {
    expect(queryWords('   ')).toEqual([]);
    expect(findMatches('Phương hướng', [])).toEqual([]);
  });
});
