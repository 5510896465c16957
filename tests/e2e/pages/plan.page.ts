import type { Locator } from 'playwright-core';
import { SchoolPage } from './school.page.ts';
import type { CellField } from '../support/api.ts';

/** Trường → Kế hoạch: the plans by school year, "Lập kế hoạch", "Chuyển sang năm sau". */
export class PlansPage extends SchoolPage {
  async open(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/ke-hoach`);
    await this.page.getByRole('heading', { name: 'Kế hoạch cải tiến chất lượng' }).waitFor();
  }

  get createDialog(): Locator {
    return this.page.getByTestId('create-plan-dialog');
  }

  /** Opens "Lập kế hoạch" and picks the school year; returns the framework it says will apply. */
  async startPlan(schoolYear: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await this.createDialog.waitFor();
    await this.createDialog.getByLabel('Năm học').selectOption(schoolYear);
    return this.createDialog.getByTestId('framework-preview').innerText();
  }

  /** Confirms the dialog and waits for the editor of the new plan. */
  async confirmPlan(): Promise<void> {
    await this.createDialog.getByRole('button', { name: 'Lập kế hoạch' }).click();
    await this.waitForPath(/^\/ke-hoach\/[^/]+$/);
    await this.page.getByTestId('plan-editor').waitFor();
  }

  get carryOverDialog(): Locator {
    return this.page.getByTestId('carry-over-dialog');
  }

  /** Opens "Chuyển sang năm sau" on a year's plan; returns the circular notice, if the dialog shows one. */
  async startCarryOver(schoolYear: string): Promise<string | null> {
    await this.item(schoolYear).getByRole('button', { name: 'Chuyển sang năm sau' }).click();
    await this.carryOverDialog.waitFor();
    const notice = this.carryOverDialog.getByTestId('carry-over-regime');
    return (await notice.count()) > 0 ? notice.innerText() : null;
  }

  /**
   * Confirms the carry-over and reads what the dialog reports: its sentence and, per carried row,
   * the old criterion, the new one and the outcome (kept, mapped, unmapped).
   */
  async confirmCarryOver(): Promise<{
    message: string;
    rows: { from: string; to: string; outcome: string; text: string }[];
  }> {
    await this.carryOverDialog.getByRole('button', { name: 'Tạo kế hoạch năm sau' }).click();
    const report = this.carryOverDialog.getByTestId('carry-over-report');
    await report.waitFor();
    const rows = [];
    for (const row of await report.getByTestId('carry-over-row').all()) {
      rows.push({
        from: (await row.getAttribute('data-from')) ?? '',
        to: (await row.getAttribute('data-to')) ?? '',
        outcome: (await row.getAttribute('data-outcome')) ?? '',
        text: await row.innerText(),
      });
    }
    return { message: await report.getByTestId('carry-over-message').innerText(), rows };
  }

  /** "Mở kế hoạch năm học …" after a carry-over: waits for the new plan's editor. */
  async openCarriedPlan(): Promise<void> {
    await this.carryOverDialog.getByRole('button', { name: /^Mở kế hoạch năm học/ }).click();
    await this.waitForPath(/^\/ke-hoach\/[^/]+$/);
    await this.page.getByTestId('plan-editor').waitFor();
  }

  /** "Chuyển sang năm sau" on a year's plan: opens next year's plan with the unfinished rows. */
  async carryOver(schoolYear: string): Promise<void> {
    await this.startCarryOver(schoolYear);
    await this.confirmCarryOver();
    await this.openCarriedPlan();
  }

  item(schoolYear: string): Locator {
    return this.page.locator(`[data-testid="plan-item"][data-year="${schoolYear}"]`);
  }
}

/** /ke-hoach/:id — the plan editor. */
export class PlanEditorPage extends SchoolPage {
  planId(): string {
    const match = /^\/ke-hoach\/([^/]+)/.exec(this.path());
    if (!match?.[1]) throw new Error(`not on a plan: ${this.path()}`);
    return decodeURIComponent(match[1]);
  }

  async open(planId: string): Promise<void> {
    await this.goto(`/ke-hoach/${planId}`);
    await this.editor.waitFor();
  }

  get editor(): Locator {
    return this.page.getByTestId('plan-editor');
  }

  get title(): Locator {
    return this.page.getByTestId('plan-title');
  }

  get status(): Locator {
    return this.editor.getByTestId('plan-status').first();
  }

  get rows(): Locator {
    return this.page.getByTestId('plan-row');
  }

  row(index: number): Locator {
    return this.rows.nth(index);
  }

  /** Group headings of the table ("MỨC 1, 2, 3", "Tiêu chuẩn 1: …", "MỨC 4"). */
  async groupHeadings(): Promise<string[]> {
    const cells = this.page.locator('.plan-table__group th, .plan-table__standard th');
    return (await cells.allInnerTexts()).map((text) => text.trim());
  }

  /** Each row as the editor shows it: the criterion cell's label and the row's tasks. */
  async rowSummaries(): Promise<{ criterion: string; tasks: string; unmapped: boolean }[]> {
    const summaries = [];
    for (const row of await this.rows.all()) {
      summaries.push({
        criterion: (await row.locator('.plan-table__criterion strong').innerText()).trim(),
        tasks: await row.locator('textarea[data-field="tasks"]').inputValue(),
        unmapped: (await row.getByTestId('row-unmapped').count()) > 0,
      });
    }
    return summaries;
  }

  /** "Chọn tiêu chí" on a row without one: picks the criterion and waits for the save. */
  async chooseCriterion(index: number, criterion: string): Promise<void> {
    await this.row(index).getByTestId('choose-criterion').click();
    const picker = this.page.getByTestId('criterion-picker');
    await picker.waitFor();
    await picker
      .locator('.picker-list__item')
      .filter({ hasText: new RegExp(`^${criterion.replace('.', '\\.')}[. ]`) })
      .first()
      .click();
    const saved = this.page.waitForResponse(
      (response) =>
        response.request().method() === 'PATCH' &&
        /\/api\/plans\/[^/]+\/rows\//.test(response.url()),
    );
    await picker.getByRole('button', { name: 'Gắn dòng vào tiêu chí này' }).click();
    await saved;
    await picker.waitFor({ state: 'detached' });
  }

  cell(index: number, field: CellField): Locator {
    return this.row(index).locator(`textarea[data-field="${field}"]`);
  }

  /** The message under a row whose save was refused ("Dòng 1: Kế hoạch đã được phê duyệt…"). */
  saveError(index: number): Locator {
    return this.page.getByTestId('row-save-error').filter({ hasText: `Dòng ${index + 1}:` });
  }

  saveState(index: number): Locator {
    return this.row(index).getByTestId('row-save-state');
  }

  /** Adds a row in a group through the criterion picker (`null`: a row without criterion). */
  async addRow(
    group: 'tt57' | 'levels_1_3' | 'level_4',
    criterion: string | null,
    options: { screenshot?: string } = {},
  ): Promise<void> {
    const before = await this.rows.count();
    await this.page.locator(`[data-testid="add-row"][data-group="${group}"]`).click();
    const picker = this.page.getByTestId('criterion-picker');
    await picker.waitFor();
    if (criterion === null) {
      await picker.getByRole('button', { name: 'Thêm dòng không gắn tiêu chí' }).click();
    } else {
      await picker
        .locator('.picker-list__item')
        .filter({ hasText: new RegExp(`^${criterion.replace('.', '\\.')}[. ]`) })
        .first()
        .click();
      await picker.getByTestId('picker-detail').getByRole('heading').waitFor();
      if (options.screenshot) await this.screenshot(options.screenshot, { fullPage: false });
      await picker.getByRole('button', { name: 'Thêm dòng cho tiêu chí này' }).click();
    }
    await picker.waitFor({ state: 'detached' });
    await this.rows.nth(before).waitFor();
  }

  /** The picker's detail of a criterion (title, requirements) while it is open. */
  get pickerDetail(): Locator {
    return this.page.getByTestId('criterion-picker').getByTestId('picker-detail');
  }

  /** Types into a cell and leaves it (Tab): waits until the server answered the save. */
  async editCell(index: number, field: CellField, text: string): Promise<number> {
    const cell = this.cell(index, field);
    await cell.click();
    await cell.fill(text);
    const answer = this.page.waitForResponse(
      (response) =>
        response.request().method() === 'PATCH' &&
        /\/api\/plans\/[^/]+\/rows\//.test(response.url()),
    );
    await cell.press('Tab');
    return (await answer).status();
  }

  parsed(index: number, kind: 'time' | 'budget' | 'people'): Locator {
    return this.row(index).getByTestId(`parsed-${kind}`);
  }

  warnings(index: number): Locator {
    return this.row(index).getByTestId('parse-warning');
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('undo').click();
    await this.waitForSuccess('Đã hoàn tác');
  }

  /** Kiểm tra kế hoạch: opens the panel and waits for its findings. */
  async runChecks(): Promise<Locator> {
    await this.page.getByTestId('run-checks').click();
    const panel = this.page.getByTestId('plan-checks');
    await panel.getByTestId('budget-totals').waitFor();
    return panel;
  }

  get checks(): Locator {
    return this.page.getByTestId('plan-check');
  }

  async approve(): Promise<void> {
    await this.page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const dialog = this.page.getByTestId('approve-dialog');
    await dialog.getByRole('button', { name: 'Phê duyệt' }).click();
    await this.approvedBanner.waitFor();
  }

  get approvedBanner(): Locator {
    return this.page.getByTestId('approved-banner');
  }

  async createRevision(reason: string): Promise<void> {
    const before = this.planId();
    await this.approvedBanner.getByRole('button', { name: 'Tạo bản điều chỉnh' }).click();
    const dialog = this.page.getByTestId('revision-dialog');
    await dialog.getByLabel('Lý do điều chỉnh, bổ sung').fill(reason);
    await dialog.getByRole('button', { name: 'Tạo bản điều chỉnh' }).click();
    const deadline = Date.now() + 15_000;
    while (this.path() === `/ke-hoach/${before}`) {
      if (Date.now() > deadline) throw new Error('the revision did not open');
      await this.page.waitForTimeout(50);
    }
    await this.editor.and(this.page.locator('[data-status="draft"]')).waitFor();
  }

  get history(): Locator {
    return this.page.getByTestId('revision-history');
  }

  get conflictDialog(): Locator {
    return this.page.getByTestId('cell-conflict');
  }

  /** A review round of mục VI by its label ("Cuối học kỳ I"). */
  reviewRound(label: string): Locator {
    return this.page.locator(`[data-testid="review-round"][data-round="${label}"]`);
  }

  reviewCell(label: string, field: 'content' | 'result' | 'adjustment' | 'reviewer'): Locator {
    return this.reviewRound(label).locator(`textarea[data-field="${field}"]`);
  }

  get focusIssues(): Locator {
    return this.page.getByTestId('focus-issue');
  }

  focusCell(
    index: number,
    field: 'standardCode' | 'criterionCode' | 'currentState' | 'limitation' | 'cause',
  ): Locator {
    return this.focusIssues.nth(index).locator(`textarea[data-field="${field}"]`);
  }

  /** Types into a cell of mục IV or VI and leaves it: waits for the server's answer. */
  async editSectionCell(cell: Locator, text: string): Promise<number> {
    await cell.click();
    await cell.fill(text);
    const answer = this.page.waitForResponse(
      (response) =>
        response.request().method() === 'PATCH' &&
        /\/api\/plans\/[^/]+\/(reviews|focus-issues)\//.test(response.url()),
    );
    await cell.press('Tab');
    return (await answer).status();
  }

  /** "Thêm vấn đề trọng tâm": waits for the new issue's row. */
  async addFocusIssue(): Promise<void> {
    const before = await this.focusIssues.count();
    await this.page.getByTestId('add-focus-issue').click();
    await this.focusIssues.nth(before).waitFor();
  }
}
