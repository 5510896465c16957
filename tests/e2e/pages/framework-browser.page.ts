import type { Locator, Page } from 'playwright-core';
import { artifactPath } from '../support/paths.ts';

/**
 * Page model of "Tra cứu tiêu chuẩn" (apps/web/src/features/frameworks). Journeys speak in the
 * user's terms — choose a framework, open a criterion, search — and never touch selectors.
 */
export class FrameworkBrowserPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  /** Opens the screen, optionally at a state (`{ framework: 'TT17', criterion: '1.1' }`). */
  async open(state: Record<string, string> = {}): Promise<void> {
    const search = new URLSearchParams(state).toString();
    await this.page.goto(`${this.baseUrl}/${search ? `?${search}` : ''}`);
    await this.heading.waitFor();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Tra cứu tiêu chuẩn' });
  }

  get catalogue(): Locator {
    return this.page.getByTestId('framework-catalogue');
  }

  get frameworkSelect(): Locator {
    return this.page.getByLabel('Bộ tiêu chuẩn', { exact: true });
  }

  get overview(): Locator {
    return this.page.getByTestId('framework-overview');
  }

  get supersededNotice(): Locator {
    return this.page.getByTestId('superseded-notice');
  }

  /** Chooses a framework by code in the picker and waits for its overview. */
  async chooseFramework(code: string): Promise<void> {
    await this.frameworkSelect.waitFor();
    await this.frameworkSelect.selectOption(code);
    await this.overview.getByText(code, { exact: true }).waitFor();
  }

  /** Switches to another version of the selected framework ("TT17@1"). */
  async chooseVersion(versionId: string): Promise<void> {
    await this.page.getByTestId(`version-${versionId}`).click();
    await this.overview.waitFor();
  }

  count(key: 'standards' | 'criteria' | 'mandatory' | 'level4' | 'unverified'): Locator {
    return this.page.getByTestId(`count-${key}`);
  }

  get criterionNav(): Locator {
    return this.page.getByTestId('criterion-nav');
  }

  criterionLink(code: string): Locator {
    return this.page.getByTestId(`criterion-link-${code}`);
  }

  /** Codes of the criteria the list shows, in order. */
  async listedCriterionCodes(): Promise<string[]> {
    const ids = await this.criterionNav
      .locator('[data-testid^="criterion-link-"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('criterion-link-', ''));
  }

  /** Opens a criterion from the list and waits for its detail. */
  async openCriterion(code: string): Promise<void> {
    await this.criterionLink(code).click();
    await this.detailHeading.filter({ hasText: `Tiêu chí ${code}` }).waitFor();
  }

  get detail(): Locator {
    return this.page.getByTestId('criterion-detail');
  }

  get detailHeading(): Locator {
    return this.page.locator('#criterion-heading');
  }

  /** The requirements listed under "Mức n" of the open criterion. */
  indicators(level: number): Locator {
    return this.detail.getByTestId(`level-${level}`).locator('.indicator');
  }

  indicator(level: number, key: string): Locator {
    return this.detail.getByTestId(`indicator-${level}-${key}`);
  }

  /** Texts of the requirements of one level, without their letter ("a)"). */
  async indicatorTexts(level: number): Promise<string[]> {
    return this.indicators(level).locator('.indicator__text').allInnerTexts();
  }

  get repealNotes(): Locator {
    return this.detail.getByTestId('repeal-note');
  }

  get titleVariants(): Locator {
    return this.detail.getByTestId('title-variants');
  }

  get mandatoryBadge(): Locator {
    return this.detail.getByTestId('mandatory-badge');
  }

  get verificationBadge(): Locator {
    return this.detail.getByTestId('verification-badge').first();
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Tìm kiếm trong bộ tiêu chuẩn' });
  }

  /** Types a search as a user would (character by character). */
  async search(text: string): Promise<void> {
    await this.searchBox.fill('');
    await this.searchBox.pressSequentially(text, { delay: 10 });
  }

  get searchEmpty(): Locator {
    return this.page.getByTestId('search-empty');
  }

  get highlights(): Locator {
    return this.criterionNav.locator('mark');
  }

  /** The error box of the screen (the app's alert region for actions sits outside <main>). */
  get errorAlert(): Locator {
    return this.page.getByRole('main').getByRole('alert');
  }

  /** The current query string, parsed. */
  urlState(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  /** True when the page is wider than the viewport (something overflows horizontally). */
  async hasHorizontalOverflow(): Promise<boolean> {
    // Expressions run in the page; the root tsconfig has no DOM library, hence strings.
    return Boolean(
      await this.page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1'),
    );
  }

  /** The id of the focused element ('' when none has one). */
  async focusedElementId(): Promise<string> {
    return String(await this.page.evaluate("document.activeElement?.id ?? ''"));
  }

  /** Saves a screenshot to artifacts/e2e/<name>.png and returns its path. */
  async screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<string> {
    const path = artifactPath(`${name}.png`);
    await this.page.screenshot({
      path,
      fullPage: options.fullPage ?? true,
      animations: 'disabled',
    });
    return path;
  }
}
