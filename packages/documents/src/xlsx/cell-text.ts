/**
 * Turns an exceljs cell value into the text a person sees in Excel, without guessing: rich text and
 * hyperlinks give their text, formulas their cached result, numbers their digits, dates dd/mm/yyyy.
 * Leading and trailing whitespace is dropped (it is invisible in Excel); inner text stays as typed.
 */

export type CellTextSource =
  | 'empty'
  | 'text'
  | 'number'
  | 'date'
  | 'boolean'
  /** An Excel error such as #N/A or #REF!: read as empty. */
  | 'error'
  /** A formula saved without its computed value (some generators do that): read as empty. */
  | 'formula-without-result';

export interface CellText {
  /** null when the cell shows nothing. */
  text: string | null;
  source: CellTextSource;
  /** The number itself when `source` is 'number'. */
  number?: number;
  /** The Excel error code when `source` is 'error'. */
  error?: string;
}

const EMPTY: CellText = { text: null, source: 'empty' };
/** Whitespace JavaScript's trim() misses but Vietnamese documents carry from the web. */
const EDGE_SPACE = /^[\s\u200B\u2060]+|[\s\u200B\u2060]+$/gu;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(raw: string): CellText {
  const trimmed = raw.replace(EDGE_SPACE, '');
  return trimmed === '' ? EMPTY : { text: trimmed, source: 'text' };
}

/**
 * Excel's "General" format shows at most 15 significant digits; printing through toPrecision(15)
 * drops binary noise such as 0.30000000000000004 without rounding anything a person typed.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toString();
  return Number(value.toPrecision(15)).toString();
}

/**
 * exceljs returns dates as JavaScript Dates whose UTC fields are the wall-clock date typed in Excel
 * (Excel stores no time zone), so the UTC fields are read, never the local ones.
 */
export function formatDate(value: Date): string {
  const day = String(value.getUTCDate()).padStart(2, '0');
  const month = String(value.getUTCMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${value.getUTCFullYear()}`;
}

function richText(runs: unknown[]): string {
  return runs
    .map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : ''))
    .join('');
}

/** Reads any value exceljs may put in `cell.value` (typed loosely: files are not always valid). */
export function readCellValue(value: unknown, depth = 0): CellText {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { text: formatNumber(value), source: 'number', number: value }
      : EMPTY;
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', source: 'boolean' };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? EMPTY : { text: formatDate(value), source: 'date' };
  }
  if (!isRecord(value) || depth > 3) return EMPTY;
  if (Array.isArray(value.richText)) return text(richText(value.richText));
  if (typeof value.error === 'string') return { text: null, source: 'error', error: value.error };
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined || value.result === null) {
      return { text: null, source: 'formula-without-result' };
    }
    return readCellValue(value.result, depth + 1);
  }
  if ('hyperlink' in value || 'text' in value) return readCellValue(value.text, depth + 1);
  return EMPTY;
}
