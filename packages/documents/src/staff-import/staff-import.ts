import type { Workbook, Worksheet } from 'exceljs';
import { foldVietnamese } from '@caitien/core';
import { isInvisibleText, replacementLabel, sanitizeImportedText } from '@caitien/shared';
import { formatNumber, readCellValue, type CellText } from '../xlsx/cell-text.ts';
import { loadXlsxWorkbook } from '../xlsx/load-xlsx.ts';
import { classifyPosition, type PositionKind } from './position-kind.ts';
import type { StaffField } from './staff-headers.ts';
import {
  cellPosition,
  findStaffTable,
  HEADER_SEARCH_ROWS,
  horizontalSpan,
  isMergeSlave,
  ownText,
} from './staff-table.ts';
import type { TableLayout } from './staff-table.ts';

export { classifyPosition, POSITION_KINDS, positionKindLabel } from './position-kind.ts';
export type { PositionKind } from './position-kind.ts';
export type { StaffField } from './staff-headers.ts';

/**
 * Reads a school's staff list (danh sách cán bộ, giáo viên, nhân viên) from an Excel workbook.
 *
 * Pure: bytes in, a result out — no database, no HTTP. Following the parser rule of CONVENTIONS.md
 * (parsers return results, never guess or throw), every cell is kept as typed (only the invisible
 * whitespace at its edges is dropped) and anything doubtful becomes an issue in Vietnamese rather
 * than a silent fix. Damaged, hostile or oversized files end in `{ ok: false }`, never a throw.
 */

export interface StaffImportRow {
  /** The row number in the worksheet, as Excel shows it. */
  rowNumber: number;
  fullName: string;
  position: string | null;
  positionKind: PositionKind | null;
  groups: string[];
  email: string | null;
  phone: string | null;
  note: string | null;
}

export interface StaffImportIssue {
  /** null for an issue about the whole list. */
  rowNumber: number | null;
  column?: number;
  severity: 'error' | 'warning';
  /** Vietnamese, shown to the user. */
  message: string;
}

export type StaffImportErrorCode =
  'NOT_XLSX' | 'TOO_LARGE' | 'CORRUPT' | 'ENCRYPTED' | 'NO_TABLE' | 'TOO_MANY_ROWS';

export type StaffImportResult =
  | {
      ok: true;
      sheetName: string;
      /** The (first) header row of the table. */
      headerRow: number;
      columns: { field: StaffField; header: string; column: number }[];
      rows: StaffImportRow[];
      issues: StaffImportIssue[];
      unmappedColumns: { header: string; column: number }[];
    }
  | { ok: false; error: { code: StaffImportErrorCode; message: string } };

export interface StaffImportOptions {
  /** Largest accepted file in bytes; 10 MB by default. */
  maxBytes?: number;
  /** Most data rows accepted; 2000 by default (the largest schools have a few hundred staff). */
  maxRows?: number;
}

export const STAFF_IMPORT_DEFAULTS = { maxBytes: 10 * 1024 * 1024, maxRows: 2000 } as const;

/** A plausible address: something@domain.tld with no spaces. Kept as typed either way. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** "Tổ chuyên môn" may list several groups. */
const GROUP_SEPARATORS = /[,;/\n\r]+/;
/** A Vietnamese mobile number without its leading 0 has 9 digits (0912 345 678 → 912345678). */
const MOBILE_DIGITS_WITHOUT_ZERO = 9;
/** Ordinals of section rows ("I. BAN GIÁM HIỆU", "A. GIÁO VIÊN"); a person's STT is a number. */
const SECTION_ORDINAL = /^([IVXLC]+|[A-Z])\.?$/;
/** The same ordinal typed at the start of the heading itself, in the name column. */
const SECTION_PREFIX = /^([IVXLC]+|[A-Z])[.)]\s+\S/;
/** Section headings start with these words (upper-cased, with diacritics, so "TÔ" the surname is not "TỔ"). */
const SECTION_WORDS = ['TỔ ', 'BAN ', 'BỘ PHẬN', 'KHỐI '];
/**
 * The signature block under a table: "Hà Nội, ngày 5 tháng 9 năm 2025", "Người lập biểu", "(Ký, ghi
 * rõ họ tên)", "Tổng cộng: 45 người", "Xác nhận của …". Matched on folded text.
 */
