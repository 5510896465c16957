import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/**
 * What a school sends to its supervising units (issue 14): the "Gửi cơ quan quản lý" panel on an
 * approved document, the school's "Văn bản đã gửi" tab, and the offices' "Hộp văn bản"
 * (/hop-van-ban) with its filters, the opened document, "Hạn nộp" and the late schools.
 */
export class SubmissionsPage extends AppPage {
  /** The page's width in CSS pixels (on a phone a too-wide element widens the layout viewport). */
  async pageWidth(): Promise<number> {
    return Number(await this.page.evaluate('document.documentElement.scrollWidth'));
  }

  // ——— The school side ———

  get sendPanel(): Locator {
    return this.page.getByTestId('send-offices');
  }

  /** Opens an approved plan and waits for its send panel. */
  async openPlan(planId: string): Promise<void> {
    await this.goto(`/ke-hoach/${planId}`);
    await this.sendPanel.waitFor();
  }

  /** The names the panel says the document goes to. */
  async recipients(): Promise<string> {
    return (await this.sendPanel.getByTestId('send-recipients').innerText()).trim();
  }

  get sendButton(): Locator {
    return this.sendPanel.getByTestId('send-offices-button');
  }

  /** "Gửi cơ quan quản lý", then "Gửi" in the confirmation; waits for the last send to show. */
  async sendAndConfirm(): Promise<void> {
    await this.sendButton.click();
    await this.page.getByTestId('send-offices-confirm').click();
    await this.sendPanel.getByTestId('send-last').waitFor();
  }

  /** The states of the last send, as "unit: label" lines. */
  async lastSendStates(): Promise<string[]> {
    return this.states(this.sendPanel.getByTestId('send-last'));
  }

  /** Opens the school's "Văn bản đã gửi" tab from the school's tabs. */
  async openSentTab(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/ho-so`);
    await this.page.getByRole('link', { name: 'Văn bản đã gửi' }).click();
    await this.waitForPath(/\/van-ban-da-gui$/);
    await this.page.getByTestId('sent-table').waitFor();
  }

  get sentRows(): Locator {
    return this.page.getByTestId('sent-row');
  }

  async sentRowStates(index: number): Promise<string[]> {
    return this.states(this.sentRows.nth(index));
  }

  // ——— The office side ———

  /** Opens the inbox from the main navigation, as an officer would. */
  async openInboxFromNav(): Promise<void> {
    await this.mainNav.getByRole('link', { name: 'Hộp văn bản' }).click();
    await this.waitForPath(/^\/hop-van-ban/);
    await this.page.getByTestId('office-inbox').waitFor();
  }

  async openInbox(search = ''): Promise<void> {
    await this.goto(`/hop-van-ban${search}`);
    await this.page.getByTestId('office-inbox').waitFor();
  }

  inboxRow(submissionId: string): Locator {
    return this.page.locator(`[data-testid="inbox-row"][data-submission="${submissionId}"]`);
  }

  get inboxRows(): Locator {
    return this.page.getByTestId('inbox-row');
  }

  /** The state label of a submission's row in the inbox ("Chưa xem"). */
  async inboxState(submissionId: string): Promise<string> {
    return (await this.inboxRow(submissionId).getByTestId('inbox-state').innerText()).trim();
  }

  /** Waits until a submission's row shows `label`. */
  async waitForInboxState(submissionId: string, label: string): Promise<void> {
    await this.inboxRow(submissionId)
      .getByTestId('inbox-state')
      .filter({ hasText: label })
      .waitFor();
  }

  /** Chooses a filter of the inbox by its label ("Trạng thái") and option text ("Đã xem"). */
  async filter(label: string, option: string): Promise<void> {
    await this.page
      .getByTestId('inbox-filters')
      .getByLabel(label, { exact: true })
      .selectOption({ label: option });
  }

  get panel(): Locator {
    return this.page.getByTestId('submission-panel');
  }

  /** Opens a submission from its row (which marks it read). */
  async openSubmission(submissionId: string): Promise<void> {
    await this.inboxRow(submissionId).getByTestId('inbox-open').click();
    await this.panel.getByTestId('detail-hash').waitFor();
  }

  async panelStates(): Promise<string[]> {
    return this.states(this.panel);
  }

  /** "Tiếp nhận"; waits for the panel to show the new state. */
  async accept(): Promise<void> {
    await this.panel.getByTestId('accept-submission').click();
    await this.panel
      .locator('[data-testid="recipient-state"][data-state="accepted"]')
      .first()
      .waitFor();
  }

  get acceptButton(): Locator {
    return this.panel.getByTestId('accept-submission');
  }

  /** Opens a section of the inbox ("Hạn nộp", "Trường chậm nộp / chưa nộp"). */
  async openSection(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
  }

  deadlineRow(kind: string): Locator {
    return this.page.locator(`[data-testid="deadline-row"][data-kind="${kind}"]`);
  }

  /** Sets a deadline (yyyy-mm-dd) for a kind of document in the chosen school year. */
  async setDeadline(kind: string, date: string): Promise<void> {
    const row = this.deadlineRow(kind);
    await row.getByTestId('deadline-input').fill(date);
    await row.getByTestId('deadline-save').click();
    await this.waitForSuccess('Đã lưu hạn nộp');
  }

  private async states(scope: Locator): Promise<string[]> {
    const items = scope.getByTestId('recipient-state');
    const lines: string[] = [];
    for (const item of await items.all()) {
      const unit = (await item.locator('.recipient-states__unit').innerText()).trim();
      const badge = (await item.locator('.badge').innerText()).trim();
      lines.push(`${unit}: ${badge}`);
    }
    return lines;
  }
}
