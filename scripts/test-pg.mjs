// `npm run test:pg`: the database-backed suites (packages/db, apps/server) on SQLite and PostgreSQL.
// TEST_DATABASE_URL defaults to the local server; each test makes its own schema and drops it.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
};
const extra = process.argv.slice(2);
const result = spawnSync('npx', ['vitest', 'run', 'packages/db', 'apps/server', ...extra], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
