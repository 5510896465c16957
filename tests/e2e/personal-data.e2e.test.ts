import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { signedInAtSchool, SignInPage } from './pages/auth.page.ts';
import { OwnPersonalDataPage, PersonalDataAccountsPage } from './pages/personal-data.page.ts';
import { ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, newContext } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 15 (Nghị định 13/2023/NĐ-CP) in the browser: the administrator, who manages the accounts
// (Quản trị → Tài khoản, as in access.e2e.test.ts), downloads what the system holds about a
// teacher and erases it on the teacher's request; the last principal of the school cannot be
// erased; a teacher downloads their own data from "Phiên đăng nhập"; the dialog on a 375 px phone.
const ADMIN = {
  username: 'quantri',
  displayName: 'Quản trị hệ thống',
  password: 'Sao-Mai-Xanh-2025',
};
const PRINCIPAL = { username: 'hieutruong.tanlap', password: 'Tan-Lap-2026-Hieu-Truong' };
/** The teacher who asks for their data, then for its erasure. */
const LEAVING = { username: 'gv.thuy', password: 'Co-Thuy-Lop-Ba-2026' };
/** A teacher who stays and downloads their own data. */
const STAYING = { username: 'gv.khoa', password: 'Thay-Khoa-Lop-Nam-2026' };
const NAMES = {
  principal: 'Huỳnh Văn Lộc',
  leaving: 'Ngô Thị Thanh Thủy',
  staying: 'Đặng Minh Khoa',
};
const SCHOOL = 'Trường Tiểu học Tân Lập';
const SEED = {
  admin: ADMIN,
  province: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp',
  commune: 'UBND xã Tân Lập',
  school: SCHOOL,
  levels: ['tieu_hoc'],
  placeName: 'Tân Lập',
  documentSymbol: 'THTL',
  people: [
    { fullName: NAMES.principal, position: 'Hiệu trưởng' },
    { fullName: NAMES.leaving, position: 'Giáo viên' },
    { fullName: NAMES.staying, position: 'Giáo viên' },
  ],
  accounts: [
    { ...PRINCIPAL, person: NAMES.principal, role: 'principal' },
    { ...LEAVING, person: NAMES.leaving, role: 'staff' },
    { ...STAYING, person: NAMES.staying, role: 'staff' },
  ],
};
const REASON = 'Đơn đề nghị xoá dữ liệu cá nhân ngày 20/11/2026, nhận trực tiếp tại văn phòng.';
const PSEUDONYM = /^Người dùng đã xoá #[0-9a-z]{8}$/i;

