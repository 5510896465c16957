import { testDialects } from '@caitien/db/testing';
import { findSoffice } from '@caitien/documents';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { rowBody, seedAssessment, seedPlan } from '../../testing/builders.ts';
import { createTestApp } from '../../testing/test-app.ts';

/**
 * Public disclosure on both engines (issue 14): publish / withdraw lifecycle, the public page and
 * downloads without sign-in, verification of uploaded copies (match, altered, not a document, too
 * large — nothing stored), 404 for a withdrawn or unknown page and for a plan not approved, access
 * (another school's plan → 404, staff → 403), the audit entries; with LibreOffice, the PDF too.
 */

interface State {
  live: null | {
    slug: string;
    url: string;
    qrSvg: string;
    planId: string;
    revisionNumber: number;
    includeAssessment: boolean;
    docx: { bytes: number; sha256: string };
    pdf: { bytes: number; sha256: string } | null;
  };
  liveIsOlderRevision: boolean;
  assessmentAvailable: boolean;
  history: Array<{ slug: string; withdrawnAt: string | null }>;
}

const soffice = findSoffice();

describe.each(testDialects())('public disclosure on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let principal: TestSession;
  let staff: TestSession;
  let planId: string;

  const app = () => ctx.app;
  const publish = (session: TestSession | null, id: string, includeAssessment = false) =>
    call(app(), session, {
      method: 'POST',
      url: `/api/plans/${id}/publication`,
      payload: { includeAssessment },
    });
  const anon = (url: string) => call(app(), null, { method: 'GET', url });
  const verify = (slug: string, payload: Buffer, contentType = 'application/octet-stream') =>
    call(app(), null, {
      method: 'POST',
      url: `/api/public/plans/${slug}/verify`,
      headers: { 'content-type': contentType },
      payload,
    });

  beforeAll(async () => {
    ctx = await createTestApp(dialect, { soffice, publicUrl: 'https://caitien.example.vn/' });
    fx = await buildAccessFixtures(ctx.app);
    principal = await fx.signInAs('principal');
    staff = await fx.signInAs('staff');
    await seedAssessment(ctx.app, principal, fx.own.schoolId, {
      schoolYear: '2026-2027',
      approve: true,
    });
    const plan = await seedPlan(ctx.app, principal, fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [
        rowBody({
          criterionCode: '1.1',
          cells: { content: 'Rà soát phương hướng chiến lược', time: 'Tháng 10/2026' },
        }),
        rowBody({ criterionCode: '1.2', cells: { content: 'Kiện toàn hội đồng trường' } }),
      ],
      approve: true,
    });
    planId = plan.planId;
  }, 120_000);
  afterAll(async () => ctx?.close());

  it('refuses a plan not approved (409), another school’s plan (404) and staff (403)', async () => {
    const draft = await seedPlan(app(), principal, fx.own.schoolId, { schoolYear: '2027-2028' });
    const refused = await publish(principal, draft.planId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('đã được phê duyệt');
    const foreign = await seedPlan(app(), fx.adminSession, fx.foreign.schoolId, {
      schoolYear: '2026-2027',
      approve: true,
    });
    expect((await publish(principal, foreign.planId)).statusCode).toBe(404);
    expect(
      (
        await call(app(), principal, {
          method: 'GET',
          url: `/api/plans/${foreign.planId}/publication`,
        })
      ).statusCode,
    ).toBe(404);
    const forbidden = await publish(staff, planId);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toMatch(/quyền/);
    expect((await publish(null, planId)).statusCode).toBe(401);
    // Staff read the state of an approved plan, nothing published yet.
    const state = ok<State>(
      await call(app(), staff, { method: 'GET', url: `/api/plans/${planId}/publication` }),
    );
    expect(state.live).toBeNull();
    expect(state.assessmentAvailable).toBe(true);
  });

  it('publishes, serves the page and the documents without sign-in, verifies copies, withdraws', async () => {
    const state = ok<State>(await publish(principal, planId, true));
    const live = state.live!;
    expect(live.slug).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    expect(live.url).toBe(`https://caitien.example.vn/cong-khai/${live.slug}`);
    expect(live.qrSvg).toContain('<svg');
    expect(live.includeAssessment).toBe(true);

    const page = ok<{
      school: { name: string };
      plan: { schoolYear: string; contentHash: string; title: string };
      rows: Array<{ content: string; criterionCode: string }>;
      assessment: { schoolLevel: number; standards: Array<{ criteria: unknown[] }> } | null;
      documents: { docx: { sha256: string }; pdf: { sha256: string } | null };
    }>(await anon(`/api/public/plans/${live.slug}`));
    expect(page.plan.schoolYear).toBe('2026-2027');
    expect(page.rows.map((r) => r.content)).toEqual([
      'Rà soát phương hướng chiến lược',
      'Kiện toàn hội đồng trường',
    ]);
    expect(page.assessment?.standards.length).toBeGreaterThan(0);
    expect(page.documents.docx.sha256).toBe(live.docx.sha256);
    // Upper case in the address is the same page.
    expect((await anon(`/api/public/plans/${live.slug.toUpperCase()}`)).statusCode).toBe(200);

    const docx = await anon(`/api/public/plans/${live.slug}/document?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const bytes = docx.rawPayload;
    // The QR code and the address are in the document.
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/media/'))).toBe(true);
    expect(await zip.file('word/document.xml')!.async('string')).toContain(live.url);
    // Downloaded twice: the same bytes (stored at publication, not rendered again).
    const again = await anon(`/api/public/plans/${live.slug}/document?format=docx`);
    expect(Buffer.compare(again.rawPayload, bytes)).toBe(0);

    const matched = ok<{ match: boolean; format: string; message: string }>(
      await verify(live.slug, bytes),
    );
    expect(matched).toMatchObject({ match: true, format: 'docx' });
    expect(matched.message).toContain('khớp');
    // An altered copy: one entry of the ZIP rewritten.
    zip.file(
      'word/document.xml',
      (await zip.file('word/document.xml')!.async('string')).replace('Rà soát', 'Ra soat'),
    );
    const altered = await zip.generateAsync({ type: 'nodebuffer' });
    const mismatch = ok<{ match: boolean; message: string }>(
      await verify(
        live.slug,
        altered,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    );
    expect(mismatch.match).toBe(false);
    expect(mismatch.message).toContain('không khớp');

    if (soffice) {
      expect(live.pdf).not.toBeNull();
      const pdf = await anon(`/api/public/plans/${live.slug}/document?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(
        ok<{ match: boolean }>(await verify(live.slug, pdf.rawPayload, 'application/pdf')).match,
      ).toBe(true);
      const tampered = Buffer.concat([pdf.rawPayload, Buffer.from('\n% edited\n')]);
      expect(
        ok<{ match: boolean }>(await verify(live.slug, tampered, 'application/pdf')).match,
      ).toBe(false);
    } else {
      expect(live.pdf).toBeNull();
      expect((await anon(`/api/public/plans/${live.slug}/document?format=pdf`)).statusCode).toBe(
        404,
      );
    }

    // Bad copies: a clear Vietnamese 400 each.
    const png = await verify(
      live.slug,
      Buffer.from('\x89PNG\r\n\x1a\n0000'),
      'application/octet-stream',
    );
    expect(png.statusCode).toBe(400);
    expect(png.json().error.message).toContain('không phải văn bản Word');
    const renamed = await verify(live.slug, Buffer.from('chỉ là chữ'), 'application/pdf');
    expect(renamed.statusCode).toBe(400);
    const image = await verify(live.slug, Buffer.from('GIF89a'), 'image/gif');
    expect(image.statusCode).toBe(400);
    expect(image.json().error.message).toContain('DOCX hoặc PDF');
    const large = await verify(
      live.slug,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]),
      'application/pdf',
    );
    expect(large.statusCode).toBe(400);
    expect(large.json().error.message).toContain('Tệp quá lớn');
    expect((await verify(live.slug, Buffer.alloc(0))).statusCode).toBe(400);

    // Unknown and malformed addresses.
    expect((await anon('/api/public/plans/0000000000')).statusCode).toBe(404);
    expect((await anon('/api/public/plans/khong-hop-le')).statusCode).toBe(400);

    // Withdraw: staff may not; the principal does; the page and its files are gone.
    expect(
      (await call(app(), staff, { method: 'DELETE', url: `/api/plans/${planId}/publication` }))
        .statusCode,
    ).toBe(403);
    const withdrawn = ok<State>(
      await call(app(), principal, { method: 'DELETE', url: `/api/plans/${planId}/publication` }),
    );
    expect(withdrawn.live).toBeNull();
    expect(withdrawn.history[0]?.withdrawnAt).not.toBeNull();
    const gone = await anon(`/api/public/plans/${live.slug}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toContain('không tồn tại');
    expect((await anon(`/api/public/plans/${live.slug}/document?format=docx`)).statusCode).toBe(
      404,
    );
    expect((await verify(live.slug, bytes)).statusCode).toBe(404);
    const twice = await call(app(), principal, {
      method: 'DELETE',
      url: `/api/plans/${planId}/publication`,
    });
    expect(twice.statusCode).toBe(409);

    // Published again: a new address, the old one stays gone.
    const again2 = ok<State>(await publish(principal, planId));
    expect(again2.live!.slug).not.toBe(live.slug);
    expect(again2.live!.includeAssessment).toBe(false);
    expect((await anon(`/api/public/plans/${again2.live!.slug}`)).json().assessment).toBeNull();
    expect((await anon(`/api/public/plans/${live.slug}`)).statusCode).toBe(404);

    // Audited: publish, withdraw, publish.
    const audit = ok<{ items: Array<{ action: string }> }>(
      await call(app(), principal, {
        method: 'GET',
        url: `/api/audit?unitId=${fx.own.schoolId}&limit=100`,
      }),
    );
    const actions = audit.items.map((i) => i.action).filter((a) => a.startsWith('plan.'));
    expect(actions.filter((a) => a === 'plan.publish')).toHaveLength(2);
    expect(actions.filter((a) => a === 'plan.unpublish')).toHaveLength(1);
  }, 120_000);

  it('keeps the published snapshot while a revision is drafted, until re-published', async () => {
    const first = ok<State>(await publish(principal, planId)).live!;
    const revision = ok<{ id: string }>(
      await call(app(), principal, {
        method: 'POST',
        url: `/api/plans/${planId}/revisions`,
        payload: { reason: 'Bổ sung nội dung' },
      }),
    );
    // The revision's screen sees the lineage's live page, showing an older revision.
    const seen = ok<State>(
      await call(app(), principal, { method: 'GET', url: `/api/plans/${revision.id}/publication` }),
    );
    expect(seen.live?.slug).toBe(first.slug);
    expect(seen.liveIsOlderRevision).toBe(true);
    // A draft revision cannot be published; the page stays.
    expect((await publish(principal, revision.id)).statusCode).toBe(409);
    expect((await anon(`/api/public/plans/${first.slug}`)).statusCode).toBe(200);
  }, 120_000);
});
