import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory of the test run. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Where journeys write screenshots (git-ignored `artifacts/`). */
export const E2E_ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'e2e');

/** The built web app the test server serves. */
export const WEB_DIST_DIR = path.join(REPO_ROOT, 'apps', 'web', 'dist');

/** The path of a screenshot file in {@link E2E_ARTIFACTS_DIR}, creating the folder. */
export function artifactPath(fileName: string): string {
  mkdirSync(E2E_ARTIFACTS_DIR, { recursive: true });
  return path.join(E2E_ARTIFACTS_DIR, fileName);
}
