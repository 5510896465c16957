import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxFromParts } from '../xlsx/hostile-xlsx.fixtures.ts';
import { unzipXlsx } from '../xlsx/xlsx-container.ts';
import { parseStaffWorkbook } from './staff-import.ts';
import type { StaffImportResult } from './staff-import.ts';
import {
  buildZip,
  fillSheet,
  STANDARD_HEADER,
  TITLE,
  toBytes,
  workbookWith,
  xlsxSkeleton,
} from './staff-workbook.fixtures.ts';

type Success = Extract<StaffImportResult, { ok: true }>;

async function parseOk(data: Uint8Array, options?: { maxRows?: number }): Promise<Success> {
  const result = await parseStaffWorkbook(data, options);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result;
}

async function parseError(data: Uint8Array, options?: { maxBytes?: number; maxRows?: number }) {
  const result = await parseStaffWorkbook(data, options);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

function warningsOf(result: Success, rowNumber: number | null): string[] {
  return result.issues
    .filter((issue) => issue.rowNumber === rowNumber && issue.severity === 'warning')
    .map((issue) => issue.message);
}

describe('parseStaffWorkbook — finding the table', () => {
  it('reads a list below merged title rows', async () => {
    const data = await workbookWith(
      [
        ['PHÒNG GD&ĐT HUYỆN ĐÔNG ANH', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        [TITLE],
        [],
        [...STANDARD_HEADER],
        [1, 'Nguyễn Văn An', 'Hiệu trưởng', null, 'an.nv@thcs-dongtien.edu.vn', '0912345678', null],
        [2, 'Trần Thị Bình', 'Tổ trưởng', 'Tổ Toán - Tin', 'binh@example.vn', '0987 654 321', 'Nữ'],
      ],
      (sheet) => {
        sheet.mergeCells('A1:C1');
        sheet.mergeCells('E1:G1');
        sheet.mergeCells('A2:G2');
      },
    );
    const result = await parseOk(data);
    expect(result.sheetName).toBe('Danh sách');
    expect(result.headerRow).toBe(4);
    expect(result.columns.map((c) => [c.field, c.column])).toEqual([
      ['ordinal', 1],
      ['fullName', 2],
      ['position', 3],
      ['groups', 4],
      ['email', 5],
      ['phone', 6],
      ['note', 7],
    ]);
    expect(result.rows).toEqual([
      {
        rowNumber: 5,
        fullName: 'Nguyễn Văn An',
        position: 'Hiệu trưởng',
        positionKind: 'principal',
        groups: [],
        email: 'an.nv@thcs-dongtien.edu.vn',
        phone: '0912345678',
        note: null,
      },
      {
        rowNumber: 6,
        fullName: 'Trần Thị Bình',
        position: 'Tổ trưởng',
        positionKind: 'group_leader',
        groups: ['Tổ Toán - Tin'],
        email: 'binh@example.vn',
        phone: '0987 654 321',
        note: 'Nữ',
      },
    ]);
    expect(result.issues).toEqual([]);
    expect(result.unmappedColumns).toEqual([]);
  });

  it('matches headers without diacritics, in another order, and reports unknown columns', async () => {
    const data = await workbookWith([
      ['Ho va ten', 'Ngày sinh', 'EMAIL', 'SĐT', 'chuc vu', 'To', 'TT'],
      ['Lê Văn Cường', '12/03/1985', 'cuong@example.vn', '0901234567', 'GV', 'Tổ Ngữ văn', 1],
    ]);
    const result = await parseOk(data);
    expect(result.headerRow).toBe(1);
    expect(result.unmappedColumns).toEqual([{ header: 'Ngày sinh', column: 2 }]);
    expect(result.rows[0]).toMatchObject({
      fullName: 'Lê Văn Cường',
      position: 'GV',
      positionKind: 'teacher',
      groups: ['Tổ Ngữ văn'],
      email: 'cuong@example.vn',
      phone: '0901234567',
      note: null,
    });
  });

  it('joins a name split into “Họ và tên đệm” and “Tên”, warning when a half is missing', async () => {
    const data = await workbookWith([
      [TITLE],
      ['STT', 'Họ và tên đệm', 'Tên', 'Chức vụ'],
      [1, 'Phạm Thị', 'Dung', 'Kế toán'],
      [2, 'Hoàng', null, 'Bảo vệ'],
    ]);
    const result = await parseOk(data);
    expect(result.columns.filter((c) => c.field === 'fullName')).toEqual([
      { field: 'fullName', header: 'Họ và tên đệm', column: 2 },
      { field: 'fullName', header: 'Tên', column: 3 },
    ]);
    expect(result.rows.map((row) => [row.fullName, row.positionKind])).toEqual([
      ['Phạm Thị Dung', 'accountant'],
      ['Hoàng', 'staff'],
    ]);
    expect(warningsOf(result, 4).join()).toMatch(/cột “Tên” trống/);
  });

  it('reads a two-row header: “Họ và tên” merged over “Họ đệm” | “Tên”', async () => {
    const data = await workbookWith(
      [
        [TITLE],
        [],
        ['STT', 'Họ và tên', null, 'Chức vụ', 'Tổ chuyên môn'],
        [null, 'Họ đệm', 'Tên'],
        [1, 'Vũ Thị', 'Hạnh', 'Phó hiệu trưởng', null],
        [2, 'Đỗ Minh', 'Khoa', 'Giáo viên', 'Tổ KHTN'],
      ],
      (sheet) => {
        sheet.mergeCells('A1:E1');
        sheet.mergeCells('A3:A4');
        sheet.mergeCells('B3:C3');
        sheet.mergeCells('D3:D4');
        sheet.mergeCells('E3:E4');
      },
    );
    const result = await parseOk(data);
    expect(result.headerRow).toBe(3);
    expect(result.rows.map((row) => [row.rowNumber, row.fullName, row.positionKind])).toEqual([
      [5, 'Vũ Thị Hạnh', 'vice_principal'],
      [6, 'Đỗ Minh Khoa', 'teacher'],
    ]);
    expect(result.issues).toEqual([]);
  });

  it('joins a name typed across the two columns under a merged “Họ và tên”', async () => {
    const data = await workbookWith(
      [
        ['TT', 'Họ và tên', null, 'Chức vụ'],
        [1, 'Ngô Văn', 'Long', 'Nhân viên'],
        [2, 'Bùi Thị Mai', null, 'Giáo viên'],
      ],
      (sheet) => sheet.mergeCells('B1:C1'),
    );
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.fullName)).toEqual(['Ngô Văn Long', 'Bùi Thị Mai']);
    expect(result.issues).toEqual([]);
  });

  it('finds the header on the second sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    fillSheet(workbook.addWorksheet('Hướng dẫn'), [
      ['Điền danh sách ở trang sau.'],
      ['Cột Họ và tên là bắt buộc.'],
    ]);
    fillSheet(workbook.addWorksheet('DS CBGVNV'), [
      [TITLE],
      ['STT', 'Họ tên', 'Chức danh'],
      [1, 'Trịnh Văn Nam', 'Tổng phụ trách Đội'],
    ]);
    const result = await parseOk(await toBytes(workbook));
    expect(result.sheetName).toBe('DS CBGVNV');
    expect(result.headerRow).toBe(2);
    expect(result.rows[0]).toMatchObject({
      fullName: 'Trịnh Văn Nam',
      positionKind: 'youth_leader',
    });
  });

  it('skips a row of column numbers under the header', async () => {
    const data = await workbookWith([
      [...STANDARD_HEADER],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
      [1, 'Nguyễn Thị Lan', 'Giáo viên'],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.rowNumber)).toEqual([3]);
    expect(result.issues).toEqual([]);
  });

  it('reports a repeated column and reads only the first', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Điện thoại', 'SĐT'],
      ['Mai Văn Tú', '0911111111', '0922222222'],
    ]);
    const result = await parseOk(data);
    expect(result.rows[0]?.phone).toBe('0911111111');
    expect(result.unmappedColumns).toEqual([{ header: 'SĐT', column: 3 }]);
    expect(warningsOf(result, 1).join()).toMatch(/“SĐT” trùng ý nghĩa/);
  });
});

