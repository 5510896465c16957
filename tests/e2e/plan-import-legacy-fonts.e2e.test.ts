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

// Issue 16: an older Word plan typed in .VnTime (TCVN3) previews in Unicode; unticking “Chuyển
// phông chữ cũ (TCVN3/VNI) sang Unicode” reads it again as typed.
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
});
