import type { Workbook } from 'exceljs';
import {
  asciiBytes,
  inflateZipEntry,
  isEncryptedEntry,
  isEncryptedOle,
  OLE_MAGIC,
  oleHasStream,
  readZipDirectory,
  startsWith,
  TooManyEntries,
  ZIP_MAGIC,
  type ZipEntry,
} from '../ooxml/zip-archive.ts';
import { countStartTags } from '../ooxml/xml-scan.ts';
import { loadXlsxWorkbook } from '../xlsx/load-xlsx.ts';
import { DocxTooLarge, DocxXmlError, readDocxBody, type DocxBody } from './docx-reader.ts';
import { readDocxStyleFonts } from './docx-styles.ts';
import { PLAN_IMPORT_LIMITS, type PlanImportError } from './plan-import.types.ts';

/**
 * Opens an uploaded plan file: decides what it is before anything parses it (type sniffed from
 * the bytes, never from the name), refuses what cannot be read with a Vietnamese message saying
 * what to do, and reads a DOCX body or loads an XLSX workbook under the limits (file size, entry
 * count, declared and actual expanded size — a zip bomb stops at the cap). Never throws.
 */

export type OpenedPlanFile =
  | { ok: true; kind: 'docx'; body: DocxBody }
  | { ok: true; kind: 'xlsx'; workbook: Workbook }
  | { ok: false; error: PlanImportError };

const MESSAGES = {
  empty: 'Tệp rỗng (0 byte). Hãy chọn lại tệp kế hoạch (.docx hoặc .xlsx).',
  noBytes: 'Không nhận được nội dung tệp. Hãy chọn lại tệp kế hoạch (.docx hoặc .xlsx).',
  encrypted:
    'Tệp đang được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Word/Excel, gỡ mật khẩu ' +
    '(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên.',
  legacyDoc:
    'Tệp là định dạng Word cũ (.doc, Word 97–2003) nên không đọc được. Hãy mở tệp trong Word, chọn ' +
    'Lưu thành (Save As) → “Tài liệu Word (*.docx)”, rồi tải lên tệp .docx.',
  legacyXls:
    'Tệp là định dạng Excel cũ (.xls, Excel 97–2003) nên không đọc được. Hãy mở tệp trong Excel, ' +
    'chọn Lưu thành (Save As) → “Sổ làm việc Excel (*.xlsx)”, rồi tải lên tệp .xlsx.',
  legacyOffice:
    'Tệp là định dạng Office cũ (97–2003) nên không đọc được. Hãy mở tệp và lưu lại dạng .docx ' +
    '(Word) hoặc .xlsx (Excel), rồi tải lên.',
  pdf:
    'Tệp là PDF nên không đọc được bảng kế hoạch. Hãy tải lên bản Word (.docx) hoặc Excel (.xlsx) ' +
    'của kế hoạch; nếu chỉ có PDF, hãy chép bảng sang Word/Excel rồi tải lên.',
  rtf: 'Tệp là định dạng RTF. Hãy mở tệp trong Word, lưu lại dạng “Tài liệu Word (*.docx)”, rồi tải lên.',
  markup:
    'Tệp là trang web (HTML) hoặc XML được đổi đuôi, không phải tệp Word/Excel thật. Hãy mở tệp và ' +
    'lưu lại dạng .docx hoặc .xlsx, rồi tải lên.',
  odf:
    'Tệp là định dạng OpenDocument (.odt/.ods). Hãy mở tệp trong LibreOffice, chọn Lưu thành → ' +
    '“Word 2007-365 (.docx)” hoặc “Excel 2007-365 (.xlsx)”, rồi tải lên.',
  otherZip:
    'Tệp nén không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx). Hãy tải lên tệp kế hoạch ' +
    'dạng .docx hoặc .xlsx.',
  unknown:
    'Tệp không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx). Hãy tải lên tệp kế hoạch dạng ' +
    '.docx hoặc .xlsx (Word/Excel 2007 trở lên).',
  corrupt:
    'Tệp bị hỏng hoặc không đầy đủ (có thể do tải về hoặc tải lên bị gián đoạn). Hãy mở thử tệp trong ' +
    'Word/Excel, lưu lại rồi tải lên lần nữa.',
  corruptDocx:
    'Không đọc được nội dung văn bản Word (tệp bị hỏng hoặc được tạo bởi phần mềm không tương thích). ' +
    'Hãy mở tệp trong Word, lưu lại rồi tải lên lần nữa.',
  tooManyEntries:
    'Tệp chứa quá nhiều thành phần bên trong. Hãy chép bảng kế hoạch sang một tệp Word/Excel mới rồi ' +
    'tải lên.',
  docxTooLarge:
    'Văn bản có quá nhiều bảng hoặc dòng để là một kế hoạch cải tiến. Hãy chép riêng bảng kế hoạch ' +
    'sang một tệp mới rồi tải lên.',
  xlsxTooLarge:
    'Bảng tính có quá nhiều dữ liệu hoặc vùng gộp ô quá lớn. Hãy chép riêng bảng kế hoạch sang một ' +
    'tệp Excel mới (bỏ các trang tính, ô gộp không cần thiết) rồi tải lên.',
} as const;

