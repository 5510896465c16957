import {
  asciiBytes,
  inflateZipEntry,
  isEncryptedEntry,
  isEncryptedOle,
  OLE_MAGIC,
  readZipDirectory,
  startsWith,
  TooManyEntries,
} from '../ooxml/zip-archive.ts';
import { countStartTags } from '../ooxml/xml-scan.ts';

/**
 * Checks an uploaded file before any XLSX library sees it.
 *
 * exceljs hands the whole ZIP to JSZip and inflates every entry into memory, then expands some
 * ranges cell by cell (merged cells) and walks rows as a sparse array. A small hostile or damaged
 * file can therefore exhaust memory or hang the process. This module reads the ZIP structure itself
 * (end of central directory → central directory → local headers), refuses anything that is not a
 * plain XLSX, and inflates each entry once with a hard output cap, so the declared sizes are proven
 * before exceljs runs. It also scans worksheet XML for the two things exceljs expands without bound:
 * row numbers past Excel's limit and huge merged ranges.
 *
 * Memory is bounded by what exceljs is given, not by the file size: exceljs keeps about 200–400 bytes
 * per cell, shared string or rich-text run it reads (a 105 KB file of 1.7 million one-run shared
 * strings grew the server by ~400 MB and blocked it for seconds). So only the parts a reader of cell
 * values needs are inflated and handed on ({@link isReadPart}: workbook, its relationships, shared
 * strings, styles, worksheets), their expanded size is capped, and the parts are counted (cells,
 * rows, shared strings, runs, style records) by a latin-1 scan before exceljs sees them. Images,
 * drawings, comments, themes and the rest are never inflated.
 */

export type XlsxContainerErrorCode = 'NOT_XLSX' | 'TOO_LARGE' | 'CORRUPT' | 'ENCRYPTED';

export interface XlsxContainerError {
  code: XlsxContainerErrorCode;
  /** Vietnamese, shown to the user. */
  message: string;
}

export interface XlsxContainerLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted sum of the entries' uncompressed sizes, in bytes. */
  maxUncompressedBytes: number;
  /** Most ZIP entries accepted. */
  maxEntries: number;
  /** Most cells accepted inside merged ranges, summed over all sheets. */
  maxMergedCells: number;
  /** Most merged ranges accepted on one sheet (exceljs compares each new merge with every earlier one). */
  maxMergesPerSheet: number;
  /** Most cells accepted, summed over all sheets (exceljs keeps an object per cell). */
  maxCells: number;
  /** Most rows accepted, summed over all sheets (exceljs keeps an object per row). */
  maxSheetRows: number;
  /** Largest accepted sum of the expanded sizes of the parts exceljs parses ({@link isReadPart}). */
  maxReadBytes: number;
  /** Most shared strings (`<si>`) accepted; exceljs keeps an object or string per entry. */
  maxSharedStrings: number;
  /** Most rich-text and phonetic runs (`<r>`, `<rPh>`) accepted in the shared strings. */
  maxTextRuns: number;
  /** Most style records (`<xf>`, `<font>`, `<fill>`, `<border>`, `<numFmt>`, `<dxf>`) accepted. */
  maxStyleRecords: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxContainerLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 5_000,
  // exceljs creates every cell of a merge (1 million cells: about 2 s and 300 MB) and compares each
  // merge with every earlier one (10,000 merges: about 9 s; 4,000: about 1 s).
  maxMergedCells: 200_000,
  maxMergesPerSheet: 4_000,
  // exceljs keeps 1–2 KB per cell with its shared string (the largest workbook these limits accept,
  // 30,000 cells and 16,000 two-run rich-text strings, grows the process by ~60 MB); a staff list
  // has a few thousand cells, a plan a few hundred rows. The bounds of issue 11: no upload may cost
  // more than ~64 MB, and the 105 KB file of 1.7 million shared strings that cost ~400 MB and
  // seconds of a blocked event loop is refused before it is even inflated (maxReadBytes).
  maxCells: 30_000,
  maxSheetRows: 20_000,
  maxReadBytes: 8 * 1024 * 1024,
  maxSharedStrings: 16_000,
  maxTextRuns: 32_000,
  maxStyleRecords: 64_000,
};

