import { inflateRawSync } from 'node:zlib';

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
}

export const DEFAULT_XLSX_LIMITS: XlsxContainerLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 5_000,
  // exceljs creates every cell of a merge (1 million cells: about 2 s and 300 MB) and compares each
  // merge with every earlier one (10,000 merges: about 9 s; 4,000: about 1 s).
  maxMergedCells: 200_000,
  maxMergesPerSheet: 4_000,
  // exceljs reads 500,000 cells in about 3 s and 250 MB, 100,000 one-cell rows in about 2 s and
  // 400,000 in about 19 s; a staff list has a few thousand cells.
  maxCells: 300_000,
  maxSheetRows: 100_000,
};

export type XlsxContainerCheck =
  | { ok: true; entryNames: string[]; uncompressedBytes: number }
  | { ok: false; error: XlsxContainerError };

/** Excel's own sheet limits (Excel 2007 onwards). */
const EXCEL_MAX_ROW = 1_048_576;

const SIG_LOCAL_FILE = 0x04034b50;
const SIG_CENTRAL_FILE = 0x02014b50;
const SIG_END_OF_CENTRAL_DIR = 0x06054b50;
const SIG_ZIP64_END_LOCATOR = 0x07064b50;
const SIG_ZIP64_END_OF_CENTRAL_DIR = 0x06064b50;
const END_OF_CENTRAL_DIR_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** exceljs parses every entry whose name matches this (unanchored, as exceljs does). */
const WORKSHEET_ENTRY = /xl\/worksheets\/sheet\d+[.]xml/;

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

/** Thrown inside this module only, for any structural problem; turned into CORRUPT. */
class ZipStructureError extends Error {}
class TooManyEntries extends Error {}
class MergedAreaTooLarge extends Error {}
class TooManyCells extends Error {}

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.length <= data.length && bytes.every((byte, i) => data[i] === byte);
}

function asciiBytes(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

function indexOfBytes(data: Uint8Array, needle: readonly number[]): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (let i = data.indexOf(first); i !== -1 && i <= data.length - needle.length;) {
    if (needle.every((byte, j) => data[i + j] === byte)) return i;
    i = data.indexOf(first, i + 1);
  }
  return -1;
}

/** An OLE compound file names its streams in UTF-16LE: an encrypted OOXML file has "EncryptedPackage". */
function isEncryptedOle(data: Uint8Array): boolean {
  const utf16 = [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]);
  return indexOfBytes(data, utf16) !== -1;
}

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

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

class Reader {
  private readonly view: DataView;

  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > this.data.length) {
      throw new ZipStructureError(`read past end at ${offset}`);
    }
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }

  u64(offset: number): number {
    this.check(offset, 8);
    const value = this.view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ZipStructureError('64-bit size too large');
    return Number(value);
  }

  bytes(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.data.subarray(offset, offset + length);
  }
}

interface CentralDirectory {
  entryCount: number;
  offset: number;
  size: number;
}

function findCentralDirectory(reader: Reader): CentralDirectory {
  const { data } = reader;
  const lowest = Math.max(0, data.length - END_OF_CENTRAL_DIR_SIZE - MAX_ZIP_COMMENT);
  for (let at = data.length - END_OF_CENTRAL_DIR_SIZE; at >= lowest; at--) {
    if (reader.u32(at) !== SIG_END_OF_CENTRAL_DIR) continue;
    let entryCount = reader.u16(at + 10);
    let size = reader.u32(at + 12);
    let offset = reader.u32(at + 16);
    const isZip64 = entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff;
    if (isZip64) {
      const locator = at - 20;
      if (locator < 0 || reader.u32(locator) !== SIG_ZIP64_END_LOCATOR) {
        throw new ZipStructureError('zip64 locator missing');
      }
      const end64 = reader.u64(locator + 8);
      if (reader.u32(end64) !== SIG_ZIP64_END_OF_CENTRAL_DIR) {
        throw new ZipStructureError('zip64 end of central directory missing');
      }
      entryCount = reader.u64(end64 + 32);
      size = reader.u64(end64 + 40);
      offset = reader.u64(end64 + 48);
    }
    if (offset + size > at)
      throw new ZipStructureError('central directory overlaps its end record');
    return { entryCount, offset, size };
  }
  throw new ZipStructureError('end of central directory not found');
}

