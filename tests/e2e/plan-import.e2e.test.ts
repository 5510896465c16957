import { fileURLToPath } from 'node:url';
import { largestAcceptedPlanDocx } from '@caitien/documents/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlanEditorPage, PlansPage } from './pages/plan.page.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { browserSkipReason } from './support/browser.ts';

// Issue 7's journey: Trường Tiểu học Thanh Luông uploads its 2025-2026 Word plan (seed 001,
// layout B with progress columns), changes nothing, confirms, and has its 32 rows in CaiTien.
const SEED001 = fileURLToPath(
  new URL('../../packages/documents/test-fixtures/plans/seed001-layout-b.docx', import.meta.url),
);
const PRINCIPAL = { username: 'hieutruong.thanhluong', password: 'Thanh-Luong-2025-KH' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Lai Châu',
  commune: 'UBND xã Thanh Luông',
  school: 'Trường Tiểu học Thanh Luông',
  levels: ['tieu_hoc'],
  placeName: 'Thanh Luông',
  documentSymbol: 'THTL',
  people: [{ fullName: 'Nguyễn Thị Kim Dung', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Nguyễn Thị Kim Dung', role: 'principal' }],
};

const title = browserSkipReason
  ? `Nhập kế hoạch từ Word (bỏ qua: ${browserSkipReason})`
  : 'Nhập kế hoạch từ Word';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
  });

  afterAll(() => stopSchoolJourney({ app, browser }));

  async function signedInAsPrincipal(): Promise<{ context: BrowserContext; page: Page }> {
    return signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
  }

  test('the seed 001 Word plan imports as is: 32 rows with their progress columns', async () => {
    const { context, page } = await signedInAsPrincipal();
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      const dialog = page.getByTestId('plan-import-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('plan-import-file').setInputFiles(SEED001);
      await dialog.getByRole('button', { name: 'Đọc tệp' }).click();
      await dialog.getByTestId('plan-import-preview').waitFor();
      const summary = await dialog.getByTestId('plan-import-summary').innerText();
      expect(summary).toContain('32 dòng');
      expect(summary).toContain('2025-2026');
      expect(await dialog.getByTestId('plan-import-row').count()).toBe(32);
      expect(await dialog.getByTestId('plan-import-year').inputValue()).toBe('2025-2026');
      // The file has no governing body, place name or document symbol: the school profile gives them.
      const header = dialog.getByTestId('plan-import-header');
      expect(await header.locator('[data-field="placeName"]').getAttribute('data-source')).toBe(
        'profile',
      );
      expect(await header.locator('[data-field="placeName"] dd').innerText()).toBe('Thanh Luông');
      expect(await header.locator('[data-field="documentNumber"] dd').innerText()).toContain(
        '/KH-THTL',
      );
      expect(await header.locator('[data-field="schoolName"]').getAttribute('data-source')).toBe(
        'file',
      );
      await plans.screenshot('import-01-preview-desktop', { fullPage: false });

      await dialog.getByTestId('plan-import-confirm').click();
      await plans.waitForPath(/^\/ke-hoach\/[^/]+$/);
      const editor = new PlanEditorPage(page, app.baseUrl);
      await editor.editor.waitFor();
      await editor.row(0).waitFor();
      expect(await editor.rows.count()).toBe(32);
      // Layout B: the progress and result columns came across.
      expect(await editor.cell(0, 'progress').inputValue()).toBe('Đã thực hiện xong');
      expect(await editor.cell(0, 'content').inputValue()).toContain(
        'Xây dựng, cập nhật và triển khai phương hướng',
      );
      expect(await editor.title.innerText()).toContain('2025 - 2026');
      await editor.screenshot('import-02-imported-plan-desktop', { fullPage: false });

      // The year's plan is now a draft: a second import offers to add the rows to it instead.
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      await dialog.getByTestId('plan-import-file').setInputFiles(SEED001);
      await dialog.getByRole('button', { name: 'Đọc tệp' }).click();
      await dialog.getByTestId('plan-import-preview').waitFor();
      expect(await dialog.getByTestId('plan-import-confirm').count()).toBe(0);
      await dialog.getByTestId('plan-import-append').click();
      await plans.waitForPath(/^\/ke-hoach\/[^/]+$/);
      await editor.row(63).waitFor();
      expect(await editor.rows.count()).toBe(64);
    } finally {
      await context.close();
    }
  });

  test('a large Word plan is read by the job queue and previews the same way', async () => {
    const { context, page } = await signedInAsPrincipal();
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      const dialog = page.getByTestId('plan-import-dialog');
      await dialog.waitFor();
      const docx = Buffer.from(largestAcceptedPlanDocx({ rows: 2_900 }));
      expect(docx.length).toBeGreaterThan(256 * 1024);
      await dialog.getByTestId('plan-import-file').setInputFiles({
        name: 'ke-hoach-lon.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: docx,
      });
      const queued = page.waitForResponse((r) => r.url().includes('/plans/import-jobs'));
      await dialog.getByRole('button', { name: 'Đọc tệp' }).click();
      expect((await queued).status()).toBe(202);
      await dialog.getByTestId('plan-import-preview').waitFor({ timeout: 60_000 });
      expect(await dialog.getByTestId('plan-import-row').count()).toBe(2_900);
      await plans.screenshot('import-03-large-file-preview-desktop', { fullPage: false });
    } finally {
      await context.close();
    }
  }, 120_000);

  test('a table pasted from Word or Excel imports too', async () => {
    const { context, page } = await signedInAsPrincipal();
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await page.getByTestId('plan-import-open').click();
      const dialog = page.getByTestId('plan-import-dialog');
      await dialog.getByTestId('plan-import-paste-mode').check();
      await dialog
        .getByTestId('plan-import-text')
        .fill(
          [
            'TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\tChủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\tDự kiến kinh phí',
            '1\tTiêu chí 1.1\tĐăng tải phương hướng lên website\tKiểm tra website hằng tháng\tHiệu trưởng\tTháng 10/2024\t3 triệu đồng',
            '2\tTiêu chí 2.1\tBồi dưỡng giáo viên\tTập huấn chuyên đề\tPhó hiệu trưởng\t10 – 01\tKhông',
          ].join('\n'),
        );
      await dialog.getByTestId('plan-import-year').fill('2024-2025');
      await dialog.getByRole('button', { name: 'Đọc bảng' }).click();
      await dialog.getByTestId('plan-import-preview').waitFor();
      expect(await dialog.getByTestId('plan-import-row').count()).toBe(2);
      await dialog.getByTestId('plan-import-confirm').click();
      await plans.waitForPath(/^\/ke-hoach\/[^/]+$/);
      const editor = new PlanEditorPage(page, app.baseUrl);
      await editor.row(1).waitFor();
      expect(await editor.rows.count()).toBe(2);
      expect(await editor.cell(1, 'tasks').inputValue()).toBe('Tập huấn chuyên đề');
    } finally {
      await context.close();
    }
  });
});
