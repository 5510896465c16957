import { readFileSync } from 'node:fs';
import { testDialects } from '@caitien/db/testing';
import { convertDocxToPdf } from '@caitien/documents';
import { hasLibreOfficeCalc, PLAN_FIXTURES_DIR, saveAsLegacy } from '@caitien/documents/testing';
import type { PlanImportPreview } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * The import route with Word/Excel 97–2003 and HTML-as-.doc uploads (issue 16), through the app's
 * own LibreOffice pool: the media types are accepted, a .doc/.xls is converted and previewed, a
 * damaged one is answered with a Vietnamese refusal (4xx, never 500).
 */

const seed001 = readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`);
const seed003 = readFileSync(`${PLAN_FIXTURES_DIR}seed003-titled.xlsx`);
const withLibreOffice = hasLibreOfficeCalc() || process.env['CI'] === 'true';

function fakeOle(stream: string): Buffer {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  Buffer.from(stream, 'utf16le').copy(bytes, 1024);
  return bytes;
}

describe.each(testDialects())('importing a .doc/.xls/HTML plan on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  const preview = (payload: Buffer, contentType: string, query = '') =>
    call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-file${query}`,
      headers: { 'content-type': contentType },
      payload,
    });

  it.skipIf(!withLibreOffice)(
    'previews a .doc and an .xls converted by LibreOffice',
    { timeout: 120_000 },
    async () => {
      const doc = Buffer.from(await saveAsLegacy(new Uint8Array(seed001), 'doc'));
      const res = await preview(doc, 'application/msword', '?fileName=ke-hoach.doc');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as PlanImportPreview;
      expect(body.plan.rows).toHaveLength(32);
      expect(body.report.fileKind).toBe('doc');
      expect(body.report.warnings[0]?.message).toBe(
        'Đã chuyển từ Word 97–2003 (.doc) sang .docx bằng LibreOffice.',
      );
      const xls = Buffer.from(await saveAsLegacy(new Uint8Array(seed003), 'xls'));
      const fromXls = await preview(xls, 'application/vnd.ms-excel');
      expect(fromXls.statusCode, fromXls.body).toBe(200);
      expect((fromXls.json() as PlanImportPreview).report.fileKind).toBe('xls');
    },
  );

  it.skipIf(!withLibreOffice)(
    'previews a PDF with a text layer (read in the parse workers), and refuses a damaged one in Vietnamese',
    { timeout: 120_000 },
    async () => {
      const pdf = await convertDocxToPdf(seed001);
      const res = await preview(pdf, 'application/pdf', '?fileName=ke-hoach.pdf');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as PlanImportPreview;
      expect(body.plan.rows).toHaveLength(32);
      expect(body.report.fileKind).toBe('pdf');
      expect(body.report.rows.every((r) => r.confidence !== undefined && r.places?.length)).toBe(
        true,
      );
      const damaged = await preview(
        Buffer.concat([pdf.subarray(0, 400), Buffer.from('rác')]),
        'application/pdf',
      );
      expect(damaged.statusCode, damaged.body).toBe(400);
      expect(damaged.json().error.message).toContain('PDF');
    },
  );

  it.skipIf(!withLibreOffice)(
    'answers a damaged .doc with a Vietnamese refusal, not a 500',
    { timeout: 120_000 },
    async () => {
      const res = await preview(fakeOle('WordDocument'), 'application/msword');
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        error: { message: expect.stringMatching(/Không chuyển được tệp Word 97–2003 \(\.doc\)/) },
      });
    },
  );

  it('reads an HTML page sent as text/html', async () => {
    const page =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><p>Kế hoạch năm học 2025 - 2026</p>' +
      '<table border=1><tr><td>TT</td><td>Tiêu chí</td><td>Kết quả cần đạt</td><td>Công việc/giải pháp</td>' +
      '<td>Thời gian</td></tr><tr><td>1</td><td>1.1</td><td>Mục tiêu<br>dòng hai</td><td>Giải pháp</td>' +
      '<td>Tháng 9/2025</td></tr></table></body></html>';
    const res = await preview(Buffer.from(page, 'utf8'), 'text/html');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlanImportPreview;
    expect(body.report.fileKind).toBe('html');
    expect(body.plan.rows.map((r) => r.target)).toEqual(['Mục tiêu\ndòng hai']);
  });
});