/** Reads the ZIP64 extended-information extra field (0x0001) for the fields that overflowed. */
function applyZip64Extra(reader: Reader, entry: ZipEntry, extraStart: number, extraLength: number) {
  const needsUncompressed = entry.uncompressedSize === 0xffffffff;
  const needsCompressed = entry.compressedSize === 0xffffffff;
  const needsOffset = entry.localHeaderOffset === 0xffffffff;
  if (!needsUncompressed && !needsCompressed && !needsOffset) return;
  for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
    const id = reader.u16(at);
    const length = reader.u16(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      if (needsUncompressed) {
        entry.uncompressedSize = reader.u64(field);
        field += 8;
      }
      if (needsCompressed) {
        entry.compressedSize = reader.u64(field);
        field += 8;
      }
      if (needsOffset) entry.localHeaderOffset = reader.u64(field);
      return;
    }
    at += 4 + length;
  }
  throw new ZipStructureError('zip64 extra field missing');
}

function readEntries(reader: Reader, directory: CentralDirectory, maxEntries: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = directory.offset;
  const end = directory.offset + directory.size;
  while (at < end) {
    if (entries.length >= maxEntries) throw new TooManyEntries();
    if (reader.u32(at) !== SIG_CENTRAL_FILE) throw new ZipStructureError('bad central header');
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const entry: ZipEntry = {
      flags: reader.u16(at + 8),
      method: reader.u16(at + 10),
      compressedSize: reader.u32(at + 20),
      uncompressedSize: reader.u32(at + 24),
      localHeaderOffset: reader.u32(at + 42),
      name: decoder.decode(reader.bytes(at + 46, nameLength)),
    };
    applyZip64Extra(reader, entry, at + 46 + nameLength, extraLength);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== directory.entryCount && directory.entryCount !== 0xffff) {
    throw new ZipStructureError('entry count mismatch');
  }
  return entries;
}

/** Inflates one entry with a hard cap at its declared size: a lying size fails here, cheaply. */
function inflateEntry(reader: Reader, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (reader.u32(at) !== SIG_LOCAL_FILE) throw new ZipStructureError('bad local header');
  const dataStart = at + 30 + reader.u16(at + 26) + reader.u16(at + 28);
  const compressed = reader.bytes(dataStart, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipStructureError('stored size');
    return compressed;
  }
  if (entry.method !== 8) throw new ZipStructureError(`compression method ${entry.method}`);
  let inflated: Uint8Array;
  try {
    inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    throw new ZipStructureError('inflate failed or exceeded declared size');
  }
  if (inflated.length !== entry.uncompressedSize) throw new ZipStructureError('size mismatch');
  return inflated;
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
const CELL_TAG = /<(?:[\w.-]+:)?c[\s>/]/g;
const ROW_TAG = /<(?:[\w.-]+:)?row[\s>/]/g;

/**
 * Returns the merges of one worksheet (their count and the cells they cover); throws when a row
 * number is past Excel's limit.
 */
function countMatches(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, 'g');
  let count = 0;
  while (global.exec(text) !== null) count += 1;
  return count;
}

function scanWorksheet(xml: Uint8Array): {
  count: number;
  area: number;
  cells: number;
  rows: number;
} {
  // count: merged ranges; area: cells they cover; cells and rows: <c> and <row> elements.
  // Latin-1 keeps every byte as one character: enough to find ASCII tags and numbers, and fast.
  const text = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1');
  for (const match of text.matchAll(ROW_NUMBER)) {
    const row = Number(match[1]);
    if (row < 1 || row > EXCEL_MAX_ROW) throw new ZipStructureError(`row number ${row}`);
  }
  let area = 0;
  let count = 0;
  for (const match of text.matchAll(MERGE_REF)) {
    area += mergedArea(match[1] ?? '') ?? 0;
    count += 1;
  }
  return { count, area, cells: countMatches(text, CELL_TAG), rows: countMatches(text, ROW_TAG) };
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
    const reader = new Reader(data);
    const entries = readEntries(reader, findCentralDirectory(reader), limits.maxEntries);
    const names = entries.map((entry) => entry.name.replace(/^\//, ''));
    if (!names.includes('xl/workbook.xml')) return describeZipWithoutWorkbook(names);
    if (entries.some((entry) => (entry.flags & 0x1) !== 0)) {
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
    let mergedCells = 0;
    let cells = 0;
    let rows = 0;
    const contents: ZipEntryContent[] = [];
    for (const [index, entry] of entries.entries()) {
      const name = names[index] ?? entry.name;
      const content = inflateEntry(reader, entry);
      contents.push({ name, data: content });
      if (WORKSHEET_ENTRY.test(name)) {
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
