import type { RowTextField } from '@caitien/core';
import { loadExcelJs } from '../xlsx/exceljs.ts';
import type { Workbook, Worksheet } from 'exceljs';
import type { PlanDocumentModel, SheetRow } from './plan-document.ts';
import { stripIllegalXmlChars } from './xml-text.ts';

/**
 * The plan as XLSX (issue 6): sheet "Kế hoạch" holds one row per plan row with every text as
 * written and the parsed values beside them (start/end month, amount in đồng, funding source,
 * lead, coordinators, warnings), a frozen header and filters; "Thông tin chung" holds the header
 * fields and sections; Biểu 2 plans add "Vấn đề trọng tâm" and "Theo dõi, đánh giá". Column names
 * are those the importer recognises, so the file can be imported again (issue 7).
 */

/** Column names of the text fields, as the importer matches them. */
export const XLSX_FIELD_HEADERS: Record<RowTextField, string> = {
  currentState: 'Hiện trạng',
  content: 'Nội dung',
  target: 'Kết quả cần đạt',
  tasks: 'Công việc/giải pháp cần thực hiện',
  indicator: 'Chỉ số đánh giá kết quả',
  time: 'Thời gian',
  lead: 'Chủ trì',
  coordinators: 'Phối hợp',
  budget: 'Dự kiến kinh phí',
  support: 'Điều kiện hỗ trợ khác',
  evidence: 'Minh chứng dự kiến',
  progress: 'Tiến độ thực hiện',
  result: 'Kết quả',
  note: 'Ghi chú',
};

const FIELD_WIDTHS: Partial<Record<RowTextField, number>> = {
  time: 18,
  budget: 16,
  lead: 22,
  coordinators: 22,
  progress: 22,
};

/** The parsed columns, after the texts (a different header colour says the system fills them). */
export const XLSX_PARSED_HEADERS = {
  timeStart: 'Từ tháng (hệ thống hiểu)',
  timeEnd: 'Đến tháng (hệ thống hiểu)',
  amount: 'Số tiền, đồng (hệ thống hiểu)',
  fundingSource: 'Nguồn kinh phí (hệ thống hiểu)',
  leadParsed: 'Người chủ trì (hệ thống hiểu)',
  coordinatorsParsed: 'Người phối hợp (hệ thống hiểu)',
  issues: 'Cảnh báo',
} as const;

const TITLE_ROWS = 2;
const HEADER_ROW = TITLE_ROWS + 2;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TEXT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const PARSED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const FONT = { name: 'Times New Roman', size: 12 };
/** Đồng, with thousands separators: 7.000.000 in a Vietnamese Excel. */
export const DONG_FORMAT = '#,##0 "đ"';

const safe = (text: string): string => stripIllegalXmlChars(text).text;