describe('parseStaffWorkbook — cells', () => {
  it('restores the leading 0 of a 9-digit phone stored as a number, and warns', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Số điện thoại'],
      ['Nguyễn Văn An', 912345678],
      ['Trần Văn Bảo', 84912345678],
      ['Lê Thị Chi', '0912 345 678'],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.phone)).toEqual([
      '0912345678',
      '84912345678',
      '0912 345 678',
    ]);
    expect(warningsOf(result, 2).join()).toMatch(/đã đọc thành “0912345678”/);
    expect(warningsOf(result, 3).join()).toMatch(/có thể đã mất số 0/);
    expect(warningsOf(result, 4)).toEqual([]);
  });

  it('reads rich text, formula results, hyperlinks and dates as their text', async () => {
    const data = await workbookWith([['Họ và tên', 'Email', 'Chức vụ', 'Ghi chú']], (sheet) => {
      sheet.getCell('A2').value = {
        richText: [{ text: 'Đặng ' }, { font: { bold: true }, text: 'Thu Hà' }],
      };
      sheet.getCell('B2').value = { text: 'ha@example.vn', hyperlink: 'mailto:ha@example.vn' };
      sheet.getCell('C2').value = { formula: '"Giáo"&" viên"', result: 'Giáo viên' };
      sheet.getCell('D2').value = new Date(Date.UTC(2025, 8, 5));
      sheet.getCell('A3').value = 'Phan Văn Khải';
      sheet.getCell('C3').value = { formula: 'VLOOKUP(1,X:Y,2,0)', result: { error: '#N/A' } };
    });
    const result = await parseOk(data);
    expect(result.rows[0]).toMatchObject({
      fullName: 'Đặng Thu Hà',
      email: 'ha@example.vn',
      position: 'Giáo viên',
      positionKind: 'teacher',
      note: '05/09/2025',
    });
    expect(result.rows[1]?.position).toBeNull();
    expect(warningsOf(result, 3).join()).toMatch(/lỗi công thức \(#N\/A\)/);
  });

  it('keeps text as typed: inner spaces and case stay, edge spaces go without an issue', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Chức vụ'],
      ['  nguyễn  văn AN ', '  Giáo viên  '],
    ]);
    const result = await parseOk(data);
    expect(result.rows[0]).toMatchObject({ fullName: 'nguyễn  văn AN', position: 'Giáo viên' });
    expect(result.issues).toEqual([]);
  });

  it('splits groups on comma, semicolon, slash and line break', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Tổ chuyên môn'],
      ['Châu Văn Lộc', 'Tổ Toán, Tổ Lý;Tổ Hóa / Tổ Sinh\nTổ Văn - Sử ,'],
    ]);
    const result = await parseOk(data);
    expect(result.rows[0]?.groups).toEqual([
      'Tổ Toán',
      'Tổ Lý',
      'Tổ Hóa',
      'Tổ Sinh',
      'Tổ Văn - Sử',
    ]);
  });

  it('gives a group merged down its members’ rows to each of them', async () => {
    const data = await workbookWith(
      [
        ['STT', 'Họ và tên', 'Tổ'],
        [1, 'Âu Văn Một', 'Tổ Toán'],
        [2, 'Âu Văn Hai'],
        [3, 'Âu Văn Ba', 'Tổ Văn'],
      ],
      (sheet) => sheet.mergeCells('C2:C3'),
    );
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.groups)).toEqual([['Tổ Toán'], ['Tổ Toán'], ['Tổ Văn']]);
  });

  it('warns on an invalid email and keeps it as typed', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Email'],
      ['Tạ Văn Sơn', 'son.tv@gmail'],
      ['Tạ Văn Thủy', 'thuy @example.vn'],
      ['Tạ Văn Hải', 'hai@example.vn'],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.email)).toEqual([
      'son.tv@gmail',
      'thuy @example.vn',
      'hai@example.vn',
    ]);
    expect(warningsOf(result, 2).join()).toMatch(/email “son.tv@gmail” không hợp lệ/);
    expect(warningsOf(result, 3)).toHaveLength(1);
    expect(warningsOf(result, 4)).toEqual([]);
  });
});

