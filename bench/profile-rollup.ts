/**
 * Times each query of the roll-up on a demo database (issue 14): `BENCH_DEMO_DIR=/tmp/demo npx tsx
 * bench/profile-rollup.ts` after `BENCH_ONLY=offices` seeded it. Prints each repository call's median.
 * On PostgreSQL (issue 15): `BENCH_DEMO_DATABASE_URL=postgres://… ROLLUP_UNIT_ID=<id>` (default the
 * demo province; the national demo's ministry is c0de0000-de70-4000-8000-000000000000).
 */
import path from 'node:path';
import { createRepositories, openDatabase } from '@caitien/db';

const dir = process.env.BENCH_DEMO_DIR ?? '/tmp/benchdemo';
const databaseUrl = process.env.BENCH_DEMO_DATABASE_URL;
const database = databaseUrl
  ? openDatabase({ databaseUrl })
  : openDatabase({ sqliteFile: path.join(dir, 'caitien.db') });
const repos = createRepositories(database.db);
const scope = {
  unitId: process.env.ROLLUP_UNIT_ID ?? 'c0de0000-de70-4000-8000-000000000001',
  schoolYear: process.env.SCHOOL_YEAR ?? '2026-2027',
};
async function time(name: string, f: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[2]!.toFixed(1)} ms`);
}
const r = repos.rollup;
await time('schoolCounts', () => r.schoolCounts(scope));
await time('currentPlans (with stored summaries)', () => r.currentPlans(scope));
const plans = await r.currentPlans(scope);
await time(`summaryFacts (the recount's reads, ${plans.length} plans)`, () =>
  r.summaryFacts(plans),
);
await time(`parse the ${plans.length} stored summaries`, () =>
  Promise.resolve(plans.map((p) => (p.summaryJson ? JSON.parse(p.summaryJson) : null))),
);
await time('childSchoolPlans', () => r.childSchoolPlans(scope.unitId, scope.schoolYear));
await time('schoolLevels', () => r.schoolLevels(scope));
await time('weakCriteria', () => r.weakCriteria(scope, 10));
await database.close();
