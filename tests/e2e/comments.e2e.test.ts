import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { SignInPage } from './pages/auth.page.ts';
import { CommentsPage } from './pages/comments.page.ts';
import { ApiSession, apiSessionAs, seedPlan } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext, type VIEWPORTS } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 14, comments (coaching): an officer of the Sở opens a school's approved plan and comments
// on a row; the principal hears of it in the bell, follows it to the thread and answers; the
// officer sees the answer; the principal marks it resolved. The principal of another school
// cannot reach the thread. The officer also comments on a criterion of the approved
// self-assessment, shown inline in the criterion view. Desktop (1280) and phone (375 px).
const ADMIN = {
  username: 'quantri',
  displayName: 'Quản trị hệ thống',
  password: 'Sao-Mai-Xanh-2025',
};
const PRINCIPAL = { username: 'hieutruong.binhan', password: 'Binh-An-2027-Hieu-Truong' };
const OFFICER = { username: 'canbo.so', password: 'So-GDDT-2027-Chuyen-Vien' };
const OTHER_PRINCIPAL = { username: 'hieutruong.tanhoa', password: 'Tan-Hoa-2027-Hieu-Truong' };
const SEED = {
  admin: ADMIN,
  province: 'Sở Giáo dục và Đào tạo tỉnh Đồng Nai',
  commune: 'UBND phường Bình An',
  school: 'Trường Tiểu học Bình An',
  levels: ['tieu_hoc'],
  placeName: 'Bình An',
  documentSymbol: 'THBA',
  people: [
    { fullName: 'Trần Văn Bình', position: 'Hiệu trưởng' },
    { fullName: 'Nguyễn Thị Lan', position: 'Phó Hiệu trưởng' },
  ],
  accounts: [{ ...PRINCIPAL, person: 'Trần Văn Bình', role: 'principal' }],
};

/** Monday 2 November 2026: the plan of 2026-2027 is approved and sent. */
const START_AT = '2026-11-02T09:00:00+07:00';

const ROWS = [
  {
    criterionCode: '1.1',
    content: 'Rà soát, điều chỉnh kế hoạch phát triển nhà trường giai đoạn 2026 - 2030',
    time: 'Tháng 9/2026 - tháng 10/2026',
    lead: 'Trần Văn Bình',
  },
  {
    criterionCode: '1.2',
    content: 'Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học',
    time: 'Tháng 10/2026 - tháng 5/2027',
    lead: 'Nguyễn Thị Lan',
    budget: 'Ngân sách: 12.000.000',
  },
  {
    criterionCode: '2.1',
    content: 'Bồi dưỡng giáo viên về chuyển đổi số trong dạy học',
    time: 'Tháng 11/2026 - tháng 3/2027',
    lead: 'Nguyễn Thị Lan',
    budget: 'XHH: 8.000.000',
  },
];

const ROW_COMMENT =
  'Đề nghị nhà trường nêu rõ chỉ số đo kết quả (số tiết dạy minh họa, số giáo viên tham gia) và mốc kiểm tra giữa kỳ.';
const ANSWER =
  'Nhà trường bổ sung: 100% giáo viên tham gia, mỗi tổ 2 tiết minh họa mỗi học kỳ; kiểm tra giữa kỳ vào tháng 01/2027.';
const CRITERION_COMMENT = 'Minh chứng của tiêu chí này cần thêm biên bản họp Hội đồng trường.';

const REPORT_COMMENT = 'Báo cáo cần nêu nguyên nhân chậm tiến độ và giải pháp cho học kỳ II.';

