import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import { makeSimplePdf, simplePlanPdf } from '../testing/simple-pdf.ts';
import { PDF_EXTRACT_LIMITS } from './pdf-extract.ts';
import { PDF_MESSAGES, readPdfSource, type PdfSourceResult } from './pdf-reader.ts';
import { readSource } from './plan-import.ts';

/**
 * The PDF reader on PDFs written here in code (testing/simple-pdf.ts), no LibreOffice needed: a ruled
 * table over three pages with its header repeated and page numbers, a text crossing a column border,
 * a scan, an encrypted file, non-PDF bytes, the time and page limits, and damaged copies (truncated,
 * bytes flipped) that must give a result or a Vietnamese refusal, never a throw or a hang.
 */

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function readOk(bytes: Uint8Array) {
  const read = await readPdfSource(bytes);
  if (!read.ok) throw new Error(`${read.error.code}: ${read.error.message}`);
  const imported = readSource(read.source, { now: new Date(0) });
  if (!imported.ok) throw new Error(`${imported.error.code}: ${imported.error.message}`);
  return { read, plan: imported.plan };
}

describe('readPdfSource on ruled tables', () => {
  it('rebuilds a table over three pages: rows, wrapped cells, repeated headers, places', async () => {
    const { read, plan } = await readOk(simplePlanPdf({ rows: 12, pages: 3 }));
    expect(read.pages).toHaveLength(3);
    expect(read.source.grids).toHaveLength(1);
    expect(plan.rows).toHaveLength(12);
    expect(plan.rows.map((r) => r.criterionCode)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${(i % 5) + 1}.${(i % 3) + 1}`),
    );
    expect(plan.rows.map((r) => squash(r.tasks))).toEqual(
      Array.from({ length: 12 }, (_, i) => `Cong viec so ${i + 1} duoc viet tren hai dong`),
    );
    expect(plan.rows.map((r) => r.budget.amount)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i + 1) * 1_000_000),
    );
    expect(plan.rows.every((r) => r.time.text === 'Thang 9/2025' && r.lead === 'Hieu truong')).toBe(
      true,
    );
    expect(
      plan.importReport.structureRows.filter((s) => s.kind === 'repeated-header'),
    ).toHaveLength(2);
    expect(plan.importReport.unmappedCells).toEqual([]);
    // Page numbers are furniture, not paragraphs; the title above the table is a paragraph.
    const paragraphs = read.source.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toContain('TRUONG TIEU HOC HOA BINH');
    expect(paragraphs.some((p) => /^\d+$/.test(p))).toBe(false);
    expect(paragraphs).toContain('KE HOACH cai tien chat luong nam hoc 2025 - 2026');
    // Each plan row: its page and y range, fully confident (every text inside its cell).
    const places = plan.importReport.rows.map((report) =>
      read.rows.find((r) => r.table === report.position.table && r.row === report.position.row),
    );
    expect(places.map((p) => p?.places[0]?.page)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(places.every((p) => p?.confidence === 1)).toBe(true);
    expect(places.every((p) => (p?.places[0]?.bottom ?? 0) - (p?.places[0]?.top ?? 0) === 34)).toBe(
      true,
    );
    expect(plan.importReport.columns.map((c) => c.header)).toContain('Cong viec/giai phap');
  });

  it('rebuilds a table drawn without borders from the text positions', async () => {
    const { read, plan } = await readOk(simplePlanPdf({ rows: 12, pages: 3, ruled: false }));
    expect(plan.importReport.columns.map((c) => [c.header, c.field])).toEqual([
      ['TT', 'ordinal'],
      ['Tieu chi', 'criterion'],
      ['Ket qua can dat', 'target'],
      ['Cong viec/giai phap', 'tasks'],
      ['Chu tri', 'lead'],
      ['Thoi gian', 'time'],
      ['Kinh phi', 'budget'],
    ]);
    expect(plan.rows).toHaveLength(12);
    expect(plan.rows.map((r) => r.criterionCode)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${(i % 5) + 1}.${(i % 3) + 1}`),
    );
    expect(plan.rows.map((r) => squash(r.tasks))).toEqual(
      Array.from({ length: 12 }, (_, i) => `Cong viec so ${i + 1} duoc viet tren hai dong`),
    );
    expect(plan.rows.map((r) => squash(r.target))).toEqual(
      Array.from({ length: 12 }, (_, i) => `Muc tieu ${i + 1}`),
    );
    expect(plan.rows.map((r) => r.budget.amount)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i + 1) * 1_000_000),
    );
    expect(plan.importReport.unmappedCells).toEqual([]);
    const paragraphs = read.source.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toEqual([
      'TRUONG TIEU HOC HOA BINH',
      'KE HOACH cai tien chat luong nam hoc 2025 - 2026',
    ]);
    // Less sure than a ruled table, each row on its page.
    const rows = plan.importReport.rows.map((report) =>
      read.rows.find((r) => r.table === report.position.table && r.row === report.position.row),
    );
    expect(rows.map((r) => r?.places[0]?.page)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(rows.every((r) => r !== undefined && r.confidence > 0.5 && r.confidence < 1)).toBe(true);
  });

  it('lowers the confidence of a row whose text crosses a column border', async () => {
    const pdf = makeSimplePdf([
      {
        texts: [
          { x: 43, y: 34, text: 'TT' },
          { x: 83, y: 34, text: 'Tieu chi' },
          { x: 183, y: 34, text: 'Ket qua can dat' },
          { x: 343, y: 34, text: 'Thoi gian' },
          { x: 43, y: 54, text: '1' },
          { x: 83, y: 54, text: '1.1' },
          { x: 183, y: 54, text: 'Muc tieu mot' },
          { x: 343, y: 54, text: 'Thang 9' },
          { x: 43, y: 74, text: '2' },
          { x: 83, y: 74, text: '1.2' },
          // Runs 60 points past its cell's right border into the next column.
          { x: 183, y: 74, text: 'Muc tieu hai viet rat dai tran sang cot ben canh' },
          { x: 343, y: 74, text: '' },
        ],
        lines: [
          ...[20, 40, 60, 80].map((y) => ({ x0: 40, y0: y, x1: 500, y1: y })),
          ...[40, 80, 180, 340, 500].map((x) => ({ x0: x, y0: 20, x1: x, y1: 80 })),
        ],
      },
    ]);
    const { read, plan } = await readOk(pdf);
    expect(plan.rows).toHaveLength(2);
    const confidence = plan.importReport.rows.map(
      (report) => read.rows.find((r) => r.row === report.position.row)?.confidence,
    );
    expect(confidence[0]).toBe(1);
    expect(confidence[1]).toBeLessThan(1);
    expect(confidence[1]).toBeGreaterThan(0);
  });
});