/** "2025-09" → the first of that month (UTC), shown as 09/2025. */
function monthDate(month: string | null): Date | null {
  const m = month ? /^(\d{4})-(\d{2})$/.exec(month) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

interface ColumnSpec {
  header: string;
  width: number;
  parsed: boolean;
  value: (row: SheetRow) => string | number | Date | null;
  numFmt?: string;
}

function planColumns(model: PlanDocumentModel): ColumnSpec[] {
  const fields = model.sheet.fields;
  return [
    { header: 'TT', width: 6, parsed: false, value: (r) => r.tt },
    { header: 'Tiêu chuẩn', width: 10, parsed: false, value: (r) => r.standard },
    { header: 'Tiêu chí', width: 10, parsed: false, value: (r) => r.criterion },
    ...fields.map((f): ColumnSpec => ({
      header: XLSX_FIELD_HEADERS[f],
      width: FIELD_WIDTHS[f] ?? 34,
      parsed: false,
      value: (r) => safe(r.texts[f]),
    })),
    {
      header: XLSX_PARSED_HEADERS.timeStart,
      width: 12,
      parsed: true,
      value: (r) => monthDate(r.timeStart),
      numFmt: 'mm/yyyy',
    },
    {
      header: XLSX_PARSED_HEADERS.timeEnd,
      width: 12,
      parsed: true,
      value: (r) => monthDate(r.timeEnd),
      numFmt: 'mm/yyyy',
    },
    {
      header: XLSX_PARSED_HEADERS.amount,
      width: 18,
      parsed: true,
      value: (r) => r.amount,
      numFmt: DONG_FORMAT,
    },
    {
      header: XLSX_PARSED_HEADERS.fundingSource,
      width: 18,
      parsed: true,
      value: (r) => r.fundingSource,
    },
    {
      header: XLSX_PARSED_HEADERS.leadParsed,
      width: 22,
      parsed: true,
      value: (r) => safe(r.leadParsed),
    },
    {
      header: XLSX_PARSED_HEADERS.coordinatorsParsed,
      width: 22,
      parsed: true,
      value: (r) => safe(r.coordinatorsParsed),
    },
    { header: XLSX_PARSED_HEADERS.issues, width: 30, parsed: true, value: (r) => safe(r.issues) },
  ];
}

function styleHeader(sheet: Worksheet, rowNumber: number, fills: Array<'text' | 'parsed'>): void {
  const row = sheet.getRow(rowNumber);
  row.font = { ...FONT, bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  fills.forEach((kind, i) => {
    const cell = row.getCell(i + 1);
    cell.fill = kind === 'parsed' ? PARSED_FILL : TEXT_FILL;
    cell.border = BORDER;
  });
}

function addPlanSheet(workbook: Workbook, model: PlanDocumentModel): void {
  const columns = planColumns(model);
  const sheet = workbook.addWorksheet('Kế hoạch', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  model.sheet.titleLines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = safe(line);
    cell.font = { ...FONT, bold: true, size: i === 0 ? 14 : 12 };
  });
  if (model.draft) {
    const cell = sheet.getCell(TITLE_ROWS + 1, 1);
    cell.value = 'DỰ THẢO';
    cell.font = { ...FONT, bold: true, color: { argb: 'FFC00000' } };
  }
  const header = sheet.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.height = 45;
  styleHeader(
    sheet,
    HEADER_ROW,
    columns.map((c) => (c.parsed ? 'parsed' : 'text')),
  );
  model.sheet.rows.forEach((planRow, i) => {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    columns.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      const value = c.value(planRow);
      cell.value = value === '' ? null : value;
      cell.border = BORDER;
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  });
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW + Math.max(model.sheet.rows.length, 1), column: columns.length },
  };
  if (model.sheet.rows.length === 0) {
    const cell = sheet.getCell(HEADER_ROW + 1, 1);
    cell.value = '(Kế hoạch chưa có nội dung cải tiến nào.)';
    cell.font = { ...FONT, italic: true };
  }
}

function addListSheet(
  workbook: Workbook,
  name: string,
  headers: Array<{ header: string; width: number }>,
  rows: Array<Array<string | number>>,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ width: h.width }));
  sheet.getRow(1).values = headers.map((h) => h.header);
  styleHeader(
    sheet,
    1,
    headers.map(() => 'text'),
  );
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    values.forEach((value, col) => {
      const cell = row.getCell(col + 1);
      cell.value = typeof value === 'string' ? safe(value) : value;
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
}

/** Renders the plan model to XLSX bytes. */
export async function renderXlsx(model: PlanDocumentModel): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'CaiTien';
  // A fixed date keeps the bytes reproducible for the same plan.
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = workbook.created;
  addPlanSheet(workbook, model);
  addListSheet(
    workbook,
    'Thông tin chung',
    [
      { header: 'Mục', width: 36 },
      { header: 'Nội dung', width: 100 },
    ],
    model.sheet.info.map((entry) => [entry.label, entry.value]),
  );
  if (model.layout === 'bieu2' || model.sheet.focusIssues.length > 0) {
    addListSheet(
      workbook,
      'Vấn đề trọng tâm',
      [
        { header: 'TT', width: 6 },
        { header: 'Tiêu chuẩn', width: 12 },
        { header: 'Tiêu chí liên quan (nếu có)', width: 14 },
        { header: 'Đánh giá hiện trạng', width: 40 },
        { header: 'Điểm hạn chế', width: 40 },
        { header: 'Nguyên nhân của hạn chế', width: 40 },
      ],
      model.sheet.focusIssues.map((f, i) => [
        i + 1,
        f.standardCode ?? '',
        f.criterionCode ?? '',
        f.currentState,
        f.limitation,
        f.cause,
      ]),
    );
  }
  if (model.layout === 'bieu2' || model.sheet.reviews.length > 0) {
    addListSheet(
      workbook,
      'Theo dõi, đánh giá',
      [
        { header: 'Thời điểm', width: 18 },
        { header: 'Nội dung theo dõi', width: 40 },
        { header: 'Kết quả thực hiện', width: 40 },
        { header: 'Điều chỉnh (nếu có)', width: 30 },
        { header: 'Người đánh giá', width: 24 },
      ],
      model.sheet.reviews.map((r) => [r.roundLabel, r.content, r.result, r.adjustment, r.reviewer]),
    );
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