const FOOTER_PATTERNS = [
  /\bngay\b.*\bthang\b.*\bnam\b/,
  /^nguoi lap\b/,
  /\bky\b.*\bghi ro ho\b/,
  /^\(?ky ten\b/,
  /^tong (cong|so)\b/,
  /^xac nhan\b/,
];
/** The marker the template puts on its example rows. */
const EXAMPLE_MARKER = 'dong vi du';

function issue(
  rowNumber: number | null,
  severity: StaffImportIssue['severity'],
  message: string,
  column?: number,
): StaffImportIssue {
  return column === undefined
    ? { rowNumber, severity, message }
    : { rowNumber, column, severity, message };
}

/** The key under which two names count as the same: NFC, case-insensitive, spaces collapsed. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim();
}

function noTable(sheetCount: number): StaffImportResult {
  const message =
    sheetCount === 0
      ? 'Tệp không có trang tính nào. Hãy nhập danh sách vào tệp mẫu rồi tải lên.'
      : `Không tìm thấy bảng danh sách có cột “Họ và tên” (đã xem ${HEADER_SEARCH_ROWS} dòng đầu ` +
        `của ${sheetCount} trang tính). Hãy đặt tên cột là “Họ và tên” (hoặc tách thành “Họ và ` +
        `tên đệm” và “Tên”) rồi tải lên lại, hoặc dùng tệp mẫu của hệ thống.`;
  return { ok: false, error: { code: 'NO_TABLE', message } };
}

/** Reads one row of the table: each cell's own text, and its value (vertical merges included). */
class RowReader {
  private readonly own = new Map<number, CellText>();

  constructor(
    private readonly layout: TableLayout,
    readonly rowNumber: number,
  ) {
    const row = layout.sheet.findRow(rowNumber);
    if (!row) return;
    // Only the table's columns are looked up: walking a row's cells would walk a sparse array as
    // long as its last column (16,384 for a stray cell in XFD).
    for (const column of layout.tableColumns) {
      const text = ownText(row.findCell(column));
      if (text.source !== 'empty') this.own.set(column, text);
    }
  }

  /** Columns that hold visible text of their own. */
  filledColumns(): number[] {
    return [...this.own].filter(([, text]) => text.text !== null).map(([column]) => column);
  }

  /** Cells that look filled but show nothing usable: Excel errors and formulas without a result. */
  unreadable(): { column: number; text: CellText }[] {
    return [...this.own]
      .filter(([, text]) => text.text === null)
      .map(([column, text]) => ({ column, text }));
  }

  ownText(column: number | undefined): string | null {
    return column === undefined ? null : (this.own.get(column)?.text ?? null);
  }

  /**
   * A cell's value. A cell inside a merge that runs down the same column (a group name merged over
   * its members' rows) shows the merge's value; a merge coming from another column or from the
   * header shows nothing here.
   */
  value(column: number | undefined): CellText {
    if (column === undefined) return readCellValue(null);
    const cell = this.layout.sheet.findCell(this.rowNumber, column);
    if (!cell || !isMergeSlave(cell)) return this.own.get(column) ?? readCellValue(null);
    const { master } = cell;
    const from = cellPosition(master);
    const isSameColumnBelowHeader = from.column === column && from.row >= this.layout.dataStartRow;
    return isSameColumnBelowHeader ? readCellValue(master.value) : readCellValue(null);
  }

  /** The columns of the one merged cell that fills this row, when that is all the row holds. */
  soleMergedSpan(): number {
    const filled = this.filledColumns().filter(
      (column) => column !== this.layout.fieldColumns.ordinal,
    );
    const [column] = filled;
    if (filled.length !== 1 || column === undefined) return 0;
    const cell = this.layout.sheet.findCell(this.rowNumber, column);
    return cell ? horizontalSpan(this.layout.sheet, cell) : 0;
  }
}

type RowKind = 'empty' | 'data' | 'section' | 'footer';

function classifyRow(reader: RowReader, layout: TableLayout): RowKind {
  const filled = reader.filledColumns();
  const { ordinal, email, phone } = layout.fieldColumns;
  if (filled.every((column) => column === ordinal)) return 'empty';

  const ordinalText = reader.ownText(ordinal);
  // The signature block often sits over the contact columns, so look at what they hold.
  const hasContact =
    (reader.ownText(email) ?? '').includes('@') ||
    (reader.ownText(phone) ?? '').replace(/\D/g, '').length >= 8;
  if (ordinalText === null && !hasContact) {
    const name = layout.nameColumns
      .map((column) => reader.ownText(column) ?? '')
      .join(' ')
      .trim();
    const texts = filled.map((column) => foldVietnamese(reader.ownText(column) ?? ''));
    const isFooterText = (text: string) => FOOTER_PATTERNS.some((pattern) => pattern.test(text));
    if ((name === '' || isFooterText(foldVietnamese(name))) && texts.some(isFooterText)) {
      return 'footer';
    }
  }
  if (!hasContact) {
    if (ordinalText !== null && SECTION_ORDINAL.test(ordinalText)) return 'section';
    const name = reader.ownText(layout.nameColumns[0]);
    if (ordinalText === null && name !== null && SECTION_PREFIX.test(name)) return 'section';
  }
  if (reader.soleMergedSpan() >= 3) return 'section';
  return 'data';
}

function rowSummary(reader: RowReader): string {
  return reader
    .filledColumns()
    .map((column) => reader.ownText(column))
    .join(' ')
    .slice(0, 80);
}

interface ReadContext {
  layout: TableLayout;
  issues: StaffImportIssue[];
}

function readPhone(reader: RowReader, context: ReadContext): string | null {
  const column = context.layout.fieldColumns.phone;
  const cell = reader.value(column);
  if (cell.source !== 'number' || cell.number === undefined || cell.text === null) return cell.text;
  const digits = formatNumber(cell.number);
  const row = reader.rowNumber;
  if (/^\d+$/.test(digits) && digits.length === MOBILE_DIGITS_WITHOUT_ZERO) {
    context.issues.push(
      issue(
        row,
        'warning',
        `Dòng ${row}: số điện thoại được lưu dạng số (${digits}) nên Excel đã bỏ số 0 đầu; ` +
          `đã đọc thành “0${digits}”. Nên định dạng cột điện thoại là Văn bản (Text).`,
        column,
      ),
    );
    return `0${digits}`;
  }
  context.issues.push(
    issue(
      row,
      'warning',
      `Dòng ${row}: số điện thoại được lưu dạng số (${digits}), có thể đã mất số 0 đầu — hãy kiểm tra lại.`,
      column,
    ),
  );
  return digits;
}

function readName(reader: RowReader, context: ReadContext): string | null {
  const { layout } = context;
  const parts = layout.nameColumns.map((column) => ({ column, text: reader.value(column).text }));
  const present = parts.filter((part) => part.text !== null);
  if (present.length === 0) return null;
  if (layout.isNameSplitByHeader && present.length < parts.length) {
    const missing = parts.find((part) => part.text === null);
    const header = layout.columns.find((col) => col.column === missing?.column)?.header ?? 'Tên';
    context.issues.push(
      issue(
        reader.rowNumber,
        'warning',
        `Dòng ${reader.rowNumber}: cột “${header}” trống; họ tên được đọc là “${present
          .map((part) => part.text)
          .join(' ')}”.`,
        missing?.column,
      ),
    );
  }
  return present.map((part) => part.text).join(' ');
}

function readRow(reader: RowReader, context: ReadContext): StaffImportRow | null {
  const { layout, issues } = context;
  const row = reader.rowNumber;
  for (const { column, text } of reader.unreadable()) {
    const header = layout.columns.find((col) => col.column === column)?.header;
    const where = header ? `cột “${header}”` : 'một ô';
    issues.push(
      issue(
        row,
        'warning',
        text.source === 'error'
          ? `Dòng ${row}: ${where} có lỗi công thức (${text.error ?? 'lỗi'}) — đã để trống.`
          : `Dòng ${row}: ${where} chứa công thức chưa được tính — đã để trống. Hãy mở tệp ` +
              `trong Excel và lưu lại.`,
        column,
      ),
    );
  }

  const fullName = readName(reader, context);
  if (fullName === null) {
    issues.push(
      issue(
        row,
        'error',
        `Dòng ${row}: thiếu họ tên (“${rowSummary(reader)}”) — dòng này không được nhập.`,
        layout.nameColumns[0],
      ),
    );
    return null;
  }

  const position = reader.value(layout.fieldColumns.position).text;
  const email = reader.value(layout.fieldColumns.email).text;
  const phone = readPhone(reader, context);
  const note = reader.value(layout.fieldColumns.note).text;
  const groupsText = reader.value(layout.fieldColumns.groups).text;
  const groups = (groupsText ?? '')
    .split(GROUP_SEPARATORS)
    .map((group) => group.trim())
    .filter((group) => group !== '');

  if (email !== null && !EMAIL.test(email)) {
    issues.push(
      issue(
        row,
        'warning',
        `Dòng ${row}: email “${email}” không hợp lệ — vẫn giữ nguyên như đã nhập, hãy kiểm tra lại.`,
        layout.fieldColumns.email,
      ),
    );
  }
  const upperName = fullName.normalize('NFC').toLocaleUpperCase('vi');
  if (
    fullName === upperName &&
    SECTION_WORDS.some((word) => upperName.startsWith(word)) &&
    position === null &&
    email === null &&
    phone === null
  ) {
    issues.push(
      issue(
        row,
        'warning',
        `Dòng ${row}: “${fullName}” trông giống tên tổ hoặc bộ phận, không phải họ tên — nếu vậy ` +
          `hãy xóa dòng này.`,
        layout.nameColumns[0],
      ),
    );
  }
  if (note !== null && foldVietnamese(note).startsWith(EXAMPLE_MARKER)) {
    issues.push(
      issue(
        row,
        'warning',
        `Dòng ${row} là dòng ví dụ của tệp mẫu — hãy xóa nếu “${fullName}” không phải cán bộ thật.`,
      ),
    );
  }

  return {
    rowNumber: row,
    fullName,
    position,
    positionKind: classifyPosition(position),
    groups,
    email,
    phone,
    note,
  };
}

function checkDuplicates(rows: readonly StaffImportRow[], issues: StaffImportIssue[]): void {
  const firstRowByName = new Map<string, StaffImportRow>();
  for (const row of rows) {
    const key = nameKey(row.fullName);
    const first = firstRowByName.get(key);
    if (!first) {
      firstRowByName.set(key, row);
      continue;
    }
    issues.push(
      issue(
        row.rowNumber,
        'warning',
        `Họ tên “${row.fullName}” ở dòng ${row.rowNumber} trùng với dòng ${first.rowNumber} ` +
          `(“${first.fullName}”). Cả hai dòng vẫn được nhập — nếu là cùng một người, hãy xóa một dòng.`,
      ),
    );
  }
}

function checkPrincipals(rows: readonly StaffImportRow[], issues: StaffImportIssue[]): void {
  const principals = rows.filter((row) => row.positionKind === 'principal');
  if (principals.length <= 1) return;
  issues.push(
    issue(
      null,
      'warning',
      `Có ${principals.length} người giữ chức vụ Hiệu trưởng (dòng ` +
        `${principals.map((row) => row.rowNumber).join(', ')}). Mỗi trường chỉ có một Hiệu trưởng — ` +
        `hãy kiểm tra lại.`,
    ),
  );
}

const TEXT_FIELD_LABELS = {
  fullName: 'Họ và tên',
  position: 'Chức vụ',
  email: 'Email',
  phone: 'Số điện thoại',
  note: 'Ghi chú',
} as const;

/**
 * Removes what the database cannot hold from a row's texts — NUL and other control characters
 * (Excel writes them as `_x0000_`), lone surrogates (replaced by U+FFFD) — and reports each change
 * (issue 11); the rest stays as written. A name left with nothing visible skips the row. Returns
 * whether the row is kept.
 */
function storableRow(row: StaffImportRow, issues: StaffImportIssue[]): boolean {
  const clean = (label: string, text: string): string => {
    const { text: cleaned, replacements } = sanitizeImportedText(text);
    if (replacements.length > 0) {
      const what = replacements.slice(0, 5).map(replacementLabel).join('; ');
      const more = replacements.length > 5 ? ` và ${replacements.length - 5} ký tự khác` : '';
      issues.push(
        issue(
          row.rowNumber,
          'warning',
          `Dòng ${row.rowNumber}, cột “${label}”: ${what}${more} (ký tự không lưu được).`,
        ),
      );
    }
    return cleaned;
  };
  for (const field of ['fullName', 'position', 'email', 'phone', 'note'] as const) {
    const value = row[field];
    if (value !== null) row[field] = clean(TEXT_FIELD_LABELS[field], value);
  }
  row.groups = row.groups.map((group) => clean('Tổ chuyên môn', group));
  if (isInvisibleText(row.fullName)) {
    issues.push(
      issue(
        row.rowNumber,
        'error',
        `Dòng ${row.rowNumber}: họ và tên không có chữ nào nhìn thấy được (chỉ gồm khoảng trắng ` +
          'hoặc ký tự vô hình) — đã bỏ qua dòng này.',
      ),
    );
    return false;
  }
  return true;
}

function readTable(layout: TableLayout, maxRows: number): StaffImportResult {
  const issues: StaffImportIssue[] = layout.issues.map((headerIssue) =>
    issue(headerIssue.rowNumber, 'warning', headerIssue.message, headerIssue.column),
  );
  // Not sheet.eachRow: exceljs tests each row for values by walking its sparse cell array to its
  // last column, so 20,000 rows holding one cell in column XFD take seconds.
  const rowNumbers: number[] = [];
  for (let rowNumber = layout.dataStartRow; rowNumber <= layout.sheet.rowCount; rowNumber += 1) {
    if (layout.sheet.findRow(rowNumber)) rowNumbers.push(rowNumber);
  }

  const dataRows: RowReader[] = [];
  let lastTableRow = layout.dataStartRow - 1;
  for (const [index, rowNumber] of rowNumbers.entries()) {
    const reader = new RowReader(layout, rowNumber);
    const kind = classifyRow(reader, layout);
    if (kind === 'empty') continue;
    if (kind === 'footer') {
      const ignored = rowNumbers
        .slice(index + 1)
        .filter((later) => new RowReader(layout, later).filledColumns().length > 0).length;
      issues.push(
        issue(
          rowNumber,
          'warning',
          `Dòng ${rowNumber} (“${rowSummary(reader)}”) được coi là phần ký tên cuối danh sách: ` +
            `bảng kết thúc ở dòng ${lastTableRow}` +
            (ignored > 0 ? `, ${ignored} dòng có nội dung bên dưới không được nhập.` : '.'),
        ),
      );
      break;
    }
    if (kind === 'section') {
      issues.push(
        issue(
          rowNumber,
          'warning',
          `Dòng ${rowNumber} (“${rowSummary(reader)}”) là dòng tiêu đề nhóm, không phải một ` +
            `người — đã bỏ qua.`,
        ),
      );
      lastTableRow = rowNumber;
      continue;
    }
    lastTableRow = rowNumber;
    dataRows.push(reader);
  }

  if (dataRows.length > maxRows) {
    return {
      ok: false,
      error: {
        code: 'TOO_MANY_ROWS',
        message:
          `Danh sách có ${dataRows.length} dòng dữ liệu, vượt quá giới hạn ${maxRows} dòng cho ` +
          `một lần nhập. Hãy chia thành nhiều tệp nhỏ hơn.`,
      },
    };
  }

  const context: ReadContext = { layout, issues };
  const rows = dataRows
    .map((reader) => readRow(reader, context))
    .filter((row): row is StaffImportRow => row !== null)
    .filter((row) => storableRow(row, issues));
  checkDuplicates(rows, issues);
  checkPrincipals(rows, issues);
  issues.sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity));

  return {
    ok: true,
    sheetName: layout.sheet.name,
    headerRow: layout.headerRow,
    columns: layout.columns.map(({ field, header, column }) => ({ field, header, column })),
    rows,
    issues,
    unmappedColumns: layout.unmappedColumns,
  };
}