const title = browserSkipReason
  ? `Góp ý của cơ quan quản lý (bỏ qua: ${browserSkipReason})`
  : 'Góp ý của cơ quan quản lý';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let planId = '';
  let assessmentId = '';
  let threadId = '';
  let roundId = '';
  const contexts: BrowserContext[] = [];
  const step = sequentialJourney();

  /** Signs in through the sign-in screen; the caller goes where the step needs. */
  async function signIn(
    who: { username: string; password: string },
    viewport: keyof typeof VIEWPORTS = 'desktop',
  ): Promise<{ page: Page; screen: CommentsPage }> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    const form = new SignInPage(page, app.baseUrl);
    await form.open();
    await form.signIn(who.username, who.password);
    await form.waitForPath(/^\/truong/);
    return { page, screen: new CommentsPage(page, app.baseUrl) };
  }

  /** An account with a unit role; its temporary password changed through the API. */
  async function account(
    admin: ApiSession,
    who: { username: string; password: string },
    displayName: string,
    role: string,
    unitId: string,
  ): Promise<void> {
    const created = await admin.request<{ temporaryPassword: string }>('POST', '/api/users', {
      username: who.username,
      displayName,
      personId: null,
      roles: [{ role, unitId }],
    });
    const user = new ApiSession(app.baseUrl);
    await user.signIn(who.username, created.temporaryPassword);
    await user.request('POST', '/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: who.password,
    });
  }

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED, { startAt: START_AT }));
    const admin = await apiSessionAs(app.baseUrl, ADMIN);
    const school = await admin.request<{ parentId: string }>('GET', `/api/units/${schoolId}`);
    const commune = await admin.request<{ parentId: string }>(
      'GET',
      `/api/units/${school.parentId}`,
    );
    const provinceId = commune.parentId;
    await account(admin, OFFICER, 'Phạm Minh Đức', 'office_staff', provinceId);
    // Another school of the same commune, with its own principal.
    const other = await admin.request<{ id: string }>('POST', '/api/units', {
      kind: 'school',
      name: 'Trường Tiểu học Tân Hòa',
      parentId: school.parentId,
    });
    await account(admin, OTHER_PRINCIPAL, 'Lê Thị Hòa', 'principal', other.id);

    const principal = await apiSessionAs(app.baseUrl, PRINCIPAL);
    ({ planId } = await seedPlan(principal, schoolId, {
      schoolYear: '2026-2027',
      approve: true,
      rows: ROWS.map(({ criterionCode, ...cells }) => ({ group: 'tt57', criterionCode, cells })),
    }));
    const assessment = await principal.request<{ id: string; version: number }>(
      'POST',
      `/api/schools/${schoolId}/assessments`,
      { schoolYear: '2025-2026' },
    );
    await principal.request('POST', `/api/assessments/${assessment.id}/approve`, {
      version: assessment.version,
    });
    assessmentId = assessment.id;
    // The semester I review round, reviewed and closed: its monitoring report is sealed.
    const round = await principal.request<{ id: string; version: number }>(
      'POST',
      `/api/plans/${planId}/review-rounds`,
      { kind: 'semester1' },
    );
    await principal.request('PATCH', `/api/plans/${planId}/review-rounds/${round.id}`, {
      version: round.version,
      conclusions: 'Nhà trường thực hiện đúng tiến độ các nội dung của học kỳ I.',
      status: 'closed',
    });
    roundId = round.id;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stopSchoolJourney({ app, browser });
  });

  step('cán bộ Sở mở kế hoạch đã phê duyệt của trường và góp ý một dòng', async () => {
    const { screen } = await signIn(OFFICER);
    await screen.goto(`/truong/${schoolId}/ke-hoach`);
    await screen.page
      .locator(`[data-testid="plan-item"][data-year="2026-2027"]`)
      .getByRole('link')
      .first()
      .click();
    await screen.editor.waitFor();
    expect(screen.planId()).toBe(planId);
    // An officer may start a thread on any row of the approved plan; none has one yet.
    await expect.poll(() => screen.markers.count()).toBe(ROWS.length);
    expect(await screen.rowMarker(1).getAttribute('aria-label')).toBe('Góp ý dòng này');
    expect(await screen.openAllButton.innerText()).toContain('Góp ý');

    await screen.openRow(1);
    expect(await screen.dialog.getByRole('heading').first().innerText()).toBe(
      'Góp ý: Dòng 2 – Tiêu chí 1.2',
    );
    expect(await screen.dialog.innerText()).toContain('Chưa có góp ý nào ở đây.');
    threadId = await screen.startThread(ROW_COMMENT);
    expect(threadId).not.toBe('');
    const thread = screen.thread(threadId);
    expect(await screen.messages(thread)).toEqual([{ side: 'office', text: ROW_COMMENT }]);
    expect(await thread.innerText()).toContain('Đang trao đổi');
    await screen.screenshot('comments-dialog-officer-desktop', { fullPage: false });
    await screen.closeDialog();
    await expect
      .poll(() => screen.rowMarker(1).getAttribute('aria-label'))
      .toBe('1 góp ý, 1 đang trao đổi');
    expect(await screen.openAllButton.innerText()).toContain('Góp ý (1)');
    await screen.screenshot('comments-plan-markers-desktop');
  });

  step('cán bộ Sở góp ý một tiêu chí của báo cáo tự đánh giá đã phê duyệt', async () => {
    const { screen } = await signIn(OFFICER);
    await screen.goto(`/tu-danh-gia/${assessmentId}?muc=tieu-chi&tc=1.1`);
    const section = screen.criterionComments;
    await section.waitFor();
    await section.getByLabel('Nội dung góp ý').fill(CRITERION_COMMENT);
    await section.getByRole('button', { name: 'Gửi góp ý' }).click();
    await section.getByTestId('comment').filter({ hasText: CRITERION_COMMENT }).waitFor();
    expect(await section.getByRole('heading').first().innerText()).toContain(
      'Góp ý: Tiêu chí 1.1 (1)',
    );
    await screen.dismissNotices();
    await section.scrollIntoViewIfNeeded();
    await screen.screenshot('comments-criterion-officer-desktop', { fullPage: false });
  });

  step('hiệu trưởng thấy thông báo, mở góp ý từ chuông và trả lời', async () => {
    const { screen } = await signIn(PRINCIPAL);
    await expect.poll(() => screen.bell.getAttribute('aria-label')).toBe('Thông báo: 2 chưa đọc');
    await screen.openBell();
    const item = screen.notificationItems.filter({ hasText: 'Dòng 2 – Tiêu chí 1.2' }).first();
    expect(await item.innerText()).toContain('Góp ý mới của Sở Giáo dục và Đào tạo tỉnh Đồng Nai');
    await screen.followNotification('Dòng 2 – Tiêu chí 1.2');
    await screen.waitForPath(new RegExp(`^/ke-hoach/${planId}$`));
    expect(new URL(screen.page.url()).searchParams.get('gop-y')).toBe(threadId);
    await screen.dialog.waitFor();
    const thread = screen.thread(threadId);
    await thread.waitFor();
    // The school answers; it cannot start a thread of its own.
    expect(await screen.dialog.getByTestId('comment-new').count()).toBe(0);
    await screen.reply(thread, ANSWER);
    expect(await screen.messages(thread)).toEqual([
      { side: 'office', text: ROW_COMMENT },
      { side: 'school', text: ANSWER },
    ]);
    await screen.screenshot('comments-dialog-principal-desktop', { fullPage: false });
  });

  step('cán bộ Sở thấy câu trả lời của trường', async () => {
    const { screen } = await signIn(OFFICER);
    await expect.poll(() => screen.bell.getAttribute('aria-label')).toBe('Thông báo: 1 chưa đọc');
    await screen.openBell();
    await screen.followNotification('Trường Tiểu học Bình An đã trả lời góp ý');
    await screen.dialog.waitFor();
    const thread = screen.thread(threadId);
    await thread.waitFor();
    expect(await screen.messages(thread)).toEqual([
      { side: 'office', text: ROW_COMMENT },
      { side: 'school', text: ANSWER },
    ]);
  });

  step('hiệu trưởng đánh dấu góp ý đã xử lý (điện thoại 375 px)', async () => {
    const { screen } = await signIn(PRINCIPAL, 'phoneNarrow');
    await screen.open(planId);
    await expect
      .poll(() => screen.rowMarker(1).getAttribute('aria-label'))
      .toBe('1 góp ý, 1 đang trao đổi');
    // Rows without a thread have no marker for the school.
    expect(await screen.markers.count()).toBe(1);
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.rowMarker(1).scrollIntoViewIfNeeded();
    await screen.screenshot('comments-plan-markers-phone', { fullPage: false });
    await screen.openRow(1);
    const thread = screen.thread(threadId);
    await screen.screenshot('comments-dialog-phone', { fullPage: false });
    await screen.resolve(thread);
    expect(await thread.innerText()).toContain('Đã xử lý');
    await screen.closeDialog();
    await expect
      .poll(() => screen.rowMarker(1).getAttribute('aria-label'))
      .toBe('1 góp ý, đã xử lý');

    await screen.goto(`/tu-danh-gia/${assessmentId}?muc=tieu-chi&tc=1.1`);
    await screen.criterionComments.waitFor();
    expect(await screen.criterionComments.innerText()).toContain(CRITERION_COMMENT);
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.criterionComments.scrollIntoViewIfNeeded();
    await screen.screenshot('comments-criterion-phone', { fullPage: false });
  });

  step('cán bộ Sở góp ý báo cáo kết quả rà soát; hiệu trưởng mở từ thông báo', async () => {
    const officer = await signIn(OFFICER);
    await officer.screen.goto(`/ke-hoach/${planId}?muc=ra-soat&dot=${roundId}`);
    await officer.screen.page.getByTestId('round-read-only').waitFor();
    await officer.screen.openAllButton.click();
    await officer.screen.dialog.getByTestId('comment-threads').waitFor();
    expect(await officer.screen.dialog.getByRole('heading').first().innerText()).toBe(
      'Góp ý của cơ quan quản lý',
    );
    const reportThread = await officer.screen.startThread(REPORT_COMMENT);
    expect(await officer.screen.thread(reportThread).innerText()).toContain('Cả văn bản');
    await officer.screen.screenshot('comments-report-dialog-desktop', { fullPage: false });
    await officer.screen.closeDialog();
    expect(await officer.screen.openAllButton.innerText()).toContain('Góp ý (1)');

    const { screen } = await signIn(PRINCIPAL, 'phoneNarrow');
    await screen.openBell();
    await screen.followNotification('Báo cáo kết quả thực hiện');
    await screen.waitForPath(new RegExp(`^/ke-hoach/${planId}$`));
    expect(new URL(screen.page.url()).searchParams.get('dot')).toBe(roundId);
    await screen.thread(reportThread).waitFor();
    expect(await screen.messages(screen.thread(reportThread))).toEqual([
      { side: 'office', text: REPORT_COMMENT },
    ]);
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.screenshot('comments-report-dialog-phone', { fullPage: false });
  });

  step('hiệu trưởng trường khác không mở được góp ý', async () => {
    const { page, screen } = await signIn(OTHER_PRINCIPAL);
    const statuses = await page.evaluate(
      `Promise.all([
        fetch('/api/comments/plan/${planId}').then((r) => r.status),
        fetch('/api/comments/assessment/${assessmentId}').then((r) => r.status),
      ])`,
    );
    expect(statuses).toEqual([404, 404]);
    await screen.goto(`/ke-hoach/${planId}?gop-y=${threadId}`);
    await screen.noAccess.waitFor();
    expect(await screen.dialog.count()).toBe(0);
  });
});

/** For readers of the screenshots: the day the journey's server believes it is. */
export const JOURNEY_DAY = START_AT;
