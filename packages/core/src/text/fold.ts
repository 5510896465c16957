/**
 * Diacritic-free ("folded") copies of Vietnamese text for search.
 *
 * CONTRACTS.md "Text and data rules": store text exactly as typed; compare, search and
 * de-duplicate on NFC; diacritic-free search uses a folded copy stored beside the text (the same on
 * SQLite and PostgreSQL). Folding happens here, in one place, so the copy written by the server and
 * the query folded at search time always agree.
 */

/** Any Unicode combining mark: Vietnamese tone marks and vowel marks (◌́ ◌̀ ◌̉ ◌̃ ◌̣ ◌̂ ◌̆ ◌̛) after NFD. */
const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Folds Vietnamese text for diacritic-free search: lowercase, decompose (NFD), drop every combining
 * mark, map đ to d, collapse whitespace runs to one space and trim.
 *
 * Works on both precomposed text and the partly decomposed text of legacy Vietnamese keyboards
 * (e.g. "tô" + U+0309 for "tổ", found in the 2018 reference transcription): NFD puts both in the
 * same form first. Lowercasing comes before decomposition so that a mark produced by lowercasing
 * (e.g. "İ" → "i̇") is stripped too, which keeps the function idempotent.
 *
 * @example foldVietnamese('  ĐỘI   NGŨ ') === 'doi ngu'
 */
export function foldVietnamese(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/gu, 'd')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * True when every whitespace-separated word of `query`, folded, occurs in `foldedHaystack`
 * (anywhere, in any order). The haystack must already be folded with {@link foldVietnamese} — it is
 * the copy stored beside the text. An empty or blank query matches everything.
 *
 * @example matchesQuery(foldVietnamese('Phương hướng, chiến lược'), 'phuong huong') === true
 */
export function matchesQuery(foldedHaystack: string, query: string): boolean {
  const folded = foldVietnamese(query);
  if (folded === '') return true;
  return folded.split(' ').every((word) => foldedHaystack.includes(word));
}
