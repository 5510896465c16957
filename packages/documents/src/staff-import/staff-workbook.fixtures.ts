import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';

/**
 * Test fixtures: staff-list workbooks built in code with exceljs (as schools' files look: title
 * rows, merged titles, odd headers), and hand-made ZIP containers for hostile inputs.
 */

export type FixtureRow = readonly CellValue[];

/** Writes rows from row 1 (an empty array leaves the row empty). */
export function fillSheet(sheet: Worksheet, rows: readonly FixtureRow[], firstRow = 1): void {
  rows.forEach((values, index) => {
    values.forEach((value, column) => {
      if (value !== null && value !== undefined) {
        sheet.getCell(firstRow + index, column + 1).value = value;
      }
    });
  });
}

export async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook with one sheet holding `rows`, after `prepare` has shaped it (merges, formats). */
export async function workbookWith(
  rows: readonly FixtureRow[],
  prepare: (sheet: Worksheet, workbook: ExcelJS.Workbook) => void = () => {},
  sheetName = 'Danh sách',
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  fillSheet(sheet, rows);
  prepare(sheet, workbook);
  return toBytes(workbook);
}

export const TITLE = 'DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN NĂM HỌC 2025-2026';
export const STANDARD_HEADER = [
  'STT',
  'Họ và tên',
  'Chức vụ',
  'Tổ chuyên môn',
  'Email',
  'Số điện thoại',
  'Ghi chú',
] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface RawZipEntry {
  name: string;
  data: Uint8Array;
  /** Deflate the data (default: stored). */
  deflate?: boolean;
  /** Override the uncompressed size written in both headers (to make a lying zip). */
  declaredSize?: number;
  /** General-purpose flags (bit 0 = encrypted). */
  flags?: number;
}

/** Writes a minimal ZIP by hand, so tests can declare sizes and flags no real tool would write. */
export function buildZip(entries: readonly RawZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflate ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    // Nothing checks CRCs before inflating (JSZip skips them by default): spare the big ones.
    const crc = entry.data.length > 1024 * 1024 ? 0 : crc32(entry.data);
    const method = entry.deflate ? 8 : 0;
    const flags = entry.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The smallest parts that make a ZIP look like an XLSX to the container check. */
export function xlsxSkeleton(): RawZipEntry[] {
  const text = (value: string) => new TextEncoder().encode(value);
  return [
    { name: '[Content_Types].xml', data: text('<Types/>') },
    { name: 'xl/workbook.xml', data: text('<workbook/>') },
  ];
}