describe('parseStaffWorkbook — rows and issues', () => {
  it('ignores empty rows and rows holding only an STT', async () => {
    const data = await workbookWith([
      [...STANDARD_HEADER],
      [1, 'Nguyễn Văn An'],
      [],
      [],
      [2, 'Trần Văn Bình'],
      [3],
      [4],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.rowNumber)).toEqual([2, 5]);
    expect(result.issues).toEqual([]);
  });

  it('skips a row without a name with an error, and keeps going', async () => {
    const data = await workbookWith([
      [...STANDARD_HEADER],
      [1, 'Nguyễn Văn An', 'GV'],
      [2, null, 'Giáo viên', 'Tổ Toán', 'x@example.vn'],
      [3, 'Lý Thị Cúc', 'NV'],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.fullName)).toEqual(['Nguyễn Văn An', 'Lý Thị Cúc']);
    expect(result.issues).toEqual([
      {
        rowNumber: 3,
        column: 2,
        severity: 'error',
        message: expect.stringMatching(/^Dòng 3: thiếu họ tên .*không được nhập/),
      },
    ]);
  });

  it('warns on duplicated names (NFC, case-insensitive), naming both rows, and keeps both', async () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    const data = await workbookWith([
      ['Họ và tên', 'Chức vụ'],
      ['Nguyễn Văn An', 'Giáo viên'],
      ['Trần Thị Bình', 'Giáo viên'],
      ['NGUYỄN VĂN AN', 'Giáo viên'],
      [decomposed, 'Nhân viên'],
      ['Nguyễn Văn Ân', 'Giáo viên'],
    ]);
    const result = await parseOk(data);
    expect(result.rows).toHaveLength(5);
    expect(warningsOf(result, 4).join()).toMatch(/dòng 4 trùng với dòng 2/);
    expect(warningsOf(result, 5).join()).toMatch(/dòng 5 trùng với dòng 2/);
    expect(warningsOf(result, 6)).toEqual([]);
  });

  it('warns when more than one person is Hiệu trưởng', async () => {
    const data = await workbookWith([
      ['Họ và tên', 'Chức vụ'],
      ['Nguyễn Văn An', 'Hiệu trưởng'],
      ['Trần Văn Bình', 'Phó hiệu trưởng'],
      ['Lê Văn Cường', 'HIỆU TRƯỞNG'],
    ]);
    const result = await parseOk(data);
    expect(warningsOf(result, null)).toEqual([
      expect.stringMatching(/Có 2 người giữ chức vụ Hiệu trưởng \(dòng 2, 4\)/),
    ]);
  });

  it('skips section rows (“I” + “BAN GIÁM HIỆU”, “II. Nhân viên”, a merged heading) with a warning', async () => {
    const data = await workbookWith(
      [
        [...STANDARD_HEADER],
        ['I', 'BAN GIÁM HIỆU'],
        [1, 'Nguyễn Văn An', 'Hiệu trưởng'],
        [null, 'TỔ TOÁN - TIN'],
        [2, 'Trần Văn Bình', 'Giáo viên'],
        [null, 'II. Nhân viên'],
        [3, 'Lê Thị Cúc', 'Kế toán'],
      ],
      (sheet) => sheet.mergeCells('B4:G4'),
    );
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.fullName)).toEqual([
      'Nguyễn Văn An',
      'Trần Văn Bình',
      'Lê Thị Cúc',
    ]);
    for (const row of [2, 4, 6]) expect(warningsOf(result, row).join()).toMatch(/tiêu đề nhóm/);
  });

  it('warns (and keeps) a bare upper-case name that looks like a group, but not the surname Tô', async () => {
    const data = await workbookWith([['Họ và tên', 'Chức vụ'], ['TỔ VĂN PHÒNG'], ['TÔ VĂN LÂM']]);
    const result = await parseOk(data);
    expect(result.rows).toHaveLength(2);
    expect(warningsOf(result, 2).join()).toMatch(/trông giống tên tổ/);
    expect(warningsOf(result, 3)).toEqual([]);
  });

  it('ends the table at the signature block and says so', async () => {
    const data = await workbookWith([
      [...STANDARD_HEADER],
      [1, 'Nguyễn Văn An', 'Giáo viên'],
      [2, 'Trần Văn Bình', 'Giáo viên'],
      [],
      [null, null, null, null, 'Đông Anh, ngày 05 tháng 9 năm 2025'],
      [null, 'Người lập biểu', null, null, 'HIỆU TRƯỞNG'],
      [],
      [null, 'Lê Thị Cúc', null, null, 'Phạm Văn Dũng'],
    ]);
    const result = await parseOk(data);
    expect(result.rows.map((row) => row.fullName)).toEqual(['Nguyễn Văn An', 'Trần Văn Bình']);
    expect(warningsOf(result, 5).join()).toMatch(
      /phần ký tên.*bảng kết thúc ở dòng 3, 2 dòng có nội dung bên dưới/,
    );
  });
});

