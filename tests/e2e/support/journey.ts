import { test } from 'vitest';

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
export function sequentialJourney(): (name: string, body: () => Promise<void>) => void {
  const steps: string[] = [];
  const passed = new Set<string>();
  return (name, body) => {
    const earlier = [...steps];
    steps.push(name);
    test(name, async () => {
      const missing = earlier.find((step) => !passed.has(step));
      if (missing !== undefined)
        throw new Error(
          `This step continues the journey after “${missing}”, which did not pass in this run: ` +
            'run the whole file.',
        );
      await body();
      passed.add(name);
    });
  };
}
