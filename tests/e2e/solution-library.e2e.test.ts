import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { artifactPath } from './support/paths.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { browserSkipReason } from './support/browser.ts';
import type { Browser } from 'playwright-core';

// Issue 14: the principal searches the solution library without diacritics ("phuong huong"),
// uses a solution of the school's approved 2025-2026 plan in its 2026-2027 draft (TT57), and
// finds the row there with its source named.
const PRINCIPAL = { username: 'hieutruong.thuvien', password: 'Thu-Vien-2026-Giai-Phap' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Bắc Ninh',
  commune: 'UBND xã Tam Sơn',
  school: 'Trường Tiểu học Tam Sơn',
  levels: ['tieu_hoc'],
  placeName: 'Tam Sơn',
  documentSymbol: 'THTS',
  people: [{ fullName: 'Lê Thị Lan', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Lê Thị Lan', role: 'principal' }],
};

const title = browserSkipReason
  ? `Thư viện giải pháp (bỏ qua: ${browserSkipReason})`
  : 'Thư viện giải pháp: tìm không dấu, dùng trong kế hoạch của tôi';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let draftId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
    const api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    const plan = await api.request<{ id: string }>('POST', `/api/schools/${schoolId}/plans`, {
      schoolYear: '2025-2026',
    });
    for (const [criterionCode, content] of [
      ['1.4', 'Xây dựng Phương hướng phát triển tổ chuyên môn giai đoạn mới'],
      ['3.2', 'Sửa chữa phòng học, bổ sung thiết bị'],
    ] as const)
      await api.request('POST', `/api/plans/${plan.id}/rows`, {
        group: 'levels_1_3',
        standardCode: criterionCode.split('.')[0],
        criterionCode,
        content,
        tasks: 'Họp tổ chuyên môn, thống nhất kế hoạch',
        lead: 'Hiệu trưởng',
        time: 'Tháng 9/2025 – 5/2026',
      });
    const current = await api.request<{ version: number }>('GET', `/api/plans/${plan.id}`);
    await api.request('POST', `/api/plans/${plan.id}/approve`, { version: current.version });
    draftId = (
      await api.request<{ id: string }>('POST', `/api/schools/${schoolId}/plans`, {
        schoolYear: '2026-2027',
      })
    ).id;
  });

  afterAll(() => stopSchoolJourney({ app, browser }));

  test('search "phuong huong", use the solution in the draft plan, see it there', async () => {
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
    try {
      await page.getByRole('link', { name: 'Thư viện giải pháp' }).first().click();
      await page.getByTestId('library-screen').waitFor();
      await page.getByTestId('library-q').fill('phuong huong');
      await page.getByTestId('library-search').click();
      const result = page.getByTestId('library-result').first();
      await result.waitFor();
      expect(await page.getByTestId('library-result').count()).toBe(1);
      const text = await result.innerText();
      expect(text).toContain('Trường Tiểu học Tam Sơn');
      expect(text).toContain('Năm học 2025-2026');
      expect(text).toContain('Tiêu chí 1.4 (TT17)');
      expect(await result.locator('mark').allInnerTexts()).toContain('Phương hướng');
      await page.screenshot({ path: artifactPath('library-01-search-desktop.png') });

      await result.getByTestId('library-use').click();
      const form = result.getByTestId('library-use-form');
      await form.waitFor();
      await form.getByTestId('library-use-plan').selectOption(draftId);
      // The TT57 criterion the school chooses (TT17 1.4 maps to TT57-PT 1.2).
      await form.getByTestId('library-use-criterion').locator('option[value="1.2"]').waitFor({
        state: 'attached',
      });
      await form.getByTestId('library-use-criterion').selectOption('1.2');
      await page.screenshot({ path: artifactPath('library-02-use-desktop.png') });
      await form.getByTestId('library-use-confirm').click();
      await form.getByTestId('library-used').waitFor();
      await form.getByTestId('library-open-plan').click();
      await page.waitForURL(new RegExp(`/ke-hoach/${draftId}`));
      const body = page.locator('main');
      await body
        .getByText('Xây dựng Phương hướng phát triển tổ chuyên môn giai đoạn mới')
        .first()
        .waitFor();
      await page.screenshot({ path: artifactPath('library-03-plan-desktop.png'), fullPage: true });
      const api = new ApiSession(app.baseUrl);
      await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
      const draft = await api.request<{ rows: { criterionCode: string | null; note: string }[] }>(
        'GET',
        `/api/plans/${draftId}`,
      );
      expect(draft.rows).toHaveLength(1);
      expect(draft.rows[0]?.criterionCode).toBe('1.2');
      expect(draft.rows[0]?.note).toContain(
        'Nguồn: thư viện giải pháp — Trường Tiểu học Tam Sơn, năm học 2025-2026',
      );
    } finally {
      await context.close();
    }
  });

  test('readable on a phone', async () => {
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL, 'phone');
    try {
      await page.goto(`${app.baseUrl}/thu-vien-giai-phap?q=phuong%20huong`);
      await page.getByTestId('library-result').first().waitFor();
      const overflows = await page.evaluate(
        'document.documentElement.scrollWidth > window.innerWidth + 1',
      );
      expect(overflows).toBe(false);
      await page.screenshot({ path: artifactPath('library-04-phone.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
