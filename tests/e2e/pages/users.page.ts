import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** Quản trị → Tài khoản (and the school's Tài khoản tab, which is the same screen). */
export class UsersPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/quan-tri/tai-khoan');
    await this.table.waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('users-table');
  }

  get form(): Locator {
    return this.page.getByTestId('user-form');
  }

  row(displayName: string): Locator {
    return this.page.getByTestId('user-row').filter({
      has: this.page.getByTestId('user-display-name').getByText(displayName, { exact: true }),
    });
  }

  /**
   * Creates an account with one role at a unit (chosen by its place in the tree), linked to a
   * person of the school when given; returns the temporary password the dialog shows once.
   */
  async createAccount(input: {
    username: string;
    displayName: string;
    role: string;
    unitTrail: string;
    person?: string;
  }): Promise<string> {
    await this.page.getByRole('button', { name: 'Tạo tài khoản' }).first().click();
    await this.form.waitFor();
    await this.form.getByLabel('Vai trò 1', { exact: true }).selectOption({ label: input.role });
    await this.form.getByLabel('Đơn vị của vai trò 1').selectOption({ label: input.unitTrail });
    if (input.person) {
      const select = this.form.getByLabel('Người trong danh sách nhân sự');
      const option = select.locator('option', { hasText: input.person });
      await option.first().waitFor({ state: 'attached' });
      await select.selectOption({ label: (await option.first().innerText()).trim() });
    }
    await this.form.getByLabel('Tên đăng nhập').fill(input.username);
    await this.form.getByLabel('Họ và tên hiển thị').fill(input.displayName);
    await this.form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await this.temporaryPasswordDialog.waitFor();
    return (
      await this.temporaryPasswordDialog.getByTestId('temporary-password').innerText()
    ).trim();
  }

  /** Opens the edit form of an account (its roles, person, disabled). */
  async startEditing(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Sửa tài khoản ${displayName}` }).click();
    await this.form.waitFor();
  }

  async cancelEditing(): Promise<void> {
    await this.form.getByRole('button', { name: 'Hủy' }).click();
    await this.form.waitFor({ state: 'detached' });
  }

  get resetDialog(): Locator {
    return this.page.getByTestId('reset-password-dialog');
  }

  /** Resets a password with a one-time link; returns the link shown once. */
  async resetWithLink(displayName: string): Promise<string> {
    await this.page.getByRole('button', { name: `Đặt lại mật khẩu cho ${displayName}` }).click();
    await this.resetDialog.waitFor();
    await this.resetDialog.getByLabel('Tạo liên kết đặt lại một lần').check();
    await this.resetDialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const link = this.resetDialog.getByTestId('reset-link');
    await link.waitFor();
    return (await link.innerText()).trim();
  }

  async closeResetDialog(): Promise<void> {
    await this.resetDialog.getByRole('button', { name: 'Tôi đã ghi lại, đóng' }).click();
    await this.resetDialog.waitFor({ state: 'detached' });
  }

  get temporaryPasswordDialog(): Locator {
    return this.page.getByTestId('temporary-password-dialog');
  }

  async closeTemporaryPasswordDialog(): Promise<void> {
    await this.temporaryPasswordDialog
      .getByRole('button', { name: 'Tôi đã ghi lại, đóng' })
      .click();
    await this.temporaryPasswordDialog.waitFor({ state: 'detached' });
  }
}

/** "Nhật ký thay đổi". */
export class AuditPage extends AppPage {
  async open(unitId?: string): Promise<void> {
    await this.goto(unitId ? `/nhat-ky?unitId=${encodeURIComponent(unitId)}` : '/nhat-ky');
    await this.entries.first().waitFor();
  }

  get entries(): Locator {
    return this.page.getByTestId('audit-entry');
  }

  entry(summary: string): Locator {
    return this.entries.filter({ hasText: summary }).first();
  }

  /** Opens "Xem … thay đổi" of an entry; returns its before → after table. */
  async showChanges(summary: string): Promise<Locator> {
    const entry = this.entry(summary);
    await entry.locator('summary').click();
    return entry.getByRole('table');
  }
}
