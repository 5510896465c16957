import { readFileSync } from 'node:fs';
import type { Download, Locator } from 'playwright-core';
import { SessionsPage } from './auth.page.ts';
import { UsersPage } from './users.page.ts';

/** A downloaded personal-data export: the file's suggested name and its parsed JSON. */
export interface PersonalDataFile {
  fileName: string;
  data: {
    formatVersion: number;
    subject: { userId: string | null; personId: string | null; erased: boolean };
    account: {
      account: { id: string; username: string; displayName: string };
      roles: { role: string; unitName: string | null }[];
    } | null;
    person: { fullName: string; position: string } | null;
    register: unknown[];
  };
}

/** Waits for the file a click starts and reads it as the JSON export. */
async function readExport(download: Download): Promise<PersonalDataFile> {
  const failure = await download.failure();
  if (failure) throw new Error(`the download failed: ${failure}`);
  return {
    fileName: download.suggestedFilename(),
    data: JSON.parse(readFileSync(await download.path(), 'utf8')) as PersonalDataFile['data'],
  };
}

/** Tài khoản → "Dữ liệu cá nhân" (NĐ 13/2023): the export and the erasure on request. */
export class PersonalDataAccountsPage extends UsersPage {
  get dialog(): Locator {
    return this.page.getByTestId('personal-data-dialog');
  }

  /** Opens "Dữ liệu cá nhân" of an account from its row. */
  async openPersonalData(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Dữ liệu cá nhân của ${displayName}` }).click();
    await this.dialog.waitFor();
  }

  /** "Tải dữ liệu (JSON)": the file the browser saves, parsed. */
  async downloadExport(): Promise<PersonalDataFile> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.dialog.getByRole('button', { name: 'Tải dữ liệu (JSON)' }).click(),
    ]);
    return readExport(download);
  }

  /** Types the reason and ticks the confirmation (the erase button is enabled only then). */
  async fillErasure(reason: string): Promise<void> {
    await this.dialog.getByLabel('Lý do, căn cứ yêu cầu').fill(reason);
    await this.dialog
      .getByLabel('Tôi đã kiểm tra yêu cầu và hiểu việc xoá không thể hoàn tác.')
      .check();
  }

  get eraseButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Xoá dữ liệu cá nhân' });
  }

  /** Sends the erasure (after {@link fillErasure}); the caller waits for the outcome. */
  async clickErase(): Promise<void> {
    await this.eraseButton.click();
  }

  /** The confirmation the dialog shows once the account is erased. */
  get erasedNotice(): Locator {
    return this.dialog.getByRole('status');
  }

  /** The server's refusal, shown inside the dialog. */
  get dialogError(): Locator {
    return this.dialog.getByRole('alert');
  }

  async closePersonalData(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** The names in the accounts list, in order. */
  async displayNames(): Promise<string[]> {
    return (await this.page.getByTestId('user-display-name').allInnerTexts()).map((name) =>
      name.trim(),
    );
  }

  /**
   * True when `target` can be seen without scrolling: inside the part of the dialog on screen (the
   * dialog scrolls its content when it is taller than the viewport).
   */
  async isInSight(target: Locator): Promise<boolean> {
    const [box, frame] = await Promise.all([target.boundingBox(), this.dialog.boundingBox()]);
    const viewport = this.page.viewportSize();
    if (!box || !frame || !viewport) return false;
    const top = Math.max(frame.y, 0);
    const bottom = Math.min(frame.y + frame.height, viewport.height);
    return box.y >= top - 1 && box.y + box.height <= bottom + 1;
  }

  /** True when the dialog fits the viewport's width (nothing cut off at the sides). */
  async dialogFitsWidth(): Promise<boolean> {
    const box = await this.dialog.boundingBox();
    const viewport = this.page.viewportSize();
    if (!box || !viewport) return false;
    return box.x >= 0 && box.x + box.width <= viewport.width + 1;
  }
}

/** Phiên đăng nhập → "Dữ liệu cá nhân của bạn". */
export class OwnPersonalDataPage extends SessionsPage {
  get section(): Locator {
    return this.page.getByRole('region', { name: 'Dữ liệu cá nhân của bạn' });
  }

  /** "Tải dữ liệu (JSON)" of one's own data: the file, parsed. */
  async downloadOwnData(): Promise<PersonalDataFile> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.section.getByRole('button', { name: 'Tải dữ liệu (JSON)' }).click(),
    ]);
    return readExport(download);
  }
}
