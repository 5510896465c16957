import { loadExcelJs } from '../xlsx/exceljs.ts';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import { evidenceOf, isDraft, storageText, unplacedEvidence } from './assessment-model.ts';
import {
  centred,
  dataTable,
  dateLine,
  draftMark,
  packDocx,
  para,
  safe,
  signature,
  TEXT_WIDTH,
  type CellInput,
  type TableSpec,
} from './docx-kit.ts';

/**
 * The Danh mục minh chứng. 2018 (CV 5932/5942): TT · Mã minh chứng · Tên minh chứng · Số, ngày ban
 * hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát · Nơi ban hành hoặc nhóm, cá nhân
 * thực hiện · Ghi chú, grouped under standards and criteria, a code cited by several criteria
 * listed under each with the same code, TT restarting under each criterion. TT57 (Phụ lục IV mục
 * II.4): TT · Mã minh chứng · Tên minh chứng · Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử ·
 * Ghi chú, each evidence once under its primary criterion, no other column.
 */

export const EVIDENCE_COLUMNS_2018 = [
  'TT',
  'Mã minh chứng',
  'Tên minh chứng',
  'Số, ngày ban hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát',
  'Nơi ban hành hoặc nhóm, cá nhân thực hiện',
  'Ghi chú',
] as const;

export const EVIDENCE_COLUMNS_TT57 = [
  'TT',
  'Mã minh chứng',
  'Tên minh chứng',
  'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
  'Ghi chú',
] as const;

export interface EvidenceListRow {
  kind: 'standard' | 'criterion' | 'evidence' | 'empty';
  /** Headings: the text; evidence: the cells in the column order. */
  cells: string[];
}

/** The list as rows, shared by the DOCX, the XLSX and the report's Phụ lục. */
export function evidenceListRows(input: AssessmentDocumentInput): {
  columns: readonly string[];
  rows: EvidenceListRow[];
} {
  const tt57 = input.regime === '2026';
  const columns = tt57 ? EVIDENCE_COLUMNS_TT57 : EVIDENCE_COLUMNS_2018;
  const rows: EvidenceListRow[] = [];
  for (const standard of input.framework.standards) {
    rows.push({ kind: 'standard', cells: [`Tiêu chuẩn ${standard.code}: ${standard.title}`] });
    for (const criterion of standard.criteria) {
      rows.push({ kind: 'criterion', cells: [`Tiêu chí ${criterion.code}: ${criterion.title}`] });
      const list = evidenceOf(input, criterion.code);
      if (list.length === 0) {
        rows.push({ kind: 'empty', cells: ['(Chưa có minh chứng)'] });
        continue;
      }
      list.forEach((e, i) => {
        rows.push({
          kind: 'evidence',
          cells: tt57
            ? [String(i + 1), e.code, e.name, storageText(e), e.note]
            : [String(i + 1), e.code, e.name, e.issued, e.issuer, e.note],
        });
      });
    }
  }
  const unplaced = unplacedEvidence(input);
  if (unplaced.length > 0) {
    rows.push({
      kind: 'criterion',
      cells: ['Minh chứng chưa gắn với tiêu chí nào của bộ tiêu chuẩn'],
    });
    unplaced.forEach((e, i) => {
      rows.push({
        kind: 'evidence',
        cells: tt57
          ? [String(i + 1), e.code, e.name, storageText(e), e.note]
          : [String(i + 1), e.code, e.name, e.issued, e.issuer, e.note],
      });
    });
  }
  return { columns, rows };
}

/** The list as a bordered table (DOCX). */
export function evidenceTableSpec(input: AssessmentDocumentInput, width: number): TableSpec {
  const { columns, rows } = evidenceListRows(input);
  const tt57 = input.regime === '2026';
  const widths = tt57 ? [7, 17, 38, 23, 15] : [6, 15, 31, 18, 18, 12];
  const span = columns.length;
  const body: CellInput[][] = rows.map((row) => {
    if (row.kind === 'evidence') {
      return row.cells.map((text, i) => ({ text, align: i === 0 ? 'center' : 'left' }) as const);
    }
    const cell: CellInput = {
      text: row.cells[0] ?? '',
      colSpan: span,
      bold: row.kind !== 'empty',
      italic: row.kind === 'empty',
    };
    return [cell, ...Array.from({ length: span - 1 }, () => null)];
  });
  return { widths, header: [[...columns]], body, width, size: 22 };
}

