import type { Download, Locator } from 'playwright-core';
import { artifactPath } from '../support/paths.ts';
import { SchoolPage } from './school.page.ts';

type PlanSectionLabel = 'Kế hoạch' | 'Theo dõi thực hiện' | 'Tổng quan' | 'Rà soát';
type ScheduleFilter =
  'Tất cả' | 'Quá hạn' | 'Đến hạn tháng này' | 'Bắt đầu tháng này' | 'Không có thời hạn';

/** /ke-hoach/:id?muc=… — the follow-up sections of an approved plan. */
export class PlanMonitoringPage extends SchoolPage {
  /** Opens a plan on one of its sections (`theo-doi`, `tong-quan`, `ra-soat`). */
  async open(planId: string, section: 'theo-doi' | 'tong-quan' | 'ra-soat'): Promise<void> {
    await this.goto(`/ke-hoach/${planId}?muc=${section}`);
    await this.sectionTabs.waitFor();
  }

  get sectionTabs(): Locator {
    return this.page.getByRole('navigation', { name: 'Các phần của kế hoạch' });
  }

  async sectionLabels(): Promise<string[]> {
    return (await this.sectionTabs.getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  async openSection(label: PlanSectionLabel): Promise<void> {
    const link = this.sectionTabs.getByRole('link', { name: label, exact: true });
    await link.click();
    await link.and(this.page.locator('[aria-current="page"]')).waitFor();
  }

  // ——— Theo dõi thực hiện ———

  get progressTable(): Locator {
    return this.page.getByTestId('progress-table');
  }

  get progressRows(): Locator {
    return this.page.getByTestId('progress-row');
  }

  progressRow(ordinal: string): Locator {
    return this.page.locator(`[data-testid="progress-row"][data-ordinal="${ordinal}"]`);
  }

  /** The ordinals of the rows the table shows now, in order. */
  async shownOrdinals(): Promise<string[]> {
    const rows = await this.progressRows.all();
    return Promise.all(rows.map(async (row) => (await row.getAttribute('data-ordinal')) ?? ''));
  }

  async filterBy(label: ScheduleFilter): Promise<void> {
    const button = this.page
      .getByRole('group', { name: 'Lọc nội dung' })
      .getByRole('button', { name: new RegExp(`^${label}`) });
    await button.click();
    await button.and(this.page.locator('[aria-pressed="true"]')).waitFor();
  }

  async filterByStatus(label: string): Promise<void> {
    await this.page.getByTestId('filter-status').selectOption({ label });
  }

  get updateSheet(): Locator {
    return this.page.getByTestId('row-progress-sheet');
  }

  /** Opens a row's update sheet from the table. */
  async openRow(ordinal: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `Xem và cập nhật tiến độ nội dung ${ordinal}` })
      .click();
    await this.updateSheet.waitFor();
  }

  get closeYearButton(): Locator {
    return this.page.getByTestId('close-year');
  }

  // ——— Rà soát ———

  get suggestedRounds(): Locator {
    return this.page.getByTestId('suggested-round');
  }

  /** "Mở đợt “<label>”" on a suggested round; waits for the round's screen. */
  async openSuggestedRound(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Mở đợt “${label}”` }).click();
    await this.round.waitFor();
  }

  get round(): Locator {
    return this.page.getByTestId('review-round');
  }

  get roundTitle(): Locator {
    return this.page.getByTestId('round-title');
  }

  get roundStatus(): Locator {
    return this.round.getByTestId('round-status').first();
  }

  get roundProgress(): Locator {
    return this.page.getByTestId('round-progress');
  }

  roundRow(ordinal: string): Locator {
    return this.page.locator(`[data-testid="round-row"][data-ordinal="${ordinal}"]`);
  }

  /** Fills one row's review (only the fields given) and saves it. */
  async reviewRow(
    ordinal: string,
    review: { result?: string; adjustment?: string; reviewer?: string },
  ): Promise<void> {
    const row = this.roundRow(ordinal);
    if (review.result !== undefined) await row.getByTestId('round-row-result').fill(review.result);
    if (review.adjustment !== undefined)
      await row.getByTestId('round-row-adjustment').fill(review.adjustment);
    if (review.reviewer !== undefined)
      await row.getByTestId('round-row-reviewer').fill(review.reviewer);
    await row.getByTestId('round-row-save').click();
    await this.page
      .locator(`[data-testid="round-row"][data-ordinal="${ordinal}"][data-reviewed="true"]`)
      .waitFor();
  }

  async saveConclusions(conclusions: string, recommendations: string): Promise<void> {
    await this.page.getByTestId('round-conclusions-text').fill(conclusions);
    await this.page.getByTestId('round-recommendations-text').fill(recommendations);
    await this.page.getByTestId('save-conclusions').click();
    await this.waitForSuccess('Đã lưu kết luận và kiến nghị.');
  }

  /** "Kết thúc đợt rà soát": returns the confirmation's text, confirms, waits for the closed round. */
  async closeRound(): Promise<string> {
    await this.page.getByTestId('close-round').click();
    const dialog = this.page.getByTestId('close-round-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    await dialog.getByRole('button', { name: 'Kết thúc đợt rà soát' }).click();
    await this.page.locator('[data-testid="review-round"][data-status="closed"]').waitFor();
    return text;
  }

  /** Clicks a report link and waits for the file. */
  async downloadReport(format: 'docx' | 'pdf'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`report-${format}`).click(),
    ]);
    return download;
  }

  /** "Mở bản điều chỉnh kế hoạch": the dialog with its prefilled reason. */
  async startRevisionFromRound(): Promise<Locator> {
    await this.page.getByTestId('revise-from-round').click();
    const dialog = this.page.getByTestId('revise-from-round-dialog');
    await dialog.waitFor();
    return dialog;
  }

  // ——— Tổng quan ———

  get dashboard(): Locator {
    return this.page.getByTestId('dashboard');
  }

  chart(name: 'standards' | 'budget' | 'timeline' | 'rounds'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  get overdueRows(): Locator {
    return this.page.getByTestId('overdue-row');
  }

  get ganttBars(): Locator {
    return this.page.getByTestId('gantt-bar');
  }

  /** Saves a picture of one chart card to artifacts/e2e/<name>.png. */
  async chartScreenshot(chart: 'standards' | 'budget' | 'timeline' | 'rounds', name: string) {
    await this.chart(chart).screenshot({
      path: artifactPath(`${name}.png`),
      animations: 'disabled',
    });
  }

  /** Opens a chart's "Xem bảng số liệu" and returns the table's rows as text cells. */
  async chartTable(name: 'standards' | 'budget' | 'timeline'): Promise<string[][]> {
    const card = this.chart(name);
    await card.getByText('Xem bảng số liệu').click();
    const rows = await card.locator('tbody tr').all();
    return Promise.all(
      rows.map(async (row) =>
        (await row.locator('th, td').allInnerTexts()).map((text) => text.trim()),
      ),
    );
  }
}
