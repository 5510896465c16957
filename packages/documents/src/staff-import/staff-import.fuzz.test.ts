import { describe, it, expect } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import { unzipXlsx } from '../xlsx/xlsx-container.ts';
import { parseStaffWorkbook } from './staff-import.ts';
import { buildZip, STANDARD_HEADER, TITLE, workbookWith } from './staff-workbook.fixtures.ts';

const random = seededRandom;

const CODES = ['NOT_XLSX', 'TOO_LARGE', 'CORRUPT', 'ENCRYPTED', 'NO_TABLE', 'TOO_MANY_ROWS'];
const MUTATIONS = 300;

function flipBytes(data: Uint8Array, next: () => number, count: number): Uint8Array {
  const copy = data.slice();
  for (let i = 0; i < count; i += 1) {
    const at = Math.floor(next() * copy.length);
    copy[at] = Math.floor(next() * 256);
  }
  return copy;
}

/** Damages one part inside the ZIP and zips again: the container is fine, the XML is not. */
function mutateInnerPart(
  entries: readonly { name: string; data: Uint8Array }[],
  next: () => number,
): Uint8Array {
  const target = Math.floor(next() * entries.length);
  const parts = entries.map((entry, index) => {
    if (index !== target) return { name: entry.name, data: entry.data, deflate: true };
    let data: Uint8Array = entry.data.slice();
    const kind = Math.floor(next() * 4);
    const at = Math.floor(next() * data.length);
    if (kind === 0) data = flipBytes(data, next, 1 + Math.floor(next() * 4));
    if (kind === 1) data = data.subarray(0, at);
    if (kind === 2) {
      // Change one digit: row numbers, cell references, merge ranges, string indexes.
      const digits = [...data.keys()].filter(
        (i) => (data[i] ?? 0) >= 0x30 && (data[i] ?? 0) <= 0x39,
      );
      const pick = digits[Math.floor(next() * digits.length)];
      if (pick !== undefined) data[pick] = 0x30 + Math.floor(next() * 10);
    }
    if (kind === 3) {
      const chunk = data.subarray(at, at + Math.floor(next() * 200));
      data = Uint8Array.from([...data.subarray(0, at), ...chunk, ...chunk, ...data.subarray(at)]);
    }
    return { name: entry.name, data, deflate: true };
  });
  return buildZip(parts);
}

describe('parseStaffWorkbook under random damage', () => {
  it(`returns a result for ${MUTATIONS} mutations of a valid workbook, never throws or hangs`, async () => {
    const valid = await workbookWith(
      [
        [TITLE],
        [],
        [...STANDARD_HEADER],
        [1, 'Nguyễn Văn An', 'Hiệu trưởng', 'Tổ Văn phòng', 'an@example.vn', 912345678, 'x'],
        [2, 'Trần Thị Bình', 'Giáo viên', 'Tổ Toán, Tổ Tin', 'binh@example.vn', '0987654321'],
        [3, 'Lê Văn Cường', 'TPT Đội', null, null, null, new Date(Date.UTC(2025, 0, 2))],
      ],
      (sheet) => {
        sheet.mergeCells('A1:G1');
        sheet.mergeCells('D4:D5');
      },
    );
    const unzipped = unzipXlsx(valid);
    if (!unzipped.ok) throw new Error('fixture should unzip');
    const next = random(20250905);
    const outcomes = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < MUTATIONS; i += 1) {
      const mode = i % 3;
      const input =
        mode === 0
          ? flipBytes(valid, next, 1 + Math.floor(next() * 8))
          : mode === 1
            ? valid.subarray(0, Math.floor(next() * valid.length))
            : mutateInnerPart(unzipped.entries, next);
      const started = performance.now();
      const result = await parseStaffWorkbook(input);
      slowest = Math.max(slowest, performance.now() - started);
      const outcome = result.ok ? 'ok' : result.error.code;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (!result.ok) {
        expect(CODES).toContain(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(10);
      } else {
        expect(Array.isArray(result.rows)).toBe(true);
      }
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(MUTATIONS);
    expect(outcomes.get('CORRUPT') ?? 0).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(5_000);
  }, 120_000);
});