function title(input: AssessmentDocumentInput): string {
  return input.regime === '2026' ? 'DANH MỤC MINH CHỨNG' : 'DANH MỤC MÃ MINH CHỨNG';
}

/** The evidence list as its own DOCX (landscape: six or five columns of text). */
export async function renderEvidenceListDocx(input: AssessmentDocumentInput): Promise<Buffer> {
  const width = TEXT_WIDTH.landscape;
  return packDocx({
    title: `${title(input)} ${input.school.name}`,
    description: 'Danh mục minh chứng tự đánh giá',
    sections: [
      {
        orientation: 'landscape',
        children: [
          ...(isDraft(input) ? [draftMark()] : []),
          centred(input.school.parentAgency.toUpperCase(), { size: 24 }),
          centred(input.school.name.toUpperCase(), { size: 24, bold: true }, 240),
          centred(title(input), { bold: true }),
          centred(`Năm học ${input.schoolYear}`, { bold: true }, 240),
          dataTable(evidenceTableSpec(input, width)),
          ...para(''),
          signature({
            date: dateLine(input.school.place, input.reportDate),
            lines: ['HIỆU TRƯỞNG'],
            note: '(Ký tên, đóng dấu)',
            name: input.school.principalName,
          }),
        ],
      },
    ],
  });
}

/** The evidence list as a workbook: one sheet, the same columns, headings as merged rows. */
export async function renderEvidenceListXlsx(input: AssessmentDocumentInput): Promise<Buffer> {
  const { columns, rows } = evidenceListRows(input);
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'CaiTien';
  const sheet = workbook.addWorksheet('Danh mục minh chứng', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const last = String.fromCharCode(64 + columns.length);
  const font = { name: 'Times New Roman', size: 12 };
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = safe(`${title(input)} — ${input.school.name}`);
  sheet.getCell('A1').font = { ...font, bold: true, size: 14 };
  sheet.mergeCells(`A2:${last}2`);
  sheet.getCell('A2').value = safe(
    `Năm học ${input.schoolYear}${isDraft(input) ? ' — DỰ THẢO' : ''}`,
  );
  sheet.getCell('A2').font = { ...font, italic: true };
  const header = sheet.getRow(4);
  columns.forEach((label, i) => {
    const cell = header.getCell(i + 1);
    cell.value = label;
    cell.font = { ...font, bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = thin;
  });
  const widths = input.regime === '2026' ? [6, 16, 50, 34, 22] : [6, 16, 46, 28, 28, 18];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  let r = 5;
  for (const row of rows) {
    const excelRow = sheet.getRow(r);
    if (row.kind === 'evidence') {
      row.cells.forEach((text, i) => {
        const cell = excelRow.getCell(i + 1);
        cell.value = i === 0 ? Number(text) : safe(text);
        cell.font = font;
        cell.alignment = {
          wrapText: true,
          vertical: 'top',
          ...(i === 0 ? { horizontal: 'center' } : {}),
        };
        cell.border = thin;
      });
    } else {
      sheet.mergeCells(`A${r}:${last}${r}`);
      const cell = excelRow.getCell(1);
      cell.value = safe(row.cells[0] ?? '');
      cell.font = { ...font, bold: row.kind !== 'empty', italic: row.kind === 'empty' };
      cell.alignment = { wrapText: true, vertical: 'middle' };
      cell.border = thin;
    }
    r += 1;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const thin = {
  top: { style: 'thin' as const },
  left: { style: 'thin' as const },
  bottom: { style: 'thin' as const },
  right: { style: 'thin' as const },
};