describe('readPdfSource refusals', () => {
  it('a scan (images, no text layer) is refused with what to upload instead', async () => {
    const read = await readPdfSource(makeSimplePdf([{ image: true }, { image: true }]));
    expect(read).toEqual({
      ok: false,
      error: { code: 'UNSUPPORTED_FORMAT', message: PDF_MESSAGES.scanned },
    });
    expect(PDF_MESSAGES.scanned).toContain('bản quét');
    expect(PDF_MESSAGES.scanned).toContain('PDF xuất trực tiếp từ Word');
  });

  it('an encrypted PDF is refused', async () => {
    const read = await readPdfSource(simplePdfEncrypted());
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.code).toBe('ENCRYPTED');
  });

  it('bytes that are not a PDF are refused as damaged', async () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('không phải PDF')]) {
      const read = await readPdfSource(bytes);
      expect(read).toEqual({
        ok: false,
        error: { code: 'CORRUPT', message: PDF_MESSAGES.corrupt },
      });
    }
  });

  it('stops at the time limit and reads at most maxPages pages', async () => {
    const slow = await readPdfSource(simplePlanPdf({ rows: 30, pages: 3 }), {
      ...PDF_EXTRACT_LIMITS,
      timeoutMs: 1,
    });
    expect(slow).toEqual({
      ok: false,
      error: { code: 'TOO_LARGE', message: PDF_MESSAGES.timeout },
    });
    const capped = await readPdfSource(simplePlanPdf({ rows: 30, pages: 3 }), {
      ...PDF_EXTRACT_LIMITS,
      maxPages: 1,
    });
    expect(capped.ok && capped.truncated && capped.pages.length === 1).toBe(true);
  });

  it('serves parses made at the same time one after the other, each with its own answer', async () => {
    const results = await Promise.all(
      [2, 3, 4].map((rows) => readPdfSource(simplePlanPdf({ rows }))),
    );
    const counts = results.map((read) =>
      read.ok ? readSource(read.source, { now: new Date(0) }) : null,
    );
    expect(counts.map((c) => (c?.ok ? c.plan.rows.length : -1))).toEqual([2, 3, 4]);
  });

  it('leaves the caller’s bytes usable', async () => {
    const bytes = simplePlanPdf({ rows: 2 });
    const before = bytes.length;
    await readPdfSource(bytes);
    expect(bytes.length).toBe(before);
  });
});

function simplePdfEncrypted(): Uint8Array {
  return makeSimplePdf([{ texts: [{ x: 40, y: 40, text: 'Bi mat' }] }], { encrypted: true });
}

describe('readPdfSource on damaged PDFs', () => {
  const CODES = ['UNSUPPORTED_FORMAT', 'ENCRYPTED', 'CORRUPT', 'TOO_LARGE'];
  const LIMIT_MS = 10_000;

  function expectAnswer(result: PdfSourceResult, label: string): void {
    if (result.ok) {
      expect(Array.isArray(result.source.grids), label).toBe(true);
      // Whatever was rebuilt goes through the importer without a throw.
      readSource(result.source, { now: new Date(0) });
    } else {
      expect(CODES, label).toContain(result.error.code);
      expect(result.error.message.length, label).toBeGreaterThan(20);
    }
  }

  it('truncated and bit-flipped copies never throw nor hang', async () => {
    const original = simplePlanPdf({ rows: 8, pages: 2 });
    const next = seededRandom(16);
    const cases: { label: string; bytes: Uint8Array }[] = [];
    for (let i = 1; i <= 8; i += 1) {
      const at = Math.floor((original.length * i) / 9);
      cases.push({ label: `truncated at ${at}`, bytes: original.slice(0, at) });
    }
    for (let i = 0; i < 16; i += 1) {
      const copy = original.slice();
      const flips = 1 + Math.floor(next() * 20);
      for (let k = 0; k < flips; k += 1) {
        const at = Math.floor(next() * copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      cases.push({ label: `flip ${i} (${flips} bits, seed 16)`, bytes: copy });
    }
    for (const { label, bytes } of cases) {
      const started = Date.now();
      const result = await readPdfSource(bytes);
      expect(Date.now() - started, label).toBeLessThan(LIMIT_MS);
      expectAnswer(result, label);
    }
  }, 120_000);
});
