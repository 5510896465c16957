import { createRequire } from 'node:module';
import { loadExcelJs } from './exceljs.ts';
import type { Workbook } from 'exceljs';
import {
  DEFAULT_XLSX_LIMITS,
  unzipXlsx,
  type XlsxContainerError,
  type XlsxContainerLimits,
  type ZipEntryContent,
} from './xlsx-container.ts';
import { writeStoredZip } from './zip-writer.ts';

/**
 * Worksheet parts an importer never needs. exceljs expands some of them without bound — a data
 * validation or a conditional format over "A:A" becomes one object per cell (a million), a `<col
 * max="…">` one column object per column — so they are skipped rather than limited. Only cell data
 * (`sheetData`) and merges (`mergeCells`, bounded by the container check) are read.
 */
const IGNORED_WORKSHEET_NODES = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

/**
 * exceljs turns every defined name into one object per cell of its range, and real files carry
 * ranges like `_xlnm._FilterDatabase` = `$A$3:$XEJ$8752` (143 million cells: exceljs issues #535,
 * #1898, #2621). Reading cell values needs no names, and the workbook part is outside
 * `ignoreNodes`, so the names are cut from `xl/workbook.xml` before exceljs sees it.
 */
const DEFINED_NAMES = /<definedNames\b[^>]*\/>|<definedNames\b[^>]*>[\s\S]*?<\/definedNames>/g;

function withoutDefinedNames(entry: ZipEntryContent): ZipEntryContent {
  if (entry.name !== 'xl/workbook.xml') return entry;
  const xml = new TextDecoder().decode(entry.data);
  if (!xml.includes('definedNames')) return entry;
  return { name: entry.name, data: new TextEncoder().encode(xml.replace(DEFINED_NAMES, '')) };
}

/** Longest stretch of XML parsing between two turns of the event loop, in milliseconds. */
const PARSE_SLICE_MS = 15;

type SaxEvents = AsyncIterable<unknown>;

/**
 * Lets the event loop run while exceljs parses. exceljs feeds each part to its SAX parser in 16 KB
 * chunks, but awaits only promises between them, so timers and other requests wait until a whole
 * worksheet is parsed (a 16,000-cell staff list blocked the server for over half a second). Every
 * exceljs part reader goes through `BaseXform.prototype.parseStream`; this replaces it with the same
 * parse over an event stream that yields to the event loop (`setImmediate`) once a slice of
 * {@link PARSE_SLICE_MS} is spent. Patched once, on exceljs's own module instance (the one
 * `loadExcelJs` loaded), so writers of XLSX files are untouched: they never parse.
 */
let patched = false;
function letExcelJsYield(): void {
  if (patched) return;
  patched = true;
  const require = createRequire(import.meta.url);
  const BaseXform = require('exceljs/lib/xlsx/xform/base-xform.js') as {
    prototype: { parseStream: unknown; parse: (events: SaxEvents) => Promise<unknown> };
  };
  const parseSax = require('exceljs/lib/utils/parse-sax.js') as (stream: unknown) => SaxEvents;
  async function* yielding(events: SaxEvents): AsyncGenerator<unknown> {
    let sliceStart = performance.now();
    for await (const batch of events) {
      yield batch;
      if (performance.now() - sliceStart > PARSE_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
  BaseXform.prototype.parseStream = function parseStream(
    this: { parse: (events: SaxEvents) => Promise<unknown> },
    stream: unknown,
  ) {
    return this.parse(yielding(parseSax(stream)));
  };
}

/** exceljs's typings ask for an ArrayBuffer (JSZip takes one as is): exactly the view's bytes. */
function exactArrayBuffer(view: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = view;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) {
    return buffer;
  }
  return view.slice().buffer;
}

export type LoadXlsxResult =
  { ok: true; workbook: Workbook } | { ok: false; error: XlsxContainerError };

const CORRUPT: XlsxContainerError = {
  code: 'CORRUPT',
  message:
    'Không đọc được nội dung tệp .xlsx (tệp bị hỏng hoặc được tạo bởi phần mềm không tương thích). ' +
    'Hãy mở tệp trong Excel, lưu lại rồi tải lên lần nữa.',
};

/**
 * Loads an uploaded XLSX for reading cell values: container checks first (type, size, zip bomb,
 * encryption), then exceljs on a cleaned copy of the checked entries. Never throws.
 */
export async function loadXlsxWorkbook(
  data: Uint8Array,
  limits: Partial<XlsxContainerLimits> = {},
): Promise<LoadXlsxResult> {
  if (!(data instanceof Uint8Array)) {
    return {
      ok: false,
      error: { code: 'NOT_XLSX', message: 'Không nhận được nội dung tệp. Hãy chọn lại tệp .xlsx.' },
    };
  }
  const unzipped = unzipXlsx(data, { ...DEFAULT_XLSX_LIMITS, ...limits });
  if (!unzipped.ok) return unzipped;
  try {
    const ExcelJS = await loadExcelJs();
    letExcelJsYield();
    const workbook = new ExcelJS.Workbook();
    // exceljs reads a ZIP only: hand it the checked entries again, stored, with the names cut.
    const cleaned = writeStoredZip(unzipped.entries.map(withoutDefinedNames));
    await workbook.xlsx.load(exactArrayBuffer(cleaned), { ignoreNodes: IGNORED_WORKSHEET_NODES });
    return { ok: true, workbook };
  } catch {
    return { ok: false, error: CORRUPT };
  }
}
