import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { ApiSession, seedPlan } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext } from './support/browser.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { artifactPath } from './support/paths.ts';

// Issue 14: the principal publishes the approved plan; a visitor without an account opens the page
// from the address in the QR code, downloads the DOCX and checks it ("khớp"), checks an altered copy
// ("không khớp"); after withdrawal the address says the page does not exist.
const PRINCIPAL = { username: 'hieutruong.hoaan', password: 'Hoa-An-2026-Cong-Khai' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Cao Bằng',
  commune: 'UBND xã Hòa An',
  school: 'Trường THCS Hòa An',
  levels: ['thcs'],
  placeName: 'Hòa An',
  documentSymbol: 'THCSHA',
  people: [{ fullName: 'Nông Thị Mai', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Nông Thị Mai', role: 'principal' }],
};

const title = browserSkipReason
  ? `Công khai kế hoạch và kiểm tra bản sao (bỏ qua: ${browserSkipReason})`
  : 'Công khai kế hoạch và kiểm tra bản sao';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let planId = '';

  beforeAll(async () => {
    const started = await startSchoolJourney(SEED);
    ({ app, browser } = started);
    const { schoolId } = started;
    const api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    ({ planId } = await seedPlan(api, schoolId, {
      schoolYear: '2026-2027',
      approve: true,
      rows: [
        {
          group: 'tt57',
          criterionCode: '1.1',
          cells: {
            content: 'Rà soát phương hướng chiến lược xây dựng và phát triển nhà trường',
            tasks: 'Tổ chức hội nghị lấy ý kiến cha mẹ học sinh',
            time: 'Tháng 10/2026',
            lead: 'Hiệu trưởng',
            budget: 'Ngân sách: 5.000.000',
          },
        },
        {
          group: 'tt57',
          criterionCode: '3.2',
          cells: {
            content: 'Sửa chữa phòng học bộ môn',
            time: 'Tháng 12/2026',
            lead: 'Phó hiệu trưởng',
          },
        },
      ],
    }));
  }, 180_000);

  afterAll(() => stopSchoolJourney({ app, browser }));

  test('publish, open from the QR address, download, check a copy, withdraw', async () => {
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
    let url: string;
    try {
      await page.goto(`${app.baseUrl}/ke-hoach/${planId}`);
      const panel = page.getByTestId('publication-panel');
      await panel.getByTestId('publication-none').waitFor();
      await panel.getByTestId('publication-publish').click();
      const address = panel.getByTestId('publication-url');
      await address.waitFor({ timeout: 90_000 });
      url = await address.inputValue();
      expect(url).toMatch(/\/cong-khai\/[0-9a-z]{10}$/);
      await expect.poll(() => panel.locator('img.public-qr').count()).toBe(1);
      await panel.screenshot({ path: artifactPath('public-disclosure-panel.png') });
    } finally {
      await context.close();
    }

    // A visitor without an account, on a phone (375 px), opens the address the QR code carries.
    const visitor = await newContext(browser, 'phoneNarrow');
    const phone = await visitor.newPage();
    try {
      await phone.goto(url);
      await phone.getByTestId('public-plan').waitFor();
      expect(await phone.getByTestId('public-school').textContent()).toContain(
        'Trường THCS Hòa An',
      );
      expect(await phone.getByTestId('public-rows').textContent()).toContain(
        'Rà soát phương hướng chiến lược',
      );
      await phone.screenshot({ path: artifactPath('public-disclosure-phone.png'), fullPage: true });
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);

      const [download] = await Promise.all([
        phone.waitForEvent('download'),
        phone.getByTestId('public-download-docx').click(),
      ]);
      const docxPath = artifactPath('public-disclosure-copy.docx');
      await download.saveAs(docxPath);
      const docx = readFileSync(docxPath);
      const zip = await JSZip.loadAsync(docx);
      expect(await zip.file('word/document.xml')!.async('string')).toContain(url);

      await phone.getByTestId('public-verify-file').setInputFiles(docxPath);
      const result = phone.getByTestId('public-verify-result');
      await expect.poll(() => result.getAttribute('data-match')).toBe('true');
      expect(await result.textContent()).toContain('Khớp');

      zip.file(
        'word/document.xml',
        (await zip.file('word/document.xml')!.async('string')).replace('Sửa chữa', 'Xây mới'),
      );
      const alteredPath = artifactPath('public-disclosure-altered.docx');
      writeFileSync(alteredPath, await zip.generateAsync({ type: 'nodebuffer' }));
      await phone.getByTestId('public-verify-file').setInputFiles(alteredPath);
      await expect.poll(() => result.getAttribute('data-match')).toBe('false');
      expect(await result.textContent()).toContain('Không khớp');
      await phone.screenshot({
        path: artifactPath('public-disclosure-verify.png'),
        fullPage: true,
      });
    } finally {
      await visitor.close();
    }

    // Desktop view of the page, then the principal withdraws it.
    const desk = await newContext(browser, 'desktop');
    const deskPage = await desk.newPage();
    try {
      await deskPage.goto(url);
      await deskPage.getByTestId('public-plan').waitFor();
      await deskPage.screenshot({
        path: artifactPath('public-disclosure-desktop.png'),
        fullPage: true,
      });
    } finally {
      await desk.close();
    }

    const again = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
    try {
      await again.page.goto(`${app.baseUrl}/ke-hoach/${planId}`);
      const panel = again.page.getByTestId('publication-panel');
      await panel.getByTestId('publication-withdraw').click();
      await again.page
        .getByTestId('confirm-dialog')
        .getByRole('button', { name: 'Gỡ công khai' })
        .click();
      await panel.getByTestId('publication-none').waitFor();
    } finally {
      await again.context.close();
    }

    const late = await newContext(browser, 'phoneNarrow');
    const latePage = await late.newPage();
    try {
      await latePage.goto(url);
      const gone = latePage.getByTestId('public-not-found');
      await gone.waitFor();
      expect(await gone.textContent()).toContain('không tồn tại');
      await latePage.screenshot({ path: artifactPath('public-disclosure-withdrawn.png') });
    } finally {
      await late.close();
    }
  }, 240_000);
});