export type XlsxContainerCheck =
  | { ok: true; entryNames: string[]; uncompressedBytes: number }
  | { ok: false; error: XlsxContainerError };

/** Excel's own sheet limits (Excel 2007 onwards). */
const EXCEL_MAX_ROW = 1_048_576;

/** Worksheet parts, named as every spreadsheet program writes them. */
const WORKSHEET_ENTRY = /^xl\/worksheets\/sheet\d+[.]xml$/;
const SHARED_STRINGS_ENTRY = 'xl/sharedStrings.xml';
const STYLES_ENTRY = 'xl/styles.xml';
const READ_PARTS = new Set([
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  SHARED_STRINGS_ENTRY,
  STYLES_ENTRY,
]);

/**
 * Whether a ZIP entry is one of the parts a reader of cell values needs: the workbook and its
 * relationships, shared strings, styles (number formats tell dates from numbers) and worksheets.
 * Everything else (images, drawings, comments, themes, worksheet relationships, properties) is
 * left out of what exceljs reads, so it is never inflated.
 */
export function isReadPart(name: string): boolean {
  return READ_PARTS.has(name) || WORKSHEET_ENTRY.test(name);
}

const MESSAGES = {
  empty: 'Tệp rỗng (0 byte). Hãy chọn lại tệp Excel (.xlsx).',
  legacyXls:
    'Tệp là định dạng Excel cũ (.xls, Excel 97–2003) nên không đọc được. Hãy mở tệp trong Excel, ' +
    'chọn Lưu thành (Save As) → “Sổ làm việc Excel (*.xlsx)”, rồi tải lên tệp .xlsx.',
  encrypted:
    'Tệp Excel đang được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel, gỡ mật khẩu ' +
    '(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên.',
  pdf: 'Tệp là PDF, không phải bảng tính Excel. Hãy tải lên tệp danh sách dạng .xlsx.',
  html:
    'Tệp là trang web (HTML) hoặc XML được đổi đuôi, không phải bảng tính Excel thật. Hãy mở tệp ' +
    'trong Excel, chọn Lưu thành → “Sổ làm việc Excel (*.xlsx)”, rồi tải lên.',
  notXlsx: 'Tệp không phải bảng tính Excel (.xlsx). Hãy chọn tệp .xlsx (Excel 2007 trở lên).',
  docx: 'Tệp là văn bản Word (.docx), không phải bảng tính Excel. Hãy tải lên tệp .xlsx.',
  ods:
    'Tệp là bảng tính OpenDocument (.ods). Hãy mở tệp và lưu lại dạng “Sổ làm việc Excel (*.xlsx)”, ' +
    'rồi tải lên.',
  corrupt:
    'Tệp .xlsx bị hỏng hoặc không đầy đủ (có thể do tải về hoặc tải lên bị gián đoạn). Hãy mở thử ' +
    'tệp trong Excel, lưu lại rồi tải lên lần nữa.',
  tooManyEntries:
    'Tệp .xlsx chứa quá nhiều thành phần bên trong. Hãy sao chép bảng danh sách sang một tệp Excel ' +
    'mới rồi tải lên.',
  tooComplex:
    'Tệp có quá nhiều chữ hoặc định dạng để đọc (quá nhiều chuỗi văn bản, đoạn định dạng hoặc kiểu ô). ' +
    'Hãy chép riêng bảng dữ liệu sang một tệp Excel mới (Dán → Chỉ giá trị) rồi tải lên.',
  mergedTooLarge:
    'Tệp có vùng gộp ô (Merge) quá lớn hoặc quá nhiều. Hãy bỏ gộp các ô không cần thiết (nhất là ' +
    'gộp cả cột hoặc cả dòng), lưu lại rồi tải lên.',
} as const;

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}

function fail(
  code: XlsxContainerErrorCode,
  message: string,
): { ok: false; error: XlsxContainerError } {
  return { ok: false, error: { code, message } };
}

