import { buildStaffTemplate } from '@caitien/documents';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { AppPage } from './pages/app.page.ts';
import {
  ChangePasswordPage,
  ResetPasswordPage,
  SessionsPage,
  SetupPage,
  SignInPage,
} from './pages/auth.page.ts';
import { GroupsPage, PeoplePage } from './pages/people.page.ts';
import { SchoolProfilePage } from './pages/school.page.ts';
import { SchoolsPage, UnitsPage } from './pages/units.page.ts';
import { AuditPage, UsersPage } from './pages/users.page.ts';
import { startApp, type AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, launchBrowser, newContext } from './support/browser.ts';
import { sequentialJourney } from './support/journey.ts';

// One sequential journey on a fresh server (empty database: the app asks for first-run setup). The
// steps build on each other — the first creates the units, people and accounts and notes the
// one-time passwords and reset link the screens show once; the later ones sign in with them — so
// they are declared with `step` (support/journey.ts), which refuses to run a step whose predecessors
// did not pass in this run.
const ADMIN = {
  username: 'quantri',
  displayName: 'Quản trị hệ thống',
  password: 'Sao-Mai-Xanh-2025',
};
const PROVINCE = 'Sở Giáo dục và Đào tạo tỉnh Bình Dương';
const COMMUNE = 'UBND xã Định Hiệp';
const SCHOOL = 'Trường Tiểu học Định Hiệp';
const SCHOOL_TRAIL = `${PROVINCE} › ${COMMUNE} › ${SCHOOL}`;
const PEOPLE = [
  { fullName: 'Nguyễn Văn Hùng', position: 'Hiệu trưởng', phone: '0274 3561 001' },
  { fullName: 'Trần Thị Lan', position: 'Phó hiệu trưởng' },
  { fullName: 'Lê Thị Hoa', position: 'Giáo viên' },
  { fullName: 'Phạm Minh Tuấn', position: 'Giáo viên' },
];
/** The example rows of the staff template (buildStaffTemplate), imported as they are. */
const IMPORTED = ['Nguyễn Văn An', 'Trần Thị Bình'] as const;
const PRINCIPAL = {
  username: 'hieutruong.dinhhiep',
  displayName: 'Nguyễn Văn Hùng',
  newPassword: 'Phuong-Huong-2025-DH',
};
const OFFICE = {
  username: 'canbo.xa',
  displayName: 'Đỗ Văn Minh',
  newPassword: 'Ruong-Lua-Chin-2025',
};
const STAFF = { username: 'gv.hoa', displayName: 'Lê Thị Hoa', newPassword: 'Lop-Hoc-Xanh-2025' };

const title = browserSkipReason
  ? `Trường, đơn vị, nhân sự và đăng nhập (bỏ qua: ${browserSkipReason})`
  : 'Trường, đơn vị, nhân sự và đăng nhập';

