import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipXlsx } from '../xlsx/xlsx-container.ts';
import { classifyPosition, POSITION_KINDS } from './position-kind.ts';
import { parseStaffWorkbook } from './staff-import.ts';
import { buildStaffTemplate } from './staff-template.ts';
import { STANDARD_HEADER, toBytes } from './staff-workbook.fixtures.ts';

async function loadTemplate(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildStaffTemplate()).slice().buffer);
  return workbook;
}

describe('buildStaffTemplate', () => {
  it('is read back by parseStaffWorkbook: header, example rows and their warnings', async () => {
    const result = await parseStaffWorkbook(await buildStaffTemplate());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sheetName).toBe('Danh sách');
    expect(result.headerRow).toBe(3);
    expect(result.columns.map((column) => column.header)).toEqual([...STANDARD_HEADER]);
    expect(result.unmappedColumns).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 4,
        fullName: 'Nguyễn Văn An',
        position: 'Hiệu trưởng',
        positionKind: 'principal',
        groups: [],
        email: 'nguyenvanan@example.edu.vn',
        phone: '0912345678',
        note: 'Dòng ví dụ — xóa trước khi nhập',
      },
      {
        rowNumber: 5,
        fullName: 'Trần Thị Bình',
        position: 'Giáo viên',
        positionKind: 'teacher',
        groups: ['Tổ Toán', 'Tổ Tin học'],
        email: 'tranthibinh@example.edu.vn',
        phone: '0987654321',
        note: 'Dòng ví dụ — xóa trước khi nhập',
      },
    ]);
    expect(result.issues.map((issue) => [issue.rowNumber, issue.severity])).toEqual([
      [4, 'warning'],
      [5, 'warning'],
    ]);
    expect(result.issues[0]?.message).toMatch(/dòng ví dụ/);
  });

  it('has a merged title, a frozen header, column widths, text-formatted contacts and a position list', async () => {
    const sheet = (await loadTemplate()).getWorksheet('Danh sách');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN');
    expect(sheet.getCell('G1').isMerged).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(2).width).toBe(28);
    expect(sheet.getCell('F10').numFmt).toBe('@');
    // Read back by exceljs as one validation per cell of the range C4:C503.
    expect(sheet.getCell('C3').dataValidation).toBeUndefined();
    expect(sheet.getCell('C503').dataValidation).toBeDefined();
    expect(sheet.getCell('C504').dataValidation).toBeUndefined();
    const validation = sheet.getCell('C10').dataValidation;
    expect(validation.type).toBe('list');
    // Other positions may be typed: no error box (absent in the XML means off).
    expect(validation.showErrorMessage ?? false).toBe(false);
    const choices = (validation.formulae?.[0] as string).replace(/^"|"$/g, '').split(',');
    expect(choices).toEqual(POSITION_KINDS.filter((k) => k.kind !== 'other').map((k) => k.label));
    for (const choice of choices) expect(classifyPosition(choice)).not.toBe('other');
    expect(choices.join(',').length + 2).toBeLessThanOrEqual(255); // Excel's limit for a literal list
  });

  it('writes the position list as one range (exceljs would write overlapping ones)', async () => {
    const unzipped = unzipXlsx(await buildStaffTemplate());
    if (!unzipped.ok) throw new Error('template should unzip');
    const sheet = unzipped.entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    const xml = new TextDecoder().decode(sheet?.data);
    expect(xml.match(/sqref="[^"]*"/g)).toEqual(['sqref="C4:C503"']);
    expect(xml).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
  });

  it('reads a template a school has filled in, without warnings', async () => {
    const workbook = await loadTemplate();
    const sheet = workbook.getWorksheet('Danh sách');
    if (!sheet) throw new Error('sheet missing');
    const people = [
      [1, 'Hà Văn Quang', 'Hiệu trưởng', null, 'quang@example.vn', '0911000111', null],
      [2, 'Lương Thị Hoa', 'Tổ trưởng', 'Tổ Xã hội', 'hoa@example.vn', '0911000222', null],
      [3, 'Kim Văn Tài', 'Nhân viên', 'Tổ Văn phòng', null, null, 'Văn thư'],
    ];
    people.forEach((values, index) => {
      values.forEach((value, column) => {
        sheet.getCell(4 + index, column + 1).value = value;
      });
    });
    const result = await parseStaffWorkbook(await toBytes(workbook));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((row) => [row.fullName, row.positionKind, row.phone])).toEqual([
      ['Hà Văn Quang', 'principal', '0911000111'],
      ['Lương Thị Hoa', 'group_leader', '0911000222'],
      ['Kim Văn Tài', 'staff', null],
    ]);
    expect(result.issues).toEqual([]);
  });
});
