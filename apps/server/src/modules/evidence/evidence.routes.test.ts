import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { testDialects } from '@caitien/db/testing';
import type {
  EvidenceItem,
  EvidenceList,
  EvidenceMentions,
  EvidenceRenumbering,
} from '@caitien/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { seedAssessment } from '../../testing/assessment-fixtures.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { docxText } from '../../testing/docx-text.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-a-tiny-fake-png-body'),
]);
const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic-photo-from-a-phone'),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const FILE_LIMIT = 64 * 1024;

function blobsUnder(dataDir: string): string[] {
  const root = path.join(dataDir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe.each(testDialects())('evidence of a self-assessment on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let council: TestSession;
  let staff: TestSession;
  let year = 2030;
  const nextYear = () => {
    year += 1;
    return `${year}-${year + 1}`;
  };

  beforeAll(async () => {
    ctx = await createTestApp(dialect, { evidenceMaxFileBytes: FILE_LIMIT });
    fx = await buildAccessFixtures(ctx.app);
    council = await fx.signInAs('council');
    staff = await fx.signInAs('staff');
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const base = (assessmentId: string) => `/api/assessments/${assessmentId}/evidence`;
  const create = async (assessmentId: string, body: Record<string, unknown>, as = council) =>
    ok<EvidenceItem>(
      await call(ctx.app, as, { method: 'POST', url: base(assessmentId), payload: body }),
    );
  const list = async (assessmentId: string, query = '', as = council) =>
    ok<EvidenceList>(
      await call(ctx.app, as, { method: 'GET', url: `${base(assessmentId)}${query}` }),
    );
  const upload = (
    assessmentId: string,
    evidenceId: string,
    bytes: Buffer,
    fileName: string,
    contentType = 'application/octet-stream',
  ) =>
    call(ctx.app, council, {
      method: 'POST',
      url: `${base(assessmentId)}/${evidenceId}/files?fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': contentType },
      payload: bytes,
    });
  const seed2018 = (texts?: Parameters<typeof seedAssessment>[1]['texts'], status?: 'approved') =>
    seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
      ...(texts ? { texts } : {}),
      ...(status ? { status } : {}),
    });

  it('gives codes for the regime under the first citing criterion; the box defaults to the standard', async () => {
    const { assessmentId } = await seed2018();
    const first = await create(assessmentId, {
      name: 'Quyết định thành lập Hội đồng trường',
      issued: 'Số 12/QĐ-UBND, ngày 05/9/2024',
      issuer: 'UBND xã Định Hiệp',
      criterionCodes: ['1.1', '1.4'],
    });
    expect(first).toMatchObject({
      code: '[H1-1.1-01]',
      box: 1,
      primaryCriterionCode: '1.1',
      sequence: 1,
      criterionCodes: ['1.1', '1.4'],
      issued: 'Số 12/QĐ-UBND, ngày 05/9/2024',
      carried: false,
    });
    const second = await create(assessmentId, { name: 'Biên bản họp', criterionCodes: ['1.1'] });
    expect(second.code).toBe('[H1-1.1-02]');
    const boxed = await create(assessmentId, {
      name: 'Sổ theo dõi',
      criterionCodes: ['2.1'],
      box: 7,
    });
    expect(boxed).toMatchObject({ code: '[H7-2.1-01]', box: 7 });

    const tt57 = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT57-PT',
    });
    const mc = await create(tt57.assessmentId, {
      name: 'Kế hoạch năm học',
      criterionCodes: ['1.1'],
    });
    expect(mc).toMatchObject({ code: 'MC.1.1.01', box: null });

    const unknown = await call(ctx.app, council, {
      method: 'POST',
      url: base(assessmentId),
      payload: { name: 'X', criterionCodes: ['9.9'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('Tiêu chí 9.9 không có');
    const none = await call(ctx.app, council, {
      method: 'POST',
      url: base(assessmentId),
      payload: { name: 'X', criterionCodes: [] },
    });
    expect(none.statusCode).toBe(400);
  });

  it('lists with citing criteria and files, searching the name without diacritics and the code', async () => {
    const { assessmentId } = await seed2018();
    await create(assessmentId, { name: 'Quyết định phân công giáo viên', criterionCodes: ['1.2'] });
    await create(assessmentId, {
      name: 'Kế hoạch giáo dục nhà trường',
      criterionCodes: ['1.1', '1.2'],
    });
    const all = await list(assessmentId);
    expect(all.items.map((i) => i.code)).toEqual(['[H1-1.1-01]', '[H1-1.2-01]']);
    expect(all).toMatchObject({ regime: '2018', editable: true });
    expect((await list(assessmentId, '?q=quyet%20dinh')).items.map((i) => i.name)).toEqual([
      'Quyết định phân công giáo viên',
    ]);
    expect((await list(assessmentId, '?q=H1-1.1')).items.map((i) => i.code)).toEqual([
      '[H1-1.1-01]',
    ]);
    expect((await list(assessmentId, '?criterionCode=1.2')).items).toHaveLength(2);
    expect((await list(assessmentId, '?q=100%25')).items).toHaveLength(0);
  });

  it('cites and uncites; an evidence cited by several keeps the first criterion’s code', async () => {
    const { assessmentId } = await seed2018();
    const e = await create(assessmentId, { name: 'Báo cáo tổng kết', criterionCodes: ['2.1'] });
    const cited = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base(assessmentId)}/${e.id}/citations`,
        payload: { criterionCode: '1.3' },
      }),
    );
    expect(cited).toMatchObject({ code: '[H2-2.1-01]', criterionCodes: ['2.1', '1.3'] });
    const uncited = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'DELETE',
        url: `${base(assessmentId)}/${e.id}/citations/2.1`,
      }),
    );
    expect(uncited).toMatchObject({ code: '[H2-2.1-01]', criterionCodes: ['1.3'] });
    const again = await call(ctx.app, council, {
      method: 'DELETE',
      url: `${base(assessmentId)}/${e.id}/citations/2.1`,
    });
    expect(again.statusCode).toBe(404);
  });

  it('saves by field: a stale save of the same field is 409 with the current evidence, another field passes', async () => {
    const { assessmentId } = await seed2018();
    const e = await create(assessmentId, { name: 'Biên bản kiểm tra', criterionCodes: ['1.1'] });
    const url = `${base(assessmentId)}/${e.id}`;
    const a = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'PATCH',
        url,
        payload: { version: e.version, name: 'Biên bản kiểm tra nội bộ' },
      }),
    );
    expect(a.version).toBe(e.version + 1);
    const stale = await call(ctx.app, council, {
      method: 'PATCH',
      url,
      payload: { version: e.version, name: 'Biên bản cũ' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ name: 'Biên bản kiểm tra nội bộ' });
    const other = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'PATCH',
        url,
        payload: { version: e.version, issuer: 'Tổ chuyên môn\nkhối 5' },
      }),
    );
    expect(other).toMatchObject({
      name: 'Biên bản kiểm tra nội bộ',
      issuer: 'Tổ chuyên môn\nkhối 5',
    });
  });

  it('a new box is a new code, rewritten in every text that cites it', async () => {
    const { assessmentId } = await seed2018({
      '1.1': { description: 'Nhà trường có kế hoạch [H1-1.1-01].\nĐã thực hiện.' },
    });
    const e = await create(assessmentId, { name: 'Kế hoạch', criterionCodes: ['1.1'] });
    const moved = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'PATCH',
        url: `${base(assessmentId)}/${e.id}`,
        payload: { version: e.version, box: 3 },
      }),
    );
    expect(moved.code).toBe('[H3-1.1-01]');
    const row = await ctx.database.db
      .selectFrom('assessment_criteria')
      .select('description')
      .where('assessment_id', '=', assessmentId)
      .where('criterion_code', '=', '1.1')
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Nhà trường có kế hoạch [H3-1.1-01].\nĐã thực hiện.');
  });

  it('refuses to delete an evidence still cited or mentioned, naming the criteria and texts', async () => {
    const { assessmentId } = await seed2018({
      '1.2': { strengths: 'Hồ sơ đầy đủ [H1-1.1-01].' },
    });
    const e = await create(assessmentId, { name: 'Hồ sơ', criterionCodes: ['1.1', '1.3'] });
    const url = `${base(assessmentId)}/${e.id}`;
    const refused = await call(ctx.app, council, { method: 'DELETE', url });
    expect(refused.statusCode).toBe(409);
    const body = refused.json().error;
    expect(body.message).toContain('Không xóa được minh chứng [H1-1.1-01]');
    expect(body.message).toContain('tiêu chí 1.1, 1.3');
    expect(body.details).toMatchObject({
      criterionCodes: ['1.1', '1.3'],
      mentions: [{ kind: 'criterion', key: '1.2', field: 'strengths' }],
    });
    for (const c of ['1.1', '1.3'])
      ok(await call(ctx.app, council, { method: 'DELETE', url: `${url}/citations/${c}` }));
    // Still mentioned in a text: still refused.
    const mentioned = await call(ctx.app, council, { method: 'DELETE', url });
    expect(mentioned.statusCode).toBe(409);
    expect(mentioned.json().error.details.criterionCodes).toEqual([]);
    await ctx.database.db
      .updateTable('assessment_criteria')
      .set({ strengths: 'Hồ sơ đầy đủ.' })
      .where('assessment_id', '=', assessmentId)
      .execute();
    ok(await call(ctx.app, council, { method: 'DELETE', url }));
    expect((await list(assessmentId)).items).toHaveLength(0);
  });

  it('renumbers and rewrites every citation exactly, in one transaction, bumping the content sequence', async () => {
    const description =
      'Nhà trường xây dựng kế hoạch [H1-1.1-01]; đã rà soát [H1-1.1-03].\r\n\tĐiều chỉnh  kịp thời (xem [H1-1.1-03; H1-1.1-01]).';
    const { assessmentId } = await seed2018({
      '1.1': { description, improvementPlan: 'Tiếp tục lưu trữ [H1-1.1-03].' },
      '2.1': { weaknesses: 'Còn thiếu minh chứng [H1-1.1-03] ở tổ Toán.' },
    });
    await ctx.database.db
      .updateTable('assessment_standards')
      .set({ conclusion: 'Kết luận: [H1-1.1-03].' })
      .where('assessment_id', '=', assessmentId)
      .where('standard_code', '=', '1')
      .execute();
    await ctx.database.db
      .updateTable('assessments')
      .set({
        report_json: JSON.stringify({
          context: 'Bối cảnh [H1-1.1-03]',
          purpose: '',
          process: '',
          conclusion: '',
          recommendations: '',
        }),
      })
      .where('id', '=', assessmentId)
      .execute();
    const one = await create(assessmentId, { name: 'Một', criterionCodes: ['1.1'] });
    const two = await create(assessmentId, { name: 'Hai', criterionCodes: ['1.1'] });
    const three = await create(assessmentId, { name: 'Ba', criterionCodes: ['1.1', '2.1'] });
    expect([one.code, two.code, three.code]).toEqual(['[H1-1.1-01]', '[H1-1.1-02]', '[H1-1.1-03]']);
    ok(
      await call(ctx.app, council, {
        method: 'DELETE',
        url: `${base(assessmentId)}/${two.id}/citations/1.1`,
      }),
    );
    ok(await call(ctx.app, council, { method: 'DELETE', url: `${base(assessmentId)}/${two.id}` }));
    const seqBefore = await ctx.database.db
      .selectFrom('assessments')
      .select('content_seq')
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    const criterionBefore = await ctx.database.db
      .selectFrom('assessment_criteria')
      .select(['version', 'field_versions_json'])
      .where('assessment_id', '=', assessmentId)
      .where('criterion_code', '=', '1.1')
      .executeTakeFirstOrThrow();

    const dry = ok<EvidenceRenumbering>(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base(assessmentId)}/renumber`,
        payload: { dryRun: true },
      }),
    );
    expect(dry).toMatchObject({
      applied: false,
      changes: [{ evidenceId: three.id, oldCode: '[H1-1.1-03]', newCode: '[H1-1.1-02]' }],
    });
    expect((await list(assessmentId)).items.map((i) => i.code)).toContain('[H1-1.1-03]');

    const done = ok<EvidenceRenumbering>(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base(assessmentId)}/renumber`,
        payload: {},
      }),
    );
    expect(done.applied).toBe(true);
    expect(done.changes).toEqual([
      { evidenceId: three.id, oldCode: '[H1-1.1-03]', newCode: '[H1-1.1-02]' },
    ]);
    expect(done.rewrittenTexts).toEqual(
      expect.arrayContaining([
        { kind: 'criterion', key: '1.1', field: 'description' },
        { kind: 'criterion', key: '1.1', field: 'improvementPlan' },
        { kind: 'criterion', key: '2.1', field: 'weaknesses' },
        { kind: 'standard', key: '1', field: 'conclusion' },
        { kind: 'report', key: '', field: 'context' },
      ]),
    );
    const c11 = await ctx.database.db
      .selectFrom('assessment_criteria')
      .select(['description', 'improvement_plan', 'version', 'field_versions_json'])
      .where('assessment_id', '=', assessmentId)
      .where('criterion_code', '=', '1.1')
      .executeTakeFirstOrThrow();
    expect(c11.description).toBe(
      'Nhà trường xây dựng kế hoạch [H1-1.1-01]; đã rà soát [H1-1.1-02].\r\n\tĐiều chỉnh  kịp thời (xem [H1-1.1-02; H1-1.1-01]).',
    );
    expect(c11.improvement_plan).toBe('Tiếp tục lưu trữ [H1-1.1-02].');
    expect(Number(c11.version)).toBe(Number(criterionBefore.version) + 1);
    expect(JSON.parse(c11.field_versions_json)).toMatchObject({ description: Number(c11.version) });
    const c21 = await ctx.database.db
      .selectFrom('assessment_criteria')
      .select('weaknesses')
      .where('assessment_id', '=', assessmentId)
      .where('criterion_code', '=', '2.1')
      .executeTakeFirstOrThrow();
    expect(c21.weaknesses).toBe('Còn thiếu minh chứng [H1-1.1-02] ở tổ Toán.');
    const assessment = await ctx.database.db
      .selectFrom('assessments')
      .select(['content_seq', 'report_json'])
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(assessment.report_json).context).toBe('Bối cảnh [H1-1.1-02]');
    expect(Number(assessment.content_seq)).toBeGreaterThan(Number(seqBefore.content_seq));
    expect((await list(assessmentId)).items.map((i) => i.code)).toEqual([
      '[H1-1.1-01]',
      '[H1-1.1-02]',
    ]);
    // Nothing left to do: a second renumbering changes nothing.
    const again = ok<EvidenceRenumbering>(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base(assessmentId)}/renumber`,
        payload: {},
      }),
    );
    expect(again).toMatchObject({ changes: [], rewrittenTexts: [] });
  });

  it('recognises codes written in the texts, links them and warns about unknown ones', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT57-PT',
      texts: {
        '1.1': {
          levelDescriptions: { '1': 'Có kế hoạch (MC.1.1.01, MC.1.1.09).', '2': 'Đạt (mc 1.1.1).' },
        },
        '1.2': { levelDescriptions: { '1': 'Dùng chung (MC.1.1.01).' } },
      },
    });
    const e = await create(assessmentId, { name: 'Kế hoạch', criterionCodes: ['1.1'] });
    expect(e.code).toBe('MC.1.1.01');
    const m = ok<EvidenceMentions>(
      await call(ctx.app, council, { method: 'GET', url: `${base(assessmentId)}/mentions` }),
    );
    expect(m.criteria).toEqual([
      {
        criterionCode: '1.1',
        codes: [
          {
            code: 'MC.1.1.01',
            evidenceId: e.id,
            fields: ['levelDescriptions.1', 'levelDescriptions.2'],
          },
          { code: 'MC.1.1.09', evidenceId: null, fields: ['levelDescriptions.1'] },
        ],
      },
      {
        criterionCode: '1.2',
        codes: [{ code: 'MC.1.1.01', evidenceId: e.id, fields: ['levelDescriptions.1'] }],
      },
    ]);
    const kinds = m.warnings.map((w) => `${w.location.key}:${w.code}:${w.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        '1.1:MC.1.1.09:unknown_code',
        '1.1:MC.1.1.01:nonstandard_form',
        '1.2:MC.1.1.01:not_cited',
      ]),
    );
    expect(m.warnings.find((w) => w.kind === 'unknown_code')?.message).toContain('MC.1.1.09');
    // The texts are only read.
    const row = await ctx.database.db
      .selectFrom('assessment_criteria')
      .select('level_descriptions_json')
      .where('assessment_id', '=', assessmentId)
      .where('criterion_code', '=', '1.1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.level_descriptions_json)['2']).toBe('Đạt (mc 1.1.1).');
  });

  it('keeps uploaded files once per content, types read from the bytes, and serves them back', async () => {
    const { assessmentId } = await seed2018();
    const a = await create(assessmentId, { name: 'Ảnh hoạt động', criterionCodes: ['1.1'] });
    const b = await create(assessmentId, { name: 'Bản scan', criterionCodes: ['1.2'] });
    const before = blobsUnder(ctx.dataDir).length;

    const res = await upload(
      assessmentId,
      a.id,
      PDF,
      'Quyết định số 12 — Định Hiệp.pdf',
      'application/pdf',
    );
    const withFile = ok<EvidenceItem>(res);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(withFile.files).toEqual([
      expect.objectContaining({
        fileName: 'Quyết định số 12 — Định Hiệp.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha,
      }),
    ]);
    expect(existsSync(path.join(ctx.dataDir, 'evidence', sha.slice(0, 2), sha))).toBe(true);
    // Same bytes for another evidence: one blob.
    ok(await upload(assessmentId, b.id, PDF, 'ban-sao.pdf'));
    expect(blobsUnder(ctx.dataDir).length).toBe(before + 1);
    expect(blobsUnder(ctx.dataDir).some((n) => n.endsWith('.tmp'))).toBe(false);
    // A phone photo named .jpg but holding HEIC: stored as what it is.
    const photo = ok<EvidenceItem>(
      await upload(assessmentId, a.id, HEIC, 'IMG_0001.jpg', 'image/jpeg'),
    );
    expect(photo.files.map((f) => f.mediaType)).toEqual(['application/pdf', 'image/heic']);
    const png = ok<EvidenceItem>(await upload(assessmentId, b.id, PNG, 'sơ đồ.png', 'image/png'));
    expect(png.files[1]?.mediaType).toBe('image/png');

    const file = withFile.files[0]!;
    const download = await call(ctx.app, staff, {
      method: 'GET',
      url: `${base(assessmentId)}/${a.id}/files/${file.id}`,
    });
    // Staff do not see a draft assessment's evidence.
    expect(download.statusCode).toBe(404);
    const got = await call(ctx.app, council, {
      method: 'GET',
      url: `${base(assessmentId)}/${a.id}/files/${file.id}`,
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="quyet-dinh-so-12-dinh-hiep.pdf"; filename*=UTF-8''${encodeURIComponent('Quyết định số 12 — Định Hiệp.pdf')}`,
    );
    expect(got.rawPayload.equals(PDF)).toBe(true);

    const removed = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'DELETE',
        url: `${base(assessmentId)}/${a.id}/files/${file.id}`,
      }),
    );
    expect(removed.files.map((f) => f.mediaType)).toEqual(['image/heic']);
    // The other evidence still has the same bytes.
    const stillThere = await call(ctx.app, council, {
      method: 'GET',
      url: `${base(assessmentId)}/${b.id}/files/${ok<EvidenceItem>(await call(ctx.app, council, { method: 'GET', url: `${base(assessmentId)}/${b.id}` })).files[0]!.id}`,
    });
    expect(stillThere.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses a file of a refused type or over the limit with a Vietnamese 415/413, writing nothing', async () => {
    const { assessmentId } = await seed2018();
    const e = await create(assessmentId, { name: 'Minh chứng', criterionCodes: ['1.1'] });
    const blobs = blobsUnder(ctx.dataDir).length;
    const files = async () =>
      ctx.database.db
        .selectFrom('assessment_evidence_files')
        .select('id')
        .where('evidence_id', '=', e.id)
        .execute();

    const exe = await upload(e && assessmentId, e.id, EXE, 'bao-cao.pdf', 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toContain('không phải loại tệp được nhận làm minh chứng');
    const zip = await upload(
      assessmentId,
      e.id,
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]),
      'tai-lieu.docx',
    );
    expect(zip.statusCode).toBe(415);
    const big = await upload(
      assessmentId,
      e.id,
      Buffer.concat([PDF, Buffer.alloc(FILE_LIMIT)]),
      'to.pdf',
      'application/pdf',
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('quá lớn');
    expect(big.json().error.message).toContain('64 KB');
    const empty = await upload(assessmentId, e.id, Buffer.alloc(0), 'rong.pdf');
    expect(empty.statusCode).toBe(400);
    const multipart = await upload(
      assessmentId,
      e.id,
      Buffer.concat([
        Buffer.from('--x\r\ncontent-disposition: form-data; name="file"\r\n\r\n'),
        PDF,
      ]),
      'a.pdf',
      'multipart/form-data; boundary=x',
    );
    expect(multipart.statusCode).toBe(415);
    expect(multipart.json().error.message).toContain('multipart/form-data');
    const noType = await call(ctx.app, council, {
      method: 'POST',
      url: `${base(assessmentId)}/${e.id}/files?fileName=khong-kieu.exe`,
      payload: EXE,
    });
    expect(noType.statusCode).toBe(415);
    const tiny = await upload(assessmentId, e.id, Buffer.from('ab'), 'a.jpg', 'image/jpeg');
    expect(tiny.statusCode).toBe(415);
    expect(await files()).toHaveLength(0);
    expect(blobsUnder(ctx.dataDir).length).toBe(blobs);
  });

  it('exports the Danh mục minh chứng as DOCX and XLSX, each evidence under every criterion citing it', async () => {
    const { assessmentId } = await seed2018();
    await create(assessmentId, {
      name: 'Quyết định thành lập\nHội đồng trường',
      issued: 'Số 12/QĐ-UBND',
      issuer: 'UBND xã',
      criterionCodes: ['1.1', '1.3'],
    });
    const xlsx = await call(ctx.app, council, {
      method: 'GET',
      url: `${base(assessmentId)}/document?format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(String(xlsx.headers['content-disposition'])).toContain(
      encodeURIComponent('Danh mục minh chứng'),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      }),
    );
    expect(cells.filter((c) => c === '[H1-1.1-01]')).toHaveLength(2);
    expect(cells).toContain('Quyết định thành lập\nHội đồng trường');
    expect(cells.some((c) => c.includes('DỰ THẢO'))).toBe(true);

    const docx = await call(ctx.app, council, {
      method: 'GET',
      url: `${base(assessmentId)}/document?format=docx`,
    });
    expect(docx.statusCode).toBe(200);
    // Read as text: codes are printed with non-breaking hyphens (they never break at a line end).
    const text = await docxText(docx.rawPayload);
    expect(text).toContain('DANH MỤC MÃ MINH CHỨNG');
    expect(text).toContain('[H1-1.1-01]');
    const byStaff = await call(ctx.app, staff, {
      method: 'GET',
      url: `${base(assessmentId)}/document?format=docx`,
    });
    expect(byStaff.statusCode).toBe(404);
  });

  it('lets staff read only an approved assessment’s evidence, and nobody change it after approval', async () => {
    const draft = await seed2018();
    const e = await create(draft.assessmentId, { name: 'Kế hoạch', criterionCodes: ['1.1'] });
    expect(
      (await call(ctx.app, staff, { method: 'GET', url: base(draft.assessmentId) })).statusCode,
    ).toBe(404);
    expect(
      (await call(ctx.app, staff, { method: 'GET', url: `${base(draft.assessmentId)}/${e.id}` }))
        .statusCode,
    ).toBe(404);

    const approved = await seed2018(undefined, 'approved');
    const read = await list(approved.assessmentId, '', staff);
    expect(read).toMatchObject({ editable: false, items: [] });
    expect((await list(approved.assessmentId)).editable).toBe(false);
    const byStaff = await call(ctx.app, staff, {
      method: 'POST',
      url: base(approved.assessmentId),
      payload: { name: 'X', criterionCodes: ['1.1'] },
    });
    expect(byStaff.statusCode).toBe(403);
    const byCouncil = await call(ctx.app, council, {
      method: 'POST',
      url: base(approved.assessmentId),
      payload: { name: 'X', criterionCodes: ['1.1'] },
    });
    expect(byCouncil.statusCode).toBe(409);
    expect(byCouncil.json().error.details).toMatchObject({ reason: 'approved' });
  });

  it('answers 404 on every evidence endpoint of another school’s assessment', async () => {
    const foreign = await seedAssessment(ctx.database, {
      schoolId: fx.foreign.schoolId,
      schoolYear: nextYear(),
      framework: 'TT18',
    });
    const e = ok<EvidenceItem>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: base(foreign.assessmentId),
        payload: { name: 'Hồ sơ trường B', criterionCodes: ['1.1'] },
      }),
    );
    const withFile = ok<EvidenceItem>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: `${base(foreign.assessmentId)}/${e.id}/files?fileName=a.pdf`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF,
      }),
    );
    const fileId = withFile.files[0]!.id;
    const b = base(foreign.assessmentId);
    const requests = [
      { method: 'GET', url: b },
      { method: 'POST', url: b, payload: { name: 'X', criterionCodes: ['1.1'] } },
      { method: 'GET', url: `${b}/mentions` },
      { method: 'POST', url: `${b}/renumber`, payload: {} },
      { method: 'GET', url: `${b}/${e.id}` },
      { method: 'PATCH', url: `${b}/${e.id}`, payload: { version: 1, name: 'Y' } },
      { method: 'DELETE', url: `${b}/${e.id}` },
      { method: 'POST', url: `${b}/${e.id}/citations`, payload: { criterionCode: '1.2' } },
      { method: 'DELETE', url: `${b}/${e.id}/citations/1.1` },
      { method: 'GET', url: `${b}/${e.id}/files/${fileId}` },
      { method: 'DELETE', url: `${b}/${e.id}/files/${fileId}` },
      {
        method: 'POST',
        url: `${b}/${e.id}/files?fileName=x.pdf`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF,
      },
    ];
    for (const role of ['principal', 'council', 'staff', 'monitoring'] as const) {
      const session =
        role === 'council' ? council : role === 'staff' ? staff : await fx.signInAs(role);
      for (const request of requests) {
        const res = await call(ctx.app, session, request);
        expect({
          role,
          request: `${request.method} ${request.url}`,
          status: res.statusCode,
        }).toEqual({
          role,
          request: `${request.method} ${request.url}`,
          status: 404,
        });
      }
    }
    // Nothing of it changed.
    const after = ok<EvidenceItem>(
      await call(ctx.app, fx.adminSession, { method: 'GET', url: `${b}/${e.id}` }),
    );
    expect(after).toMatchObject({ name: 'Hồ sơ trường B', criterionCodes: ['1.1'] });
    expect(after.files).toHaveLength(1);
  });
});