function fail(
  code: PlanImportError['code'],
  message: string,
): { ok: false; error: PlanImportError } {
  return { ok: false, error: { code, message } };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}

function describeNonZip(data: Uint8Array): { ok: false; error: PlanImportError } {
  if (startsWith(data, OLE_MAGIC)) {
    if (isEncryptedOle(data)) return fail('ENCRYPTED', MESSAGES.encrypted);
    if (oleHasStream(data, 'WordDocument')) return fail('UNSUPPORTED_FORMAT', MESSAGES.legacyDoc);
    if (oleHasStream(data, 'Workbook') || oleHasStream(data, 'Book')) {
      return fail('UNSUPPORTED_FORMAT', MESSAGES.legacyXls);
    }
    return fail('UNSUPPORTED_FORMAT', MESSAGES.legacyOffice);
  }
  if (startsWith(data, asciiBytes('%PDF'))) return fail('UNSUPPORTED_FORMAT', MESSAGES.pdf);
  if (startsWith(data, asciiBytes('{\\rtf'))) return fail('UNSUPPORTED_FORMAT', MESSAGES.rtf);
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(data.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) return fail('UNSUPPORTED_FORMAT', MESSAGES.markup);
  return fail('UNSUPPORTED_FORMAT', MESSAGES.unknown);
}

/**
 * What {@link openPlanFile} does not open itself (issue 16): a Word/Excel 97–2003 file, which a
 * converter turns into DOCX/XLSX first, or an HTML page with a table saved under a .doc name
 * ("Export HTML to Word" tools, Word's own "Web page" format). `null` for everything else
 * (an encrypted OLE file stays a refusal of openPlanFile).
 */
export function sniffPlanFile(data: Uint8Array): 'doc' | 'xls' | 'html' | 'pdf' | null {
  if (!(data instanceof Uint8Array) || data.length === 0) return null;
  // A PDF may carry a few bytes of junk before its header (readers look within the first 1 KB).
  if (indexOfBytes(data.subarray(0, 1024), asciiBytes('%PDF-')) >= 0) return 'pdf';
  if (startsWith(data, OLE_MAGIC)) {
    if (isEncryptedOle(data)) return null;
    if (oleHasStream(data, 'WordDocument')) return 'doc';
    if (oleHasStream(data, 'Workbook') || oleHasStream(data, 'Book')) return 'xls';
    return null;
  }
  if (startsWith(data, ZIP_MAGIC)) return null;
  return looksLikeHtmlWithTable(data) ? 'html' : null;
}