describe('parseStaffWorkbook — bad input', () => {
  it('refuses random bytes, a PDF and a legacy .xls', async () => {
    const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 256);
    expect((await parseError(random)).code).toBe('NOT_XLSX');
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj');
    expect(await parseError(pdf)).toMatchObject({
      code: 'NOT_XLSX',
      message: expect.stringMatching(/PDF/),
    });
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await parseError(ole)).toMatchObject({
      code: 'NOT_XLSX',
      message: expect.stringMatching(/Excel cũ \(\.xls/),
    });
  });

  it('refuses a password-protected workbook', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(
      [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]),
      1200,
    );
    expect((await parseError(ole)).code).toBe('ENCRYPTED');
  });

  it('refuses a truncated workbook as CORRUPT', async () => {
    const data = await workbookWith([[...STANDARD_HEADER], [1, 'Nguyễn Văn An']]);
    expect((await parseError(data.subarray(0, Math.floor(data.length * 0.6)))).code).toBe(
      'CORRUPT',
    );
  });

  it('refuses a zip bomb by its declared size', async () => {
    const bomb = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(10), declaredSize: 4_000_000_000 },
    ]);
    expect((await parseError(bomb)).code).toBe('TOO_LARGE');
  });

  it('refuses a file over maxBytes', async () => {
    const data = await workbookWith([[...STANDARD_HEADER], [1, 'Nguyễn Văn An']]);
    expect(await parseError(data, { maxBytes: 1000 })).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/Tệp quá lớn/),
    });
  });

  it('says NO_TABLE for an empty workbook, an empty sheet and a sheet without “Họ và tên”', async () => {
    const empty = await parseError(await toBytes(new ExcelJS.Workbook()));
    expect(empty.code).toBe('NO_TABLE');
    const blankSheet = new ExcelJS.Workbook();
    blankSheet.addWorksheet('Sheet1');
    expect((await parseError(await toBytes(blankSheet))).code).toBe('NO_TABLE');
    const noName = await parseError(
      await workbookWith([[TITLE], ['STT', 'Tên', 'Chức vụ'], [1, 'An', 'GV']]),
    );
    expect(noName).toMatchObject({
      code: 'NO_TABLE',
      message: expect.stringMatching(/^Không tìm thấy bảng danh sách có cột “Họ và tên”/),
    });
  });

  it('refuses more than maxRows data rows (2001 by default) but reads 2000', async () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => [i + 1, `Người số ${i + 1}`, 'Giáo viên']);
    const tooMany = await parseError(
      await workbookWith([['STT', 'Họ và tên', 'Chức vụ'], ...rows(2001)]),
    );
    expect(tooMany).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringMatching(/2001 dòng.*2000 dòng/),
    });
    const enough = await parseOk(
      await workbookWith([['STT', 'Họ và tên', 'Chức vụ'], ...rows(2000)]),
    );
    expect(enough.rows).toHaveLength(2000);
    const small = await workbookWith([['Họ và tên'], ['A'], ['B'], ['C']]);
    expect((await parseError(small, { maxRows: 2 })).code).toBe('TOO_MANY_ROWS');
  });

  it('answers NOT_XLSX, never throws, for something that is not bytes', async () => {
    const result = await parseStaffWorkbook('PK..' as unknown as Uint8Array);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_XLSX' } });
  });

  it('accepts a Node Buffer as well as a Uint8Array view into a larger buffer', async () => {
    const data = await workbookWith([['Họ và tên'], ['Nguyễn Văn An']]);
    expect((await parseOk(Buffer.from(data))).rows).toHaveLength(1);
    const padded = new Uint8Array(data.length + 20);
    padded.set(data, 10);
    expect((await parseOk(padded.subarray(10, 10 + data.length))).rows).toHaveLength(1);
  });
});

