import { testDialects } from '@caitien/db/testing';
import type { PlanDetail } from '@caitien/shared';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { findSoffice } from '@caitien/documents';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';
import { attachmentHeader } from '../../http-headers.ts';

describe('attachmentHeader (RFC 5987)', () => {
  it('gives the Vietnamese name encoded and an ASCII fallback', () => {
    const header = attachmentHeader('Kế hoạch cải tiến 2025-2026 - TRƯỜNG TH ĐỊNH PHƯỚC.docx');
    expect(header).toBe(
      `attachment; filename="ke-hoach-cai-tien-2025-2026-truong-th-dinh-phuoc.docx"; filename*=UTF-8''${encodeURIComponent('Kế hoạch cải tiến 2025-2026 - TRƯỜNG TH ĐỊNH PHƯỚC.docx')}`,
    );
    expect(attachmentHeader("a'(b).pdf")).toContain("filename*=UTF-8''a%27%28b%29.pdf");
  });
});

describe.each(testDialects())('plan documents on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let plan: PlanDetail;
  beforeAll(async () => {
    plan = await t.createPlan('2024-2025');
    for (const payload of [
      {
        group: 'levels_1_3',
        criterionCode: '1.1',
        target: 'Hình ảnh phương hướng chiến lược được đăng tải lên website',
        tasks: 'Tăng cường kiểm tra website\nnhắc nhở đăng tải kịp thời',
        time: 'Tháng 01/2025 đến hết năm học 2024 - 2025',
        lead: 'Hiệu trưởng',
        budget: '7.000.000',
      },
      { group: 'level_4', level4Key: '2', target: 'Đạt Mức 4 khoản 2', budget: 'Xã hội hóa' },
    ]) {
      await t.addRow(plan.id, payload);
    }
  }, 60_000);

  const download = (query: string, session: TestSession = t.principal) =>
    call(t.ctx.app, session, { method: 'GET', url: `/api/plans/${plan.id}/document${query}` });

  it('sends the DOCX in the plan’s layout with a Vietnamese file name', async () => {
    const res = await download('?format=docx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Kế hoạch cải tiến')}`);
    expect(disposition).toMatch(
      /filename="ke-hoach-cai-tien-chat-luong-2024-2025-[a-z0-9-]+\.docx"/,
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Tăng cường kiểm tra website');
    expect(xml).toContain('nhắc nhở đăng tải kịp thời');
    expect(xml).toContain('Tiêu chí 1.1: Phương hướng');
    expect(xml).toContain('Kết quả cần đạt (so với hiện trạng)');
    expect(xml).toContain('DỰ THẢO');
  });

  it('renders another layout on request (layout B marks Mức 4 rows "ĐG Mức 4")', async () => {
    const res = await download('?format=docx&layout=B');
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Người chịu trách nhiệm');
    expect(xml).toContain('ĐG Mức 4');
  });

  it('sends the XLSX with the parsed amount in đồng', async () => {
    const res = await download('?format=xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kế hoạch');
    const values: unknown[] = [];
    sheet?.getRow(5).eachCell((cell) => values.push(cell.value));
    expect(values).toContain('7.000.000');
    expect(values).toContain(7_000_000);
  });

  it('answers 503 with what to install when LibreOffice is missing, else sends the PDF', async () => {
    const saved = process.env['SOFFICE_PATH'];
    process.env['SOFFICE_PATH'] = '/nonexistent/soffice';
    try {
      const missing = await download('?format=pdf');
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('LibreOffice') },
      });
    } finally {
      if (saved === undefined) delete process.env['SOFFICE_PATH'];
      else process.env['SOFFICE_PATH'] = saved;
    }
    if (findSoffice() === null) return;
    const pdf = await download('?format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('shows the print view inline, its one script allowed by hash', async () => {
    const res = await download('?format=html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'sha256-[^']+'/);
    const html = res.body;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Tăng cường kiểm tra website<br>nhắc nhở đăng tải kịp thời');
    expect(html).toContain('@page landscape');
  });

  it('refuses an unknown layout or format with 400 and a Vietnamese message', async () => {
    const layout = await download('?format=docx&layout=C');
    expect(layout.statusCode).toBe(400);
    expect(layout.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(JSON.stringify(layout.json())).toContain('layout');
    const format = await download('?format=odt');
    expect(format.statusCode).toBe(400);
  });

  it('hides plans of other schools (404) and needs a session (401)', async () => {
    const foreignPlan = ok<PlanDetail>(
      await call(t.ctx.app, t.fx.adminSession, {
        method: 'POST',
        url: `/api/schools/${t.fx.foreign.schoolId}/plans`,
        payload: { schoolYear: '2024-2025' },
      }),
    );
    const res = await call(t.ctx.app, t.principal, {
      method: 'GET',
      url: `/api/plans/${foreignPlan.id}/document?format=docx`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
    const anonymous = await t.ctx.app.inject({ url: `/api/plans/${plan.id}/document?format=docx` });
    expect(anonymous.statusCode).toBe(401);
  });
});
