/**
 * What every cell parser returns (CONVENTIONS.md §10: parsers return `{ text, value | null,
 * issues[] }`, keep the text verbatim and never throw). A plan row stores the cell text as typed
 * (PRODUCT.md §4, "Cell values are free Vietnamese text") and the parsed value beside it.
 */

/** One thing a parser wants the user to know about a cell, with a Vietnamese message. */
export interface ParseIssue {
  /** Stable machine code, e.g. `time.outside_school_year`, `budget.range`. */
  code: string;
  /** `info`: understood, worth knowing; `warning`: not (fully) understood; `error`: unusable. */
  severity: 'info' | 'warning' | 'error';
  /** Vietnamese, for the user. */
  message: string;
}

/** The outcome of parsing one cell: the verbatim text, what was understood, and the notes. */
export interface ParseResult<T> {
  /** The input exactly as given (`===`), never trimmed or normalised. */
  text: string;
  /** What was understood, or `null` when nothing was (or the cell is empty). */
  value: T | null;
  issues: ParseIssue[];
}