function readWorkbook(workbook: Workbook, maxRows: number): StaffImportResult {
  const sheets: Worksheet[] = workbook.worksheets;
  for (const sheet of sheets) {
    const layout = findStaffTable(sheet);
    if (layout) return readTable(layout, maxRows);
  }
  return noTable(sheets.length);
}

/**
 * Reads the staff list of an XLSX file: finds the header row on the first sheet that has one (title
 * rows above it are fine), maps the Vietnamese column names to fields, and returns one row per person
 * with issues (errors: rows skipped; warnings: rows kept). Bad input — not an XLSX, a legacy .xls, a
 * password-protected file, a file over `maxBytes`, a zip bomb, a damaged file, no table, more than
 * `maxRows` rows — returns `{ ok: false }` with a Vietnamese message. Never throws.
 */
export async function parseStaffWorkbook(
  data: Uint8Array,
  options: StaffImportOptions = {},
): Promise<StaffImportResult> {
  const maxBytes = options.maxBytes ?? STAFF_IMPORT_DEFAULTS.maxBytes;
  const maxRows = options.maxRows ?? STAFF_IMPORT_DEFAULTS.maxRows;
  const loaded = await loadXlsxWorkbook(data, { maxBytes });
  if (!loaded.ok) return { ok: false, error: loaded.error };
  try {
    return readWorkbook(loaded.workbook, maxRows);
  } catch {
    // exceljs builds its objects from the file; a damaged file can leave them inconsistent.
    return {
      ok: false,
      error: {
        code: 'CORRUPT',
        message:
          'Không đọc được nội dung bảng tính (tệp có thể bị hỏng). Hãy mở tệp trong Excel, lưu ' +
          'lại rồi tải lên lần nữa.',
      },
    };
  }
}
