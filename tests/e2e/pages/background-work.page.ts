import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** Quản trị → Tác vụ nền: the scheduled jobs and the mail queue (administrator). */
export class BackgroundWorkPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/quan-tri/tac-vu-nen');
    await this.page.getByRole('heading', { level: 1, name: 'Tác vụ nền' }).waitFor();
  }

  get adminTab(): Locator {
    return this.page.getByRole('link', { name: 'Tác vụ nền', exact: true });
  }

  get jobsTable(): Locator {
    return this.page.getByTestId('jobs-table');
  }

  /** The row of a job, by its Vietnamese name. */
  job(name: string): Locator {
    return this.page.getByTestId('job-row').filter({ hasText: name });
  }

  get mailCounts(): Locator {
    return this.page.getByTestId('mail-counts');
  }
}
