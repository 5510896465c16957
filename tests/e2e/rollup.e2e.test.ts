import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { SignInPage } from './pages/auth.page.ts';
import { CommentsPage } from './pages/comments.page.ts';
import { RollupPage } from './pages/rollup.page.ts';
import { apiSessionAs, ApiSession, seedPlan } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 14: a Sở officer opens the province roll-up (summary, charts, each with its table), drills
// down to a commune, then to a school and opens its plan, where he comments on a row (góp ý); the
// principal answers from the notification and the officer reads the answer; the roll-up on a 375 px
// phone.
const PRINCIPAL = { username: 'hieutruong.tanhung', password: 'Tan-Hung-2027-Hieu-Truong' };
const OFFICER = { username: 'canbo.so.angiang', password: 'So-GD-An-Giang-2027' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh An Giang',
  commune: 'UBND xã Tân Hưng',
  school: 'Trường Tiểu học Tân Hưng',
  levels: ['tieu_hoc'],
  placeName: 'Tân Hưng',
  documentSymbol: 'THTH',
  people: [{ fullName: 'Nguyễn Văn Hùng', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Nguyễn Văn Hùng', role: 'principal' }],
};
const START_AT = '2027-01-18T09:00:00+07:00';
const ROW_COMMENT = 'Đề nghị ghi rõ minh chứng của việc rà soát kế hoạch phát triển.';
const ANSWER = 'Nhà trường đã bổ sung minh chứng: biên bản họp Hội đồng trường tháng 10/2026.';

const title = browserSkipReason
  ? `Tổng hợp của Sở (bỏ qua: ${browserSkipReason})`
  : 'Tổng hợp của Sở: biểu đồ, xem chi tiết xã, trường và kế hoạch';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let planId = '';
  let threadId = '';
  const contexts: BrowserContext[] = [];
  const step = sequentialJourney();

  async function signInOfficer(
    viewport: 'desktop' | 'phoneNarrow',
    who: { username: string; password: string } = OFFICER,
  ): Promise<Page> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    const signIn = new SignInPage(page, app.baseUrl);
    await signIn.open();
    await signIn.signIn(who.username, who.password);
    await signIn.waitForPath(/^\/truong/);
    return page;
  }

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED, { startAt: START_AT }));
    const admin = await apiSessionAs(app.baseUrl, SEED.admin);
    const school = await admin.request<{ parentId: string }>('GET', `/api/units/${schoolId}`);
    const commune = await admin.request<{ parentId: string }>(
      'GET',
      `/api/units/${school.parentId}`,
    );
    const provinceId = commune.parentId;
    // A second commune with a school that has no plan yet.
    const other = await admin.request<{ id: string }>('POST', '/api/units', {
      kind: 'commune',
      name: 'UBND xã Vĩnh Xương',
      parentId: provinceId,
    });
    await admin.request('POST', '/api/units', {
      kind: 'school',
      name: 'Trường Mầm non Vĩnh Xương',
      parentId: other.id,
    });
    // The Sở officer, with the temporary password changed through the API.
    const created = await admin.request<{ temporaryPassword: string }>('POST', '/api/users', {
      username: OFFICER.username,
      displayName: 'Trần Thị Lan',
      personId: null,
      roles: [{ role: 'office_staff', unitId: provinceId }],
    });
    const officer = new ApiSession(app.baseUrl);
    await officer.signIn(OFFICER.username, created.temporaryPassword);
    await officer.request('POST', '/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: OFFICER.password,
    });
    const principal = await apiSessionAs(app.baseUrl, PRINCIPAL);
    ({ planId } = await seedPlan(principal, schoolId, {
      schoolYear: '2026-2027',
      approve: true,
      rows: [
        {
          group: 'tt57',
          criterionCode: '1.1',
          cells: {
            content: 'Rà soát kế hoạch phát triển nhà trường',
            time: 'Tháng 9/2026 - tháng 10/2026',
            budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
          },
        },
        {
          group: 'tt57',
          criterionCode: '2.1',
          cells: {
            content: 'Bồi dưỡng giáo viên',
            time: 'Tháng 11/2026 - tháng 3/2027',
            budget: 'XHH: 5.000.000',
          },
        },
      ],
    }));
    const progress = await principal.request<{ rows: { rowId: string; version: number }[] }>(
      'GET',
      `/api/plans/${planId}/progress`,
    );
    const second = progress.rows[1]!;
    await principal.request('POST', `/api/plans/${planId}/rows/${second.rowId}/progress`, {
      version: second.version,
      entryDate: '2027-01-10',
      status: 'in_progress',
      spent: { amount: 3_000_000, source: 'socialized', text: 'Tài liệu' },
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stopSchoolJourney({ app, browser });
  });

  step('Cán bộ Sở mở Tổng hợp của tỉnh: số liệu, biểu đồ và bảng số liệu', async () => {
    const page = await signInOfficer('desktop');
    const screen = new RollupPage(page, app.baseUrl);
    await screen.openFromNav();
    expect(await screen.heading.innerText()).toBe('Tổng hợp kế hoạch cải tiến');
    expect(await screen.summary()).toMatchObject({
      'Số trường': '2',
      'Có kế hoạch đã phê duyệt': '1',
      'Chưa có kế hoạch': '1',
      'Dòng kế hoạch': '2',
      'Dòng quá hạn': '1',
    });
    for (const chart of ['rollup-chart-plans', 'rollup-chart-rows', 'rollup-chart-budget'])
      expect(await screen.barCount(chart)).toBeGreaterThan(0);
    const budget = await screen.chartTable('rollup-chart-budget');
    expect(budget).toContain('Ngân sách nhà nước');
    expect(budget).toContain('20.000.000 đ');
    expect(budget).toContain('15.000.000 đ');
    expect(budget).toContain('3.000.000 đ');
    expect(await screen.childNames()).toEqual(['UBND xã Tân Hưng', 'UBND xã Vĩnh Xương']);
    expect(await screen.xlsxLink.getAttribute('href')).toMatch(
      /\/rollup\/xlsx\?schoolYear=2026-2027$/,
    );
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.screenshot('rollup-province');

    await screen.drillInto('UBND xã Tân Hưng');
    expect(await screen.childNames()).toEqual(['Trường Tiểu học Tân Hưng']);
    expect(await screen.summary()).toMatchObject({ 'Số trường': '1', 'Dòng quá hạn': '1' });
    await screen.screenshot('rollup-commune');

    await screen.openPlanOf('Trường Tiểu học Tân Hưng');
    await page.getByText('Rà soát kế hoạch phát triển nhà trường').first().waitFor();
    await screen.screenshot('rollup-plan');

    // On the plan he reached, a comment on its first row (the sealed plan does not change).
    const plan = new CommentsPage(page, app.baseUrl);
    await plan.editor.waitFor();
    expect(plan.planId()).toBe(planId);
    await plan.openRow(0);
    threadId = await plan.startThread(ROW_COMMENT);
    expect(threadId).not.toBe('');
    await plan.closeDialog();
    await expect
      .poll(() => plan.rowMarker(0).getAttribute('aria-label'))
      .toBe('1 góp ý, 1 đang trao đổi');
    await plan.screenshot('rollup-plan-comment');
  });

  step('Hiệu trưởng mở góp ý từ thông báo và trả lời; cán bộ Sở đọc câu trả lời', async () => {
    const page = await signInOfficer('desktop', PRINCIPAL);
    const screen = new CommentsPage(page, app.baseUrl);
    await screen.openBell();
    await screen.followNotification('Dòng 1');
    await screen.waitForPath(new RegExp(`^/ke-hoach/${planId}$`));
    const thread = screen.thread(threadId);
    await thread.waitFor();
    await screen.reply(thread, ANSWER);
    expect(await screen.messages(thread)).toEqual([
      { side: 'office', text: ROW_COMMENT },
      { side: 'school', text: ANSWER },
    ]);
    await screen.screenshot('rollup-comment-answered', { fullPage: false });

    const officerPage = await signInOfficer('desktop');
    const officer = new CommentsPage(officerPage, app.baseUrl);
    await officer.goto(`/ke-hoach/${planId}?gop-y=${threadId}`);
    const seen = officer.thread(threadId);
    await seen.getByTestId('comment').filter({ hasText: ANSWER }).waitFor();
    expect(await officer.messages(seen)).toHaveLength(2);
  });

  step('Trên điện thoại 375 px: đọc được, không tràn ngang', async () => {
    const page = await signInOfficer('phoneNarrow');
    const screen = new RollupPage(page, app.baseUrl);
    await screen.goto('/tong-hop');
    await screen.root.waitFor();
    await screen.chart('rollup-chart-budget').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.screenshot('rollup-phone');
  });
});