describe.skipIf(browserSkipReason !== null)(title, () => {
  const step = sequentialJourney();
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  const temporaryPasswords = { principal: '', staff: '' };
  let officeResetLink = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('on a desktop (1280×800)', () => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await newContext(browser, 'desktop');
    });

    afterAll(async () => {
      await context?.close();
    });

    step(
      'first run: the administrator sets up units, the school, its people, council and accounts',
      async () => {
        const page = await context.newPage();
        const shell = new AppPage(page, app.baseUrl);

        // A fresh installation sends the sign-in page to first-run setup.
        const signIn = new SignInPage(page, app.baseUrl);
        await signIn.goto('/dang-nhap');
        await shell.waitForPath(/^\/thiet-lap$/);
        const setup = new SetupPage(page, app.baseUrl);
        await setup.form.waitFor();
        await setup.screenshot('access-01-setup-desktop');
        await setup.createAdministrator(ADMIN);

        // The administrator lands on Quản trị → Đơn vị.
        const units = new UnitsPage(page, app.baseUrl);
        await units.waitForPath(/^\/quan-tri\/don-vi$/);
        await units.heading.filter({ hasText: 'Đơn vị' }).waitFor();
        expect(await units.navLabels()).toEqual([
          'Tra cứu tiêu chuẩn',
          'Các trường',
          'Quản trị',
          'Nhật ký thay đổi',
          'Thư viện giải pháp',
          'Tổng hợp',
          'Hộp văn bản',
        ]);
        await units.createUnit({ kind: 'province', name: PROVINCE });
        await units.createUnit({
          kind: 'commune',
          name: COMMUNE,
          parentTrail: PROVINCE,
        });
        await units.createChild(COMMUNE, { kind: 'school', name: SCHOOL });
        expect(await units.unitNames()).toEqual([PROVINCE, COMMUNE, SCHOOL]);
        await units.dismissNotices();
        await units.screenshot('access-02-units-tree-desktop');

        // The school profile: what the plan documents print in their header.
        await units.openSchool(SCHOOL);
        const profile = new SchoolProfilePage(page, app.baseUrl);
        schoolId = profile.schoolId();
        await profile.view.waitFor();
        // The server proposes the governing body from the parent unit, in capitals.
        expect(await profile.value('governingBody').innerText()).toBe('UBND XÃ ĐỊNH HIỆP');
        await profile.startEditing();
        await profile.fill({
          levels: ['Tiểu học'],
          placeName: 'Định Hiệp',
          documentSymbol: 'THĐP',
          address: 'Ấp Định Thọ, xã Định Hiệp, tỉnh Bình Dương',
          phone: '0274 3561 000',
          sites: [
            { name: 'Điểm chính', address: 'Ấp Định Thọ' },
            { name: 'Điểm Hiệp Thạnh', address: 'Ấp Hiệp Thạnh' },
          ],
        });
        expect(await profile.headerPreview.innerText()).toContain('Số: …/KH-THĐP');
        await profile.screenshot('access-03-school-profile-edit-desktop');
        await profile.save();
        expect(await profile.value('placeName').innerText()).toBe('Định Hiệp');
        expect(await profile.value('documentSymbol').innerText()).toBe('THĐP');
        expect(await profile.value('schoolLevels').innerText()).toBe('Tiểu học');
        expect(await profile.headerPreview.innerText()).toContain(
          'Định Hiệp, ngày … tháng … năm …',
        );
        await profile.dismissNotices();
        await profile.screenshot('access-04-school-profile-desktop');

        // People: the list comes sorted by given name (Hoa, Hùng, Lan, Tuấn), as the API gives it.
        await profile.openTab('Nhân sự');
        const people = new PeoplePage(page, app.baseUrl);
        await people.addPeople(PEOPLE);
        await people.closeForm();
        expect(await people.names()).toEqual([
          'Lê Thị Hoa',
          'Nguyễn Văn Hùng',
          'Trần Thị Lan',
          'Phạm Minh Tuấn',
        ]);
        expect(await people.row('Nguyễn Văn Hùng').innerText()).toContain('Hiệu trưởng');
        await people.dismissNotices();
        await people.screenshot('access-05-people-desktop');

        // The staff list from Excel (the product's own template, with its two example rows):
        // a preview first, then the confirmation creates them.
        await people.previewImport('danh-sach-nhan-su.xlsx', await buildStaffTemplate());
        expect(await people.importPreview.innerText()).toContain(IMPORTED[0]);
        await people.screenshot('access-05b-people-import-preview-desktop');
        expect(await people.names()).toHaveLength(PEOPLE.length);
        await people.confirmImport();
        await people.row(IMPORTED[0]).waitFor();
        expect(await people.names()).toHaveLength(PEOPLE.length + IMPORTED.length);

        // The Hội đồng tự đánh giá: chủ tịch, thư ký, ủy viên.
        await people.openTab('Nhóm & Hội đồng');
        const groups = new GroupsPage(page, app.baseUrl);
        await groups.createGroup({
          kind: 'Hội đồng tự đánh giá',
          members: [
            { fullName: 'Nguyễn Văn Hùng', role: 'Chủ tịch' },
            { fullName: 'Trần Thị Lan', role: 'Phó Chủ tịch' },
            { fullName: 'Lê Thị Hoa', role: 'Thư ký' },
            { fullName: 'Phạm Minh Tuấn', role: 'Ủy viên' },
          ],
        });
        await groups.group('Hội đồng tự đánh giá').waitFor();
        expect(await groups.members('Hội đồng tự đánh giá')).toEqual([
          { name: 'Nguyễn Văn Hùng', role: 'Chủ tịch' },
          { name: 'Trần Thị Lan', role: 'Phó Chủ tịch' },
          { name: 'Lê Thị Hoa', role: 'Thư ký' },
          { name: 'Phạm Minh Tuấn', role: 'Ủy viên' },
        ]);
        await groups.dismissNotices();
        await groups.screenshot('access-06-council-desktop');

        // Accounts: the principal (linked to the Hiệu trưởng person) and a teacher.
        const users = new UsersPage(page, app.baseUrl);
        await users.open();
        temporaryPasswords.principal = await users.createAccount({
          username: PRINCIPAL.username,
          displayName: PRINCIPAL.displayName,
          role: 'Hiệu trưởng',
          unitTrail: SCHOOL_TRAIL,
          person: 'Nguyễn Văn Hùng',
        });
        expect(temporaryPasswords.principal.length).toBeGreaterThanOrEqual(10);
        await users.screenshot('access-07-temporary-password-desktop', { fullPage: false });
        await users.closeTemporaryPasswordDialog();
        temporaryPasswords.staff = await users.createAccount({
          username: STAFF.username,
          displayName: STAFF.displayName,
          role: 'Cán bộ, giáo viên, nhân viên',
          unitTrail: SCHOOL_TRAIL,
          person: 'Lê Thị Hoa',
        });
        await users.closeTemporaryPasswordDialog();
        expect(await users.row(PRINCIPAL.displayName).innerText()).toContain(
          `Hiệu trưởng · ${SCHOOL}`,
        );
        expect(await users.row(PRINCIPAL.displayName).innerText()).toContain(
          'Chờ đổi mật khẩu tạm thời',
        );
        // An office account (the commune's UBND), set up through a one-time reset link.
        await users.createAccount({
          username: OFFICE.username,
          displayName: OFFICE.displayName,
          role: 'Cán bộ phòng/sở/xã',
          unitTrail: `${PROVINCE} › ${COMMUNE}`,
        });
        await users.closeTemporaryPasswordDialog();
        officeResetLink = await users.resetWithLink(OFFICE.displayName);
        expect(officeResetLink).toMatch(/\/dat-lai-mat-khau\?token=/);
        await users.screenshot('access-08a-reset-link-desktop', { fullPage: false });
        await users.closeResetDialog();
        await users.dismissNotices();
        await users.screenshot('access-08-accounts-desktop');
        await users.startEditing(PRINCIPAL.displayName);
        await users.screenshot('access-08b-account-edit-desktop');
        await users.cancelEditing();

        // The person now shows that they have an account.
        await people.open(schoolId);
        expect(await people.row('Nguyễn Văn Hùng').innerText()).toContain('Có tài khoản');

        // The audit log: who did what, before → after.
        const audit = new AuditPage(page, app.baseUrl);
        await audit.open();
        const changes = await audit.showChanges('Cập nhật hồ sơ trường');
        expect(await changes.innerText()).toContain('THĐP');
        await audit.screenshot('access-09-audit-desktop', { fullPage: false });

        await audit.signOut();
        await page.close();
      },
    );

    step(
      'the principal signs in with the temporary password, must change it, then sees the school',
      async () => {
        const page = await context.newPage();
        const signIn = new SignInPage(page, app.baseUrl);
        await signIn.open();
        await signIn.signIn(PRINCIPAL.username, temporaryPasswords.principal);

        const change = new ChangePasswordPage(page, app.baseUrl);
        await change.waitForPath(/^\/doi-mat-khau$/);
        await change.mustChangeNotice.waitFor();
        // Nothing but the password change is offered until it is done.
        expect(await change.navLabels()).toEqual(['Tra cứu tiêu chuẩn']);
        await change.screenshot('access-10-forced-password-change-desktop');
        await change.changePassword(temporaryPasswords.principal, PRINCIPAL.newPassword);

        const profile = new SchoolProfilePage(page, app.baseUrl);
        await profile.waitForPath(new RegExp(`^/truong/${schoolId}/ho-so$`));
        await profile.view.waitFor();
        expect(await profile.schoolName.innerText()).toBe(SCHOOL);
        expect(await profile.value('governingBody').innerText()).toBe('UBND XÃ ĐỊNH HIỆP');
        expect(await profile.editButton.isVisible()).toBe(true);
        expect(await profile.tabLabels()).toEqual([
          'Hồ sơ trường',
          'Kế hoạch',
          'Tự đánh giá',
          'Nhân sự',
          'Nhóm & Hội đồng',
          'Tài khoản',
          'Nhật ký thay đổi',
          'Văn bản đã gửi',
        ]);
        const nav = await profile.navLabels();
        expect(nav).toContain('Trường của tôi');
        expect(nav).not.toContain('Quản trị');
        await profile.dismissNotices();
        await profile.screenshot('access-11-principal-school-profile-desktop');

        const sessions = new SessionsPage(page, app.baseUrl);
        await sessions.open();
        expect(await sessions.sessions.count()).toBeGreaterThanOrEqual(1);
        expect(await sessions.list.innerText()).toContain('Phiên này');
        await sessions.screenshot('access-12-sessions-desktop');
        await sessions.signOut();
        await page.close();
      },
    );

    step(
      'a staff member sees no Quản trị, and an admin URL answers "Bạn không có quyền…"',
      async () => {
        const page = await context.newPage();
        const signIn = new SignInPage(page, app.baseUrl);
        await signIn.open();
        await signIn.signIn(STAFF.username, temporaryPasswords.staff);
        const change = new ChangePasswordPage(page, app.baseUrl);
        await change.mustChangeNotice.waitFor();
        await change.changePassword(temporaryPasswords.staff, STAFF.newPassword);

        const profile = new SchoolProfilePage(page, app.baseUrl);
        await profile.waitForPath(new RegExp(`^/truong/${schoolId}/ho-so$`));
        await profile.view.waitFor();
        expect(await profile.navLabels()).toEqual([
          'Tra cứu tiêu chuẩn',
          'Trường của tôi',
          'Việc của tôi',
          'Thư viện giải pháp',
        ]);
        // Staff read the profile; they neither edit it nor see the directory tabs.
        expect(await profile.editButton.count()).toBe(0);
        expect(await profile.tabLabels()).toEqual(['Hồ sơ trường', 'Kế hoạch', 'Tự đánh giá']);

        // Typing an administrator's address: the server refuses (403) and the page says so.
        await profile.goto('/quan-tri/tai-khoan');
        await profile.noAccess.waitFor();
        expect(await profile.noAccess.innerText()).toContain('Bạn không có quyền');
        await profile.screenshot('access-13-staff-no-permission-desktop');
        await profile.goto('/quan-tri/don-vi');
        await profile.noAccess.waitFor();
        // A school tab the role cannot use: the server's 403, too.
        await profile.goto(`/truong/${schoolId}/nhan-su`);
        await profile.noAccess.waitFor();
        expect(await profile.noAccess.innerText()).toContain('Bạn không có quyền');
        await profile.signOut();
        await page.close();
      },
    );

    step(
      'an office user sets a password with the reset link and lands on the schools of the commune',
      async () => {
        const officeContext = await newContext(browser, 'desktop');
        try {
          const page = await officeContext.newPage();
          const reset = new ResetPasswordPage(page, app.baseUrl);
          await reset.setPasswordWithLink(officeResetLink, OFFICE.newPassword);
          await page.getByRole('link', { name: 'Đăng nhập' }).last().click();
          const signIn = new SignInPage(page, app.baseUrl);
          await signIn.form.waitFor();
          await signIn.signIn(OFFICE.username, OFFICE.newPassword);
          const schools = new SchoolsPage(page, app.baseUrl);
          await schools.waitForPath(/^\/truong$/);
          expect(await schools.schoolNames()).toEqual([SCHOOL]);
          expect(await schools.navLabels()).toEqual([
            'Tra cứu tiêu chuẩn',
            'Các trường',
            'Thư viện giải pháp',
            'Tổng hợp',
            'Hộp văn bản',
          ]);
          await schools.screenshot('access-13b-office-schools-desktop');
          // Office staff read the school and its directory; they do not edit it.
          await schools.openSchool(SCHOOL);
          const profile = new SchoolProfilePage(page, app.baseUrl);
          await profile.view.waitFor();
          expect(await profile.editButton.count()).toBe(0);
          expect(await profile.tabLabels()).toEqual([
            'Hồ sơ trường',
            'Kế hoạch',
            'Tự đánh giá',
            'Nhân sự',
            'Nhóm & Hội đồng',
          ]);
        } finally {
          await officeContext.close();
        }
      },
    );

    step(
      'a session that expires mid-edit asks to sign in over the form and keeps what was typed',
      async () => {
        const page = await context.newPage();
        const signIn = new SignInPage(page, app.baseUrl);
        await signIn.open();
        await signIn.signIn(PRINCIPAL.username, PRINCIPAL.newPassword);
        const profile = new SchoolProfilePage(page, app.baseUrl);
        await profile.waitForPath(/^\/truong\/[^/]+\/ho-so$/);
        await profile.view.waitFor();
        await profile.startEditing();
        const typed = 'Số 12, đường ĐT 744, ấp Định Thọ, xã Định Hiệp, tỉnh Bình Dương';
        await profile.field('Địa chỉ').fill(typed);

        // The session ends while the principal is typing (cookie gone, as after a timeout).
        await context.clearCookies();
        await profile.clickSave();
        await signIn.dialog.waitFor();
        expect(await profile.field('Địa chỉ').inputValue()).toBe(typed);
        await profile.screenshot('access-14-session-expired-dialog-desktop', { fullPage: false });

        await signIn.signInAgainInDialog(PRINCIPAL.newPassword);
        // The save is sent again after signing in: what was typed is saved, not lost.
        await profile.view.waitFor();
        expect(await profile.value('address').innerText()).toBe(typed);
        await profile.waitForSuccess('Đã lưu hồ sơ trường.');
        await page.close();
      },
    );

    step('two people save the same profile: the second sees the conflict and chooses', async () => {
      const adminContext = await newContext(browser, 'desktop');
      try {
        const adminPage = await adminContext.newPage();
        const adminSignIn = new SignInPage(adminPage, app.baseUrl);
        await adminSignIn.open();
        await adminSignIn.signIn(ADMIN.username, ADMIN.password);
        await adminSignIn.waitForPath(/^\/quan-tri\/don-vi$/);

        const principalPage = await context.newPage();
        const principal = new SchoolProfilePage(principalPage, app.baseUrl);
        await principal.open(schoolId);
        await principal.startEditing();
        await principal.field('Điện thoại').fill('0274 3561 999');

        const admin = new SchoolProfilePage(adminPage, app.baseUrl);
        await admin.open(schoolId);
        await admin.startEditing();
        await admin.field('E-mail').fill('thdinhhiep@binhduong.edu.vn');
        await admin.save();

        // The principal's save started from the older version: 409, nothing overwritten.
        await principal.clickSave();
        await principal.conflict.waitFor();
        expect(await principal.conflict.innerText()).toContain('thdinhhiep@binhduong.edu.vn');
        await principal.screenshot('access-15-conflict-desktop');
        await principal.conflict.getByRole('button', { name: 'Giữ nội dung tôi đã nhập' }).click();
        await principal.save();
        // Both changes are kept: the other person's e-mail and the principal's phone.
        expect(await principal.value('email').innerText()).toBe('thdinhhiep@binhduong.edu.vn');
        expect(await principal.value('phone').innerText()).toBe('0274 3561 999');
        await principalPage.close();
      } finally {
        await adminContext.close();
      }
    });
  });

  describe('on a phone (390×844)', () => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await newContext(browser, 'phone');
    });

    afterAll(async () => {
      await context?.close();
    });

    step(
      'the principal reads the school profile and the people list; nothing overflows',
      async () => {
        const page = await context.newPage();
        const signIn = new SignInPage(page, app.baseUrl);
        await signIn.open();
        expect(await signIn.hasHorizontalOverflow()).toBe(false);
        await signIn.screenshot('access-21-sign-in-phone', { fullPage: false });
        await signIn.signIn(PRINCIPAL.username, PRINCIPAL.newPassword);

        const profile = new SchoolProfilePage(page, app.baseUrl);
        await profile.waitForPath(/^\/truong\/[^/]+\/ho-so$/);
        await profile.view.waitFor();
        expect(await profile.hasHorizontalOverflow()).toBe(false);
        await profile.screenshot('access-22-school-profile-phone');

        const people = new PeoplePage(page, app.baseUrl);
        await people.openTab('Nhân sự');
        await people.table.waitFor();
        expect(await people.names()).toHaveLength(PEOPLE.length + IMPORTED.length);
        expect(await people.hasHorizontalOverflow()).toBe(false);
        await people.screenshot('access-23-people-phone');

        await people.openTab('Nhóm & Hội đồng');
        const groups = new GroupsPage(page, app.baseUrl);
        await groups.group('Hội đồng tự đánh giá').waitFor();
        expect(await groups.hasHorizontalOverflow()).toBe(false);
        await groups.screenshot('access-24-council-phone');
        await page.close();
      },
    );
  });
});
