import { readFileSync } from 'node:fs';
import { testDialects } from '@caitien/db/testing';
import { readListing, PLAN_FIXTURES_DIR } from '@caitien/documents/testing';
import type { PlanDetail, PlanImportPreview } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call, ok } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const seed001 = readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`);
const seed001Listing = readListing(`${PLAN_FIXTURES_DIR}seed001-layout-b.expected.json`);

describe.each(testDialects())('importing a Word/Excel plan on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  const preview = (payload: Buffer, query = '', contentType = DOCX) =>
    call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-file${query}`,
      headers: { 'content-type': contentType },
      payload,
    });

  it('previews seed 001 (layout B): 32 rows, the year from the title, nothing written', async () => {
    const res = await preview(seed001, '?fileName=ke-hoach-thanh-luong.docx');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlanImportPreview;
    expect(body.plan.rows).toHaveLength(32);
    expect(body.plan.plan).toMatchObject({ schoolYear: '2025-2026', layout: 'B' });
    expect(body.report.fileName).toBe('ke-hoach-thanh-luong.docx');
    expect(body.report.columns.map((c) => c.field)).toContain('progress');
    expect(body.plan.rows[0]?.content).toBe(seed001Listing.items[0]?.content);
    // The file gives the school name, the signer and the recipients; what it leaves empty
    // (governing body, place name, document symbol) comes from the school profile, and says so.
    const profile = ok<{ governingBody: string }>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/profile`,
      }),
    );
    expect(profile.governingBody).not.toBe('');
    expect(body.plan.header).toMatchObject({
      governingBody: profile.governingBody.toLocaleUpperCase('vi'),
      schoolName: 'TRƯỜNG TIỂU HỌC THANH LUÔNG',
      placeName: 'Định Hiệp',
      signerName: 'Nguyễn Thị Kim Dung',
    });
    expect(body.plan.header.documentNumber).toMatch(/\/KH-THA$/);
    expect(body.headerSources).toMatchObject({
      governingBody: 'profile',
      schoolName: 'file',
      documentNumber: 'profile',
      placeName: 'profile',
      signerName: 'file',
      recipients: 'file',
    });
    const plans = ok<{ items: unknown[] }>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/plans`,
      }),
    );
    expect(plans.items).toHaveLength(0);

    // Confirm: the previewed plan goes to the JSON import and becomes a draft with its 32 rows.
    const created = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
        payload: body.plan,
      }),
    );
    expect(created.rows).toHaveLength(32);
    expect(created.layout).toBe('B');
    expect(created.header).toEqual(body.plan.header);
    // Layout B has no target column: its rows are not asked for one (issue 11); every row without
    // an amount is counted, not only those whose budget cell has text.
    const checks = ok<{
      checks: { code: string }[];
      budgetTotals: { rowsWithoutAmount: number };
    }>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${created.id}/checks` }),
    );
    expect(checks.checks.filter((c) => c.code === 'row.no_target')).toEqual([]);
    const withoutAmount = created.rows.filter((r) => r.parsed.budget.amount === null).length;
    expect(withoutAmount).toBeGreaterThan(20);
    expect(checks.budgetTotals.rowsWithoutAmount).toBe(withoutAmount);
    expect(created.rows.map((r) => r.progress)).toEqual(
      seed001Listing.items.map((i) => i.progress ?? ''),
    );
  });

  it('adds the previewed rows to an existing draft, re-parsed in its school year', async () => {
    const target = await t.createPlan('2029-2030');
    const body = (await preview(seed001)).json() as PlanImportPreview;
    const added = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${target.id}/rows/import`,
        payload: { rows: body.plan.rows.slice(0, 3) },
      }),
    );
    expect(added.rows).toHaveLength(3);
    expect(added.rows[0]?.content).toBe(seed001Listing.items[0]?.content);
    // "Tháng 6 đến tháng 9 hằng năm" read in the target plan's year, not the file's.
    expect(added.rows[0]?.parsed.time.start?.startsWith('20')).toBe(true);
    expect(added.rows.every((r) => !r.parsed.time.start || r.parsed.time.start >= '2029-08')).toBe(
      true,
    );
    const empty = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${target.id}/rows/import`,
      payload: { rows: [] },
    });
    expect(empty.statusCode).toBe(400);
  });

  it('applies the user’s column mapping and school year', async () => {
    const first = (await preview(seed001)).json() as PlanImportPreview;
    const noteColumn = first.report.columns.find((c) => c.field === 'note');
    expect(noteColumn).toBeDefined();
    const mapping = JSON.stringify([{ column: noteColumn?.column, field: 'currentState' }]);
    const res = await preview(
      seed001,
      `?schoolYear=2030-2031&mapping=${encodeURIComponent(mapping)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlanImportPreview;
    expect(body.plan.plan.schoolYear).toBe('2030-2031');
    expect(body.plan.rows[0]?.note).toBe('');
    expect(body.plan.rows[0]?.currentState).toBe(seed001Listing.items[0]?.note);
    expect(body.report.columns.find((c) => c.column === noteColumn?.column)?.source).toBe(
      'override',
    );
  });

  it('a JSON import whose header leaves fields empty gets them from the school profile', async () => {
    const body = (await preview(seed001, '?schoolYear=2031-2032')).json() as PlanImportPreview;
    const created = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
        payload: {
          ...body.plan,
          header: {
            ...body.plan.header,
            placeName: '',
            governingBody: ' ',
            signerName: 'Lê Văn A',
          },
        },
      }),
    );
    expect(created.header).toMatchObject({
      placeName: 'Định Hiệp',
      governingBody: body.plan.header.governingBody,
      signerName: 'Lê Văn A',
    });
  });

  it('refuses bad files with a Vietnamese message and writes nothing', async () => {
    const notOffice = await preview(Buffer.from('Đây không phải tệp Word'), '', DOCX);
    expect(notOffice.statusCode).toBeGreaterThanOrEqual(400);
    expect(notOffice.statusCode).toBeLessThan(500);
    expect((notOffice.json() as { error: { message: string } }).error.message).toMatch(
      /tệp|Word|Excel/i,
    );
    const truncated = await preview(seed001.subarray(0, 2000));
    expect(truncated.statusCode).toBe(400);
    const badMapping = await preview(seed001, '?mapping=%7Bnot-json');
    expect(badMapping.statusCode).toBe(400);
    const wrongType = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-file`,
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(wrongType.statusCode).toBe(415);
    // A PDF is read since issue 16: one that is only a header is damaged, and says so.
    const damagedPdf = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-file`,
      headers: { 'content-type': 'application/pdf' },
      payload: '%PDF-1.4',
    });
    expect(damagedPdf.statusCode).toBe(400);
    expect((damagedPdf.json() as { error: { message: string } }).error.message).toContain(
      'Không đọc được tệp PDF',
    );
    const notATable = await preview(Buffer.from('xin chào'), '', 'text/plain; charset=utf-8');
    expect(notATable.statusCode).toBe(400);
    const big = await preview(Buffer.alloc(11 * 1024 * 1024, 1), '', XLSX);
    expect(big.statusCode).toBe(413);
  });

  it('reads a table pasted from Word or Excel (text/plain, tab-separated)', async () => {
    const pasted = [
      'TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\tChủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\tDự kiến kinh phí',
      '1\tTiêu chí 1.1\tĐăng tải phương hướng lên website\tKiểm tra website hằng tháng\tHiệu trưởng\tTháng 10/2025\t3 triệu đồng',
      '2\tTiêu chí 1.2\tHội đồng trường hoạt động hiệu quả\tTập huấn thành viên\tPhó hiệu trưởng\t10 – 01\tKhông',
    ].join('\r\n');
    const res = await preview(
      Buffer.from(pasted, 'utf8'),
      '?schoolYear=2025-2026',
      'text/plain; charset=utf-8',
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlanImportPreview;
    expect(body.report.fileKind).toBe('text');
    expect(body.plan.rows.map((r) => [r.criterionCode, r.tasks, r.budget.amount])).toEqual([
      ['1.1', 'Kiểm tra website hằng tháng', 3_000_000],
      ['1.2', 'Tập huấn thành viên', 0],
    ]);
    expect(body.plan.rows[1]?.time).toMatchObject({ start: '2025-10', end: '2026-01' });
  });

  it('hides other schools (404)', async () => {
    const res = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.foreign.schoolId}/plans/import-file`,
      headers: { 'content-type': DOCX },
      payload: seed001,
    });
    expect(res.statusCode).toBe(404);
  });
});
