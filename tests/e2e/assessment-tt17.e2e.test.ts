import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { AssessmentPage, AssessmentsTabPage } from './pages/assessment.page.ts';
import { signedInAtSchool } from './pages/auth.page.ts';
import { EVIDENCE_FIXTURES } from '../../packages/documents/src/evidence-import/evidence-list.fixtures.ts';
import { ApiSession } from './support/api.ts';
import { artifactPath } from './support/paths.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 12: a primary school (TT17) self-assesses its 2025-2026 year in the browser — marks a
// standard's criteria, adds evidence with a scanned file, cites it in a description, renumbers,
// sees its level and what holds it back, turns the weak criterion into plan rows.
const PRINCIPAL = { username: 'hieutruong.hoabinh', password: 'Hoa-Binh-2025-Tu-Danh-Gia' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Thái Nguyên',
  commune: 'UBND xã Hòa Bình',
  school: 'Trường Tiểu học Hòa Bình',
  levels: ['tieu_hoc'],
  placeName: 'Hòa Bình',
  documentSymbol: 'THHB',
  people: [
    { fullName: 'Nguyễn Thị Lan Anh', position: 'Hiệu trưởng' },
    { fullName: 'Trần Văn Đức', position: 'Phó Hiệu trưởng' },
  ],
  accounts: [{ ...PRINCIPAL, person: 'Nguyễn Thị Lan Anh', role: 'principal' }],
};

