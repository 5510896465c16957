import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { convertDocxToPdf, findSoffice } from '@caitien/documents';
import { PLAN_FIXTURES_DIR } from '@caitien/documents/testing';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlansPage } from './pages/plan.page.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 16: a plan published as PDF (made here by LibreOffice from the repository's seed001 DOCX)
// previews with each row's page and confidence beside it. Needs LibreOffice (CI installs it).
const PRINCIPAL = { username: 'hieutruong.dinhhiep', password: 'Dinh-Hiep-2024-KH' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Bình Dương',
  commune: 'UBND xã Định Hiệp',
  school: 'Trường Tiểu học Định Hiệp',
  levels: ['tieu_hoc'],
  placeName: 'Định Hiệp',
  documentSymbol: 'THĐH',
  people: [{ fullName: 'Trần Văn Bình', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Trần Văn Bình', role: 'principal' }],
};

const skip =
  browserSkipReason ??
  (findSoffice() === null && process.env.CI !== 'true' ? 'LibreOffice chưa cài' : null);
const title = skip ? `Nhập kế hoạch từ tệp PDF (bỏ qua: ${skip})` : 'Nhập kế hoạch từ tệp PDF';

describe.skipIf(skip !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
  });

  afterAll(() => stopSchoolJourney({ app, browser }));

  test('previews the rows of a PDF plan with their pages and confidence', async () => {
    const pdf = await convertDocxToPdf(readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`));
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      const dialog = page.getByTestId('plan-import-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('plan-import-file').setInputFiles({
        name: 'ke-hoach.pdf',
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await dialog.getByRole('button', { name: 'Đọc tệp' }).click();
      await dialog.getByTestId('plan-import-preview').waitFor();
      expect(await dialog.getByTestId('plan-import-row').count()).toBe(32);
      expect(await dialog.getByRole('columnheader', { name: 'Trên tệp PDF' }).count()).toBe(1);
      const first = dialog.getByTestId('plan-import-row-pdf').first();
      expect(await first.innerText()).toMatch(/Trang \d+[\s\S]*Độ tin cậy \d+\s%/u);
      // Beside the rows: the first row's page, drawn in the browser, its place marked.
      const pageView = dialog.getByTestId('plan-import-pdf-page');
      await dialog.getByTestId('plan-import-pdf-mark').waitFor();
      expect(await pageView.innerText()).toMatch(/Trang \d+ của tệp PDF/u);
      // Another row: its page and mark follow.
      const third = dialog.getByTestId('plan-import-row-pdf-show').nth(2);
      const thirdPage = Number(/\d+/u.exec(await third.innerText())?.[0]);
      await third.click();
      expect(await third.getAttribute('aria-pressed')).toBe('true');
      await pageView.getByText(`Trang ${thirdPage} của tệp PDF`).waitFor();
      const canvas = await pageView.locator('canvas').boundingBox();
      expect(canvas?.width).toBeGreaterThan(300);
      expect(canvas?.height).toBeGreaterThan(200);
      // The canvas was drawn (not blank): some pixel is darker than white.
      const inked = await pageView.locator('canvas').evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) return true;
        return false;
      });
      expect(inked).toBe(true);
      await plans.screenshot('import-04-pdf-preview-desktop', { fullPage: false });
    } finally {
      await context.close();
    }
  }, 120_000);
});
