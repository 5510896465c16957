import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleBieu2Plan, syntheticPlan } from '../testing/sample-plans.ts';
import { buildPlanDocument } from './plan-document.ts';
import { DONG_FORMAT, renderXlsx, XLSX_FIELD_HEADERS, XLSX_PARSED_HEADERS } from './render-xlsx.ts';

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function headerIndex(sheet: ExcelJS.Worksheet, rowNumber: number): Map<string, number> {
  const map = new Map<string, number>();
  sheet.getRow(rowNumber).eachCell((cell, col) => map.set(String(cell.value), col));
  return map;
}

describe('renderXlsx', () => {
  it('writes one row per plan row with the texts and the parsed fields beside them', async () => {
    const plan = syntheticPlan('A', 12);
    if (plan.rows[1]) plan.rows[1].tasks = 'Dòng một\nDòng hai — có dấu: ếễệ';
    const workbook = await open(await renderXlsx(buildPlanDocument(plan)));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kế hoạch', 'Thông tin chung']);
    const sheet = workbook.getWorksheet('Kế hoạch');
    if (!sheet) throw new Error('sheet');
    const headers = headerIndex(sheet, 4);
    const col = (name: string): number => {
      const c = headers.get(name);
      if (c === undefined) throw new Error(`no column ${name}`);
      return c;
    };
    // Frozen header and filters.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.autoFilter).toBeTruthy();
    // Texts exactly, line breaks included.
    const row2 = sheet.getRow(6);
    expect(row2.getCell(col(XLSX_FIELD_HEADERS.tasks)).value).toBe(
      'Dòng một\nDòng hai — có dấu: ếễệ',
    );
    // Row 1: "7.000.000" → 7,000,000 đồng, formatted in đồng; months as dates shown mm/yyyy.
    const row1 = sheet.getRow(5);
    expect(row1.getCell(col(XLSX_FIELD_HEADERS.budget)).value).toBe('7.000.000');
    const amount = row1.getCell(col(XLSX_PARSED_HEADERS.amount));
    expect(amount.value).toBe(7_000_000);
    expect(amount.numFmt).toBe(DONG_FORMAT);
    const start = row1.getCell(col(XLSX_PARSED_HEADERS.timeStart));
    expect(start.value).toEqual(new Date(Date.UTC(2025, 8, 1)));
    expect(start.numFmt).toBe('mm/yyyy');
    expect(row1.getCell(col(XLSX_PARSED_HEADERS.timeEnd)).value).toEqual(
      new Date(Date.UTC(2026, 4, 1)),
    );
    expect(row1.getCell(col(XLSX_PARSED_HEADERS.fundingSource)).value).toBe('Chưa rõ');
    expect(row1.getCell(col(XLSX_PARSED_HEADERS.leadParsed)).value).toBe('Hiệu trưởng');
    // "Xã hội hóa" → socialised, no amount.
    const row3 = sheet.getRow(7);
    expect(row3.getCell(col(XLSX_PARSED_HEADERS.fundingSource)).value).toBe('Xã hội hóa');
    expect(row3.getCell(col(XLSX_PARSED_HEADERS.amount)).value).toBeNull();
    // Criterion and group columns.
    expect(row1.getCell(col('Tiêu chí')).value).toBe('1.1');
    expect(row1.getCell(col('Tiêu chuẩn')).value).toBe('1');
    const last = sheet.getRow(4 + 12);
    expect(last.getCell(col('Tiêu chuẩn')).value).toBe('ĐG Mức 4');
    expect(last.getCell(col('Tiêu chí')).value).toBe('1');
    expect(sheet.getCell('A3').value).toBe('DỰ THẢO');
  });

  it('leaves hidden columns out and adds the Biểu 2 sheets', async () => {
    const plan = sampleBieu2Plan();
    plan.plan.hiddenColumns = ['note', 'currentState'];
    const workbook = await open(await renderXlsx(buildPlanDocument(plan)));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Kế hoạch',
      'Thông tin chung',
      'Vấn đề trọng tâm',
      'Theo dõi, đánh giá',
    ]);
    const sheet = workbook.getWorksheet('Kế hoạch');
    if (!sheet) throw new Error('sheet');
    const headers = headerIndex(sheet, 4);
    expect(headers.has(XLSX_FIELD_HEADERS.note)).toBe(false);
    expect(headers.has(XLSX_FIELD_HEADERS.indicator)).toBe(true);
    // "Ngân sách: 20.000.000; XHH: 10.000.000" → 30,000,000 from both sources.
    const row2 = sheet.getRow(6);
    expect(row2.getCell(headers.get(XLSX_PARSED_HEADERS.amount) ?? 0).value).toBe(30_000_000);
    expect(row2.getCell(headers.get(XLSX_PARSED_HEADERS.fundingSource) ?? 0).value).toBe(
      'Ngân sách và xã hội hóa',
    );
    const focus = workbook.getWorksheet('Vấn đề trọng tâm');
    expect(focus?.getRow(2).getCell(3).value).toBe('2.3');
    const info = workbook.getWorksheet('Thông tin chung');
    const labels: string[] = [];
    info?.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toContain('VIII. CƠ CHẾ ĐÁNH GIÁ VÀ BÁO CÁO');
  });

  it('writes an empty plan and strips control characters', async () => {
    const plan = { ...syntheticPlan('B', 1), rows: [] };
    const workbook = await open(await renderXlsx(buildPlanDocument(plan)));
    expect(workbook.getWorksheet('Kế hoạch')?.getCell('A5').value).toBe(
      '(Kế hoạch chưa có nội dung cải tiến nào.)',
    );
    const dirty = syntheticPlan('B', 1);
    if (dirty.rows[0]) dirty.rows[0].result = 'X\u0002Y';
    dirty.focusIssues = [
      {
        standardCode: '1',
        criterionCode: null,
        currentState: 'a\u0003b',
        limitation: '',
        cause: '',
      },
    ];
    const again = await open(await renderXlsx(buildPlanDocument(dirty)));
    const sheet = again.getWorksheet('Kế hoạch');
    const headers = sheet ? headerIndex(sheet, 4) : new Map<string, number>();
    expect(sheet?.getRow(5).getCell(headers.get(XLSX_FIELD_HEADERS.result) ?? 0).value).toBe('XY');
    expect(again.getWorksheet('Vấn đề trọng tâm')?.getRow(2).getCell(4).value).toBe('ab');
  });
});