describe('parseStaffWorkbook — parts exceljs would expand without bound', () => {
  it('reads quickly a sheet with a column range and a validation over the whole sheet', async () => {
    const valid = await workbookWith([['Họ và tên'], ['Nguyễn Văn An']]);
    const unzipped = unzipXlsx(valid);
    if (!unzipped.ok) throw new Error('fixture should unzip');
    const entries = unzipped.entries.map(({ name, data }) => {
      if (name !== 'xl/worksheets/sheet1.xml') return { name, data, deflate: true };
      const xml = new TextDecoder()
        .decode(data)
        .replace('<sheetData>', '<cols><col min="1" max="1000000000" width="9"/></cols><sheetData>')
        .replace(
          '</sheetData>',
          '</sheetData><dataValidations count="1"><dataValidation type="list" ' +
            'sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
        );
      return { name, data: new TextEncoder().encode(xml), deflate: true };
    });
    const started = performance.now();
    const result = await parseOk(buildZip(entries));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.rows.map((row) => row.fullName)).toEqual(['Nguyễn Văn An']);
  });

  it('reads quickly a workbook whose defined name covers 143 million cells (as real files do)', async () => {
    const valid = await workbookWith([['Họ và tên'], ['Nguyễn Văn An']]);
    const unzipped = unzipXlsx(valid);
    if (!unzipped.ok) throw new Error('fixture should unzip');
    const entries = unzipped.entries.map(({ name, data }) => {
      if (name !== 'xl/workbook.xml') return { name, data, deflate: true };
      const names =
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">' +
        "'Danh sách'!$A$3:$XEJ$8752</definedName></definedNames>";
      const xml = new TextDecoder().decode(data).replace('</sheets>', `</sheets>${names}`);
      expect(xml).toContain(names);
      return { name, data: new TextEncoder().encode(xml), deflate: true };
    });
    const started = performance.now();
    const result = await parseOk(buildZip(entries));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.rows).toHaveLength(1);
  });
});