const title = browserSkipReason
  ? `Dữ liệu cá nhân: tải về và xoá theo yêu cầu (bỏ qua: ${browserSkipReason})`
  : 'Dữ liệu cá nhân: tải về và xoá theo yêu cầu';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  const step = sequentialJourney();

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
  });

  afterAll(async () => {
    await stopSchoolJourney({ app, browser });
  });

  /** A fresh context signed in as the administrator, on Quản trị → Tài khoản. */
  async function adminOnAccounts(
    viewport: 'desktop' | 'phoneNarrow',
  ): Promise<{ context: BrowserContext; page: Page; accounts: PersonalDataAccountsPage }> {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    const signIn = new SignInPage(page, app.baseUrl);
    await signIn.open();
    await signIn.signIn(ADMIN.username, ADMIN.password);
    await signIn.waitForPath(/^\/quan-tri\//);
    const accounts = new PersonalDataAccountsPage(page, app.baseUrl);
    await accounts.open();
    return { context, page, accounts };
  }

  describe('on a desktop (1280×800)', () => {
    let context: BrowserContext;
    let accounts: PersonalDataAccountsPage;
    let leavingUserId = '';

    beforeAll(async () => {
      ({ context, accounts } = await adminOnAccounts('desktop'));
    });

    afterAll(async () => {
      await context?.close();
    });

    step('the administrator downloads what the system holds about a teacher', async () => {
      await accounts.row(NAMES.leaving).waitFor();
      await accounts.openPersonalData(NAMES.leaving);
      expect(await accounts.dialog.getByRole('heading', { level: 2 }).innerText()).toBe(
        `Dữ liệu cá nhân: ${NAMES.leaving}`,
      );
      // Nothing can be erased before the reason is written and the confirmation ticked.
      expect(await accounts.eraseButton.isDisabled()).toBe(true);
      await accounts.screenshot('personal-data-01-dialog-desktop', { fullPage: false });

      const file = await accounts.downloadExport();
      expect(file.fileName).toBe(`du-lieu-ca-nhan-${LEAVING.username}.json`);
      expect(file.data.formatVersion).toBe(1);
      expect(file.data.subject.erased).toBe(false);
      expect(file.data.account?.account.username).toBe(LEAVING.username);
      expect(file.data.account?.account.displayName).toBe(NAMES.leaving);
      expect(file.data.account?.roles).toEqual([
        expect.objectContaining({ role: 'staff', unitName: SCHOOL }),
      ]);
      expect(file.data.person?.fullName).toBe(NAMES.leaving);
      expect(file.data.register.length).toBeGreaterThan(0);
      leavingUserId = file.data.subject.userId ?? '';
      expect(leavingUserId).not.toBe('');
      // The download is not an error: the dialog stays as it was.
      expect(await accounts.dialogError.count()).toBe(0);
    });

    step(
      'erases the teacher on request: the list shows the pseudonym, sign-in is refused',
      async () => {
        await accounts.fillErasure(REASON);
        expect(await accounts.eraseButton.isEnabled()).toBe(true);
        await accounts.clickErase();
        await accounts.erasedNotice.waitFor();
        const pseudonym = `Người dùng đã xoá #${leavingUserId.slice(-8)}`;
        expect(await accounts.erasedNotice.innerText()).toBe(
          `Đã xoá dữ liệu cá nhân. Tài khoản nay hiển thị là “${pseudonym}”.`,
        );
        await accounts.screenshot('personal-data-02-erased-dialog-desktop', { fullPage: false });
        await accounts.closePersonalData();

        // The list now names the account by its pseudonym; the teacher's name is gone from it.
        await accounts.row(pseudonym).waitFor();
        const names = await accounts.displayNames();
        expect(names).not.toContain(NAMES.leaving);
        expect(names.filter((name) => PSEUDONYM.test(name))).toEqual([pseudonym]);
        expect(await accounts.row(pseudonym).innerText()).not.toContain(LEAVING.username);
        // It stays erased: marked so, with nothing offered that would bring it back.
        expect(await accounts.row(pseudonym).innerText()).toContain(
          'Đã xoá dữ liệu cá nhân theo yêu cầu',
        );
        expect(await accounts.row(pseudonym).getByRole('button', { name: /^Sửa/ }).count()).toBe(0);
        expect(
          await accounts
            .row(pseudonym)
            .getByRole('button', { name: /Đặt lại mật khẩu/ })
            .count(),
        ).toBe(0);
        await accounts.dismissNotices();
        await accounts.screenshot('personal-data-03-after-erasure-desktop');

        // The teacher can no longer sign in, in the browser or through the API.
        const teacherContext = await newContext(browser, 'desktop');
        try {
          const signIn = new SignInPage(await teacherContext.newPage(), app.baseUrl);
          await signIn.open();
          await signIn.signIn(LEAVING.username, LEAVING.password);
          await signIn.error.waitFor();
          expect(signIn.path()).toBe('/dang-nhap');
          expect(await signIn.error.innerText()).toMatch(/[À-ỹ]/);
          await signIn.screenshot('personal-data-04-sign-in-refused-desktop', { fullPage: false });
        } finally {
          await teacherContext.close();
        }
        const api = new ApiSession(app.baseUrl);
        const answer = await api.send('POST', '/api/auth/login', {
          login: LEAVING.username,
          password: LEAVING.password,
        });
        expect(answer.status).toBe(401);
      },
    );

    step('erasing the last principal is refused inside the dialog, in Vietnamese', async () => {
      await accounts.openPersonalData(NAMES.principal);
      await accounts.fillErasure(REASON);
      await accounts.clickErase();
      await accounts.dialogError.waitFor();
      expect(await accounts.dialogError.innerText()).toBe(
        `Không thể xoá dữ liệu của hiệu trưởng cuối cùng còn hoạt động của “${SCHOOL}”: hãy giao vai trò hiệu trưởng cho người khác trước.`,
      );
      // The dialog stays open, the form as typed; the screen behind is intact.
      expect(await accounts.erasedNotice.count()).toBe(0);
      expect(await accounts.dialog.getByLabel('Lý do, căn cứ yêu cầu').inputValue()).toBe(REASON);
      await accounts.screenshot('personal-data-05-last-principal-refused-desktop', {
        fullPage: false,
      });
      await accounts.closePersonalData();
      expect(await accounts.row(NAMES.principal).isVisible()).toBe(true);
      // The refusal really kept the principal: they still sign in.
      const principal = new ApiSession(app.baseUrl);
      await principal.signIn(PRINCIPAL.username, PRINCIPAL.password);
    });
  });

  describe('a teacher, on a desktop (1280×800)', () => {
    step('downloads their own data from "Phiên đăng nhập"', async () => {
      const { context, page } = await signedInAtSchool(browser, app.baseUrl, STAYING);
      try {
        expect(new URL(page.url()).pathname).toContain(schoolId);
        const own = new OwnPersonalDataPage(page, app.baseUrl);
        await own.open();
        await own.section.waitFor();
        await own.screenshot('personal-data-06-own-data-desktop');
        const file = await own.downloadOwnData();
        expect(file.fileName).toBe(`du-lieu-ca-nhan-${STAYING.username}.json`);
        expect(file.data.account?.account.username).toBe(STAYING.username);
        expect(file.data.account?.account.displayName).toBe(NAMES.staying);
        expect(file.data.person?.fullName).toBe(NAMES.staying);
        // Their own export, not anyone else's.
        expect(JSON.stringify(file.data)).not.toContain(NAMES.leaving);
        expect(await own.section.getByRole('alert').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  });

  describe('on a small phone (375×740)', () => {
    step('the dialog fits the screen, and its refusal shows inside it', async () => {
      const { context, accounts } = await adminOnAccounts('phoneNarrow');
      try {
        await accounts.openPersonalData(NAMES.staying);
        expect(await accounts.dialogFitsWidth()).toBe(true);
        expect(await accounts.hasHorizontalOverflow()).toBe(false);
        await accounts.screenshot('personal-data-07-dialog-phone', { fullPage: false });
        // Every control can be reached and used on the phone.
        await accounts.fillErasure(REASON);
        await accounts.eraseButton.scrollIntoViewIfNeeded();
        expect(await accounts.eraseButton.isEnabled()).toBe(true);
        await accounts.screenshot('personal-data-08-dialog-filled-phone', { fullPage: false });
        await accounts.closePersonalData();

        await accounts.openPersonalData(NAMES.principal);
        await accounts.fillErasure(REASON);
        await accounts.clickErase();
        await accounts.dialogError.waitFor();
        expect(await accounts.dialogFitsWidth()).toBe(true);
        // The button is at the foot of the dialog, the refusal near its top: it must come into
        // sight by itself, or the phone shows the same form as if nothing had happened.
        await expect.poll(() => accounts.isInSight(accounts.dialogError)).toBe(true);
        await accounts.screenshot('personal-data-09-refusal-phone', { fullPage: false });
        await accounts.closePersonalData();
      } finally {
        await context.close();
      }
    });
  });
});
