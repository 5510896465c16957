import type { Locator } from 'playwright-core';
import { PlanEditorPage } from './plan.page.ts';

/**
 * "Góp ý" (issue 14) as the plan screen shows it: the button over the table, the marker beside
 * each row, the dialog with its threads, the notification bell that leads there, and the inline
 * threads of an assessment criterion.
 */
export class CommentsPage extends PlanEditorPage {
  /** "💬 Góp ý (n)" over the plan table (the whole document's threads). */
  get openAllButton(): Locator {
    return this.page.getByTestId('open-comments');
  }

  /** The marker of a row ("Góp ý dòng này" or "n góp ý, …"). */
  rowMarker(index: number): Locator {
    return this.row(index).getByTestId('comment-marker');
  }

  get markers(): Locator {
    return this.page.getByTestId('comment-marker');
  }

  get dialog(): Locator {
    return this.page.getByTestId('comment-dialog');
  }

  get threads(): Locator {
    return this.page.getByTestId('comment-thread');
  }

  thread(threadId: string): Locator {
    return this.page.locator(`[data-testid="comment-thread"][data-thread-id="${threadId}"]`);
  }

  /** The messages of a thread as (side, text) pairs, in order. */
  async messages(thread: Locator): Promise<{ side: string; text: string }[]> {
    const out = [];
    for (const item of await thread.getByTestId('comment').all()) {
      out.push({
        side: (await item.getAttribute('data-side')) ?? '',
        text: (await item.locator('.comment__body').innerText()).trim(),
      });
    }
    return out;
  }

  /** Opens a row's marker and waits for the dialog. */
  async openRow(index: number): Promise<void> {
    await this.rowMarker(index).click();
    await this.dialog.getByTestId('comment-threads').waitFor();
  }

  /** Writes the first message of a new thread in the open dialog; returns the thread's id. */
  async startThread(body: string): Promise<string> {
    const form = this.dialog.getByTestId('comment-new');
    await form.getByLabel('Nội dung góp ý').fill(body);
    const before = await this.dialog.getByTestId('comment-thread').count();
    await form.getByRole('button', { name: 'Gửi góp ý' }).click();
    await this.waitForSuccess('Đã gửi góp ý.');
    await this.dialog.getByTestId('comment-thread').nth(before).waitFor();
    return (
      (await this.dialog
        .getByTestId('comment-thread')
        .nth(before)
        .getAttribute('data-thread-id')) ?? ''
    );
  }

  async reply(thread: Locator, body: string): Promise<void> {
    await thread.getByLabel('Trả lời').fill(body);
    await thread.getByRole('button', { name: 'Gửi trả lời' }).click();
    await thread.getByTestId('comment').filter({ hasText: body }).waitFor();
  }

  async resolve(thread: Locator): Promise<void> {
    await thread.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
    await thread.getByRole('button', { name: 'Mở lại' }).waitFor();
  }

  async closeDialog(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }

  // ——— The bell ———

  get bell(): Locator {
    return this.page.getByTestId('notification-bell');
  }

  get notificationItems(): Locator {
    return this.page.getByTestId('notification-item');
  }

  async openBell(): Promise<void> {
    await this.bell.click();
    await this.page.getByTestId('notification-panel').waitFor();
  }

  /** Follows "Mở" of the first notification whose text contains `text`. */
  async followNotification(text: string): Promise<void> {
    const item = this.notificationItems.filter({ hasText: text }).first();
    await item.getByRole('link').click();
  }

  // ——— Assessment criterion ———

  get criterionComments(): Locator {
    return this.page.getByTestId('criterion-comments');
  }
}
