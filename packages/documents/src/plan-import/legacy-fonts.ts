import {
  decodeLegacyVietnamese,
  isUnicodeVietnamese,
  isUpperCaseLegacyFont,
  legacyEncodingOfFont,
  type LegacyVietnameseEncoding,
} from '@caitien/core';
import { readCellValue } from '../xlsx/cell-text.ts';
import type { ImportWarning } from './plan-import.types.ts';

/**
 * Text typed in the legacy Vietnamese fonts (TCVN3 `.VnTime…`, VNI `VNI-Times…`) read as Unicode
 * while importing a plan (issue 16): which font a run or cell is in decides, never a guess from
 * the text (packages/core legacy-vietnamese.ts). The readers count what they converted (or, with
 * the conversion turned off, what they would have converted) and the report says so.
 */

/** A legacy font as the readers use it: its name, encoding and whether it shows capitals only. */
export interface LegacyFont {
  font: string;
  encoding: LegacyVietnameseEncoding;
  upperCase: boolean;
}

/** How many runs (DOCX) or cells (XLSX) of one legacy font held text that reads differently. */
export interface LegacyFontUse {
  font: string;
  encoding: LegacyVietnameseEncoding;
  count: number;
}

const FONTS = new Map<string, LegacyFont | null>();

/** The legacy font of a font name, or null for a Unicode font (cached: a file repeats few names). */
export function legacyFontOf(name: string | null | undefined): LegacyFont | null {
  if (typeof name !== 'string' || name === '') return null;
  let font = FONTS.get(name);
  if (font === undefined) {
    const encoding = legacyEncodingOfFont(name);
    font = encoding
      ? { font: name.trim(), encoding, upperCase: isUpperCaseLegacyFont(name) }
      : null;
    if (FONTS.size < 1000) FONTS.set(name, font);
  }
  return font;
}

/** The text as the legacy font shows it. */
export function decodeInFont(text: string, font: LegacyFont): string {
  return decodeLegacyVietnamese(text, font.encoding, { upperCase: font.upperCase });
}

/** Text as read, with the run it belongs to (0 = none) and that run's legacy font. */
export interface FontPiece {
  text: string;
  run: number;
  font: LegacyFont | null;
}

export interface DecodedPieces {
  /** The text with legacy runs decoded. */
  text: string;
  /** The text as typed. */
  raw: string;
  /** Per font, the runs whose text reads differently once decoded. */
  changes: { font: LegacyFont; runs: number }[];
}

/**
 * Joins pieces of text, decoding consecutive runs of one legacy font together (a VNI letter may be
 * split between runs: a + ù); a run already holding Unicode Vietnamese is kept as it is.
 */
export function decodeFontPieces(pieces: readonly FontPiece[]): DecodedPieces {
  const raw = pieces.map((piece) => piece.text).join('');
  if (pieces.every((piece) => piece.font === null)) return { text: raw, raw, changes: [] };
  const runTexts = new Map<number, string>();
  for (const piece of pieces) {
    if (piece.font) runTexts.set(piece.run, (runTexts.get(piece.run) ?? '') + piece.text);
  }
  const unicodeRuns = new Set<number>();
  for (const [run, text] of runTexts) if (isUnicodeVietnamese(text)) unicodeRuns.add(run);
  const fontOf = (piece: FontPiece) => (unicodeRuns.has(piece.run) ? null : piece.font);
  const changes = new Map<LegacyFont, number>();
  let text = '';
  let i = 0;
  while (i < pieces.length) {
    const font = fontOf(pieces[i] as FontPiece);
    let group = '';
    const runs = new Set<number>();
    while (i < pieces.length && fontOf(pieces[i] as FontPiece) === font) {
      const piece = pieces[i] as FontPiece;
      group += piece.text;
      runs.add(piece.run);
      i += 1;
    }
    if (!font) {
      text += group;
      continue;
    }
    const decoded = decodeInFont(group, font);
    text += decoded;
    if (decoded === group) continue;
    let changed = 0;
    for (const run of runs) {
      const own = runTexts.get(run) ?? '';
      if (decodeInFont(own, font) !== own) changed += 1;
    }
    // A letter split between runs changes only together: the group counts at least once.
    changes.set(font, (changes.get(font) ?? 0) + Math.max(1, changed));
  }
  return { text, raw, changes: [...changes].map(([font, runs]) => ({ font, runs })) };
}

