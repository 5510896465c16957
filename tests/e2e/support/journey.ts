import type { Browser } from 'playwright-core';
import { test } from 'vitest';
import { seedSchool } from './api.ts';
import { startApp, type AppUnderTest } from './app-server.ts';
import { launchBrowser } from './browser.ts';

/**
 * The steps of one journey that must run in order, each continuing from where the one before left
 * the application (for example the first-run setup, which exists only on an empty database, and the
 * one-time passwords it shows). Journeys that can seed their data through the API do so per test
 * instead (see plan.e2e.test.ts); this is for those that cannot.
 *
 * A step runs only when every step declared before it in the journey has passed in this run: if an
 * earlier step failed, or was filtered out (`-t`), the step fails at once naming it, instead of
 * failing later for a reason that has nothing to do with what it tests.
 */
export function sequentialJourney(): (
  name: string,
  body: () => Promise<void>,
  /** A step that waits for LibreOffice may need more than the default 60 s. */
  timeoutMs?: number,
) => void {
  const steps: string[] = [];
  const passed = new Set<string>();
  return (name, body, timeoutMs) => {
    const earlier = [...steps];
    steps.push(name);
    test(
      name,
      async () => {
        const missing = earlier.find((step) => !passed.has(step));
        if (missing !== undefined)
          throw new Error(
            `This step continues the journey after “${missing}”, which did not pass in this run: ` +
              'run the whole file.',
          );
        await body();
        passed.add(name);
      },
      timeoutMs,
    );
  };
}

/** The app, the browser and the seeded school a browser journey runs against. */
export interface SchoolJourney {
  app: AppUnderTest;
  browser: Browser;
  schoolId: string;
}

/** Starts the app and the browser at once, then seeds the journey's school through the API. */
export async function startSchoolJourney(
  seed: Parameters<typeof seedSchool>[1],
  options: { startAt?: string } = {},
): Promise<SchoolJourney> {
  const [app, browser] = await Promise.all([startApp(options), launchBrowser()]);
  const { schoolId } = await seedSchool(app.baseUrl, seed);
  return { app, browser, schoolId };
}

/** Closes what `startSchoolJourney` started, whatever part of it did start. */
export async function stopSchoolJourney(journey: {
  app: AppUnderTest | undefined;
  browser: Browser | undefined;
}): Promise<void> {
  await journey.browser?.close();
  await journey.app?.close();
}
