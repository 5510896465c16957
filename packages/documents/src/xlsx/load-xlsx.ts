import ExcelJS from 'exceljs';
import type { Workbook } from 'exceljs';
import {
  checkXlsxContainer,
  DEFAULT_XLSX_LIMITS,
  type XlsxContainerError,
  type XlsxContainerLimits,
} from './xlsx-container.ts';

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

export type LoadXlsxResult = { ok: true; workbook: Workbook } | { ok: false; error: XlsxContainerError };

const CORRUPT: XlsxContainerError = {
  code: 'CORRUPT',
  message:
    'Không đọc được nội dung tệp .xlsx (tệp bị hỏng hoặc được tạo bởi phần mềm không tương thích). ' +
    'Hãy mở tệp trong Excel, lưu lại rồi tải lên lần nữa.',
};

/**
 * Loads an uploaded XLSX for reading cell values: container checks first (type, size, zip bomb,
 * encryption), then exceljs on a copy of the bytes. Never throws.
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
  const checked = checkXlsxContainer(data, { ...DEFAULT_XLSX_LIMITS, ...limits });
  if (!checked.ok) return checked;
  try {
    const workbook = new ExcelJS.Workbook();
    // A fresh ArrayBuffer: JSZip reads it as is, and exceljs's typings ask for an ArrayBuffer.
    const copy = data.slice().buffer;
    await workbook.xlsx.load(copy, { ignoreNodes: IGNORED_WORKSHEET_NODES });
    return { ok: true, workbook };
  } catch {
    return { ok: false, error: CORRUPT };
  }
}
