import { describe, expect, it } from 'vitest';
import { buildZip } from '../staff-import/staff-workbook.fixtures.ts';
import { docx, docxEntries, documentXml, paragraph, table, xlsx } from './plan-files.fixtures.ts';
import { importPlanFile, importPlanTable } from './plan-import.ts';
import type { PlanImportErrorCode, PlanImportOptions } from './plan-import.types.ts';

/** Bad input: each case answers with its code and a Vietnamese message saying what to do. */

const PLAN_TABLE = table([
  ['TT', 'Tiêu chí', 'Kết quả cần đạt', 'Công việc/giải pháp', 'Thời gian'],
  ['1', '1.1', 'Mục tiêu', 'Giải pháp', 'Tháng 9/2025'],
]);

function ole(streamName: string): Uint8Array {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const name = [...streamName].flatMap((ch) => [ch.charCodeAt(0), 0]);
  const bytes = new Uint8Array(4096);
  bytes.set(magic, 0);
  bytes.set(name, 1024);
  return bytes;
}

const ascii = (text: string) => new TextEncoder().encode(text);

async function refusal(bytes: Uint8Array, options: PlanImportOptions = {}) {
  const result = await importPlanFile(bytes, options);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const CASES: Array<{
  name: string;
  bytes: () => Uint8Array | Promise<Uint8Array>;
  code: PlanImportErrorCode;
  message: RegExp;
  options?: PlanImportOptions;
}> = [
  { name: 'an empty file', bytes: () => new Uint8Array(), code: 'EMPTY_FILE', message: /Tệp rỗng/ },
  {
    name: 'random bytes',
    bytes: () => Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 251),
    code: 'UNSUPPORTED_FORMAT',
    message: /không phải tài liệu Word \(\.docx\) hay bảng tính Excel/,
  },
  // A PDF is read since issue 16; one with a header and nothing else is damaged.
  {
    name: 'a PDF with nothing after its header',
    bytes: () => ascii('%PDF-1.7\n…'),
    code: 'CORRUPT',
    message: /Không đọc được tệp PDF/,
  },
  {
    name: 'an HTML page renamed .docx',
    bytes: () => ascii('<!DOCTYPE html><html><body><table></table></body></html>'),
    code: 'UNSUPPORTED_FORMAT',
    message: /trang web \(HTML\)/,
  },
  {
    name: 'an RTF file',
    bytes: () => ascii('{\\rtf1\\ansi …}'),
    code: 'UNSUPPORTED_FORMAT',
    message: /RTF/,
  },
  {
    name: 'a password-protected Word/Excel file (OLE with EncryptedPackage)',
    bytes: () => ole('EncryptedPackage'),
    code: 'ENCRYPTED',
    message: /đặt mật khẩu.*gỡ mật khẩu/,
  },
  {
    name: 'a Word 97–2003 .doc',
    bytes: () => ole('WordDocument'),
    code: 'UNSUPPORTED_FORMAT',
    message: /Word cũ \(\.doc/,
  },
  {
    name: 'an Excel 97–2003 .xls',
    bytes: () => ole('Workbook'),
    code: 'UNSUPPORTED_FORMAT',
    message: /Excel cũ \(\.xls/,
  },
  {
    name: 'a ZIP entry encrypted with a password',
    bytes: () => buildZip(docxEntries(documentXml([PLAN_TABLE])).map((e) => ({ ...e, flags: 1 }))),
    code: 'ENCRYPTED',
    message: /mật khẩu/,
  },
  {
    name: 'an OpenDocument text',
    bytes: () =>
      buildZip([
        { name: 'mimetype', data: ascii('application/vnd.oasis.opendocument.text') },
        { name: 'content.xml', data: ascii('<office:document-content/>'), deflate: true },
      ]),
    code: 'UNSUPPORTED_FORMAT',
    message: /OpenDocument/,
  },
  {
    name: 'a ZIP that is neither DOCX nor XLSX',
    bytes: () => buildZip([{ name: 'readme.txt', data: ascii('hello'), deflate: true }]),
    code: 'UNSUPPORTED_FORMAT',
    message: /Tệp nén không phải/,
  },
  {
    name: 'a truncated DOCX',
    bytes: () => docx([PLAN_TABLE]).subarray(0, 300),
    code: 'CORRUPT',
    message: /bị hỏng hoặc không đầy đủ/,
  },
  {
    name: 'a DOCX whose document.xml is cut short',
    bytes: () => {
      const xml = documentXml([PLAN_TABLE]);
      return buildZip(
        docxEntries(xml).map((e) =>
          e.name === 'word/document.xml' ? { ...e, data: ascii(xml.slice(0, xml.length - 40)) } : e,
        ),
      );
    },
    code: 'CORRUPT',
    message: /Không đọc được nội dung văn bản Word/,
  },
  {
    name: 'a DOCX with a DOCTYPE (entity expansion)',
    bytes: () => {
      const xml = documentXml([PLAN_TABLE]).replace(
        '<w:document',
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><w:document',
      );
      return buildZip(
        docxEntries(xml).map((e) =>
          e.name === 'word/document.xml' ? { ...e, data: ascii(xml) } : e,
        ),
      );
    },
    code: 'CORRUPT',
    message: /văn bản Word/,
  },
  {
    name: 'a zip bomb (expands far past the limit)',
    bytes: () => {
      const huge = new Uint8Array(80 * 1024 * 1024);
      const entries = docxEntries(documentXml([PLAN_TABLE]));
      return buildZip([...entries, { name: 'word/media/padding.bin', data: huge, deflate: true }]);
    },
    code: 'TOO_LARGE',
    message: /khi giải nén quá lớn.*bom nén/,
  },
  {
    name: 'a ZIP entry that lies about its size',
    bytes: () => {
      const xml = documentXml([
        PLAN_TABLE,
        ...Array.from({ length: 200 }, () => paragraph('x'.repeat(500))),
      ]);
      return buildZip(
        docxEntries(xml).map((e) =>
          e.name === 'word/document.xml' ? { ...e, declaredSize: 1000 } : e,
        ),
      );
    },
    code: 'CORRUPT',
    message: /bị hỏng/,
  },
  {
    name: 'a file over 10 MB',
    bytes: () => {
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set([0x50, 0x4b, 0x03, 0x04]);
      return big;
    },
    code: 'TOO_LARGE',
    message: /Tệp quá lớn.*tối đa 10 MB/,
  },
  {
    name: 'a DOCX without any table',
    bytes: () => docx([paragraph('KẾ HOẠCH'), paragraph('Không có bảng.')]),
    code: 'NO_PLAN_TABLE',
    message: /Văn bản không có bảng nào/,
  },
  {
    name: 'a DOCX whose tables are not a plan',
    bytes: () =>
      docx([
        table([
          ['Họ và tên', 'Chức vụ', 'Điện thoại'],
          ['Nguyễn Văn An', 'Giáo viên', '0912345678'],
        ]),
      ]),
    code: 'NO_PLAN_TABLE',
    message: /Không tìm thấy bảng kế hoạch \(đã xem 1 bảng của văn bản\)/,
  },
  {
    name: 'an XLSX without a plan table',
    bytes: () =>
      xlsx([
        {
          name: 'Danh sách',
          rows: [
            ['Họ và tên', 'Chức vụ'],
            ['An', 'GV'],
          ],
        },
      ]),
    code: 'NO_PLAN_TABLE',
    message: /đã xem 1 trang tính/,
  },
  {
    name: 'an invalid school year',
    bytes: () => docx([PLAN_TABLE]),
    options: { schoolYear: '2025-2027' },
    code: 'INVALID_OPTIONS',
    message: /Năm học “2025-2027” không hợp lệ/,
  },
  {
    name: 'a table number that holds no plan',
    bytes: () => docx([table([['a', 'b']]), PLAN_TABLE]),
    options: { table: 1 },
    code: 'NO_PLAN_TABLE',
    message: /bảng số 1/,
  },
];

describe('importPlanFile refuses bad input with a code and a Vietnamese message', () => {
  it.each(CASES)('$name → $code', async ({ bytes, code, message, options }) => {
    const error = await refusal(await bytes(), options);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('accepts the same plan when the file is fine (control case)', async () => {
    const result = await importPlanFile(docx([PLAN_TABLE]), { schoolYear: '2025-2026' });
    expect(result.ok).toBe(true);
  });

  it('does not inflate the zip bomb (answers at once)', async () => {
    const entries = docxEntries(documentXml([PLAN_TABLE]));
    const bomb = buildZip([
      ...entries,
      {
        name: 'word/media/a.bin',
        data: new Uint8Array(1),
        deflate: false,
        declaredSize: 0xfffffff0,
      },
    ]);
    const started = performance.now();
    const error = await refusal(bomb);
    expect(error.code).toBe('TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses anything that is not bytes, and empty pasted text', async () => {
    const error = await refusal('not bytes' as unknown as Uint8Array);
    expect(error.code).toBe('EMPTY_FILE');
    const pasted = importPlanTable('   ');
    expect(pasted.ok ? null : pasted.error.code).toBe('EMPTY_FILE');
    const noTable = importPlanTable('Họ tên\tChức vụ\nAn\tGV');
    expect(noTable.ok ? null : noTable.error.code).toBe('NO_PLAN_TABLE');
  });
});
