import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testDialects } from '@caitien/db/testing';
import { findSoffice } from '@caitien/documents';
import type {
  AssessmentDetail,
  AssessmentInterchange,
  EvidenceItem,
  FrameworkDetail,
} from '@caitien/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { docxText } from '../../testing/docx-text.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * The self-assessment documents through the API (issue 12 "Reports"): a TT17 and a TT57 school's
 * assessment with texts and evidence, downloaded as the report (DOCX, PDF when LibreOffice is
 * there), the council decision, the work plan and the summary workbook; drafts marked "DỰ THẢO";
 * read access as the assessment's. With ASSESSMENT_DOC_ARTIFACTS=<dir>, the downloaded reports are
 * also written there (for a LibreOffice look).
 */
describe.each(testDialects())('self-assessment documents on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let council: TestSession;
  let staff: TestSession;
  const frameworks: Record<string, FrameworkDetail> = {};
  let tt17: AssessmentDetail;
  let tt57: AssessmentDetail;
  const codes: Record<string, string> = {};

  const app = () => t.ctx.app;
  const get = async (id: string) =>
    ok<AssessmentDetail>(
      await call(app(), t.principal, { method: 'GET', url: `/api/assessments/${id}` }),
    );
  const criterionVersion = async (id: string, code: string) =>
    (await get(id)).criteria.find((c) => c.criterionCode === code)?.version ?? -1;
  const addEvidence = async (id: string, body: Record<string, unknown>) =>
    ok<EvidenceItem>(
      await call(app(), council, {
        method: 'POST',
        url: `/api/assessments/${id}/evidence`,
        payload: body,
      }),
    );
  const patchCriterion = async (id: string, code: string, payload: Record<string, unknown>) =>
    ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'PATCH',
        url: `/api/assessments/${id}/criteria/${code}`,
        payload: { ...payload, version: await criterionVersion(id, code) },
      }),
    );
  /** Every non-repealed indicator key of a criterion up to `level`, marked Đạt. */
  const allMet = (frameworkCode: string, criterionCode: string, level: number) => {
    const criterion = frameworks[frameworkCode]?.standards
      .flatMap((s) => s.criteria)
      .find((c) => c.code === criterionCode);
    return Object.fromEntries(
      (criterion?.levels ?? [])
        .filter((l) => l.level <= level)
        .flatMap((l) =>
          l.indicators
            .filter((i) => i.repealed === null)
            .map((i) => [i.key ? `${l.level}.${i.key}` : String(l.level), true] as const),
        ),
    );
  };
  const download = (id: string, query: string, as: TestSession = t.principal) =>
    call(app(), as, { method: 'GET', url: `/api/assessments/${id}/document${query}` });

  async function fill(a: AssessmentDetail, frameworkCode: string) {
    const detail = await get(a.id);
    const members = [
      ['Nguyễn Thị Hồng Nhung', 'chu_tich', 'Hiệu trưởng'],
      ['Trần Văn Bình', 'pho_chu_tich', 'Phó Hiệu trưởng'],
      ['Lê Thị Thu Hà', 'thu_ky', 'Giáo viên'],
      ['Phạm Minh Đức', 'uy_vien', 'Tổ trưởng tổ 1'],
      ['Hoàng Thị Lan', 'uy_vien', 'Tổ trưởng tổ 2'],
    ].map(([name, role, positionTitle], i) => ({
      id: `m${i + 1}`,
      personId: null,
      name,
      positionTitle,
      role,
      duty: i === 0 ? 'Chỉ đạo chung' : 'Thực hiện nhiệm vụ được phân công',
    }));
    const afterCouncil = ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'PUT',
        url: `/api/assessments/${a.id}/council`,
        payload: {
          council: {
            members,
            groups: [
              {
                id: 'g1',
                name: 'Nhóm công tác số 1',
                memberIds: ['m3', 'm4'],
                duty: 'Tiêu chuẩn 1',
              },
            ],
            decisionNumber: '12/QĐ-THHB',
            decisionDate: '05/9/2026',
          },
          version: detail.version,
        },
      }),
    );
    const afterPlan = ok<AssessmentDetail>(
      await call(app(), t.principal, {
        method: 'PUT',
        url: `/api/assessments/${a.id}/work-plan`,
        payload: {
          workPlan: {
            number: '15/KH-THHB',
            date: '10/9/2026',
            purpose: 'Rà soát toàn bộ hoạt động của nhà trường',
            scope: 'Toàn trường',
            tools: 'Bộ tiêu chuẩn hiện hành',
            training: 'Tập huấn nghiệp vụ tự đánh giá cho thành viên hội đồng',
            resources: 'Kinh phí chi thường xuyên',
            consultants: '',
            steps: [
              {
                id: 's1',
                time: 'Tuần 1 tháng 9/2026',
                activity: 'Thành lập Hội đồng tự đánh giá',
                done: true,
              },
              {
                id: 's2',
                time: 'Tháng 10/2026',
                activity: 'Thu thập, xử lý minh chứng',
                done: false,
              },
            ],
          },
          version: afterCouncil.version,
        },
      }),
    );
    ok(
      await call(app(), t.principal, {
        method: 'PATCH',
        url: `/api/assessments/${a.id}/report`,
        payload: {
          report: {
            context: 'Trường nằm ở trung tâm xã, có 24 lớp.',
            conclusion: 'Nhà trường tự đánh giá đạt các yêu cầu đã nêu.',
          },
          version: afterPlan.version,
        },
      }),
    );
    const first = await addEvidence(a.id, {
      name: 'Quyết định thành lập Hội đồng trường nhiệm kỳ 2025-2030',
      issued: 'Số 45/QĐ-UBND ngày 12/3/2025',
      issuer: 'UBND huyện Hòa Bình',
      criterionCodes: ['1.1'],
    });
    const second = await addEvidence(a.id, {
      name: 'Biên bản họp Hội đồng trường học kỳ I',
      issuer: 'Hội đồng trường',
      criterionCodes: ['1.1', '1.2'],
    });
    codes[`${frameworkCode}.first`] = first.code;
    codes[`${frameworkCode}.second`] = second.code;
    return { first, second };
  }

  beforeAll(async () => {
    council = await t.fx.signInAs('council');
    staff = await t.fx.signInAs('staff');
    for (const code of ['TT17', 'TT57-PT'])
      frameworks[code] = ok<FrameworkDetail>(
        await call(app(), null, { method: 'GET', url: `/api/frameworks/${code}` }),
      );
    const create = async (schoolYear: string) =>
      ok<AssessmentDetail>(
        await call(app(), t.principal, {
          method: 'POST',
          url: `/api/schools/${t.fx.own.schoolId}/assessments`,
          payload: { schoolYear },
        }),
      );

    tt17 = await create('2024-2025');
    const e17 = await fill(tt17, 'TT17');
    await patchCriterion(tt17.id, '1.1', {
      description: `Nhà trường có phương hướng chiến lược được xây dựng phù hợp ${e17.first.code}, được công khai trên cổng thông tin ${e17.second.code}.`,
      strengths: 'Phương hướng chiến lược bám sát thực tiễn địa phương.',
      weaknesses: 'Việc rà soát phương hướng chưa thường xuyên.',
      improvementPlan: 'Năm học 2025-2026, Hiệu trưởng tổ chức rà soát phương hướng mỗi học kỳ.',
      marks: allMet('TT17', '1.1', 3),
    });

    tt57 = await create('2031-2032');
    const e57 = await fill(tt57, 'TT57-PT');
    await patchCriterion(tt57.id, '1.1', {
      levelDescriptions: {
        '1': `Nhà trường xây dựng kế hoạch chiến lược giai đoạn 2030-2035 (${e57.first.code}, ${e57.second.code}).`,
      },
      strengths: 'Kế hoạch chiến lược có lộ trình rõ ràng.',
      weaknesses: 'Chưa đánh giá giữa kỳ.',
    });
    await patchCriterion(tt57.id, '1.1', { marks: allMet('TT57-PT', '1.1', 1) });
  }, 120_000);

  const artifacts = process.env['ASSESSMENT_DOC_ARTIFACTS'];
  const keep = (name: string, bytes: Buffer) => {
    if (!artifacts) return;
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, `${dialect}-${name}`), bytes);
  };

  it('sends the 2018 report (CV 5932) with the criterion texts, the evidence codes and the draft mark', async () => {
    const res = await download(tt17.id, '?document=report&format=docx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('Báo cáo tự đánh giá 2024-2025 - ')}`,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(/\(dự thảo\)\.docx$/);
    keep('tt17-report.docx', res.rawPayload);
    const text = await docxText(res.rawPayload);
    expect(codes['TT17.first']).toMatch(/^\[H1-1\.1-01\]$/);
    expect(text).toContain('Nhà trường có phương hướng chiến lược được xây dựng phù hợp');
    expect(text).toContain(codes['TT17.first']);
    expect(text).toContain(codes['TT17.second']);
    expect(text).toContain('Phương hướng chiến lược bám sát thực tiễn địa phương.');
    expect(text).toContain(
      'Năm học 2025-2026, Hiệu trưởng tổ chức rà soát phương hướng mỗi học kỳ.',
    );
    // The evidence list in the report names each evidence.
    expect(text).toContain('Quyết định thành lập Hội đồng trường nhiệm kỳ 2025-2030');
    expect(text).toContain('Số 45/QĐ-UBND ngày 12/3/2025');
    expect(text).toContain('Trường nằm ở trung tâm xã, có 24 lớp.');
    expect(text).toContain('5932/BGDĐT-QLCL');
    expect(text).toContain('DỰ THẢO');
  });

  it('sends the TT57 report (Biểu 1) with the level description citing MC codes', async () => {
    const res = await download(tt57.id, '?document=report');
    expect(res.statusCode, res.body).toBe(200);
    keep('tt57-report.docx', res.rawPayload);
    const text = await docxText(res.rawPayload);
    expect(codes['TT57-PT.first']).toBe('MC.1.1.01');
    expect(text).toContain('Nhà trường xây dựng kế hoạch chiến lược giai đoạn 2030-2035');
    expect(text).toContain('MC.1.1.01');
    expect(text).toContain(codes['TT57-PT.second']);
    expect(text).toContain('Biên bản họp Hội đồng trường học kỳ I');
    expect(text).toContain('DỰ THẢO');
  });

  it('sends the council decision and the work plan (kế hoạch tự đánh giá) as DOCX', async () => {
    const decision = await download(tt57.id, '?document=council-decision');
    expect(decision.statusCode, decision.body).toBe(200);
    expect(String(decision.headers['content-disposition'])).toContain(
      encodeURIComponent('Quyết định thành lập Hội đồng tự đánh giá 2031-2032'),
    );
    keep('tt57-council-decision.docx', decision.rawPayload);
    const decisionText = await docxText(decision.rawPayload);
    for (const name of ['Nguyễn Thị Hồng Nhung', 'Lê Thị Thu Hà', 'Hoàng Thị Lan'])
      expect(decisionText).toContain(name);
    expect(decisionText).toContain('12/QĐ-THHB');
    const plan = await download(tt57.id, '?document=work-plan&format=docx');
    expect(plan.statusCode, plan.body).toBe(200);
    keep('tt57-work-plan.docx', plan.rawPayload);
    const planText = await docxText(plan.rawPayload);
    expect(planText).toContain('Thu thập, xử lý minh chứng');
    expect(planText).toContain('Tập huấn nghiệp vụ tự đánh giá cho thành viên hội đồng');
  });

  it('sends the summary workbook with the computed levels (no mark set by the computation)', async () => {
    const res = await download(tt17.id, '?document=summary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tiêu chí');
    const rowOf = (code: string) => {
      let found: unknown[] = [];
      sheet?.eachRow((row) => {
        if (row.getCell(2).text === code) found = (row.values as unknown[]).slice(1);
      });
      return found;
    };
    // 1.1 has every indicator up to Mức 3 Đạt: level 3 as a number; 1.2 is not marked: no level.
    expect(rowOf('1.1').slice(0, 2)).toEqual(['1', '1.1']);
    expect(rowOf('1.1')[3]).toBe(3);
    expect(rowOf('1.1')[4]).toBe('Đạt Mức 3');
    expect(rowOf('1.2')[4]).toBe('Chưa đủ dữ liệu để xác định mức');
    const after = await get(tt17.id);
    expect(after.criteria.find((c) => c.criterionCode === '1.2')?.marks).toEqual({});
  });

  it('refuses a format the document does not come in, and an unknown document, with a 400', async () => {
    const xlsxReport = await download(tt17.id, '?document=report&format=xlsx');
    expect(xlsxReport.statusCode).toBe(400);
    expect(xlsxReport.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(xlsxReport.json().error.message).toContain('Word (.docx) hoặc PDF');
    const pdfSummary = await download(tt17.id, '?document=summary&format=pdf');
    expect(pdfSummary.statusCode).toBe(400);
    expect(pdfSummary.json().error.message).toContain('Excel (.xlsx)');
    expect((await download(tt17.id, '?document=minutes')).statusCode).toBe(400);
  });

  it('answers 503 with what to install when LibreOffice is missing, else sends the PDF', async () => {
    const saved = process.env['SOFFICE_PATH'];
    process.env['SOFFICE_PATH'] = '/nonexistent/soffice';
    try {
      const missing = await download(tt17.id, '?document=report&format=pdf');
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('LibreOffice') },
      });
    } finally {
      if (saved === undefined) delete process.env['SOFFICE_PATH'];
      else process.env['SOFFICE_PATH'] = saved;
    }
    if (findSoffice() === null) return;
    const pdf = await download(tt57.id, '?document=report&format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    keep('tt57-report.pdf', pdf.rawPayload);
    // The Mục lục carries page numbers: the service asks LibreOffice to update the contents.
    const text = ((): string | null => {
      try {
        return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], {
          input: pdf.rawPayload,
          encoding: 'utf8',
        });
      } catch {
        return null; // poppler-utils not installed
      }
    })();
    if (text !== null) expect(text).toMatch(/Phần I\. TỔNG QUAN ?\.{5,} ?\d+/);
  }, 120_000);

  it('reads as the assessment: staff only the approved one, another school 404, no session 401', async () => {
    expect((await download(tt17.id, '?document=summary', staff)).statusCode).toBe(404);
    const foreign = ok<AssessmentDetail>(
      await call(app(), t.fx.adminSession, {
        method: 'POST',
        url: `/api/schools/${t.fx.foreign.schoolId}/assessments`,
        payload: { schoolYear: '2024-2025' },
      }),
    );
    const hidden = await download(foreign.id, '?document=report');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-disposition']).toBeUndefined();
    const anonymous = await app().inject({ url: `/api/assessments/${tt17.id}/document` });
    expect(anonymous.statusCode).toBe(401);

    // Approved: staff read it, and it no longer carries the draft mark.
    const current = await get(tt17.id);
    const submitted = ok<AssessmentDetail>(
      await call(app(), council, {
        method: 'POST',
        url: `/api/assessments/${tt17.id}/submit`,
        payload: { version: current.version },
      }),
    );
    ok(
      await call(app(), t.principal, {
        method: 'POST',
        url: `/api/assessments/${tt17.id}/approve`,
        payload: { version: submitted.version },
      }),
    );
    const approved = await download(tt17.id, '?document=report', staff);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(decodeURIComponent(String(approved.headers['content-disposition']))).not.toContain(
      'dự thảo',
    );
    const text = await docxText(approved.rawPayload);
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain(codes['TT17.first']);
  });

  it('the interchange export carries what the offline render needs', async () => {
    const exported = ok<AssessmentInterchange>(
      await call(app(), t.principal, {
        method: 'GET',
        url: `/api/assessments/${tt57.id}/export.json`,
      }),
    );
    expect(exported.assessment.frameworkCode).toBe('TT57-PT');
    expect(
      exported.criteria.find((c) => c.criterionCode === '1.1')?.levelDescriptions['1'],
    ).toContain('MC.1.1.01');
  });
});
