import type { Grid, GridCell } from './grid.ts';
import {
  classifyHeader,
  classifySubHeader,
  headerKey,
  isColumnNumber,
  readCriterionCode,
  readStructureText,
  subHeaderField,
} from './plan-headers.ts';
import type { ColumnMappingOverride, ImportField } from './plan-import.types.ts';

/**
 * Finds the header of a plan table: the row (or two rows, for a "Thời gian" split into "Bắt đầu" /
 * "Kết thúc") whose cells name plan columns, anywhere in the first rows of a table or worksheet
 * (title rows above are fine), and maps each grid column to a field.
 */

export interface HeaderColumn {
  /** 0-based grid column. */
  col: number;
  /** The header texts from top to bottom, each once ("Thời gian", "Bắt đầu"). */
  path: string[];
  field: ImportField | null;
  /** Why the column has no field: no known name, or a second column for a taken field. */
  unmappedReason?: 'unmapped-column' | 'duplicate-field' | 'outside-table';
  source: 'auto' | 'override';
}

export interface TableHeader {
  /** 0-based first header row. */
  startRow: number;
  rowCount: number;
  columns: HeaderColumn[];
  /** Distinct plan fields recognised (time halves count as time). */
  score: number;
}

/** How far down a table or sheet the header may start (title rows above it). */
const HEADER_SEARCH_ROWS = 40;
/** Fields that say what is to be done: a plan table has at least one. */
const WHAT_FIELDS: ReadonlySet<ImportField> = new Set(['target', 'tasks', 'content']);

function ownCell(grid: Grid, row: number, col: number): GridCell | null {
  const cell = grid.slots[row]?.[col] ?? null;
  return cell && cell.row === row && cell.col === col ? cell : null;
}

function cellAt(grid: Grid, row: number, col: number): GridCell | null {
  return grid.slots[row]?.[col] ?? null;
}

/** Does the text look like data rather than a column name? */
function looksLikeData(text: string): boolean {
  return text.length > 80 || readCriterionCode(text) !== null || /^\d+([.,]\d+)*$/.test(text);
}

function scoreFields(fields: Iterable<ImportField | null>): number {
  const distinct = new Set<string>();
  for (const field of fields) {
    if (field === null || field === 'ordinal') continue;
    distinct.add(field === 'timeStart' || field === 'timeEnd' ? 'time' : field);
  }
  return distinct.size;
}

/** Keeps the first column of each field; later ones become unmapped (reported, nothing lost). */
function dropDuplicateFields(columns: HeaderColumn[]): void {
  const seen = new Set<ImportField>();
  for (const column of columns) {
    if (column.field === null) continue;
    if (seen.has(column.field)) {
      column.field = null;
      column.unmappedReason = 'duplicate-field';
      continue;
    }
    seen.add(column.field);
  }
}

function headerColumns(grid: Grid, startRow: number, rowCount: number): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  for (let col = 0; col < grid.width; col += 1) {
    const path: string[] = [];
    const cells: GridCell[] = [];
    for (let row = startRow; row < startRow + rowCount; row += 1) {
      const cell = cellAt(grid, row, col);
      if (!cell || cells.includes(cell) || cell.text.trim() === '') continue;
      cells.push(cell);
      path.push(cell.text);
    }
    let field: ImportField | null = null;
    if (path.length === 1) {
      field = classifyHeader(path[0] ?? '');
    } else if (path.length >= 2) {
      const parent = classifyHeader(path[0] ?? '');
      field = classifySubHeader(path[path.length - 1] ?? '', parent);
    }
    columns.push({
      col,
      path,
      field,
      source: 'auto',
      ...(field === null ? { unmappedReason: 'unmapped-column' as const } : {}),
    });
  }
  // One header cell over two columns with nothing below it: "Thời gian" → from / to; "Chủ trì và
  // phối hợp" → lead / coordinators.
  for (const column of columns) {
    const next = columns[column.col + 1];
    const cell = cellAt(grid, startRow + rowCount - 1, column.col);
    if (!next || !cell || cell.colSpan !== 2 || cell.col !== column.col) continue;
    if (column.path.length !== 1 || next.path.join() !== column.path.join()) continue;
    if (column.field === 'time') {
      column.field = 'timeStart';
      next.field = 'timeEnd';
    } else if (column.field === 'lead' && /\bphoi hop\b/.test(headerKey(column.path[0] ?? ''))) {
      next.field = 'coordinators';
    }
  }
  // Columns right of the last named column hold nothing a header names.
  const lastNamed = columns.reduce((last, c) => (c.path.length > 0 ? c.col : last), -1);
  for (const column of columns) {
    if (column.col > lastNamed) column.unmappedReason = 'outside-table';
  }
  dropDuplicateFields(columns);
  return columns;
}

