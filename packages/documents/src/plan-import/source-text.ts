import { replacementLabel, sanitizeImportedText, type TextReplacement } from '@caitien/shared';
import { describePosition, positionOf, type GridCell } from './grid.ts';
import type { SourceDocument } from './plan-import.ts';
import type { ImportWarning, SourcePosition } from './plan-import.types.ts';

/**
 * Imported text the database or the documents cannot hold — NUL and other control characters
 * (PostgreSQL refuses NUL in text; XML cannot hold them), lone surrogates (no UTF-8 for them) — is
 * removed or replaced with U+FFFD here, once for every source (Word, Excel, pasted text), before
 * anything reads the cells; each change is reported with its position (issue 11). Everything else
 * stays byte for byte.
 */

/** Replacements listed one by one in a cell's warning; more are counted. */
const LISTED_PER_CELL = 5;
/** Warnings of this kind in one report; a file with bad characters everywhere gets a summary line. */
const MAX_WARNINGS = 200;

function describeReplacements(replacements: readonly TextReplacement[]): string {
  const listed = replacements
    .slice(0, LISTED_PER_CELL)
    .map((replacement) => `${replacementLabel(replacement)} ở ký tự thứ ${replacement.index + 1}`);
  const more = replacements.length - LISTED_PER_CELL;
  return more > 0 ? `${listed.join('; ')} và ${more} ký tự khác` : listed.join('; ');
}

/** Cleans every cell and paragraph of `source` in place; returns the warnings to report. */
export function sanitizeSourceText(source: SourceDocument): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  let changed = 0;
  const report = (where: string, replacements: TextReplacement[], position?: SourcePosition) => {
    changed += 1;
    if (warnings.length >= MAX_WARNINGS) return;
    warnings.push({
      code: 'text.invalid-characters',
      message:
        `${where}: ${describeReplacements(replacements)} (ký tự không lưu được vào cơ sở dữ ` +
        'liệu hoặc văn bản Word/Excel). Hãy kiểm tra lại đoạn chữ này.',
      ...(position ? { position } : {}),
    });
  };
  for (const grid of source.grids) {
    const seen = new Set<GridCell>();
    for (const row of grid.slots) {
      for (const cell of row) {
        if (!cell || seen.has(cell)) continue;
        seen.add(cell);
        const { text, replacements } = sanitizeImportedText(cell.text);
        if (replacements.length === 0) continue;
        cell.text = text;
        const position = positionOf(grid, cell.row, cell.col);
        report(`Ô ${describePosition(position)}`, replacements, position);
      }
    }
  }
  for (const block of source.blocks) {
    if (block.kind !== 'paragraph') continue;
    const { text, replacements } = sanitizeImportedText(block.text);
    if (replacements.length === 0) continue;
    block.text = text;
    report(`Đoạn văn ${block.number}`, replacements, {
      table: 0,
      row: block.number,
      column: 0,
    });
  }
  if (changed > warnings.length) {
    warnings.push({
      code: 'text.invalid-characters',
      message: `Còn ${changed - warnings.length} ô hoặc đoạn văn khác có ký tự không lưu được; các ký tự đó đã được xóa hoặc thay bằng “\uFFFD”.`,
    });
  }
  return warnings;
}
