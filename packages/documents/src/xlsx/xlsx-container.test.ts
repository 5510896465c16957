import { describe, it, expect } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { buildZip, toBytes, xlsxSkeleton } from '../staff-import/staff-workbook.fixtures.ts';
import { checkXlsxContainer, DEFAULT_XLSX_LIMITS, unzipXlsx } from './xlsx-container.ts';

const MB = 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);

function codeOf(data: Uint8Array, limits = DEFAULT_XLSX_LIMITS): string {
  const result = checkXlsxContainer(data, limits);
  return result.ok ? 'OK' : result.error.code;
}

async function smallWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('A').getCell('A1').value = 'Họ và tên';
  return toBytes(workbook);
}

/** An OLE compound file header followed by a directory entry name in UTF-16LE. */
function oleFile(streamName: string): Uint8Array {
  const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const name = [...streamName].flatMap((ch) => [ch.charCodeAt(0), 0]);
  const bytes = new Uint8Array(4096);
  bytes.set(header, 0);
  bytes.set(name, 1024);
  return bytes;
}

describe('checkXlsxContainer', () => {
  it('accepts a workbook written by exceljs', async () => {
    const result = checkXlsxContainer(await smallWorkbook());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.entryNames).toContain('xl/workbook.xml');
  });

  it('refuses empty input, random bytes, PDF and HTML as NOT_XLSX with a reason', () => {
    expect(codeOf(new Uint8Array())).toBe('NOT_XLSX');
    const random = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251);
    expect(codeOf(random)).toBe('NOT_XLSX');
    const pdf = checkXlsxContainer(text('%PDF-1.7\n%âãÏÓ\n1 0 obj'));
    expect(pdf.ok ? '' : pdf.error.message).toMatch(/PDF/);
    const html = checkXlsxContainer(
      text('\uFEFF  <html><table><tr><td>Họ và tên</td></tr></table>'),
    );
    expect(html.ok ? '' : html.error.message).toMatch(/HTML/);
  });

  it('names a legacy .xls (OLE) and asks to save as .xlsx', () => {
    const result = checkXlsxContainer(oleFile('Workbook'));
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_XLSX' } });
    expect(result.ok ? '' : result.error.message).toMatch(/\.xls.*\.xlsx/s);
  });

  it('recognises a password-protected XLSX (OLE with EncryptedPackage)', () => {
    const result = checkXlsxContainer(oleFile('EncryptedPackage'));
    expect(result).toMatchObject({ ok: false, error: { code: 'ENCRYPTED' } });
    expect(result.ok ? '' : result.error.message).toMatch(/mật khẩu/);
  });

  it('refuses a ZIP entry encrypted with a ZIP password', () => {
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/a.xml', data: text('x'), flags: 1 }]);
    expect(codeOf(zip)).toBe('ENCRYPTED');
  });

  it('recognises a Word document and an OpenDocument spreadsheet', () => {
    const docx = buildZip([{ name: 'word/document.xml', data: text('<w:document/>') }]);
    expect(checkXlsxContainer(docx).ok ? '' : codeOf(docx)).toBe('NOT_XLSX');
    const ods = buildZip([
      { name: 'mimetype', data: text('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: text('<office:document-content/>') },
    ]);
    const result = checkXlsxContainer(ods);
    expect(result.ok ? '' : result.error.message).toMatch(/\.ods/);
  });

  it('refuses files over maxBytes before reading them', async () => {
    const data = await smallWorkbook();
    expect(codeOf(data, { ...DEFAULT_XLSX_LIMITS, maxBytes: 100 })).toBe('TOO_LARGE');
  });

  it('reports every truncation of a valid workbook as CORRUPT or NOT_XLSX, never OK', async () => {
    const data = await smallWorkbook();
    for (const length of [4, 30, 100, data.length / 2, data.length - 23, data.length - 1]) {
      expect(['CORRUPT', 'NOT_XLSX']).toContain(codeOf(data.subarray(0, Math.floor(length))));
    }
  });

  it('refuses a zip bomb by its declared size, without inflating it', () => {
    // A tiny entry whose central directory claims 2 GB.
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/big.xml', data: text('x'), declaredSize: 2 ** 31 },
    ]);
    const result = checkXlsxContainer(zip);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(result.ok ? '' : result.error.message).toMatch(/giải nén/);
  });

  it('refuses an honest bomb: 60 MB of zeros in a few KB', () => {
    const zeros = new Uint8Array(60 * MB);
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/zeros.xml', data: zeros, deflate: true }]);
    expect(zip.length).toBeLessThan(200_000);
    expect(codeOf(zip)).toBe('TOO_LARGE');
  });

  it('catches a lying bomb (declares 1 KB, inflates to 40 MB) without inflating past 1 KB', () => {
    const zeros = new Uint8Array(40 * MB);
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/sharedStrings.xml', data: zeros, deflate: true, declaredSize: 1024 },
    ]);
    expect(codeOf(zip)).toBe('CORRUPT');
  });

  it('refuses a row number past Excel’s limit (exceljs would walk a sparse array of it)', () => {
    const sheet =
      '<worksheet><sheetData><row r="1000000000"><c r="A1000000000"/></row></sheetData></worksheet>';
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: text(sheet), deflate: true },
    ]);
    expect(codeOf(zip)).toBe('CORRUPT');
  });

  it('refuses a merge over a whole sheet (exceljs would create every cell)', () => {
    const sheet =
      '<worksheet><sheetData/><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>';
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: text(sheet) },
    ]);
    const result = checkXlsxContainer(zip);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(result.ok ? '' : result.error.message).toMatch(/gộp ô/);
  });

  it('refuses a sheet with too many merges (exceljs checks each against all earlier ones)', () => {
    const merges = Array.from(
      { length: 4_001 },
      (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`,
    );
    const sheet = `<worksheet><sheetData/><mergeCells>${merges.join('')}</mergeCells></worksheet>`;
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: text(sheet), deflate: true },
    ]);
    expect(codeOf(zip)).toBe('TOO_LARGE');
  });

  it('refuses a workbook with more cells than exceljs can hold cheaply', () => {
    const row = (r: number) => `<row r="${r}">${'<c><v>1</v></c>'.repeat(10)}</row>`;
    const rows = Array.from({ length: 3_001 }, (_, i) => row(i + 1)).join('');
    const sheet = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: text(sheet), deflate: true },
    ]);
    const result = checkXlsxContainer(zip);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(result.ok ? '' : result.error.message).toMatch(/quá nhiều dữ liệu \(hơn 30\.000 ô/);
  });

  it('refuses a workbook with more rows than exceljs can hold cheaply', () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const sheet = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/worksheets/sheet1.xml', data: text(sheet), deflate: true },
    ]);
    expect(codeOf(zip)).toBe('TOO_LARGE');
  });

  it('refuses a stored entry whose declared size disagrees with its data', () => {
    const stored = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/styles.xml', data: text('abc'), declaredSize: 10 },
    ]);
    expect(codeOf(stored)).toBe('CORRUPT');
  });

  it('counts shared strings and rich-text runs, whatever their namespace prefix', () => {
    const limits = { ...DEFAULT_XLSX_LIMITS, maxSharedStrings: 3, maxTextRuns: 4 };
    const strings = (body: string) =>
      buildZip([
        ...xlsxSkeleton(),
        { name: 'xl/sharedStrings.xml', data: text(body), deflate: true },
      ]);
    const three = '<sst><si><t>a</t></si><si><r><rPr><b/></rPr><t>b</t></r></si><si/></sst>';
    expect(codeOf(strings(three), limits)).toBe('OK');
    const four = '<x:sst xmlns:x="s"><x:si/><x:si/><x:si/><x:si ></x:si></x:sst>';
    expect(codeOf(strings(four), limits)).toBe('TOO_LARGE');
    const runs = `<sst><si>${'<r><t>a</t></r>'.repeat(3)}<rPh sb="0"><t>b</t></rPh><r/></si></sst>`;
    expect(codeOf(strings(runs), limits)).toBe('TOO_LARGE');
  });

  it('counts style records', () => {
    const styles = `<styleSheet><cellXfs>${'<xf numFmtId="0"/>'.repeat(11)}</cellXfs></styleSheet>`;
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/styles.xml', data: text(styles) }]);
    expect(codeOf(zip, { ...DEFAULT_XLSX_LIMITS, maxStyleRecords: 11 })).toBe('OK');
    expect(codeOf(zip, { ...DEFAULT_XLSX_LIMITS, maxStyleRecords: 10 })).toBe('TOO_LARGE');
  });

  it('refuses parts to read that expand past maxReadBytes before inflating them', () => {
    const zip = buildZip([
      ...xlsxSkeleton(),
      { name: 'xl/sharedStrings.xml', data: text('<sst/>'), declaredSize: 9 * MB },
    ]);
    expect(codeOf(zip)).toBe('TOO_LARGE');
  });

  it('never inflates parts a reader of cell values does not need (images, comments, themes)', () => {
    const zip = buildZip([
      ...xlsxSkeleton(),
      // A damaged image: its declared size disagrees with its data. Nothing reads it.
      { name: 'xl/media/image1.png', data: text('abc'), declaredSize: 10 },
      { name: 'xl/comments1.xml', data: text('<comments/>') },
    ]);
    const result = unzipXlsx(zip);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.entries.map((entry) => entry.name)).toEqual(['xl/workbook.xml']);
  });

  it('unzips the entries it checked', async () => {
    const result = unzipXlsx(await smallWorkbook());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sheet = result.entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(new TextDecoder().decode(sheet?.data)).toContain('<sheetData>');
  });

  it('gives every error a Vietnamese message', () => {
    const result = checkXlsxContainer(deflateRawSync(new Uint8Array(10)));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(
        /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
      );
  });
});
