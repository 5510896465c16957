import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { SignInPage } from './pages/auth.page.ts';
import { SubmissionsPage } from './pages/submissions.page.ts';
import { ApiSession, apiSessionAs, seedPlan } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext, type VIEWPORTS } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 14, submission: the principal sends the approved plan to the school's supervising unit
// (UBND xã); the xã officer finds it "Chưa xem" in the inbox, opens it ("Đã xem"), accepts it
// ("Đã tiếp nhận"), sets the plans' deadline and sees no school late; the principal reads the
// state in "Văn bản đã gửi". Desktop and a 375 px phone. The server's clock starts on 20/10/2026.
const PRINCIPAL = { username: 'hieutruong.binhminh', password: 'Binh-Minh-2026-Hieu-Truong' };
const OFFICER = { username: 'canbo.xabinhminh', password: 'Xa-Binh-Minh-2026-Can-Bo' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Vĩnh Long',
  commune: 'UBND xã Bình Minh',
  school: 'Trường Tiểu học Bình Minh',
  levels: ['tieu_hoc'],
  placeName: 'Bình Minh',
  documentSymbol: 'THBM',
  people: [
    { fullName: 'Trần Thị Hoa', position: 'Hiệu trưởng' },
    { fullName: 'Nguyễn Văn Nam', position: 'Giáo viên' },
  ],
  accounts: [{ ...PRINCIPAL, person: 'Trần Thị Hoa', role: 'principal' }],
};
const START_AT = '2026-10-20T09:00:00+07:00';
const SCHOOL_YEAR = '2026-2027';
const COMMUNE = SEED.commune;

