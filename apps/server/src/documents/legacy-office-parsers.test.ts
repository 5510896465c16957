import { readFileSync } from 'node:fs';
import {
  createOfficePool,
  findSoffice,
  legacyOfficeConverter,
  type ConvertLegacyOffice,
} from '@caitien/documents';
import { PLAN_FIXTURES_DIR, saveAsLegacy } from '@caitien/documents/testing';
import type { PlanImportPreview } from '@caitien/shared';

type PlanImportReport = PlanImportPreview['report'];
import { afterAll, describe, expect, it } from 'vitest';
import {
  inlineDocumentParsers,
  withLegacyOfficeConversion,
  type DocumentParsers,
} from './document-parsers.ts';
import { createParsePool } from './parse-pool.ts';

/**
 * The server's reading of Word/Excel 97–2003 plans (issue 16): a .doc/.xls upload is converted on
 * the main thread, the DOCX/XLSX read in the parse workers, and the report says it was converted;
 * a missing LibreOffice or a failed conversion is a refusal with a Vietnamese message (the
 * service answers it as 415/422, never 500).
 */

const seed001 = new Uint8Array(readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`));

function ole(streamName: string): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.set(
    [...streamName].flatMap((ch) => [ch.charCodeAt(0), 0]),
    1024,
  );
  return bytes;
}

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

const workers = createParsePool({ size: 1 });
const office = createOfficePool({ idleMs: 30_000 });
afterAll(async () => {
  await workers.close?.();
  await office.close();
});

describe.each([
  ['on the calling thread', inlineDocumentParsers],
  ['in the parse workers', workers],
] as const)('withLegacyOfficeConversion %s', (_where, parsers: DocumentParsers) => {
  it('converts a .doc first and the report says so', async () => {
    const seen: string[] = [];
    const convert: ConvertLegacyOffice = (bytes, kind) => {
      seen.push(`${kind}:${bytes.length}`);
      return Promise.resolve(seed001);
    };
    const result = await withLegacyOfficeConversion(parsers, convert).previewPlan(
      { kind: 'file', bytes: ole('WordDocument') },
      // A converter in the options must not reach the worker (functions do not cross threads).
      { fileName: 'ke-hoach.doc', convertLegacyOffice: convert },
    );
    expect(seen).toEqual(['doc:4096']);
    if (!result.ok) throw new Error(result.error.message);
    const report = decode(result.reportJson) as PlanImportReport;
    expect(report.fileKind).toBe('doc');
    expect(report.fileName).toBe('ke-hoach.doc');
    expect(report.warnings[0]?.message).toBe(
      'Đã chuyển từ Word 97–2003 (.doc) sang .docx bằng LibreOffice.',
    );
    expect((decode(result.planJson) as { rows: unknown[] }).rows).toHaveLength(32);
  });

  it('leaves DOCX uploads to the parsers untouched (no conversion)', async () => {
    const convert: ConvertLegacyOffice = () => Promise.reject(new Error('must not be called'));
    const result = await withLegacyOfficeConversion(parsers, convert).previewPlan(
      { kind: 'file', bytes: seed001 },
      {},
    );
    if (!result.ok) throw new Error(result.error.message);
    expect((decode(result.reportJson) as PlanImportReport).fileKind).toBe('docx');
  });

  it('answers a missing LibreOffice with what to install, as a refusal', async () => {
    const missing = legacyOfficeConverter(createOfficePool({ soffice: null }));
    const result = await withLegacyOfficeConversion(parsers, missing).previewPlan(
      { kind: 'file', bytes: ole('Workbook') },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(/chưa cài LibreOffice.*apt-get install/);
      expect(result.error.message).toMatch(/Sổ làm việc Excel \(\*\.xlsx\)/);
    }
  });
});

const available = findSoffice() !== null;
describe.skipIf(!available && process.env['CI'] !== 'true')('with LibreOffice', () => {
  it('a real .doc goes through the pool and the workers to the same 32 rows', async () => {
    const parsers = withLegacyOfficeConversion(workers, legacyOfficeConverter(office));
    const result = await parsers.previewPlan(
      { kind: 'file', bytes: await saveAsLegacy(seed001, 'doc') },
      { fileName: 'seed001.doc' },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect((decode(result.reportJson) as PlanImportReport).fileKind).toBe('doc');
    expect((decode(result.planJson) as { rows: unknown[] }).rows).toHaveLength(32);
  });

  it('a damaged .doc is a clear refusal, not a crash', async () => {
    const parsers = withLegacyOfficeConversion(workers, legacyOfficeConverter(office));
    const doc = await saveAsLegacy(seed001, 'doc');
    const result = await parsers.previewPlan(
      { kind: 'file', bytes: doc.subarray(0, Math.floor(doc.length / 3)) },
      {},
    );
    if (result.ok) return; // LibreOffice may recover a part of it: then it is read
    expect(['CORRUPT', 'NO_PLAN_TABLE', 'UNSUPPORTED_FORMAT']).toContain(result.error.code);
    expect(result.error.message).toMatch(/[ăâđêôơư]/);
  });
});
