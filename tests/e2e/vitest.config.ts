import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys (`npm run test:e2e`): a real Chromium against a real server on a fresh database.
// Slow by nature, so long timeouts and one file at a time (each file starts its own server).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A journey is a sequence of steps on one page: a failed step explains itself, a retry would hide it.
    retry: 0,
  },
});
