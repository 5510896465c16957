/**
 * Words of the solution library (thư viện giải pháp, issue 14): which words of a row's folded text
 * go into the word index, how a query splits into words, and where a query's words sit in a text
 * (for highlighting). Uses the search key of fold.ts, so what is stored and what is asked always
 * fold the same way.
 */
import { foldWithOffsets } from '../parsers/folded-text.ts';
import { searchKey } from './fold.ts';

/**
 * Folded words too common to help a search find anything (của, và, các, …): they are not indexed;
 * a query word among them is still checked against the row's folded text.
 */
export const LIBRARY_STOP_WORDS: ReadonlySet<string> = new Set([
  'va',
  'cua',
  'cac',
  'cho',
  'trong',
  'voi',
  'la',
  'duoc',
  'nhung',
  'mot',
  'nay',
  'khi',
  'tu',
  'den',
  'tai',
  've',
  'theo',
  'nhu',
  'hoac',
  'da',
  'se',
  'cung',
  'thi',
  'ma',
  'boi',
  'do',
  'tren',
  'duoi',
]);

/** Longest word kept in the index (a longer one is cut; a query word is cut the same way). */
export const LIBRARY_WORD_MAX = 40;

/**
 * The distinct words of a text that the word index keeps: words of its search key of at least two
 * characters that are not stop words, cut at {@link LIBRARY_WORD_MAX}.
 *
 * @example libraryWords('Phương hướng và chiến lược') → ['phuong', 'huong', 'chien', 'luoc']
 */
export function libraryWords(text: string): string[] {
  const words = new Set<string>();
  for (const word of searchKey(text).split(' ')) {
    if (word.length < 2 || LIBRARY_STOP_WORDS.has(word)) continue;
    words.add(word.slice(0, LIBRARY_WORD_MAX));
  }
  return [...words];
}

/**
 * The words of a search query, folded (search key), each matched at the start of a word of a
 * row's text (so every word is a prefix: "phuong huo" finds "Phương hướng"). At most eight words.
 */
export function libraryQueryWords(query: string): string[] {
  return searchKey(query)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.slice(0, LIBRARY_WORD_MAX))
    .slice(0, 8);
}

/**
 * Where the words of `query` start words of `text`, as [start, end) offsets into `text` as typed,
 * sorted and merged — for highlighting a result. Compares diacritic-free, so "phuong" marks
 * "Phương".
 *
 * @example highlightRanges('Phương hướng mới', 'phuong huong') → [[0, 12]]
 */
export function highlightRanges(text: string, query: string): [number, number][] {
  const words = libraryQueryWords(query);
  if (words.length === 0 || text === '') return [];
  const folded = foldWithOffsets(text);
  const ranges: [number, number][] = [];
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = folded.folded.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      if (isWordChar(folded.folded[at - 1])) continue;
      const start = folded.starts[at] ?? 0;
      const endIndex = at + word.length;
      const end =
        endIndex < folded.starts.length ? (folded.starts[endIndex] ?? text.length) : text.length;
      ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1] + 1 && /^\s?$/u.test(text.slice(last[1], r[0]))) {
      last[1] = Math.max(last[1], r[1]);
    } else merged.push([r[0], r[1]]);
  }
  return merged;
}
