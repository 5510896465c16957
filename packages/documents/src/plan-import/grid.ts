import type { Worksheet } from 'exceljs';
import { readCellValue } from '../xlsx/cell-text.ts';
import { docxCellText, type DocxTable } from './docx-reader.ts';
import { readLegacyCellText, type LegacyFontReading } from './legacy-fonts.ts';
import type { ImportWarning, SourcePosition } from './plan-import.types.ts';

/**
 * One table of any source (a Word table, a worksheet, pasted text) as a rectangular grid whose
 * slots point at the cell covering them, so merged cells — horizontal (`w:gridSpan`, Excel merges)
 * and vertical (`w:vMerge`, Excel merges) — are resolved once, here, to the rows and columns they
 * cover. Coordinates are 0-based inside; positions in reports are 1-based.
 */

export interface GridCell {
  /** The cell's text as shown (merged cells: the text of the merge). */
  text: string;
  /** Top-left slot of the cell. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface Grid {
  /** 1-based table (DOCX) or sheet (XLSX) number. */
  number: number;
  sheet?: string;
  width: number;
  /** `slots[r][c]`: the cell covering (r, c); null where a row has no cell. */
  slots: (GridCell | null)[][];
  /** Problems met while building the grid. */
  warnings: ImportWarning[];
}

/** Excel column letters of a 1-based column number. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The 1-based source position of a slot. */
export function positionOf(grid: Grid, row: number, col: number): SourcePosition {
  if (grid.sheet !== undefined) {
    return {
      table: grid.number,
      sheet: grid.sheet,
      row: row + 1,
      column: col + 1,
      ref: `${columnLetters(col + 1)}${row + 1}`,
    };
  }
  return { table: grid.number, row: row + 1, column: col + 1 };
}

/** Words for a position, in Vietnamese ("bảng 2, dòng 5, cột 3" or "trang tính “KH”, ô B5"). */
export function describePosition(position: SourcePosition): string {
  if (position.sheet !== undefined) {
    return `trang tính “${position.sheet}”, ô ${position.ref ?? `${position.row}:${position.column}`}`;
  }
  if (position.table === 0) return `đoạn văn ${position.row}`;
  return `bảng ${position.table}, dòng ${position.row}, cột ${position.column}`;
}

function emptyRows(height: number, width: number): (GridCell | null)[][] {
  return Array.from({ length: height }, () => Array.from({ length: width }, () => null));
}

/** A Word table as a grid: `gridBefore`, `gridSpan`, `vMerge` and legacy `hMerge` resolved. */
export function gridFromDocxTable(table: DocxTable, number: number, maxColumns: number): Grid {
  const warnings: ImportWarning[] = [];
  let width = 0;
  let clipped = 0;
  const rows: (GridCell | null)[][] = [];
  for (const [r, row] of table.rows.entries()) {
    const slots: (GridCell | null)[] = [];
    let col = Math.min(row.gridBefore, maxColumns);
    for (let i = 0; i < col; i += 1) slots.push(null);
    let previous: GridCell | null = null;
    for (const cell of row.cells) {
      const text = docxCellText(cell);
      if (cell.hMerge === 'continue' && previous && text === '' && col < maxColumns) {
        previous.colSpan += 1;
        slots.push(previous);
        col += 1;
        continue;
      }
      const span = Math.min(Math.max(1, cell.gridSpan), maxColumns - col);
      if (span <= 0) {
        if (text !== '') clipped += 1;
        continue;
      }
      const above = r > 0 ? rows[r - 1]?.[col] : null;
      if (
        cell.vMerge === 'continue' &&
        text === '' &&
        above &&
        above.col === col &&
        above.colSpan === span
      ) {
        above.rowSpan = r - above.row + 1;
        for (let i = 0; i < span; i += 1) slots.push(above);
        col += span;
        previous = above;
        continue;
      }
      const gridCell: GridCell = { text, row: r, col, rowSpan: 1, colSpan: span };
      for (let i = 0; i < span; i += 1) slots.push(gridCell);
      col += span;
      previous = gridCell;
    }
    width = Math.max(width, slots.length);
    rows.push(slots);
  }
  if (clipped > 0) {
    warnings.push({
      code: 'table.too-wide',
      message: `Bảng ${number} rộng hơn ${maxColumns} cột: ${clipped} ô ở ngoài cùng bên phải không được đọc.`,
    });
  }
  for (const slots of rows) while (slots.length < width) slots.push(null);
  return { number, width, slots: rows, warnings };
}

/**
 * Cells of a worksheet as a grid (merges resolved from exceljs's master cells). With
 * `limits.legacyFonts`, cells in legacy Vietnamese fonts are read in their font (legacy-fonts.ts).
 */
