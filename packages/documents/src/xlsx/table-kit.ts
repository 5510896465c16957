import type { Worksheet } from 'exceljs';
import { safe } from '../assessment/docx-kit.ts';

/**
 * The few cell styles the workbooks of tables share (the assessment summary, the offices'
 * roll-up): Times New Roman 12, thin borders, a bold centred header row, values with their text
 * made safe for a spreadsheet and numbers kept as numbers (thousands grouped).
 */
export const TABLE_FONT = { name: 'Times New Roman', size: 12 };
export const THIN_BORDER = {
  top: { style: 'thin' as const },
  left: { style: 'thin' as const },
  bottom: { style: 'thin' as const },
  right: { style: 'thin' as const },
};

/** A header row: bold, centred, wrapped, with each column's width (else `defaultWidth`). */
export function headerRow(
  sheet: Worksheet,
  row: number,
  labels: string[],
  widths: number[],
  defaultWidth = 12,
): void {
  labels.forEach((label, i) => {
    const cell = sheet.getRow(row).getCell(i + 1);
    cell.value = label;
    cell.font = { ...TABLE_FONT, bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = THIN_BORDER;
    sheet.getColumn(i + 1).width = widths[i] ?? defaultWidth;
  });
}

/** A row of values; numbers of 1,000 and more show their thousands grouped. */
export function valueRow(
  sheet: Worksheet,
  row: number,
  values: (string | number | null)[],
  bold = false,
): void {
  values.forEach((value, i) => {
    const cell = sheet.getRow(row).getCell(i + 1);
    cell.value = typeof value === 'string' ? safe(value) : value;
    cell.font = { ...TABLE_FONT, bold };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.border = THIN_BORDER;
    if (typeof value === 'number' && Math.abs(value) >= 1000) cell.numFmt = '#,##0';
  });
}
