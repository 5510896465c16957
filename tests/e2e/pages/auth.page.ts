import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newContext, type VIEWPORTS } from '../support/browser.ts';
import { AppPage } from './app.page.ts';

/** "Thiết lập lần đầu": the first administrator of a fresh installation. */
export class SetupPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/thiet-lap');
    await this.form.waitFor();
  }

  get form(): Locator {
    return this.page.getByTestId('setup-form');
  }

  async createAdministrator(input: {
    username: string;
    displayName: string;
    email?: string;
    password: string;
  }): Promise<void> {
    await this.form.getByLabel('Tên đăng nhập').fill(input.username);
    await this.form.getByLabel('Họ và tên').fill(input.displayName);
    if (input.email) await this.form.getByLabel('E-mail').fill(input.email);
    await this.form.getByLabel('Mật khẩu mới', { exact: true }).fill(input.password);
    await this.form.getByLabel('Nhập lại mật khẩu mới').fill(input.password);
    await this.form.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  }
}

/** "Đăng nhập", and the sign-in dialog that opens over a screen when the session has expired. */
export class SignInPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/dang-nhap');
    await this.form.waitFor();
  }

  get form(): Locator {
    return this.page.getByTestId('sign-in-form');
  }

  /** Signs in on the sign-in page (the caller waits for where it lands). */
  async signIn(login: string, password: string): Promise<void> {
    await this.form.getByLabel('Tên đăng nhập hoặc e-mail').fill(login);
    await this.form.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await this.form.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  get error(): Locator {
    return this.page.getByTestId('sign-in-error');
  }

  get dialog(): Locator {
    return this.page.getByTestId('sign-in-dialog');
  }

  /** Signs in again in the dialog over the current screen; waits until it closes. */
  async signInAgainInDialog(password: string): Promise<void> {
    await this.dialog.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await this.dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}

/** "Đổi mật khẩu" (forced after a temporary password). */
export class ChangePasswordPage extends AppPage {
  get form(): Locator {
    return this.page.getByTestId('change-password-form');
  }

  get mustChangeNotice(): Locator {
    return this.page.getByTestId('must-change-password');
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.form.locator('input[name="currentPassword"]').fill(current);
    await this.form.getByLabel('Mật khẩu mới', { exact: true }).fill(next);
    await this.form.getByLabel('Nhập lại mật khẩu mới').fill(next);
    await this.form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  }
}

/** "Đặt lại mật khẩu": the page a one-time link opens. */
export class ResetPasswordPage extends AppPage {
  get form(): Locator {
    return this.page.getByTestId('reset-password-form');
  }

  /** Opens the link as given (absolute) and sets a new password. */
  async setPasswordWithLink(link: string, password: string): Promise<void> {
    await this.page.goto(link);
    await this.form.waitFor();
    await this.form.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
    await this.form.getByLabel('Nhập lại mật khẩu mới').fill(password);
    await this.form.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await this.page.getByTestId('reset-done').waitFor();
  }
}

/** "Phiên đăng nhập". */
export class SessionsPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/phien-dang-nhap');
    await this.list.waitFor();
  }

  get list(): Locator {
    return this.page.getByTestId('session-list');
  }

  get sessions(): Locator {
    return this.list.getByTestId('session');
  }
}

/**
 * A fresh browser context (see `newContext`) signed in as `who` through the sign-in screen, on the
 * school screens it lands on (`/truong/…`): how the plan journeys start.
 */
export async function signedInAtSchool(
  browser: Browser,
  baseUrl: string,
  who: { username: string; password: string },
  viewport: keyof typeof VIEWPORTS = 'desktop',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const signIn = new SignInPage(page, baseUrl);
  await signIn.open();
  await signIn.signIn(who.username, who.password);
  await signIn.waitForPath(/^\/truong\//);
  return { context, page };
}