/** Counts converted runs or cells per font. */
export class LegacyFontTally {
  private readonly counts = new Map<string, LegacyFontUse>();

  add(font: LegacyFont, count = 1): void {
    if (count <= 0) return;
    const use = this.counts.get(font.font);
    if (use) use.count += count;
    else this.counts.set(font.font, { font: font.font, encoding: font.encoding, count });
  }

  uses(): LegacyFontUse[] {
    return [...this.counts.values()];
  }
}

const ENCODING_NAMES: Record<LegacyVietnameseEncoding, string> = { tcvn3: 'TCVN3', vni: 'VNI' };

/**
 * The report's lines about legacy fonts, one per encoding: "Đã chuyển 124 đoạn chữ từ phông TCVN3
 * (.VnTime, .VnTimeH) sang Unicode." — or, with the conversion turned off, that the text was kept
 * as typed and how to have it converted.
 */
export function legacyFontNotes(
  uses: readonly LegacyFontUse[],
  options: { converted: boolean; unit: 'run' | 'cell' },
): ImportWarning[] {
  const notes: ImportWarning[] = [];
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const mine = uses.filter((use) => use.encoding === encoding && use.count > 0);
    if (mine.length === 0) continue;
    const count = mine.reduce((sum, use) => sum + use.count, 0);
    const what = `${count.toLocaleString('vi-VN')} ${options.unit === 'run' ? 'đoạn chữ' : 'ô'}`;
    const fonts = `phông ${ENCODING_NAMES[encoding]} (${mine.map((use) => use.font).join(', ')})`;
    notes.push(
      options.converted
        ? {
            code: 'legacy-font.converted',
            message: `Đã chuyển ${what} từ ${fonts} sang Unicode. Hãy xem lại bản xem trước; nếu chữ hiển thị sai, hãy tắt “Chuyển phông chữ cũ (TCVN3/VNI) sang Unicode”.`,
          }
        : {
            code: 'legacy-font.kept',
            message: `Có ${what} gõ bằng ${fonts} được giữ nguyên như trong tệp (đã tắt chuyển phông chữ cũ), nên chữ có dấu có thể hiển thị sai. Hãy bật “Chuyển phông chữ cũ (TCVN3/VNI) sang Unicode” để chuyển sang Unicode.`,
          },
    );
  }
  return notes;
}

/** How a reader treats text in legacy fonts: convert it or not, and where to count it. */
export interface LegacyFontReading {
  convert: boolean;
  tally: LegacyFontTally;
  /** The font of cells without a style of their own (xlsx/default-font.ts). */
  defaultFont?: string | null;
}

function fontNameOf(font: unknown): string | undefined {
  if (typeof font !== 'object' || font === null) return undefined;
  const name = (font as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A worksheet cell's text (cell-text.ts) read in its font: a cell in a legacy font is decoded, a
 * rich-text cell run by run in each run's font (the cell's when a run names none). A cell whose
 * text changes counts once in `reading.tally`, converted or not.
 */
export function readLegacyCellText(
  value: unknown,
  cellFont: unknown,
  reading: LegacyFontReading,
): string | null {
  const plain = readCellValue(value).text;
  if (plain === null) return null;
  const cellFontName = fontNameOf(cellFont) ?? reading.defaultFont ?? undefined;
  const richText =
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { richText?: unknown }).richText)
      ? (value as { richText: unknown[] }).richText
      : null;
  let decoded: DecodedPieces;
  if (richText) {
    decoded = decodeFontPieces(
      richText.map((run, i) => {
        const record =
          typeof run === 'object' && run !== null ? (run as Record<string, unknown>) : {};
        return {
          text: typeof record.text === 'string' ? record.text : '',
          run: i + 1,
          font: legacyFontOf(fontNameOf(record.font) ?? cellFontName),
        };
      }),
    );
  } else {
    decoded = decodeFontPieces([{ text: plain, run: 1, font: legacyFontOf(cellFontName) }]);
  }
  for (const change of decoded.changes) reading.tally.add(change.font, 1);
  if (!reading.convert || decoded.changes.length === 0) return plain;
  return readCellValue(decoded.text).text;
}