/** Whether row `row + 1` continues a header that starts at `row` (a split column below a merged one). */
function hasSecondHeaderRow(grid: Grid, row: number): boolean {
  if (row + 1 >= grid.slots.length) return false;
  let subCells = 0;
  let spanningAbove = false;
  for (let col = 0; col < grid.width; col += 1) {
    const below = ownCell(grid, row + 1, col);
    const above = cellAt(grid, row, col);
    if (above && above.rowSpan > 1 && above.row === row) spanningAbove = true;
    if (!below || below.text.trim() === '') continue;
    if (looksLikeData(below.text) || isColumnNumber(below.text)) return false;
    // A group row ("MỨC 1, 2, 3") or any cell across most of the table is the body, not a header.
    if (readStructureText(below.text) !== null || below.colSpan * 2 >= grid.width) return false;
    const parent = above && above.row === row ? classifyHeader(above.text) : null;
    if (above && above.colSpan > 1) spanningAbove = true;
    if (subHeaderField(below.text, parent) === null) return false;
    subCells += 1;
  }
  return subCells > 0 && spanningAbove;
}

function isValidPlanHeader(columns: readonly HeaderColumn[]): boolean {
  const fields = new Set(columns.map((c) => c.field));
  return scoreFields(fields) >= 3 && [...WHAT_FIELDS].some((f) => fields.has(f));
}

/** The best header of a grid, or null when no row names enough plan columns. */
export function findTableHeader(grid: Grid): TableHeader | null {
  let best: TableHeader | null = null;
  const lastStart = Math.min(grid.slots.length, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastStart; row += 1) {
    const named = grid.slots[row]?.some(
      (cell, col) => cell?.row === row && cell.col === col && classifyHeader(cell.text) !== null,
    );
    if (!named) continue;
    const rowCount = hasSecondHeaderRow(grid, row) ? 2 : 1;
    const columns = headerColumns(grid, row, rowCount);
    if (!isValidPlanHeader(columns)) continue;
    const score = scoreFields(columns.map((c) => c.field));
    if (!best || score > best.score) best = { startRow: row, rowCount, columns, score };
  }
  return best;
}

/** The header's text of a column, as the report shows it ("Thời gian / Bắt đầu"). */
export function headerLabel(column: HeaderColumn): string {
  return column.path.join(' / ');
}

/**
 * Applies the user's column mapping over the recognised one: by column number, or by header text
 * (compared folded). Returns the overrides that matched no column.
 */
export function applyMappingOverrides(
  columns: HeaderColumn[],
  overrides: readonly ColumnMappingOverride[],
): ColumnMappingOverride[] {
  const unmatched: ColumnMappingOverride[] = [];
  for (const override of overrides) {
    const targets = columns.filter((column) =>
      override.column !== undefined
        ? column.col + 1 === override.column
        : override.header !== undefined &&
          headerKey(headerLabel(column)) === headerKey(override.header),
    );
    if (targets.length === 0) {
      unmatched.push(override);
      continue;
    }
    for (const column of targets) {
      column.field = override.field;
      column.source = 'override';
      if (override.field === null) column.unmappedReason = 'unmapped-column';
      else delete column.unmappedReason;
    }
  }
  return unmatched;
}

/** How similar two headers are (share of fields in common), to recognise a plan split in tables. */
export function headerSimilarity(a: TableHeader, b: TableHeader): number {
  const fieldsA = new Set(a.columns.map((c) => c.field).filter((f) => f !== null));
  const fieldsB = new Set(b.columns.map((c) => c.field).filter((f) => f !== null));
  const union = new Set([...fieldsA, ...fieldsB]);
  if (union.size === 0) return 0;
  const shared = [...fieldsA].filter((f) => fieldsB.has(f)).length;
  return shared / union.size;
}

/** True when a row repeats the header (a plan copied table by table keeps its header each time). */
export function isRepeatedHeaderRow(grid: Grid, row: number, header: TableHeader): boolean {
  let matches = 0;
  let cells = 0;
  for (const column of header.columns) {
    const cell = ownCell(grid, row, column.col);
    if (!cell || cell.text.trim() === '') continue;
    cells += 1;
    const field = classifyHeader(cell.text);
    if (field !== null && (field === column.field || column.path.includes(cell.text))) matches += 1;
  }
  return matches >= 2 && matches >= cells * 0.6;
}
