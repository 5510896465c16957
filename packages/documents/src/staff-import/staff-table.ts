import type { Cell, Worksheet } from 'exceljs';
import { readCellValue, type CellText } from '../xlsx/cell-text.ts';
import { matchHeader, type HeaderRole, type StaffField } from './staff-headers.ts';

/**
 * Finds the staff table on a worksheet: the header row, which column holds which field, and where
 * the data starts. Title rows above the table ("DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN…"), a
 * two-row header whose second row splits "Họ và tên" into "Họ đệm" | "Tên", and a row of column
 * numbers under the header ("(1) (2) (3)…", as official forms have) are all recognised.
 */

/** Title rows rarely take more than a dozen lines; the header must start within this many. */
export const HEADER_SEARCH_ROWS = 30;
/** A merged header never legitimately spans more columns than this. */
const MAX_HEADER_SPAN = 50;
/** A staff list has a few dozen columns at most; further header cells are not read. */
const MAX_HEADER_CELLS = 100;

export interface TableColumn {
  field: StaffField;
  header: string;
  column: number;
}

export interface HeaderIssue {
  rowNumber: number;
  column: number;
  message: string;
}

export interface TableLayout {
  sheet: Worksheet;
  /** The first header row. */
  headerRow: number;
  /** The first row that may hold data. */
  dataStartRow: number;
  columns: TableColumn[];
  unmappedColumns: { header: string; column: number }[];
  /** Columns whose texts, joined with a space, make the full name. */
  nameColumns: number[];
  /** True when the header itself split the name ("Họ và tên đệm" + "Tên"): a missing half is worth a warning. */
  isNameSplitByHeader: boolean;
  fieldColumns: Partial<Record<Exclude<StaffField, 'fullName'>, number>>;
  /** Every column under a header: the row's content is looked for only there. */
  tableColumns: Set<number>;
  issues: HeaderIssue[];
}

interface HeaderCell {
  column: number;
  text: string;
  /** Columns covered by the cell (more than 1 when merged across). */
  span: number;
  role: HeaderRole | null;
}