function indexOfBytes(data: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= data.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (data[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** An HTML document (by its start) with at least one `<table` in it. */
function looksLikeHtmlWithTable(data: Uint8Array): boolean {
  const utf16 =
    (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)
      ? data[0] === 0xff
        ? 'utf-16le'
        : 'utf-16be'
      : null;
  const decoder = new TextDecoder(utf16 ?? 'latin1', { fatal: false });
  const head = decoder
    .decode(data.subarray(0, 2048))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!/^<(?:!doctype\s+html|html|head|body|meta|table|title|style|div|p[\s>]|!--)/i.test(head)) {
    return false;
  }
  if (!/^<(?:!doctype\s+html|html|table)/i.test(head) && !/<html[\s>]/i.test(head)) return false;
  return /<table[\s>]/i.test(decoder.decode(data));
}

/** The main part of a WordprocessingML package: named by `_rels/.rels`, `word/document.xml` by default. */
function mainDocumentName(data: Uint8Array, entries: readonly ZipEntry[]): string {
  const rels = entries.find((entry) => entry.name === '_rels/.rels');
  if (rels && rels.uncompressedSize < 64 * 1024) {
    const xml = new TextDecoder('utf-8', { fatal: false }).decode(inflateZipEntry(data, rels));
    for (const match of xml.matchAll(/<[^>]*Relationship\b[^>]*>/g)) {
      const tag = match[0];
      if (!/Type\s*=\s*["'][^"']*\/officeDocument["']/.test(tag)) continue;
      const target = /Target\s*=\s*["']([^"']+)["']/.exec(tag)?.[1];
      if (target) return target.replace(/^\.?\//, '');
    }
  }
  return 'word/document.xml';
}

/** Paragraphs, runs and table cells of WordprocessingML. */
const DOCX_COUNTED_TAGS = new Set(['p', 'r', 'tc']);

/** The fonts of the styles part, for runs in legacy fonts that name none themselves (issue 16). */
function docxStyleFonts(data: Uint8Array, entries: readonly ZipEntry[]) {
  const entry = entries.find((e) => e.name === 'word/styles.xml');
  if (!entry || entry.uncompressedSize > 4 * 1024 * 1024) return undefined;
  try {
    const xml = new TextDecoder('utf-8', { fatal: false }).decode(inflateZipEntry(data, entry));
    return readDocxStyleFonts(xml);
  } catch {
    return undefined; // Unreadable styles: only the runs' own fonts are known.
  }
}

function openDocx(
  data: Uint8Array,
  entries: readonly ZipEntry[],
  options: OpenPlanFileOptions,
): OpenedPlanFile {
  const name = mainDocumentName(data, entries);
  const entry =
    entries.find((e) => e.name === name) ?? entries.find((e) => e.name === 'word/document.xml');
  if (!entry) return fail('CORRUPT', MESSAGES.corruptDocx);
  // The body's size and element counts are proven before it is decoded and tokenized: the
  // tokenizer keeps a string per paragraph and walks every run, so a 100 KB file of 1.7 million
  // runs cost ~300 MB and a loop blocked for many seconds (issue 11).
  if (entry.uncompressedSize > PLAN_IMPORT_LIMITS.maxDocumentXmlBytes) {
    return fail('TOO_LARGE', MESSAGES.docxTooLarge);
  }
  const xmlBytes = inflateZipEntry(data, entry);
  const tags = countStartTags(xmlBytes, DOCX_COUNTED_TAGS);
  if (
    tags('p') > PLAN_IMPORT_LIMITS.maxParagraphs ||
    tags('r') > PLAN_IMPORT_LIMITS.maxRuns ||
    tags('tc') > PLAN_IMPORT_LIMITS.maxTableRows * 4 * 20
  ) {
    return fail('TOO_LARGE', MESSAGES.docxTooLarge);
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes);
  } catch {
    return fail('CORRUPT', MESSAGES.corruptDocx);
  }
  try {
    const body = readDocxBody(
      xml,
      {
        maxTables: PLAN_IMPORT_LIMITS.maxTables,
        maxRows: PLAN_IMPORT_LIMITS.maxTableRows * 4,
        maxCells: PLAN_IMPORT_LIMITS.maxTableRows * 4 * 20,
      },
      PLAN_IMPORT_LIMITS.maxColumns,
      { convert: options.legacyFonts !== false, styles: docxStyleFonts(data, entries) },
    );
    return { ok: true, kind: 'docx', body };
  } catch (error) {
    if (error instanceof DocxTooLarge) return fail('TOO_LARGE', MESSAGES.docxTooLarge);
    if (error instanceof DocxXmlError) return fail('CORRUPT', MESSAGES.corruptDocx);
    throw error;
  }
}

export interface OpenPlanFileOptions {
  /** Convert DOCX runs in legacy Vietnamese fonts to Unicode (default true; docx-reader.ts). */
  legacyFonts?: boolean;
}

/** Opens a plan file (DOCX or XLSX). Never throws. */
export async function openPlanFile(
  data: Uint8Array,
  maxBytes: number = PLAN_IMPORT_LIMITS.maxBytes,
  options: OpenPlanFileOptions = {},
): Promise<OpenedPlanFile> {
  if (!(data instanceof Uint8Array)) return fail('EMPTY_FILE', MESSAGES.noBytes);
  if (data.length === 0) return fail('EMPTY_FILE', MESSAGES.empty);
  if (data.length > maxBytes) {
    return fail(
      'TOO_LARGE',
      `Tệp quá lớn (${megabytes(data.length)} MB). Chỉ nhận tệp kế hoạch tối đa ${megabytes(maxBytes)} MB; ` +
        'hãy xóa hình ảnh không cần thiết hoặc chép riêng bảng kế hoạch sang tệp mới.',
    );
  }
  if (!startsWith(data, ZIP_MAGIC)) return describeNonZip(data);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(data, PLAN_IMPORT_LIMITS.maxEntries);
  } catch (error) {
    if (error instanceof TooManyEntries) return fail('TOO_LARGE', MESSAGES.tooManyEntries);
    return fail('CORRUPT', MESSAGES.corrupt);
  }
  const names = new Set(entries.map((entry) => entry.name));
  const isXlsx = names.has('xl/workbook.xml');
  const isDocx = !isXlsx && [...names].some((name) => name.startsWith('word/'));
  if (!isDocx && !isXlsx) {
    if (names.has('mimetype') && names.has('content.xml')) {
      return fail('UNSUPPORTED_FORMAT', MESSAGES.odf);
    }
    return fail('UNSUPPORTED_FORMAT', MESSAGES.otherZip);
  }
  if (entries.some(isEncryptedEntry)) return fail('ENCRYPTED', MESSAGES.encrypted);
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > PLAN_IMPORT_LIMITS.maxUncompressedBytes) {
    return fail(
      'TOO_LARGE',
      `Nội dung của tệp khi giải nén quá lớn (${megabytes(declared)} MB, tối đa ` +
        `${megabytes(PLAN_IMPORT_LIMITS.maxUncompressedBytes)} MB) — tệp có thể là “bom nén”. Một kế ` +
        'hoạch thường chỉ vài trăm KB: hãy xóa hình ảnh, trang tính không cần thiết rồi lưu lại.',
    );
  }
  if (isDocx) {
    try {
      return openDocx(data, entries, options);
    } catch {
      return fail('CORRUPT', MESSAGES.corrupt);
    }
  }
  const loaded = await loadXlsxWorkbook(data, {
    maxBytes,
    maxUncompressedBytes: PLAN_IMPORT_LIMITS.maxUncompressedBytes,
  });
  if (!loaded.ok) {
    switch (loaded.error.code) {
      case 'ENCRYPTED':
        return fail('ENCRYPTED', MESSAGES.encrypted);
      case 'TOO_LARGE':
        return fail('TOO_LARGE', MESSAGES.xlsxTooLarge);
      case 'CORRUPT':
        return fail('CORRUPT', MESSAGES.corrupt);
      case 'NOT_XLSX':
        return fail('UNSUPPORTED_FORMAT', MESSAGES.unknown);
    }
  }
  return { ok: true, kind: 'xlsx', workbook: loaded.workbook };
}
