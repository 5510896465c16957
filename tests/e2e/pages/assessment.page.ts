import type { Locator } from 'playwright-core';
import { SchoolPage } from './school.page.ts';

/** Trường → Tự đánh giá: the school's assessments and "Bắt đầu tự đánh giá". */
export class AssessmentsTabPage extends SchoolPage {
  async open(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/tu-danh-gia`);
    await this.tab.waitFor();
  }

  get tab(): Locator {
    return this.page.getByTestId('assessments-tab');
  }

  get items(): Locator {
    return this.page.getByTestId('assessment-item');
  }

  get startDialog(): Locator {
    return this.page.getByTestId('start-assessment-dialog');
  }

  /** Opens "Bắt đầu tự đánh giá" and picks the year; returns the framework line it shows. */
  async openStart(schoolYear: string): Promise<string> {
    await this.page.getByTestId('assessment-start-open').click();
    await this.startDialog.waitFor();
    await this.startDialog.getByLabel('Năm học').selectOption(schoolYear);
    return (await this.startDialog.getByTestId('framework-chosen').innerText()).trim();
  }

  /** Confirms the dialog and waits for the new assessment's page. */
  async confirmStart(): Promise<void> {
    await this.startDialog.getByRole('button', { name: /^Bắt đầu tự đánh giá năm học/ }).click();
    await this.waitForPath(/^\/tu-danh-gia\//);
    await this.page.getByTestId('assessment-page').waitFor();
  }
}

/** /tu-danh-gia/:id — one self-assessment. */
export class AssessmentPage extends SchoolPage {
  /** The assessment's id, from the address. */
  assessmentId(): string {
    const match = /^\/tu-danh-gia\/([^/?]+)/.exec(this.path());
    if (!match?.[1]) throw new Error(`not on an assessment page: ${this.path()}`);
    return decodeURIComponent(match[1]);
  }

  async open(assessmentId: string, query = ''): Promise<void> {
    await this.goto(`/tu-danh-gia/${assessmentId}${query}`);
    try {
      await this.page.getByTestId('assessment-page').waitFor({ timeout: 10_000 });
    } catch (error) {
      await this.screenshot('debug-open');
      throw error;
    }
  }

  get header(): Locator {
    return this.page.getByTestId('assessment-header');
  }

  get schoolLevel(): Locator {
    return this.page.getByTestId('school-level-value');
  }

  get gap(): Locator {
    return this.page.getByTestId('school-level-gap');
  }

  get status(): Locator {
    return this.header.getByTestId('assessment-status');
  }

  async openSection(
    label: 'Tiêu chí' | 'Minh chứng' | 'Hội đồng & kế hoạch' | 'Văn bản & kế hoạch cải tiến',
  ): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Các phần của bản tự đánh giá' });
    await nav.getByRole('link', { name: label, exact: true }).click();
    await nav
      .getByRole('link', { name: label, exact: true })
      .and(this.page.locator('[aria-current="page"]'))
      .waitFor();
  }

  // ——— Criteria ———

  criterionItem(code: string): Locator {
    return this.page.locator(`[data-testid="criterion-item"][data-code="${code}"]`);
  }

  /** The level the list shows for a criterion ("Mức 2", "Chưa xác định"…). */
  async listedLevel(code: string): Promise<string> {
    return (await this.criterionItem(code).getByTestId('criterion-level').innerText()).trim();
  }

  get panel(): Locator {
    return this.page.getByTestId('criterion-panel');
  }

  async openCriterion(code: string): Promise<void> {
    await this.criterionItem(code).click();
    await this.page.locator(`[data-testid="criterion-panel"][data-code="${code}"]`).waitFor();
  }

  /** The Đạt/Không đạt toggle of an indicator ("1.a") or a TT57 level ("1"). */
  toggle(key: string): Locator {
    return this.panel.getByTestId(`mark-${key}`);
  }

  /**
   * Clicks Đạt or Không đạt for an indicator and waits until the saved mark shows (the panel
   * is drawn again from the server's answer).
   */
  async mark(key: string, value: boolean): Promise<void> {
    const toggle = this.toggle(key);
    await toggle.getByRole('button', { name: value ? 'Đạt' : 'Không đạt', exact: true }).click();
    await this.panel
      .locator(`[data-testid="mark-${key}"][data-value="${value ? 'met' : 'not-met'}"]`)
      .waitFor();
    await this.waitForIdle();
  }

  /** Clicks a toggle without waiting for it to hold (a refused mark). */
  async clickMark(key: string, value: boolean): Promise<void> {
    await this.toggle(key)
      .getByRole('button', { name: value ? 'Đạt' : 'Không đạt', exact: true })
      .click();
  }

  /** Waits until no save of the panel is in flight (its toggles are enabled again). */
  async waitForIdle(): Promise<void> {
    await this.page.getByRole('button', { name: 'Đang lưu…' }).waitFor({ state: 'detached' });
    await this.page.waitForLoadState('networkidle');
  }

  /** The keys of the open criterion's indicators in force at a level, in order (2018). */
  async indicatorKeys(level: number): Promise<string[]> {
    const keys = await this.panel
      .locator(
        `[data-testid="criterion-level-block"][data-level="${level}"] [data-testid="indicator"]:not(.is-repealed)`,
      )
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-key') ?? ''));
    return keys.filter(Boolean);
  }

  field(name: 'description' | 'strengths' | 'weaknesses' | 'improvementPlan'): Locator {
    return this.panel.getByTestId(`field-${name}`);
  }

  levelDescription(level: number): Locator {
    return this.panel.getByTestId(`level-description-${level}`);
  }

  levelBlock(level: number): Locator {
    return this.panel.locator(`[data-testid="criterion-level-block"][data-level="${level}"]`);
  }

  get computedLevel(): Locator {
    return this.panel.getByTestId('criterion-computed-level');
  }

  get markError(): Locator {
    return this.panel.getByTestId('mark-error');
  }

  async saveCriterion(): Promise<void> {
    await this.panel.getByTestId('criterion-save').click();
    await this.waitForSuccess('Đã lưu tiêu chí');
  }

  /** Adds an evidence from the criterion panel (cited by the open criterion). */
  async addEvidenceHere(evidence: { name: string; issued: string; issuer: string }): Promise<void> {
    const box = this.panel.getByTestId('criterion-evidence');
    await box.getByTestId('criterion-evidence-add').click();
    const form = box.getByTestId('criterion-evidence-form');
    await form.getByLabel('Tên minh chứng').fill(evidence.name);
    await form.getByLabel('Số, ngày ban hành (hoặc thời điểm khảo sát)').fill(evidence.issued);
    await form.getByLabel('Nơi ban hành hoặc nhóm, cá nhân thực hiện').fill(evidence.issuer);
    await form.getByRole('button', { name: 'Lưu minh chứng' }).click();
    await this.waitForSuccess('Đã thêm minh chứng');
    await box.getByTestId('criterion-evidence-item').filter({ hasText: evidence.name }).waitFor();
  }

  /** The evidence of the open criterion whose name contains `name`. */
  criterionEvidence(name: string): Locator {
    return this.panel.getByTestId('criterion-evidence-item').filter({ hasText: name });
  }

  async criterionEvidenceCode(name: string): Promise<string> {
    return (await this.criterionEvidence(name).getAttribute('data-code')) ?? '';
  }

  get citations(): Locator {
    return this.panel.getByTestId('citation');
  }

  get unknownCitations(): Locator {
    return this.panel.getByTestId('citation-unknown');
  }

  // ——— What-if ———

  get whatIfToggle(): Locator {
    return this.page.getByTestId('what-if-toggle');
  }

  get whatIfBar(): Locator {
    return this.page.getByTestId('what-if-bar');
  }

  // ——— Evidence ———

  get evidenceRows(): Locator {
    return this.page.getByTestId('evidence-row');
  }

  evidenceRow(code: string): Locator {
    return this.page.locator(`[data-testid="evidence-row"][data-code="${code}"]`);
  }

  async evidenceCodes(): Promise<string[]> {
    return this.evidenceRows.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-code') ?? ''),
    );
  }

  // ——— Văn bản & kế hoạch cải tiến ———

  get proposal(): Locator {
    return this.page.getByTestId('propose-plan-rows');
  }
}