/** A cell that belongs to a merge but is not its top-left cell: it shows its master's value. */
export function isMergeSlave(cell: Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

/** The text a cell holds itself; a merged cell's other cells hold nothing of their own. */
export function ownText(cell: Cell | undefined): CellText {
  if (!cell || isMergeSlave(cell)) return readCellValue(null);
  return readCellValue(cell.value);
}

/** exceljs's typings declare a cell's row and column as strings; at run time they are numbers. */
export function cellPosition(cell: Cell): { row: number; column: number } {
  return { row: Number(cell.row), column: Number(cell.col) };
}

/** How many columns a cell covers to its right through a merge (1 for an unmerged cell). */
export function horizontalSpan(sheet: Worksheet, cell: Cell): number {
  if (!cell.isMerged || isMergeSlave(cell)) return 1;
  const { row, column } = cellPosition(cell);
  let span = 1;
  while (span < MAX_HEADER_SPAN && sheet.findCell(row, column + span)?.master === cell) span += 1;
  return span;
}

function readHeaderCells(sheet: Worksheet, rowNumber: number): HeaderCell[] {
  const row = sheet.findRow(rowNumber);
  if (!row) return [];
  const cells: HeaderCell[] = [];
  row.eachCell((cell, column) => {
    if (cells.length >= MAX_HEADER_CELLS) return;
    const { text } = ownText(cell);
    if (text === null) return;
    cells.push({ column, text, span: horizontalSpan(sheet, cell), role: matchHeader(text) });
  });
  return cells;
}

function hasNameHeader(cells: readonly HeaderCell[]): boolean {
  const roles = new Set(cells.map((cell) => cell.role));
  return roles.has('fullName') || (roles.has('nameFirstPart') && roles.has('nameLastPart'));
}

function columnRange(from: number, span: number): number[] {
  return Array.from({ length: span }, (_, i) => from + i);
}

/** "(1)", "2", "(a)": the numbering row official forms put under the header. */
const COLUMN_NUMBER = /^\(?(\d{1,2}|[a-zA-Z])\)?$/;

function isColumnNumberRow(sheet: Worksheet, rowNumber: number, columns: Set<number>): boolean {
  const texts: string[] = [];
  sheet.findRow(rowNumber)?.eachCell((cell, column) => {
    const { text } = ownText(cell);
    if (text !== null && columns.has(column)) texts.push(text);
  });
  return texts.length >= 2 && texts.every((text) => COLUMN_NUMBER.test(text));
}

function buildLayout(sheet: Worksheet, headerRow: number, cells: HeaderCell[]): TableLayout | null {
  const issues: HeaderIssue[] = [];
  const unmappedColumns: { header: string; column: number }[] = [];
  const byRole = new Map<HeaderRole, HeaderCell>();
  for (const cell of cells) {
    if (cell.role === null) {
      unmappedColumns.push({ header: cell.text, column: cell.column });
      continue;
    }
    const first = byRole.get(cell.role);
    if (first) {
      unmappedColumns.push({ header: cell.text, column: cell.column });
      issues.push({
        rowNumber: headerRow,
        column: cell.column,
        message: `Cột “${cell.text}” trùng ý nghĩa với cột “${first.text}” đứng trước — chỉ đọc cột “${first.text}”.`,
      });
      continue;
    }
    byRole.set(cell.role, cell);
  }

  const tableColumns = new Set(cells.flatMap((cell) => columnRange(cell.column, cell.span)));
  const columns: TableColumn[] = [];
  let nameColumns: number[];
  let isNameSplitByHeader = false;
  let headerEnd = headerRow;
  const fullName = byRole.get('fullName');
  const firstPart = byRole.get('nameFirstPart');
  const lastPart = byRole.get('nameLastPart');

  if (fullName) {
    for (const part of [firstPart, lastPart]) {
      if (part) unmappedColumns.push({ header: part.text, column: part.column });
    }
    const covered = new Set(columnRange(fullName.column, fullName.span));
    const below = readHeaderCells(sheet, headerRow + 1).filter((cell) => covered.has(cell.column));
    const subFirst = below.find((cell) => cell.role === 'nameFirstPart');
    const subLast = below.find((cell) => cell.role === 'nameLastPart');
    if (subFirst && subLast) {
      // Two-row header: "Họ và tên" merged over "Họ đệm" | "Tên".
      nameColumns = [subFirst.column, subLast.column];
      isNameSplitByHeader = true;
      headerEnd = headerRow + 1;
      for (const part of [subFirst, subLast]) {
        columns.push({ field: 'fullName', header: part.text, column: part.column });
      }
    } else {
      // "Họ và tên" merged over two columns with no sub-header: the name is typed across both.
      nameColumns = [...covered];
      for (const column of nameColumns) {
        columns.push({ field: 'fullName', header: fullName.text, column });
      }
    }
  } else if (firstPart && lastPart) {
    nameColumns = [firstPart.column, lastPart.column];
    isNameSplitByHeader = true;
    for (const part of [firstPart, lastPart]) {
      columns.push({ field: 'fullName', header: part.text, column: part.column });
    }
  } else {
    return null;
  }
  for (const column of nameColumns) tableColumns.add(column);

  const fieldColumns: TableLayout['fieldColumns'] = {};
  for (const field of ['position', 'groups', 'email', 'phone', 'note', 'ordinal'] as const) {
    const cell = byRole.get(field);
    if (!cell) continue;
    fieldColumns[field] = cell.column;
    columns.push({ field, header: cell.text, column: cell.column });
  }
  columns.sort((a, b) => a.column - b.column);
  unmappedColumns.sort((a, b) => a.column - b.column);

  let dataStartRow = headerEnd + 1;
  const nameColumn = nameColumns[0] ?? 1;
  for (let guard = 0; guard < 3; guard += 1) {
    const nameCell = sheet.findCell(dataStartRow, nameColumn);
    const continuesHeader =
      nameCell !== undefined &&
      isMergeSlave(nameCell) &&
      cellPosition(nameCell.master).row <= headerEnd;
    if (!continuesHeader && !isColumnNumberRow(sheet, dataStartRow, tableColumns)) break;
    dataStartRow += 1;
  }

  return {
    sheet,
    headerRow,
    dataStartRow,
    columns,
    unmappedColumns,
    nameColumns,
    isNameSplitByHeader,
    fieldColumns,
    tableColumns,
    issues,
  };
}

/** The staff table of a worksheet, or null when none of its first rows is a header with a name column. */
export function findStaffTable(sheet: Worksheet): TableLayout | null {
  for (let rowNumber = 1; rowNumber <= HEADER_SEARCH_ROWS; rowNumber += 1) {
    const cells = readHeaderCells(sheet, rowNumber);
    const layout = hasNameHeader(cells) ? buildLayout(sheet, rowNumber, cells) : null;
    if (layout) return layout;
  }
  return null;
}
