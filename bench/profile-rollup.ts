/**
 * Times each step of the roll-up on a demo database (issues 14, 15): `BENCH_DEMO_DIR=/tmp/demo npx
 * tsx bench/profile-rollup.ts` after `BENCH_ONLY=offices` seeded it. Prints each step's median of 5.
 * On PostgreSQL: `BENCH_DEMO_DATABASE_URL=postgres://… ROLLUP_UNIT_ID=<id>` (default the demo
 * province; the national demo's ministry is c0de0000-de70-4000-8000-000000000000).
 *
 * Since migration 0018 the roll-up reads its children's stored tallies; the first step folds what
 * is still marked dirty (all of it on a database just migrated), timed once.
 */
import path from 'node:path';
import { readRollupTally } from '@caitien/core';
import { createRepositories, openDatabase } from '@caitien/db';
import { flushRollupTallies } from '../apps/server/src/modules/rollup/rollup-tallies.ts';

const dir = process.env.BENCH_DEMO_DIR ?? '/tmp/benchdemo';
const databaseUrl = process.env.BENCH_DEMO_DATABASE_URL;
const database = databaseUrl
  ? openDatabase({ databaseUrl })
  : openDatabase({ sqliteFile: path.join(dir, 'caitien.db') });
const repos = createRepositories(database.db);
const unitId = process.env.ROLLUP_UNIT_ID ?? 'c0de0000-de70-4000-8000-000000000001';
const schoolYear = process.env.SCHOOL_YEAR ?? '2026-2027';
async function time(name: string, f: () => Promise<unknown>, runs = 5): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms`);
}
const dirty = await repos.rollupTallies.countDirty();
await time(`flush (${dirty} marks)`, () => flushRollupTallies(repos), 1);
await time('flush (nothing marked)', () => flushRollupTallies(repos));
await time('listChildren', () => repos.rollup.listChildren(unitId));
await time('childTallies', () => repos.rollupTallies.childTallies(unitId, schoolYear));
const tallies = await repos.rollupTallies.childTallies(unitId, schoolYear);
await time(`parse the ${tallies.length} stored tallies`, () =>
  Promise.resolve(tallies.map((t) => readRollupTally(t.tallyJson))),
);
await time('childSchoolPlans', () => repos.rollup.childSchoolPlans(unitId, schoolYear));
await database.close();
