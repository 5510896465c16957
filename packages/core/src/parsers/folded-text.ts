/**
 * Folding with offsets: the parsers match their vocabulary on a diacritic-free, lowercase copy of
 * the cell (like `foldVietnamese` in text/fold.ts) but must hand back pieces of the text exactly as
 * typed (CONVENTIONS.md §10). Each folded character remembers where it came from.
 */

const COMBINING_MARK = /\p{M}/u;
/** Dashes people type between months ("08 – 11", "09—06", "10 − 01"); all read as "-". */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/u;

/** A folded copy of a text with, for each folded character, its offset in the original text. */
export interface FoldedText {
  /** The original text, untouched. */
  source: string;
  /**
   * Lowercase, without diacritics, đ → d, every dash → "-", line breaks kept as "\n" (they may
   * separate items) and any other whitespace → " "; runs are not collapsed.
   */
  folded: string;
  /** `starts[i]` is the offset in `source` of the character that produced `folded[i]`. */
  starts: number[];
}

/**
 * Folds `source` one code point at a time so that offsets survive. Works on NFC and NFD input alike:
 * a lone combining mark folds to nothing, so "tô" + U+0309 folds like "tổ".
 */
export function foldWithOffsets(source: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  let offset = 0;
  for (const char of source) {
    let piece: string;
    if (char === '\n') piece = '\n';
    else if (/\s/u.test(char)) piece = ' ';
    else if (DASHES.test(char)) piece = '-';
    else {
      piece = '';
      for (const part of char.toLowerCase().normalize('NFD')) {
        if (!COMBINING_MARK.test(part)) piece += part;
      }
      piece = piece.replace(/[đð]/gu, 'd');
    }
    for (let i = 0; i < piece.length; i += 1) starts.push(offset);
    folded += piece;
    offset += char.length;
  }
  return { source, folded, starts };
}

/** The original text behind folded characters `[from, to)`. */
export function sourceSlice(text: FoldedText, from: number, to: number): string {
  const start =
    from < text.starts.length ? (text.starts[from] ?? text.source.length) : text.source.length;
  const end =
    to < text.starts.length ? (text.starts[to] ?? text.source.length) : text.source.length;
  return text.source.slice(start, Math.max(start, end));
}
