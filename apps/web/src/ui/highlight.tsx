import { foldVietnamese } from '@caitien/core';
import { Fragment, type ReactNode } from 'react';

/**
 * What to highlight for a search query: its folded words (diacritics and case ignored) and, for a
 * query of several words, the whole phrase, so "doi ngu" marks "đội ngũ" as one piece. Longest first.
 */
export function queryWords(query: string): string[] {
  const phrase = foldVietnamese(query);
  const words = phrase.split(' ').filter(Boolean);
  const all = words.length > 1 ? [phrase, ...words] : words;
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/**
 * Ranges [start, end) of `text` where one of the folded `words` occurs, diacritics ignored.
 * Folds character by character to keep a map from folded positions back to the original text,
 * so "Phương" is found by "phuong" and highlighted with its marks.
 */
export function findMatches(text: string, words: readonly string[]): Array<[number, number]> {
  if (words.length === 0 || text === '') return [];
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    // Whitespace stays a separator so a word never matches across two words.
    const piece = /\s/u.test(char) ? ' ' : foldVietnamese(char);
    for (let i = 0; i < piece.length; i += 1) origin.push(index);
    folded += piece;
    index += char.length;
  }
  // Positions of the folded text mapped to [start, end) in the original text.
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    let from = folded.indexOf(word);
    while (from !== -1) {
      const last = from + word.length - 1;
      const start = origin[from] ?? 0;
      const lastStart = origin[last] ?? start;
      const lastChar = text.codePointAt(lastStart) ?? 0;
      ranges.push([start, lastStart + (lastChar > 0xffff ? 2 : 1)]);
      from = folded.indexOf(word, from + word.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return extendOverMarks(text, merged);
}

/** Keeps combining marks that follow a match inside it (decomposed legacy text). */
function extendOverMarks(text: string, ranges: Array<[number, number]>): Array<[number, number]> {
  for (const range of ranges) {
    while (range[1] < text.length && /\p{M}/u.test(text[range[1]] ?? '')) range[1] += 1;
  }
  return ranges;
}

/** Renders `text` with the parts matching `words` wrapped in <mark>. */
export function Highlight({ text, words }: { text: string; words: readonly string[] }) {
  const ranges = findMatches(text, words);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let cursor = 0;
  ranges.forEach(([start, end], i) => {
    if (start > cursor) parts.push(<Fragment key={`t${i}`}>{text.slice(cursor, start)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(start, end)}</mark>);
    cursor = end;
  });
  if (cursor < text.length) parts.push(<Fragment key="rest">{text.slice(cursor)}</Fragment>);
  return <>{parts}</>;
}