describe('text the database cannot hold (issue 11)', () => {
  it('removes NUL and controls (_x0000_), replaces lone surrogates, reports each, skips blank names', async () => {
    const texts = [
      'STT',
      'Họ và tên',
      'Chức vụ',
      'Nguyễn_x0000_ Văn An',
      'Giáo_xD800_ viên',
      '_x200B__x00A0_',
      'Trần Thị  Bình',
    ];
    const sharedStrings = `<sst>${texts.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`;
    const s = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
    const bytes = xlsxFromParts({
      sheetData:
        `<row r="1">${s('A1', 0)}${s('B1', 1)}${s('C1', 2)}</row>` +
        `<row r="2"><c r="A2"><v>1</v></c>${s('B2', 3)}${s('C2', 4)}</row>` +
        `<row r="3"><c r="A3"><v>2</v></c>${s('B3', 5)}${s('C3', 4)}</row>` +
        `<row r="4"><c r="A4"><v>3</v></c>${s('B4', 6)}</row>`,
      sharedStrings,
    });
    const result = await parseStaffWorkbook(bytes);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rows.map((row) => [row.rowNumber, row.fullName, row.position])).toEqual([
      [2, 'Nguyễn Văn An', 'Giáo\uFFFD viên'],
      // Kept exactly as written otherwise (the double space).
      [4, 'Trần Thị  Bình', null],
    ]);
    const messages = result.issues.map((found) => `${found.rowNumber}: ${found.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2: Dòng 2, cột “Họ và tên”: ký tự rỗng NUL \(U\+0000\) đã bị xóa/),
        expect.stringMatching(/^2: Dòng 2, cột “Chức vụ”: ký tự hỏng U\+D800/),
        expect.stringMatching(/^3: Dòng 3: .*(không được nhập|bỏ qua)/),
      ]),
    );
  });
});
