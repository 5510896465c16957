import { readFileSync } from 'node:fs';
import { convertDocxToPdf, findSoffice } from '@caitien/documents';
import { PLAN_FIXTURES_DIR } from '@caitien/documents/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  LEGACY_FONT_ROW,
  LEGACY_FONT_ROW_TYPED,
  legacyFontDocx,
} from '../../apps/server/src/testing/legacy-font-docx.ts';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlansPage } from './pages/plan.page.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 16, files a school already has: an older Word plan typed in .VnTime (TCVN3) previews in
// Unicode (unticking “Chuyển phông chữ cũ (TCVN3/VNI) sang Unicode” reads it again as typed), and a
// plan published as PDF previews with each row's page beside it.
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

const title = browserSkipReason
  ? `Nhập kế hoạch gõ bằng phông .VnTime (bỏ qua: ${browserSkipReason})`
  : 'Nhập kế hoạch gõ bằng phông .VnTime';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
  });

  afterAll(() => stopSchoolJourney({ app, browser }));

  test('previews the text in Unicode, and as typed once the box is unticked', async () => {
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      const dialog = page.getByTestId('plan-import-dialog');
      await dialog.waitFor();
      const checkbox = dialog.getByTestId('plan-import-legacy-fonts');
      expect(await checkbox.isChecked()).toBe(true);
      await dialog.getByTestId('plan-import-file').setInputFiles({
        name: 'ke-hoach-vntime.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await legacyFontDocx(),
      });
      await dialog.getByRole('button', { name: 'Đọc tệp' }).click();
      await dialog.getByTestId('plan-import-preview').waitFor();
      const note = dialog.getByTestId('plan-import-legacy-fonts-note');
      expect(await note.innerText()).toContain('Đã chuyển 4 đoạn chữ từ phông TCVN3 (.VnTime)');
      const row = dialog.getByTestId('plan-import-row').first();
      expect(await row.innerText()).toContain(LEGACY_FONT_ROW.target);

      const reread = page.waitForResponse((r) => r.url().includes('legacyFonts=false'));
      await checkbox.uncheck();
      expect((await reread).status()).toBe(200);
      await note.filter({ hasText: 'giữ nguyên' }).waitFor();
      expect(await dialog.getByTestId('plan-import-row').first().innerText()).toContain(
        LEGACY_FONT_ROW_TYPED.target,
      );
    } finally {
      await context.close();
    }
  }, 60_000);

  // A plan published as PDF (made here by LibreOffice from the repository's seed001 DOCX) previews
  // with each row's pages and confidence, and its page drawn beside the rows. Needs LibreOffice
  // (CI installs it).
  test.skipIf(findSoffice() === null && process.env.CI !== 'true')(
    'previews the rows of a PDF plan with their pages and confidence, its page beside them',
    async () => {
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
        const inked = await pageView.locator('canvas').evaluate((element) => {
          // A canvas (the e2e code is typed without the DOM library).
          const c = element as unknown as {
            width: number;
            height: number;
            getContext(kind: '2d'): {
              getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
            } | null;
          };
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
          for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) return true;
          return false;
        });
        expect(inked).toBe(true);
        await plans.screenshot('import-04-pdf-preview-desktop', { fullPage: false });
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
