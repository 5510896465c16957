import { loadExcelJs } from '../xlsx/exceljs.ts';
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { POSITION_KINDS } from './position-kind.ts';

/**
 * The XLSX template schools fill in for the staff import: a title, the header row that
 * {@link parseStaffWorkbook} recognises, a frozen header, a drop-down of positions and two example
 * rows marked as such (the importer warns if they are left in).
 */

const HEADERS = [
  { header: 'STT', width: 6 },
  { header: 'Họ và tên', width: 28 },
  { header: 'Chức vụ', width: 22 },
  { header: 'Tổ chuyên môn', width: 26 },
  { header: 'Email', width: 30 },
  { header: 'Số điện thoại', width: 16 },
  { header: 'Ghi chú', width: 30 },
] as const;

const TITLE_ROW = 1;
const HINT_ROW = 2;
const HEADER_ROW = 3;
const FIRST_DATA_ROW = HEADER_ROW + 1;
/** Rows prepared with the drop-down and text formats; more can be added by copying a row. */
const PREPARED_ROWS = 500;

const EXAMPLES = [
  ['Nguyễn Văn An', 'Hiệu trưởng', '', 'nguyenvanan@example.edu.vn', '0912345678'],
  ['Trần Thị Bình', 'Giáo viên', 'Tổ Toán, Tổ Tin học', 'tranthibinh@example.edu.vn', '0987654321'],
] as const;
const EXAMPLE_NOTE = 'Dòng ví dụ — xóa trước khi nhập';

/** Drop-down choices: the labels of every position kind but 'other' (anything may still be typed). */
const POSITION_CHOICES = POSITION_KINDS.filter(({ kind }) => kind !== 'other').map(
  ({ label }) => label,
);

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addInstructions(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('Hướng dẫn');
  sheet.getColumn(1).width = 110;
  const lines = [
    'HƯỚNG DẪN ĐIỀN DANH SÁCH',
    '1. Mỗi người một dòng trên trang “Danh sách”, bắt đầu từ dòng 4. Cột “Họ và tên” bắt buộc.',
    '2. Chức vụ: chọn trong danh sách thả xuống hoặc gõ chức vụ khác (ví dụ “Chủ tịch công đoàn”).',
    '3. Tổ chuyên môn: người thuộc nhiều tổ thì ngăn cách các tổ bằng dấu phẩy.',
    '4. Số điện thoại: gõ đủ số 0 đầu (cột đã định dạng Văn bản).',
    '5. Xóa hai dòng ví dụ trước khi tải lên. Không đổi tên các cột ở dòng 3.',
  ];
  lines.forEach((line, index) => {
    const cell = sheet.getCell(index + 1, 1);
    cell.value = line;
    if (index === 0) cell.font = { bold: true, size: 13 };
  });
}

/**
 * exceljs keeps data validations per cell and, when writing, merges equal neighbours into ranges
 * after sorting the addresses as strings ("C10" before "C4"), which yields overlapping ranges. A
 * validation added for a whole range is written as is. `dataValidations` exists on every worksheet
 * at run time but is missing from exceljs's typings.
 */
interface WorksheetValidations {
  dataValidations: { add(range: string, validation: DataValidation): void };
}

function prepareDataRows(sheet: Worksheet): void {
  const lastRow = FIRST_DATA_ROW + PREPARED_ROWS - 1;
  (sheet as unknown as WorksheetValidations).dataValidations.add(`C${FIRST_DATA_ROW}:C${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${POSITION_CHOICES.join(',')}"`],
    // Other positions ("Chủ tịch công đoàn", "Thư ký hội đồng") stay allowed: no error box.
    showErrorMessage: false,
    showInputMessage: true,
    promptTitle: 'Chức vụ',
    prompt: 'Chọn trong danh sách hoặc gõ chức vụ khác.',
  });
  for (let row = FIRST_DATA_ROW; row <= lastRow; row += 1) {
    for (const column of [5, 6]) sheet.getCell(row, column).numFmt = '@';
  }
}

/** Builds the staff-list template as XLSX bytes. */
export async function buildStaffTemplate(): Promise<Uint8Array> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'CaiTien';
  const sheet = workbook.addWorksheet('Danh sách', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  HEADERS.forEach(({ width }, index) => {
    sheet.getColumn(index + 1).width = width;
  });

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, HEADERS.length);
  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = 'DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN';
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(HINT_ROW, 1, HINT_ROW, HEADERS.length);
  const hint = sheet.getCell(HINT_ROW, 1);
  hint.value = 'Năm học: ………… — Mỗi người một dòng; xem trang “Hướng dẫn”.';
  hint.font = { italic: true };
  hint.alignment = { horizontal: 'center' };

  const headerRow = sheet.getRow(HEADER_ROW);
  HEADERS.forEach(({ header }, index) => {
    const cell = headerRow.getCell(index + 1);
    cell.value = header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = BORDER;
  });
  headerRow.height = 30;

  prepareDataRows(sheet);
  EXAMPLES.forEach(([name, position, groups, email, phone], index) => {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    const values = [index + 1, name, position, groups, email, phone, EXAMPLE_NOTE];
    values.forEach((value, column) => {
      const cell = row.getCell(column + 1);
      cell.value = value === '' ? null : value;
      cell.border = BORDER;
      if (column === HEADERS.length - 1) cell.font = { italic: true, color: { argb: 'FF808080' } };
    });
  });

  addInstructions(workbook);
  const bytes = await workbook.xlsx.writeBuffer();
  // exceljs types the result as an ArrayBuffer; on Node it is a Buffer. Both copy into a Uint8Array.
  return new Uint8Array(bytes);
}
