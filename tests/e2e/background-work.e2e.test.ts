import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { SignInPage } from './pages/auth.page.ts';
import { BackgroundWorkPage } from './pages/background-work.page.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 15: a failed background job is seen by the administrator on screen (Quản trị → Tác vụ
// nền), not only in the server's logs; a principal cannot open the page.
const ADMIN = {
  username: 'quantri',
  displayName: 'Quản trị hệ thống',
  password: 'Sao-Mai-Xanh-2025',
};
const PRINCIPAL = { username: 'hieutruong.binhminh', password: 'Binh-Minh-2026-Hieu-Truong' };
const SEED = {
  admin: ADMIN,
  province: 'Sở Giáo dục và Đào tạo tỉnh Vĩnh Long',
  commune: 'UBND xã Bình Minh',
  school: 'Trường THCS Bình Minh',
  levels: ['thcs'],
  placeName: 'Bình Minh',
  documentSymbol: 'THCSBM',
  people: [{ fullName: 'Trần Thị Bích Ngọc', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Trần Thị Bích Ngọc', role: 'principal' }],
};
const PDF_FAILURE = 'Không chuyển được sang PDF: LibreOffice dừng giữa chừng';
const FAILURE = 'Không kết nối được máy chủ thư smtp.so-gd.example.vn:587 (hết thời gian chờ)';

const title = browserSkipReason
  ? `Tác vụ nền: quản trị viên thấy lỗi (bỏ qua: ${browserSkipReason})`
  : 'Tác vụ nền: quản trị viên thấy lỗi';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let work: BackgroundWorkPage;
  const step = sequentialJourney();

  beforeAll(async () => {
    ({ app, browser } = await startSchoolJourney(SEED));
    context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const signIn = new SignInPage(page, app.baseUrl);
    await signIn.open();
    await signIn.signIn(ADMIN.username, ADMIN.password);
    await signIn.waitForPath(/^\/quan-tri\//);
    work = new BackgroundWorkPage(page, app.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stopSchoolJourney({ app, browser });
  });

  step('the administrator sees each job after it ran, all well', async () => {
    expect(app.runJobs, 'the journey runs its own server').toBeDefined();
    await app.runJobs!();
    await work.open();
    expect(await work.page.getByText('Không có tác vụ nào bị lỗi.').isVisible()).toBe(true);
    expect(await work.adminTab.getAttribute('aria-current')).toBe('page');
    await work.jobsTable.waitFor();
    expect(await work.job('Nhắc việc').innerText()).toContain('Bình thường');
    expect(await work.job('Gửi thư điện tử').innerText()).toContain('Bình thường');
    expect(await work.mailCounts.innerText()).toContain('Gửi không được: 0');
  });

  step('a failed run shows with its error, beside the job that runs well', async () => {
    expect(app.recordJobFailure, 'the journey runs its own server').toBeDefined();
    await app.recordJobFailure!('reminders', FAILURE);
    await work.page.reload();
    await work.jobsTable.waitFor();
    const row = work.job('Nhắc việc');
    expect(await row.innerText()).toContain('Lần chạy gần nhất bị lỗi');
    expect(await row.getByTestId('job-error').innerText()).toBe(FAILURE);
    expect(await work.job('Gửi thư điện tử').innerText()).toContain('Bình thường');
    expect(await work.hasHorizontalOverflow()).toBe(false);
    await work.screenshot('background-work-01-failed-job');
  });

  step('a job of the queue that failed for good shows with its attempts and error', async () => {
    expect(app.recordQueuedJobFailure, 'the journey runs its own server').toBeDefined();
    await app.recordQueuedJobFailure!('plan-export', PDF_FAILURE);
    await work.page.reload();
    await work.jobsTable.waitFor();
    expect(await work.page.getByText('Không có tác vụ nào bị lỗi.').count()).toBe(0);
    const problem = work.jobProblem('Xuất kế hoạch ra PDF');
    const text = await problem.innerText();
    expect(text).toContain('Lỗi, đã thôi thử');
    expect(text).toContain('3/3');
    expect(text).toContain(PDF_FAILURE);
    expect(await work.queue('Xuất kế hoạch ra PDF').innerText()).toMatch(/1\s*$/);
    expect(await work.hasHorizontalOverflow()).toBe(false);
    await work.screenshot('background-work-03-failed-queued-job');
  });

  step('on a phone the jobs read as cards', async () => {
    const phone = await newContext(browser, 'phoneNarrow');
    try {
      const page = await phone.newPage();
      const signIn = new SignInPage(page, app.baseUrl);
      await signIn.open();
      await signIn.signIn(ADMIN.username, ADMIN.password);
      await signIn.waitForPath(/^\/quan-tri\//);
      const small = new BackgroundWorkPage(page, app.baseUrl);
      await small.open();
      await small.jobsTable.waitFor();
      expect(await small.job('Nhắc việc').getByTestId('job-error').isVisible()).toBe(true);
      expect(await small.hasHorizontalOverflow()).toBe(false);
      await small.screenshot('background-work-02-phone');
    } finally {
      await phone.close();
    }
  });

  step('a principal cannot open it', async () => {
    const other = await newContext(browser, 'desktop');
    try {
      const page = await other.newPage();
      const signIn = new SignInPage(page, app.baseUrl);
      await signIn.open();
      await signIn.signIn(PRINCIPAL.username, PRINCIPAL.password);
      await signIn.waitForPath(/^\/(?!dang-nhap)/);
      const denied = new BackgroundWorkPage(page, app.baseUrl);
      await denied.goto('/quan-tri/tac-vu-nen');
      await page.getByRole('heading', { name: 'Bạn không có quyền xem trang này' }).waitFor();
      expect(await page.getByTestId('jobs-table').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
