import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** "Tổng hợp" (issue 14): the roll-up of an office's subtree, its charts and the drill-down. */
export class RollupPage extends AppPage {
  /** Opens "Tổng hợp" from the main navigation. */
  async openFromNav(): Promise<void> {
    await this.mainNav.getByRole('link', { name: 'Tổng hợp' }).click();
    await this.waitForPath(/^\/tong-hop\/[^/]+/);
    await this.root.waitFor();
  }

  get root(): Locator {
    return this.page.getByTestId('rollup');
  }

  /** The summary tiles as "label: value" lines. */
  async summary(): Promise<Record<string, string>> {
    const tiles = this.page.getByTestId('rollup-summary').locator('.summary-tile');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await tiles.count()); i += 1) {
      const tile = tiles.nth(i);
      out[(await tile.locator('dt').innerText()).trim()] = (
        await tile.locator('dd').innerText()
      ).trim();
    }
    return out;
  }

  chart(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** How many bars (recharts rectangles) a chart draws. */
  async barCount(testId: string): Promise<number> {
    return this.chart(testId).locator('.recharts-bar-rectangle').count();
  }

  /** Opens a chart's "Xem bảng số liệu" and answers its table's text. */
  async chartTable(testId: string): Promise<string> {
    const chart = this.chart(testId);
    await chart.getByText('Xem bảng số liệu').click();
    return chart.locator('table').innerText();
  }

  /** The lines of the drill-down table, as their first cell's text. */
  async childNames(): Promise<string[]> {
    return (await this.page.getByTestId('rollup-child').locator('th').allInnerTexts()).map((t) =>
      t.split('\n')[0]!.trim(),
    );
  }

  /** Follows a commune's line to its own roll-up. */
  async drillInto(name: string): Promise<void> {
    await this.page
      .getByTestId('rollup-children')
      .getByRole('link', { name: `Xem tổng hợp của ${name}` })
      .click();
    await this.page.getByRole('heading', { level: 1 }).waitFor();
    await this.page
      .locator('.rollup-breadcrumb [aria-current="page"]', { hasText: name })
      .waitFor();
  }

  /** Opens the plan of a school's line. */
  async openPlanOf(school: string): Promise<void> {
    const line = this.page.getByTestId('rollup-child').filter({ hasText: school });
    await line.getByTestId('rollup-open-plan').click();
    await this.waitForPath(/^\/ke-hoach\//);
  }

  get xlsxLink(): Locator {
    return this.page.getByTestId('rollup-xlsx');
  }
}
