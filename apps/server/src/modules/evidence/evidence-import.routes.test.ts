import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import type { EvidenceImportResult, EvidenceItem, EvidenceList } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../config.ts';
import { randomIds } from '../../ids.ts';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { seedAssessment } from '../../testing/assessment-fixtures.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createEvidenceCarry } from './evidence-carry.ts';

const LISTS = `${REPO_ROOT}/packages/documents/test-fixtures/evidence-lists`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = Buffer.from('%PDF-1.7\n% a scanned decision\n%%EOF\n');

describe.each(testDialects())('evidence list import and carry-over on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let council: TestSession;
  let year = 2050;
  const nextYear = () => {
    year += 1;
    return `${year}-${year + 1}`;
  };

  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
    council = await fx.signInAs('council');
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const importList = (assessmentId: string, file: string, type: string, apply: boolean) =>
    call(ctx.app, council, {
      method: 'POST',
      url: `/api/assessments/${assessmentId}/evidence/import?fileName=${encodeURIComponent(file)}&apply=${apply}`,
      headers: { 'content-type': type },
      payload: readFileSync(`${LISTS}/${file}`),
    });
  const list = async (assessmentId: string) =>
    ok<EvidenceList>(
      await call(ctx.app, council, {
        method: 'GET',
        url: `/api/assessments/${assessmentId}/evidence`,
      }),
    ).items;

  it('previews then applies a 7-column list: one evidence per code, cited by each criterion listing it', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const preview = ok<EvidenceImportResult>(
      await importList(assessmentId, 'dmmc-7col-merged.xlsx', XLSX, false),
    );
    expect(preview.applied).toBe(false);
    expect(preview.counts).toEqual({ create: 7, merge: 0, uncited: 0, skip: 0 });
    expect(preview.entries.find((e) => e.code === '[H1-1.1-02]')).toMatchObject({
      action: 'create',
      criterionCodes: ['1.1', '1.2'],
      name: 'Biên bản niêm yết công khai kế hoạch chiến lược\n- tại bảng tin nhà trường\n- trên trang thông tin điện tử',
    });
    expect(preview.entries.find((e) => e.code === '[H1-1.3-01]')?.criterionCodes).toEqual(['1.3']);
    expect(await list(assessmentId)).toHaveLength(0);

    const applied = ok<EvidenceImportResult>(
      await importList(assessmentId, 'dmmc-7col-merged.xlsx', XLSX, true),
    );
    expect(applied.applied).toBe(true);
    expect(applied.entries.every((e) => e.evidenceId !== null)).toBe(true);
    const items = await list(assessmentId);
    expect(items.map((i) => i.code)).toEqual([
      '[H1-1.1-01]',
      '[H1-1.1-02]',
      '[H1-1.2-01]',
      '[H1-1.2-02]',
      '[H1-1.3-01]',
      '[H2-2.1-01]',
      '[H2-2.1-02]',
    ]);
    expect(items.find((i) => i.code === '[H1-1.2-01]')).toMatchObject({
      criterionCodes: ['1.2', '1.3'],
      issued: 'Số 380/QĐ-UBND ngày 29/4/2020',
      issuer: 'UBND huyện Hòa Bình',
    });
    // The same list again adds nothing: every code is there already.
    const again = ok<EvidenceImportResult>(
      await importList(assessmentId, 'dmmc-7col-merged.xlsx', XLSX, true),
    );
    expect(again.counts).toEqual({ create: 0, merge: 7, uncited: 0, skip: 0 });
    expect(await list(assessmentId)).toHaveLength(7);
  });

  it('keeps entries of criteria the framework lacks, with their codes, cited by nothing, and says so', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const applied = ok<EvidenceImportResult>(
      await importList(assessmentId, 'dmmc-noheader-3col.xlsx', XLSX, true),
    );
    expect(applied.counts).toEqual({ create: 0, merge: 0, uncited: 4, skip: 0 });
    const first = applied.entries[0]!;
    expect(first).toMatchObject({
      code: '[H8-8.1-01]',
      sourceCode: 'H8.08.01.01',
      action: 'uncited',
    });
    expect(first.warnings.join(' ')).toContain('Tiêu chí 8.1');
    const items = await list(assessmentId);
    expect(items.map((i) => [i.code, i.criterionCodes])).toEqual([
      ['[H8-8.1-01]', []],
      ['[H8-8.1-02]', []],
      ['[H8-8.1-03]', []],
      ['[H8-8.2-01]', []],
    ]);
  });

  it('reads a TT57 list: links go to the link, storage places to the note', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT57-PT',
    });
    ok(await importList(assessmentId, 'dmmc-tt57-5col.docx', DOCX, true));
    const items = await list(assessmentId);
    expect(items.map((i) => i.code)).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.1.2.01']);
    expect(items[0]).toMatchObject({
      note: 'Bản giấy, tủ hồ sơ số 1',
      link: '',
      criterionCodes: ['1.1', '1.2'],
    });
    expect(items[1]?.link).toBe('https://truong.example.edu.vn/minh-chung/MC.1.1.02');
  });

  it('refuses a file that is not an evidence list with a Vietnamese 4xx, writing nothing', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const res = await call(ctx.app, council, {
      method: 'POST',
      url: `/api/assessments/${assessmentId}/evidence/import?fileName=anh.xlsx&apply=true`,
      headers: { 'content-type': XLSX },
      payload: PDF,
    });
    expect([400, 415]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[ăâđêôơư]/u);
    expect(await list(assessmentId)).toHaveLength(0);
  });

  it('carries evidence into next year: same regime as is, 2018 → TT57 converted, files by reference', async () => {
    const from = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const base = `/api/assessments/${from.assessmentId}/evidence`;
    const kept = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'POST',
        url: base,
        payload: { name: 'Nghị quyết Hội đồng trường', criterionCodes: ['1.1', '1.4'] },
      }),
    );
    ok(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base}/${kept.id}/files?fileName=nghi-quyet.pdf`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF,
      }),
    );
    const unmapped = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'POST',
        url: base,
        payload: { name: 'Sổ theo dõi tổ chức Đảng', criterionCodes: ['1.3'] },
      }),
    );
    const repositories = createRepositories(ctx.database.db);
    const carry = createEvidenceCarry({ ids: randomIds });

    const sameRegime = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const same = await repositories.transaction((tx) =>
      carry(tx, from.assessmentId, sameRegime.assessmentId, '2026-11-23T08:00:00.000Z'),
    );
    expect(same).toMatchObject({ carried: 2, converted: [], notCarried: [] });
    const sameItems = await list(sameRegime.assessmentId);
    expect(sameItems.map((i) => [i.code, i.carried, i.criterionCodes])).toEqual([
      ['[H1-1.1-01]', true, ['1.1', '1.4']],
      ['[H1-1.3-01]', true, ['1.3']],
    ]);

    const tt57 = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT57-PT',
    });
    const converted = await repositories.transaction((tx) =>
      carry(tx, from.assessmentId, tt57.assessmentId, '2026-11-23T08:00:00.000Z'),
    );
    expect(converted.carried).toBe(1);
    expect(converted.converted).toEqual([{ previousCode: '[H1-1.1-01]', code: 'MC.1.1.01' }]);
    expect(converted.notCarried).toEqual([
      expect.objectContaining({ code: unmapped.code, name: 'Sổ theo dõi tổ chức Đảng' }),
    ]);
    const [item] = await list(tt57.assessmentId);
    // TT17 1.4 maps to TT57 1.2: the citation follows the mapping.
    expect(item).toMatchObject({
      code: 'MC.1.1.01',
      box: null,
      previousCode: '[H1-1.1-01]',
      carried: true,
      criterionCodes: ['1.1', '1.2'],
      name: 'Nghị quyết Hội đồng trường',
    });
    const source = (await list(from.assessmentId)).find((i) => i.id === kept.id)!;
    expect(item?.files.map((f) => f.sha256)).toEqual(source.files.map((f) => f.sha256));
    const download = await call(ctx.app, council, {
      method: 'GET',
      url: `/api/assessments/${tt57.assessmentId}/evidence/${item!.id}/files/${item!.files[0]!.id}`,
    });
    expect(download.rawPayload.equals(PDF)).toBe(true);

    // With the assessment module's own criterion map, citations follow it (1.4 unmapped here).
    const mapped = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT57-PT',
    });
    const withMap = await repositories.transaction((tx) =>
      carry(tx, from.assessmentId, mapped.assessmentId, '2026-11-23T08:00:00.000Z', {
        criterionMap: new Map([['1.1', '1.1']]),
      }),
    );
    expect(withMap.carried).toBe(1);
    expect(withMap.warnings.join(' ')).toContain('tiêu chí 1.4');
    expect((await list(mapped.assessmentId)).map((i) => [i.code, i.criterionCodes])).toEqual([
      ['MC.1.1.01', ['1.1']],
    ]);
  });

  it('says which row is not imported when one code carries two different names', async () => {
    const { assessmentId } = await seedAssessment(ctx.database, {
      schoolId: fx.own.schoolId,
      schoolYear: nextYear(),
      framework: 'TT17',
    });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DMMC');
    sheet.addRow([
      'Tiêu chí',
      'TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Số, ngày',
      'Nơi ban hành',
      'Ghi chú',
    ]);
    sheet.addRow(['1.1', 1, '[H1-1.1-01]', 'Quyết định thành lập trường', 'Số 1', 'UBND', '']);
    sheet.addRow(['1.2', 2, '[H1-1.1-01]', 'Quyết định thành lập trường', 'Số 1', 'UBND', '']);
    sheet.addRow(['1.3', 3, '[H1-1.1-01]', 'Biên bản họp hội đồng trường', 'Số 7', 'Trường', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = ok<EvidenceImportResult>(
      await call(ctx.app, council, {
        method: 'POST',
        url: `/api/assessments/${assessmentId}/evidence/import?fileName=dmmc.xlsx&apply=true`,
        headers: { 'content-type': XLSX },
        payload: bytes,
      }),
    );
    // One evidence under the first name, cited by the three criteria listing the code…
    expect(result.entries).toHaveLength(1);
    const [entry] = result.entries;
    expect(entry).toMatchObject({ code: '[H1-1.1-01]', name: 'Quyết định thành lập trường' });
    expect(entry?.criterionCodes).toEqual(['1.1', '1.2', '1.3']);
    // …and the row naming another document is reported as not imported (it was lost silently).
    expect(entry?.warnings.join('\n')).toContain(
      'cùng mã [H1-1.1-01] nhưng tên khác (“Biên bản họp hội đồng trường”): chỉ nhập tên “Quyết định thành lập trường”',
    );
    expect(entry?.warnings.join('\n')).not.toContain('tên khác (“Quyết định thành lập trường”)');
    expect((await list(assessmentId)).map((i) => i.name)).toEqual(['Quyết định thành lập trường']);
  });
});
