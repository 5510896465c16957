import type { Locator, Page } from 'playwright-core';
import { artifactPath } from '../support/paths.ts';

/**
 * What every screen of the app shares: the header (main navigation, the user menu), the alert
 * region, the no-permission page, and the journeys' screenshot and layout checks. Screen models
 * extend it and speak in the user's terms; journeys never touch selectors.
 */
export class AppPage {
  constructor(
    readonly page: Page,
    protected readonly baseUrl: string,
  ) {}

  /** Opens a path of the app ("/quan-tri/don-vi"). */
  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  /** The current path ("/truong/…/ho-so"). */
  path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** Waits until the address bar shows a path matching `pattern`. */
  async waitForPath(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    // In-app navigation is history.pushState: no load event to wait for, so poll the address.
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.path())) {
      if (Date.now() > deadline)
        throw new Error(`expected a path matching ${pattern}, still at ${this.path()}`);
      await this.page.waitForTimeout(50);
    }
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get mainNav(): Locator {
    return this.page.getByRole('navigation', { name: 'Điều hướng chính' });
  }

  /** The labels of the main navigation's links, in order. */
  async navLabels(): Promise<string[]> {
    return (await this.mainNav.getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  get userMenuButton(): Locator {
    return this.page.getByTestId('user-menu-button');
  }

  /** Opens the user menu (Đổi mật khẩu, Phiên đăng nhập, Đăng xuất). */
  async openUserMenu(): Promise<Locator> {
    await this.userMenuButton.click();
    const menu = this.page.getByTestId('user-menu');
    await menu.waitFor();
    return menu;
  }

  /** Signs out from the user menu and waits for the sign-in page. */
  async signOut(): Promise<void> {
    const menu = await this.openUserMenu();
    await menu.getByRole('button', { name: 'Đăng xuất' }).click();
    await this.waitForPath(/^\/dang-nhap/);
    await this.page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  }

  /** Errors reported in the alert region (the API's messages). */
  get errorNotices(): Locator {
    return this.page.getByTestId('notice-error');
  }

  get successNotices(): Locator {
    return this.page.getByTestId('notice-success');
  }

  /** Waits for a confirmation in the alert region containing `text`. */
  async waitForSuccess(text: string): Promise<void> {
    await this.successNotices.filter({ hasText: text }).first().waitFor();
  }

  /** Closes every notice, so a screenshot shows the screen itself. */
  async dismissNotices(): Promise<void> {
    const buttons = this.page.getByRole('button', { name: 'Đóng thông báo' });
    while ((await buttons.count()) > 0) await buttons.first().click();
  }

  /** The "Bạn không có quyền…" page (403/404 from the server, or a screen not for the role). */
  get noAccess(): Locator {
    return this.page.getByTestId('no-access');
  }

  /** True when the page is wider than the viewport (something overflows horizontally). */
  async hasHorizontalOverflow(): Promise<boolean> {
    // Expressions run in the page; the root tsconfig has no DOM library, hence strings.
    return Boolean(
      await this.page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1'),
    );
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
