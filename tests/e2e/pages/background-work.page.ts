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

  /** A failed or retrying job of the job queue, by its queue's Vietnamese name. */
  jobProblem(queue: string): Locator {
    return this.page.getByTestId('job-problem').filter({ hasText: queue });
  }

  /** The row of a queue in the depth table, by its Vietnamese name. */
  queue(name: string): Locator {
    return this.page.getByTestId('queue-row').filter({ hasText: name });
  }

  get mailCounts(): Locator {
    return this.page.getByTestId('mail-counts');
  }
}