const title = browserSkipReason
  ? `Gửi văn bản lên cơ quan quản lý và hộp văn bản (bỏ qua: ${browserSkipReason})`
  : 'Gửi văn bản lên cơ quan quản lý và hộp văn bản';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let planId = '';
  let submissionId = '';
  const contexts: BrowserContext[] = [];
  const step = sequentialJourney();

  async function signIn(
    who: { username: string; password: string },
    viewport: keyof typeof VIEWPORTS = 'desktop',
  ): Promise<SubmissionsPage> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    const signInPage = new SignInPage(page, app.baseUrl);
    await signInPage.open();
    await signInPage.signIn(who.username, who.password);
    await signInPage.waitForPath(/^\/(truong|hop-van-ban)/);
    return new SubmissionsPage(page, app.baseUrl);
  }

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED, { startAt: START_AT }));
    const principal = await apiSessionAs(app.baseUrl, PRINCIPAL);
    ({ planId } = await seedPlan(principal, schoolId, {
      schoolYear: SCHOOL_YEAR,
      approve: true,
      rows: [
        {
          group: 'tt57',
          criterionCode: '1.1',
          cells: {
            content: 'Rà soát, điều chỉnh kế hoạch phát triển nhà trường',
            time: 'Tháng 10/2026 - tháng 11/2026',
            lead: 'Trần Thị Hoa',
          },
        },
        {
          group: 'tt57',
          criterionCode: '2.1',
          cells: {
            content: 'Bồi dưỡng giáo viên dạy học theo Chương trình GDPT 2018',
            time: 'Tháng 11/2026 - tháng 3/2027',
            lead: 'Nguyễn Văn Nam',
          },
        },
      ],
    }));
    // The xã officer: office staff of the commune the school's profile names as supervising unit.
    const admin = await apiSessionAs(app.baseUrl, SEED.admin);
    // The unit tree answers pages (issue 14): search the communes by kind.
    const units = await admin.request<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      '/api/units?kind=commune&limit=500',
    );
    const commune = units.items.find((u) => u.name === COMMUNE);
    if (!commune) throw new Error('commune not found');
    const created = await admin.request<{ temporaryPassword: string }>('POST', '/api/users', {
      username: OFFICER.username,
      displayName: 'Lê Minh Tuấn',
      personId: null,
      roles: [{ role: 'office_staff', unitId: commune.id }],
    });
    const officer = new ApiSession(app.baseUrl);
    await officer.signIn(OFFICER.username, created.temporaryPassword);
    await officer.request('POST', '/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: OFFICER.password,
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stopSchoolJourney({ app, browser });
  });

  step(
    'the principal sends the approved plan to the xã; the same plan cannot go twice',
    async () => {
      const screen = await signIn(PRINCIPAL);
      await screen.openPlan(planId);
      expect(await screen.recipients()).toBe(COMMUNE);
      await screen.screenshot('submissions-01-send-panel-desktop', { fullPage: false });
      await screen.sendAndConfirm();
      await screen.waitForSuccess('Đã gửi văn bản tới cơ quan quản lý');
      expect(await screen.lastSendStates()).toEqual([`${COMMUNE}: Chưa xem`]);
      expect(await screen.sendButton.isDisabled()).toBe(true);
      await screen.dismissNotices();
      await screen.sendPanel.scrollIntoViewIfNeeded();
      await screen.screenshot('submissions-02-sent-desktop', { fullPage: false });
      expect(await screen.errorNotices.count()).toBe(0);
    },
  );

  step('the xã officer finds it "Chưa xem", opens it ("Đã xem") and accepts it', async () => {
    const screen = await signIn(OFFICER);
    await screen.openInboxFromNav();
    await screen.inboxRows.first().waitFor();
    expect(await screen.inboxRows.count()).toBe(1);
    submissionId = (await screen.inboxRows.first().getAttribute('data-submission')) ?? '';
    expect(submissionId).not.toBe('');
    expect(await screen.inboxState(submissionId)).toBe('Chưa xem');
    await screen.screenshot('submissions-03-inbox-unread-desktop');

    // The filters narrow the list, and an empty answer says so.
    await screen.filter('Trạng thái', 'Đã tiếp nhận');
    await screen.page.getByTestId('inbox-empty').waitFor();
    await screen.filter('Trạng thái', 'Tất cả trạng thái');
    await screen.filter('Cấp học', 'Tiểu học');
    await screen.inboxRow(submissionId).waitFor();

    await screen.openSubmission(submissionId);
    expect(new URL(screen.page.url()).searchParams.get('van-ban')).toBe(submissionId);
    expect(await screen.panel.getByTestId('detail-school').innerText()).toBe(SEED.school);
    expect(await screen.panelStates()).toEqual([`${COMMUNE}: Đã xem`]);
    await screen.waitForInboxState(submissionId, 'Đã xem');
    const hash = (await screen.panel.getByTestId('detail-hash').innerText()).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await screen.screenshot('submissions-04-opened-desktop');

    await screen.accept();
    expect(await screen.panelStates()).toEqual([`${COMMUNE}: Đã tiếp nhận`]);
    await screen.waitForInboxState(submissionId, 'Đã tiếp nhận');
    expect(await screen.acceptButton.count()).toBe(0);
    await screen.dismissNotices();
    await screen.screenshot('submissions-05-accepted-desktop');

    // The link opens the school's plan, which the office reads.
    await screen.panel.getByTestId('open-document').click();
    await screen.waitForPath(new RegExp(`^/ke-hoach/${planId}$`));
    expect(await screen.errorNotices.count()).toBe(0);
  });

  step('the officer sets the plans deadline; no school of the xã is late', async () => {
    const screen = await signIn(OFFICER);
    await screen.openInbox('?muc=han-nop');
    await screen.page.getByTestId('deadlines').waitFor();
    await screen.setDeadline('plan', '2026-10-30');
    await screen.deadlineRow('plan').getByText('30/10/2026').waitFor();
    await screen.dismissNotices();
    await screen.screenshot('submissions-06-deadlines-desktop');
    await screen.openSection('Trường chậm nộp / chưa nộp');
    const summary = screen.page.getByTestId('late-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Hạn nộp: 30/10/2026');
    expect(await summary.innerText()).toContain('1/1 trường đã nộp đúng hạn');
    await screen.screenshot('submissions-07-late-desktop');
  });

  step('on a 375 px phone the inbox and the opened document fit the screen', async () => {
    const screen = await signIn(OFFICER, 'phoneNarrow');
    await screen.openInbox(`?van-ban=${submissionId}`);
    await screen.panel.getByTestId('detail-hash').waitFor();
    await screen.inboxRow(submissionId).waitFor();
    expect(await screen.pageWidth()).toBeLessThanOrEqual(375);
    await screen.screenshot('submissions-08-inbox-phone');
    await screen.openInbox('?muc=han-nop');
    await screen.deadlineRow('plan').waitFor();
    expect(await screen.pageWidth()).toBeLessThanOrEqual(375);
    await screen.screenshot('submissions-09-deadlines-phone');
  });

  step(
    'a revision re-sent supersedes the first; a stale "Tiếp nhận" shows the current state',
    async () => {
      // The principal revises the plan, approves the revision and sends it (through the API).
      const principal = await apiSessionAs(app.baseUrl, PRINCIPAL);
      const revision = await principal.request<{ id: string; version: number }>(
        'POST',
        `/api/plans/${planId}/revisions`,
        { reason: 'Bổ sung giải pháp theo góp ý của UBND xã' },
      );
      await principal.request('POST', `/api/plans/${revision.id}/approve`, {
        version: revision.version,
      });
      const resent = await principal.request<{ id: string; supersedesSubmissionId: string }>(
        'POST',
        `/api/schools/${schoolId}/submissions`,
        { kind: 'plan', documentId: revision.id },
      );
      expect(resent.supersedesSubmissionId).toBe(submissionId);

      const screen = await signIn(OFFICER);
      await screen.openInbox();
      await screen.inboxRow(resent.id).waitFor();
      expect(await screen.inboxState(resent.id)).toBe('Chưa xem');
      expect(await screen.inboxRow(submissionId).innerText()).toContain('Đã có bản thay thế');
      await screen.openSubmission(resent.id);
      // Someone else of the xã accepts it meanwhile: the button's version is stale.
      const officer = await apiSessionAs(app.baseUrl, OFFICER);
      const current = await officer.request<{
        recipients: Array<{ unitId: string; version: number }>;
      }>('GET', `/api/submissions/${resent.id}`);
      const recipient = current.recipients[0];
      if (!recipient) throw new Error('no recipient');
      await officer.request(
        'POST',
        `/api/submissions/${resent.id}/recipients/${recipient.unitId}/accept`,
        { version: recipient.version },
      );
      await screen.acceptButton.click();
      const conflict = screen.panel.getByTestId('accept-conflict');
      await conflict.waitFor();
      expect(await conflict.innerText()).toContain('Văn bản này đã được tiếp nhận.');
      expect(await screen.panelStates()).toEqual([`${COMMUNE}: Đã tiếp nhận`]);
      expect(await screen.acceptButton.count()).toBe(0);
      await screen.waitForInboxState(resent.id, 'Đã tiếp nhận');
      await screen.screenshot('submissions-10-conflict-desktop');
    },
  );

  step(
    'the principal reads "Đã tiếp nhận" in Văn bản đã gửi, on a desktop and a phone',
    async () => {
      for (const viewport of ['desktop', 'phoneNarrow'] as const) {
        const screen = await signIn(PRINCIPAL, viewport);
        await screen.openSentTab(schoolId);
        // Newest first: the revision, then the first send marked as replaced.
        expect(await screen.sentRows.count()).toBe(2);
        expect(await screen.sentRowStates(0)).toEqual([`${COMMUNE}: Đã tiếp nhận`]);
        expect(await screen.sentRowStates(1)).toEqual([`${COMMUNE}: Đã tiếp nhận`]);
        expect(await screen.sentRows.nth(1).getByTestId('sent-superseded').count()).toBe(1);
        if (viewport === 'phoneNarrow') expect(await screen.pageWidth()).toBeLessThanOrEqual(375);
        await screen.screenshot(`submissions-11-sent-tab-${viewport}`);
      }
    },
  );
});