export function gridFromWorksheet(
  sheet: Worksheet,
  number: number,
  limits: { maxRows: number; maxColumns: number; legacyFonts?: LegacyFontReading },
): Grid {
  const warnings: ImportWarning[] = [];
  const legacy = limits.legacyFonts;
  const cellText = (cell: { value: unknown; font?: unknown }): string | null =>
    legacy ? readLegacyCellText(cell.value, cell.font, legacy) : readCellValue(cell.value).text;
  // Not sheet.eachRow / row.eachCell: exceljs walks a row's sparse cell array to its last column,
  // so only the bounded range is looked up, cell by cell.
  const lastRow = Math.min(sheet.rowCount, limits.maxRows);
  let width = 0;
  let wide = false;
  for (let r = 1; r <= lastRow; r += 1) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const count = row.cellCount;
    if (count > limits.maxColumns) wide = true;
    width = Math.max(width, Math.min(count, limits.maxColumns));
  }
  const slots = emptyRows(lastRow, width);
  const merged = new Map<string, GridCell>();
  for (let r = 1; r <= lastRow; r += 1) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const rowSlots = slots[r - 1];
    if (!rowSlots) continue;
    for (let c = 1; c <= width; c += 1) {
      const cell = row.findCell(c);
      if (!cell) continue;
      if (cell.isMerged) {
        const master = cell.master;
        const masterRow = Number(master.row) - 1;
        const masterCol = Number(master.col) - 1;
        let gridCell = merged.get(master.address);
        if (!gridCell) {
          gridCell = {
            text: cellText(master) ?? '',
            row: masterRow,
            col: masterCol,
            rowSpan: 1,
            colSpan: 1,
          };
          merged.set(master.address, gridCell);
        }
        gridCell.rowSpan = Math.max(gridCell.rowSpan, r - 1 - masterRow + 1);
        gridCell.colSpan = Math.max(gridCell.colSpan, c - 1 - masterCol + 1);
        rowSlots[c - 1] = gridCell;
        continue;
      }
      const text = cellText(cell);
      if (text === null) continue;
      rowSlots[c - 1] = { text, row: r - 1, col: c - 1, rowSpan: 1, colSpan: 1 };
    }
  }
  if (wide) {
    warnings.push({
      code: 'sheet.too-wide',
      message: `Trang tính “${sheet.name}” có dữ liệu ngoài cột ${columnLetters(limits.maxColumns)}; các cột đó không được đọc.`,
    });
  }
  if (sheet.rowCount > limits.maxRows) {
    warnings.push({
      code: 'sheet.too-long',
      message: `Trang tính “${sheet.name}” có hơn ${limits.maxRows.toLocaleString('vi-VN')} dòng; chỉ ${limits.maxRows.toLocaleString('vi-VN')} dòng đầu được đọc.`,
    });
  }
  return { number, sheet: sheet.name, width, slots, warnings };
}

/**
 * Splits tab-separated text as Word and Excel put it on the clipboard: rows end with a line break,
 * cells are separated by tabs, and a cell holding a line break, a tab or a quote is quoted ("…",
 * with "" for a quote). Quotes inside an unquoted cell are kept as typed.
 */
export function splitTabularText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const source = text.replace(/^\uFEFF/, '');
  while (i < source.length) {
    const ch = source[i];
    if (atCellStart && ch === '"') {
      // A quoted cell runs to the quote that is followed by a tab, a line break or the end.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < source.length) {
        const c = source[j];
        if (c === '"') {
          if (source[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          const next = source[j + 1];
          if (next === undefined || next === '\t' || next === '\n' || next === '\r') {
            closed = true;
            j += 1;
            break;
          }
          break;
        }
        value += c;
        j += 1;
      }
      if (closed) {
        cell = value.replace(/\r\n?/g, '\n');
        i = j;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Pasted tab-separated text as a grid (no merges: the clipboard carries none). */
export function gridFromText(text: string, limits: { maxRows: number; maxColumns: number }): Grid {
  const lines = splitTabularText(text).slice(0, limits.maxRows);
  const width = Math.min(Math.max(0, ...lines.map((l) => l.length)), limits.maxColumns);
  const slots = emptyRows(lines.length, width);
  for (const [r, line] of lines.entries()) {
    for (const [c, raw] of line.entries()) {
      if (c >= width) break;
      const value = raw.replace(/^[\s\u200B\u2060\uFEFF]+|[\s\u200B\u2060\uFEFF]+$/gu, '');
      const rowSlots = slots[r];
      if (value !== '' && rowSlots) {
        rowSlots[c] = { text: value, row: r, col: c, rowSpan: 1, colSpan: 1 };
      }
    }
  }
  return { number: 1, width, slots, warnings: [] };
}