/** Thrown inside this module only; turned into TOO_LARGE or CORRUPT. */
class MergedAreaTooLarge extends Error {}
class TooManyCells extends Error {}
class TooManyStrings extends Error {}
class TooMuchToRead extends Error {}
/** A worksheet problem (row number past Excel's limit); turned into CORRUPT like a damaged ZIP. */
class WorksheetError extends Error {}

function describeNonZip(data: Uint8Array): { ok: false; error: XlsxContainerError } {
  if (startsWith(data, OLE_MAGIC)) {
    return isEncryptedOle(data)
      ? fail('ENCRYPTED', MESSAGES.encrypted)
      : fail('NOT_XLSX', MESSAGES.legacyXls);
  }
  if (startsWith(data, asciiBytes('%PDF'))) return fail('NOT_XLSX', MESSAGES.pdf);
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(data.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<')) return fail('NOT_XLSX', MESSAGES.html);
  return fail('NOT_XLSX', MESSAGES.notXlsx);
}

const COLUMN_REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

function decodeColumn(letters: string): number {
  let column = 0;
  for (const ch of letters) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column;
}

/** Cells covered by a merge reference such as "A1:G1"; null when it is not a plain range. */
function mergedArea(ref: string): number | null {
  const [from = '', to = from] = ref.toUpperCase().split(':');
  const a = COLUMN_REF.exec(from);
  const b = COLUMN_REF.exec(to);
  if (!a || !b) return null;
  const rows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
  const columns = Math.abs(decodeColumn(b[1] ?? '') - decodeColumn(a[1] ?? '')) + 1;
  return rows * columns;
}

const ROW_NUMBER = /<(?:[\w.-]+:)?row\b[^>]*?\sr\s*=\s*["'](\d+)["']/g;
const MERGE_REF = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']*)["']/g;
const STYLE_RECORDS = new Set(['xf', 'font', 'fill', 'border', 'numFmt', 'dxf']);

/** Latin-1 keeps every byte as one character: enough to find ASCII tags and numbers, and fast. */
function latin1(xml: Uint8Array): string {
  return Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1');
}

/**
 * Returns the merges of one worksheet (their count and the cells they cover) and its cells and
 * rows; throws when a row number is past Excel's limit.
 */
function scanWorksheet(xml: Uint8Array): {
  count: number;
  area: number;
  cells: number;
  rows: number;
} {
  // count: merged ranges; area: cells they cover; cells and rows: <c> and <row> elements.
  const text = latin1(xml);
  for (const match of text.matchAll(ROW_NUMBER)) {
    const row = Number(match[1]);
    if (row < 1 || row > EXCEL_MAX_ROW) throw new WorksheetError(`row number ${row}`);
  }
  let area = 0;
  let count = 0;
  for (const match of text.matchAll(MERGE_REF)) {
    area += mergedArea(match[1] ?? '') ?? 0;
    count += 1;
  }
  const tags = countStartTags(xml, new Set(['c', 'row']));
  return { count, area, cells: tags('c'), rows: tags('row') };
}

function describeZipWithoutWorkbook(names: readonly string[]): {
  ok: false;
  error: XlsxContainerError;
} {
  if (names.some((name) => name.startsWith('word/'))) return fail('NOT_XLSX', MESSAGES.docx);
  if (names.includes('mimetype') && names.includes('content.xml'))
    return fail('NOT_XLSX', MESSAGES.ods);
  return fail('NOT_XLSX', MESSAGES.notXlsx);
}

export interface ZipEntryContent {
  name: string;
  data: Uint8Array;
}

export type UnzipXlsxResult =
  | { ok: true; entries: ZipEntryContent[]; uncompressedBytes: number }
  | { ok: false; error: XlsxContainerError };

/**
 * Unpacks an XLSX under the limits: the same checks as {@link checkXlsxContainer}, returning every
 * entry's content (already inflated by the checks). Never throws.
 */
export function unzipXlsx(
  data: Uint8Array,
  limits: XlsxContainerLimits = DEFAULT_XLSX_LIMITS,
): UnzipXlsxResult {
  if (data.length === 0) return fail('NOT_XLSX', MESSAGES.empty);
  if (data.length > limits.maxBytes) {
    return fail(
      'TOO_LARGE',
      `Tệp quá lớn (${megabytes(data.length)} MB). Chỉ nhận tệp Excel tối đa ` +
        `${megabytes(limits.maxBytes)} MB.`,
    );
  }
  if (!startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return describeNonZip(data);

  try {
    const entries = readZipDirectory(data, limits.maxEntries);
    const names = entries.map((entry) => entry.name);
    if (!names.includes('xl/workbook.xml')) return describeZipWithoutWorkbook(names);
    if (entries.some(isEncryptedEntry)) {
      return fail('ENCRYPTED', MESSAGES.encrypted);
    }
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > limits.maxUncompressedBytes) {
      return fail(
        'TOO_LARGE',
        `Nội dung của tệp khi giải nén quá lớn (${megabytes(declared)} MB, tối đa ` +
          `${megabytes(limits.maxUncompressedBytes)} MB). Một danh sách cán bộ thường chỉ vài ` +
          `trăm KB: hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại.`,
      );
    }
    const read = entries.filter((entry) => isReadPart(entry.name));
    const readBytes = read.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (readBytes > limits.maxReadBytes) throw new TooMuchToRead();
    let mergedCells = 0;
    let cells = 0;
    let rows = 0;
    const contents: ZipEntryContent[] = [];
    for (const entry of read) {
      const content = inflateZipEntry(data, entry);
      contents.push({ name: entry.name, data: content });
      if (entry.name === SHARED_STRINGS_ENTRY) {
        // Runs: rich-text runs and phonetic runs (not `<rPr>` or `<rFont>`).
        const tags = countStartTags(content, new Set(['si', 'r', 'rPh']));
        if (tags('si') > limits.maxSharedStrings || tags('r') + tags('rPh') > limits.maxTextRuns) {
          throw new TooManyStrings();
        }
      } else if (entry.name === STYLES_ENTRY) {
        const tags = countStartTags(content, STYLE_RECORDS);
        const records = [...STYLE_RECORDS].reduce((sum, name) => sum + tags(name), 0);
        if (records > limits.maxStyleRecords) throw new TooManyStrings();
      } else if (WORKSHEET_ENTRY.test(entry.name)) {
        const sheet = scanWorksheet(content);
        mergedCells += sheet.area;
        cells += sheet.cells;
        rows += sheet.rows;
        if (cells > limits.maxCells || rows > limits.maxSheetRows) throw new TooManyCells();
        if (mergedCells > limits.maxMergedCells || sheet.count > limits.maxMergesPerSheet) {
          throw new MergedAreaTooLarge();
        }
      }
    }
    return { ok: true, entries: contents, uncompressedBytes: declared };
  } catch (error) {
    if (error instanceof TooManyEntries) return fail('TOO_LARGE', MESSAGES.tooManyEntries);
    if (error instanceof MergedAreaTooLarge) return fail('TOO_LARGE', MESSAGES.mergedTooLarge);
    if (error instanceof TooManyStrings || error instanceof TooMuchToRead) {
      return fail('TOO_LARGE', MESSAGES.tooComplex);
    }
    if (error instanceof TooManyCells) {
      return fail(
        'TOO_LARGE',
        `Tệp có quá nhiều dữ liệu (hơn ${limits.maxCells.toLocaleString('vi-VN')} ô hoặc ` +
          `${limits.maxSheetRows.toLocaleString('vi-VN')} dòng). Hãy chép riêng bảng danh sách cán bộ ` +
          `sang một tệp Excel mới rồi tải lên.`,
      );
    }
    return fail('CORRUPT', MESSAGES.corrupt);
  }
}

/**
 * Decides whether `data` is a plain XLSX small enough to hand to exceljs. Never throws; every
 * refusal carries a Vietnamese message that tells the user what to do.
 */
export function checkXlsxContainer(
  data: Uint8Array,
  limits: XlsxContainerLimits = DEFAULT_XLSX_LIMITS,
): XlsxContainerCheck {
  const result = unzipXlsx(data, limits);
  if (!result.ok) return result;
  return {
    ok: true,
    entryNames: result.entries.map((entry) => entry.name),
    uncompressedBytes: result.uncompressedBytes,
  };
}