/** A one-page PDF, as a scanner would save a signed decision. */
export const SCANNED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const title = browserSkipReason
  ? `Tự đánh giá của trường tiểu học theo Thông tư 17 (bỏ qua: ${browserSkipReason})`
  : 'Tự đánh giá của trường tiểu học theo Thông tư 17';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let context: BrowserContext;
  let page: Page;
  let assessment: AssessmentPage;
  let planId = '';
  let assessmentId = '';
  const step = sequentialJourney();

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
    // The year's draft plan the weak criteria will feed (the plan editor has its own journeys).
    const api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    const plan = await api.request<{ id: string }>('POST', `/api/schools/${schoolId}/plans`, {
      schoolYear: '2025-2026',
    });
    planId = plan.id;
    ({ context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL));
    assessment = new AssessmentPage(page, app.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stopSchoolJourney({ app, browser });
  });

  step(
    'the principal starts the 2025-2026 assessment, under TT17 as the level and year say',
    async () => {
      const tab = new AssessmentsTabPage(page, app.baseUrl);
      await tab.open(schoolId);
      expect(await tab.tabLabels()).toContain('Tự đánh giá');
      const framework = await tab.openStart('2025-2026');
      expect(framework).toContain('TT17');
      await tab.screenshot('assessment-tt17-01-start-dialog', { fullPage: false });
      await tab.confirmStart();
      assessmentId = assessment.assessmentId();
      await expect.poll(() => assessment.status.innerText()).toBe('Dự thảo');
      expect(await assessment.header.innerText()).toContain('Bộ tiêu chuẩn: TT17');
      expect(await assessment.schoolLevel.innerText()).toBe('Chưa đạt Mức 1');
    },
  );

  step('marks the criteria of standard 1: levels computed as marked, never guessed', async () => {
    await assessment.openCriterion('1.1');
    for (const level of [1, 2]) {
      for (const key of await assessment.indicatorKeys(level)) await assessment.mark(key, true);
    }
    const level3 = await assessment.indicatorKeys(3);
    expect(level3.length).toBeGreaterThan(0);
    await assessment.mark(level3[0] ?? '', false);
    await expect.poll(() => assessment.computedLevel.innerText()).toContain('Mức 2');
    expect(await assessment.listedLevel('1.1')).toBe('Mức 2');

    await assessment.field('weaknesses').fill('Một số thành viên Hội đồng trường chưa chủ động.');
    await assessment
      .field('improvementPlan')
      .fill('Năm học 2026-2027, tổ chức bồi dưỡng cho thành viên Hội đồng trường.');
    await assessment.saveCriterion();

    // The other criteria of the standard: Mức 1 and 2 met.
    const codes = await page
      .locator('[data-testid="criterion-item"][data-code^="1."]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code') ?? ''));
    for (const code of codes.filter((c) => c !== '1.1')) {
      await assessment.openCriterion(code);
      for (const level of [1, 2])
        for (const key of await assessment.indicatorKeys(level)) await assessment.mark(key, true);
    }
    await assessment.openCriterion('1.2');
    await expect.poll(() => assessment.listedLevel('1.2')).toMatch(/Mức 2|Chưa xác định/);
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt17-02-criterion-marked');
  });

  step('adds two evidence from the criterion, attaches a scanned decision, cites it', async () => {
    await assessment.openCriterion('1.1');
    await assessment.addEvidenceHere({
      name: 'Kế hoạch chiến lược phát triển nhà trường giai đoạn 2025-2030',
      issued: 'Số 45/KH-THHB ngày 20/9/2025',
      issuer: 'Trường Tiểu học Hòa Bình',
    });
    await assessment.addEvidenceHere({
      name: 'Quyết định thành lập Hội đồng trường',
      issued: 'Số 12/QĐ-UBND ngày 05/9/2025',
      issuer: 'UBND xã Hòa Bình',
    });
    expect(await assessment.criterionEvidenceCode('Kế hoạch chiến lược')).toBe('[H1-1.1-01]');
    expect(await assessment.criterionEvidenceCode('Quyết định thành lập')).toBe('[H1-1.1-02]');

    const decision = assessment.criterionEvidence('Quyết định thành lập');
    await decision.getByTestId('evidence-file-input').setInputFiles({
      name: 'Quyết định 12-QĐ thành lập HĐT.pdf',
      mimeType: 'application/pdf',
      buffer: SCANNED_PDF,
    });
    await assessment.waitForSuccess('Đã tải tệp lên');
    await assessment
      .criterionEvidence('Quyết định thành lập')
      .getByRole('link', { name: 'Quyết định 12-QĐ thành lập HĐT.pdf' })
      .waitFor();

    await assessment
      .field('description')
      .fill('Nhà trường có Hội đồng trường được thành lập đúng quy định');
    await assessment.field('description').focus();
    await assessment.criterionEvidence('Quyết định thành lập').getByTestId('insert-code').click();
    expect(await assessment.field('description').inputValue()).toBe(
      'Nhà trường có Hội đồng trường được thành lập đúng quy định [H1-1.1-02]',
    );
    // A code with no evidence behind it is warned about, and kept as typed.
    await assessment
      .field('strengths')
      .fill('Hội đồng trường họp đủ số kỳ theo quy chế [H1-1.1-09].');
    await expect.poll(() => assessment.unknownCitations.innerText()).toContain('[H1-1.1-09]');
    expect(await assessment.citations.filter({ hasText: '[H1-1.1-02]' }).count()).toBe(1);
    await assessment.saveCriterion();
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt17-03-evidence-cited');
  });

  step(
    'deleting a cited evidence is refused with who cites it; renumbering closes the gap',
    async () => {
      await assessment.openSection('Minh chứng');
      await assessment.evidenceRow('[H1-1.1-01]').waitFor();
      expect(await assessment.evidenceCodes()).toEqual(['[H1-1.1-01]', '[H1-1.1-02]']);
      await assessment.evidenceRow('[H1-1.1-01]').getByTestId('evidence-delete').click();
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Xóa' }).click();
      const refused = page.getByTestId('evidence-delete-refused');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('1.1');
      await assessment.screenshot('assessment-tt17-04-delete-refused', { fullPage: false });
      await refused.getByRole('button', { name: 'Đóng' }).first().click();

      // The criterion no longer uses the strategy plan: then it may go, and leave a gap.
      await assessment.openSection('Tiêu chí');
      await assessment.openCriterion('1.1');
      await assessment
        .criterionEvidence('Kế hoạch chiến lược')
        .getByRole('button', { name: 'Bỏ khỏi tiêu chí' })
        .click();
      await assessment.waitForSuccess('Đã bỏ minh chứng khỏi tiêu chí');
      await assessment.openSection('Minh chứng');
      await assessment.evidenceRow('[H1-1.1-01]').getByTestId('evidence-delete').click();
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Xóa' }).click();
      await assessment.waitForSuccess('Đã xóa minh chứng');
      await expect.poll(() => assessment.evidenceCodes()).toEqual(['[H1-1.1-02]']);

      await page.getByTestId('evidence-renumber-open').click();
      const dialog = page.getByTestId('renumber-dialog');
      await dialog.getByTestId('renumber-change').first().waitFor();
      expect(await dialog.getByTestId('renumber-change').first().innerText()).toMatch(
        /\[H1-1\.1-02\]\s*→ \[H1-1\.1-01\]/,
      );
      await assessment.screenshot('assessment-tt17-05-renumber-preview', { fullPage: false });
      await dialog.getByTestId('renumber-apply').click();
      await dialog.getByTestId('renumber-done').waitFor();
      await dialog.getByRole('button', { name: 'Đóng' }).last().click();
      await expect.poll(() => assessment.evidenceCodes()).toEqual(['[H1-1.1-01]']);
      await assessment.screenshot('assessment-tt17-06-evidence-list');

      // Every citation followed the new code.
      await assessment.openSection('Tiêu chí');
      await assessment.openCriterion('1.1');
      await expect
        .poll(() => assessment.field('description').inputValue())
        .toBe('Nhà trường có Hội đồng trường được thành lập đúng quy định [H1-1.1-01]');
    },
  );

  step('judges a Mức 4 item with its description', async () => {
    await page.getByRole('button', { name: 'Mức 4', exact: true }).click();
    const item = () => page.getByTestId('level4-panel').getByTestId('level4-item').first();
    await item().getByRole('button', { name: 'Không đạt', exact: true }).click();
    await expect
      .poll(() => item().getByTestId('mark-toggle').getAttribute('data-value'))
      .toBe('not-met');
    await item().getByLabel('Mô tả').fill('Chưa xây dựng chương trình giáo dục tiên tiến.');
    await item().getByRole('button', { name: 'Lưu yêu cầu Mức 4' }).click();
    await expect
      .poll(() => item().getByRole('button', { name: 'Lưu yêu cầu Mức 4' }).count())
      .toBe(0);
    expect(await item().getByLabel('Mô tả').inputValue()).toBe(
      'Chưa xây dựng chương trình giáo dục tiên tiến.',
    );
    await assessment.openCriterion('1.1');
  });

  step(
    'sees the school level, its reason and the criteria holding the next level back',
    async () => {
      expect(await assessment.schoolLevel.innerText()).toBe('Chưa đạt Mức 1');
      const gap = await assessment.gap.innerText();
      expect(gap).toContain('Để đạt Mức 1');
      expect(gap).toMatch(/2\.1/);

      // Thử tính: a mark tried, the level shown as a trial, nothing saved.
      await assessment.whatIfToggle.click();
      await assessment.whatIfBar.waitFor();
      const tried = (await assessment.indicatorKeys(3))[0] ?? '';
      const before = await assessment.toggle(tried).getAttribute('data-value');
      await assessment.toggle(tried).getByRole('button', { name: 'Đạt', exact: true }).click();
      await expect.poll(() => assessment.whatIfBar.innerText()).toContain('1 thay đổi thử');
      await expect
        .poll(() => page.getByTestId('school-level').innerText())
        .toContain('Mức thử tính (chưa lưu)');
      await assessment.screenshot('assessment-tt17-07-what-if', { fullPage: false });
      await page.getByTestId('what-if-reset').click();
      await expect.poll(() => assessment.whatIfBar.innerText()).toContain('0 thay đổi thử');
      await assessment.whatIfToggle.click();
      await page.reload();
      await assessment.panel.waitFor();
      expect(await assessment.toggle(tried).getAttribute('data-value')).toBe(before);
    },
  );

  step('proposes plan rows from the weak criterion into the year’s draft plan', async () => {
    await assessment.openSection('Văn bản & kế hoạch cải tiến');
    await assessment.proposal.getByTestId('propose-preview').click();
    const rows = assessment.proposal.getByTestId('proposed-row');
    await rows.first().waitFor();
    expect(await assessment.proposal.innerText()).toContain(
      'Năm học 2026-2027, tổ chức bồi dưỡng cho thành viên Hội đồng trường.',
    );
    await assessment.screenshot('assessment-tt17-08-proposed-rows');
    await assessment.proposal.getByTestId('propose-apply').click();
    await assessment.proposal.getByTestId('propose-open-plan').click();
    await assessment.waitForPath(new RegExp(`^/ke-hoach/${planId}`));
    await page.getByTestId('plan-assessment-basis').waitFor();
    // The plan's cells are text boxes: their values, not the page's text.
    await expect
      .poll(async () =>
        (
          await page
            .locator('textarea')
            .evaluateAll((boxes) => boxes.map((b) => (b as { value: string }).value))
        ).join('\n'),
      )
      .toContain('Năm học 2026-2027, tổ chức bồi dưỡng cho thành viên Hội đồng trường.');
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt17-09-plan-with-rows', { fullPage: false });
  });

  step(
    'downloads the self-assessment report as DOCX and as PDF (LibreOffice), and looks at it',
    async () => {
      await assessment.open(assessmentId, '?muc=van-ban');
      await page
        .getByLabel('Kết luận chung')
        .fill('Nhà trường tự đánh giá đạt Mức 1 ở tiêu chuẩn 1; cần tiếp tục cải tiến.');
      await page.getByRole('button', { name: 'Lưu nội dung báo cáo' }).click();
      await assessment.waitForSuccess('Đã lưu nội dung báo cáo');
      const [docx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-report-docx').click(),
      ]);
      const docxPath = artifactPath('assessment-tt17-report.docx');
      await docx.saveAs(docxPath);
      expect(docx.suggestedFilename()).toMatch(/\.docx$/);
      // A DOCX is a zip: "PK".
      expect(readFileSync(docxPath).subarray(0, 2).toString('latin1')).toBe('PK');

      const [pdf] = await Promise.all([
        page.waitForEvent('download', { timeout: 55_000 }),
        page.getByTestId('download-report-pdf').click(),
      ]);
      const pdfPath = artifactPath('assessment-tt17-report.pdf');
      await pdf.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
        .normalize('NFC')
        .replace(/\s+/g, ' ');
      expect(text.toUpperCase()).toContain('TRƯỜNG TIỂU HỌC HÒA BÌNH');
      expect(text).toContain('Nhà trường có Hội đồng trường được thành lập đúng quy định');
      expect(text).toContain(
        'Nhà trường tự đánh giá đạt Mức 1 ở tiêu chuẩn 1; cần tiếp tục cải tiến.',
      );
      // The first pages as pictures, for a person to look at.
      execFileSync('pdftoppm', [
        '-r',
        '50',
        '-png',
        '-f',
        '1',
        '-l',
        '3',
        pdfPath,
        artifactPath('assessment-tt17-report'),
      ]);
    },
  );

  step(
    'imports the evidence list the school keeps in Excel: a preview first, then written',
    async () => {
      const fixture = EVIDENCE_FIXTURES.find((f) => f.file === 'dmmc-7col-merged.xlsx');
      if (!fixture) throw new Error('the 7-column evidence list fixture is missing');
      const bytes = Buffer.from(await fixture.build());
      await assessment.open(assessmentId, '?muc=minh-chung');
      const before = (await assessment.evidenceCodes()).length;
      await page.getByTestId('evidence-import-open').click();
      const dialog = page.getByTestId('evidence-import-dialog');
      await dialog.getByTestId('evidence-import-file').setInputFiles({
        name: 'Danh mục minh chứng 2024-2025.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: bytes,
      });
      await dialog.getByTestId('evidence-import-preview').click();
      await dialog.getByTestId('evidence-import-entry').first().waitFor();
      const previewed = await dialog.getByTestId('evidence-import-entry').count();
      // One entry per code: a code listed under several criteria is one evidence cited by each.
      expect(previewed).toBe(new Set(fixture.expected.map((e) => e.code)).size);
      // Nothing is written by a preview.
      expect((await assessment.evidenceCodes()).length).toBe(before);
      await assessment.screenshot('assessment-tt17-10-import-preview', { fullPage: false });
      await dialog.getByTestId('evidence-import-apply').click();
      await dialog.getByText(/^Đã nhập \d+ minh chứng\.$/).waitFor();
      await dialog.getByRole('button', { name: 'Đóng' }).last().click();
      await expect
        .poll(async () => (await assessment.evidenceCodes()).length)
        .toBeGreaterThan(before);
      await assessment.dismissNotices();
      await assessment.screenshot('assessment-tt17-11-evidence-imported');

      // The Danh mục minh chứng, as Word and as Excel.
      for (const format of ['docx', 'xlsx'] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`evidence-download-${format}`).click(),
        ]);
        const path = artifactPath(`assessment-tt17-evidence-list.${format}`);
        await download.saveAs(path);
        expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
        expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
      }
    },
  );
});
