import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** A file a journey hands to a file input (a photo "taken" on the phone). */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * "Việc của tôi" (/viec-cua-toi): the signed-in staff member's rows in groups (quá hạn, đến hạn
 * tháng này, sắp tới, không có thời hạn), and the update sheet of one row with its log.
 */
export class MyTasksPage extends AppPage {
  /**
   * The page's width in CSS pixels. On a phone viewport (isMobile) a too-wide element widens the
   * layout viewport itself, so "wider than the window" misses it; this does not.
   */
  async pageWidth(): Promise<number> {
    return Number(await this.page.evaluate('document.documentElement.scrollWidth'));
  }

  async open(): Promise<void> {
    await this.goto('/viec-cua-toi');
    await this.page.getByTestId('my-tasks').waitFor();
  }

  /** Opens Việc của tôi from the main navigation, as a user would. */
  async openFromNav(): Promise<void> {
    await this.mainNav.getByRole('link', { name: 'Việc của tôi' }).click();
    await this.waitForPath(/^\/viec-cua-toi/);
    await this.page.getByTestId('my-tasks').waitFor();
  }

  /** The group of tasks ("overdue", "dueThisMonth", "upcoming", "noDate", "closed"). */
  group(key: string): Locator {
    return this.page.getByTestId(`task-group-${key}`);
  }

  /** The headings of the groups shown, in order. */
  async groupTitles(): Promise<string[]> {
    return (await this.page.locator('.task-group__title').allInnerTexts()).map((text) =>
      text.replace(/\s*\d+$/, '').trim(),
    );
  }

  /** The card of the task whose content contains `text`. */
  task(text: string): Locator {
    return this.page.getByTestId('task-card').filter({ hasText: text });
  }

  /** Shows every task or only the open ones. */
  async show(which: 'Đang làm' | 'Tất cả'): Promise<void> {
    await this.page.getByRole('link', { name: which, exact: true }).click();
  }

  get sheet(): Locator {
    return this.page.getByTestId('row-progress-sheet');
  }

  /** Opens the update sheet of a task (taps "Cập nhật"). */
  async openTask(text: string): Promise<void> {
    await this.task(text).getByRole('button', { name: 'Cập nhật' }).click();
    await this.sheet.waitFor();
  }

  async chooseStatus(label: string): Promise<void> {
    await this.sheet.getByRole('button', { name: label, exact: true }).click();
  }

  async choosePercent(percent: number): Promise<void> {
    await this.sheet.getByRole('button', { name: `${percent}%`, exact: true }).click();
  }

  async fillResult(text: string): Promise<void> {
    await this.sheet.getByLabel('Kết quả', { exact: true }).fill(text);
  }

  async fillNote(text: string): Promise<void> {
    await this.sheet.getByLabel('Ghi chú', { exact: true }).fill(text);
  }

  /** Opens "Kinh phí đã chi" and types the amount and the source. */
  async fillSpending(amount: string, source: string): Promise<void> {
    await this.sheet.getByText('Kinh phí đã chi (không bắt buộc)').click();
    await this.sheet.getByLabel('Số tiền (đồng)').fill(amount);
    await this.sheet.getByLabel('Nguồn kinh phí').selectOption({ label: source });
  }

  /** The camera input (accept image/*, capture). */
  get photoInput(): Locator {
    return this.sheet.getByTestId('progress-photo-input');
  }

  async takePhoto(file: UploadFile): Promise<void> {
    await this.photoInput.setInputFiles(file);
    await this.sheet.getByTestId('progress-chosen-files').getByText(file.name).waitFor();
  }

  async save(): Promise<void> {
    await this.sheet.getByRole('button', { name: 'Lưu cập nhật' }).click();
  }

  /** The confirmation in the sheet ("Đã lưu cập nhật tiến độ…"). */
  get savedMessage(): Locator {
    return this.sheet.getByTestId('progress-success');
  }

  /** The entries of the row's log, newest first. */
  get logEntries(): Locator {
    return this.sheet.getByTestId('progress-entry');
  }

  async closeSheet(): Promise<void> {
    await this.sheet.getByRole('button', { name: 'Đóng' }).first().click();
    await this.sheet.waitFor({ state: 'detached' });
  }

  /** "n cập nhật đang chờ gửi" on the page (the header has a short one: "n chờ gửi"). */
  get pendingBadge(): Locator {
    return this.page.getByTestId('my-tasks').getByTestId('pending-updates');
  }

  /** The short badge in the header, on every screen. */
  get headerPendingBadge(): Locator {
    return this.page.locator('.app-header').getByTestId('pending-updates');
  }
}
