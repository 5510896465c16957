/**
 * The national bench (issue 15): `seed-demo --provinces P --schools N --years 3` into a PostgreSQL
 * database (BENCH_DEMO_DATABASE_URL, default 34 provinces × 45,000 schools) and the same form at a
 * small size into another (BENCH_SMALL_DATABASE_URL, default 1 province × 300 schools); a database
 * that already holds the demo of that size is reused (seed-demo writes nothing, the seeding time is
 * then the one of the run that made it: give it with BENCH_DEMO_SEED_SECONDS). On each database:
 *   - the medians of the national roll-up `GET /api/units/{ministryId}/rollup` and of the demo
 *     province's, through app.inject signed in as the ministry's demo officer (`demo.bo`), 21 runs
 *     after 3 warm-ups;
 * run.ts (BENCH_ONLY=national) then measures, in one run, plan GET and cell save against their bare
 * twins on both databases (bench-server.ts `--demo`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createRepositories, openDatabase } from '@caitien/db';
import { buildApp, systemClock } from '@caitien/server';
import { systemContext } from '../apps/server/src/kernel/service-context.ts';
import { createRollupService } from '../apps/server/src/modules/rollup/rollup.service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const RUNS = Number(process.env.BENCH_NATIONAL_RUNS ?? 21);
/** The demo's well-known ids and accounts (apps/server/src/demo/seed-demo.ts, README). */
export const DEMO_MINISTRY_ID = 'c0de0000-de70-4000-8000-000000000000';
export const DEMO_PROVINCE_ID = 'c0de0000-de70-4000-8000-000000000001';
const MINISTRY_OFFICER = 'demo.bo';
const PASSWORD = 'CaiTien-Demo-2026';

export interface DemoSize {
  provinces: number;
  schools: number;
  years: number;
}

export interface RollupFigures {
  databaseUrl: string;
  size: DemoSize;
  /** Wall time of seed-demo in this run; null when the database already held the demo. */
  seedMs: number | null;
  schoolYear: string;
  counts: Record<string, number>;
  provinceRollupMedianMs: number;
  nationalRollupMedianMs: number;
  provinceRollupRunsMs: number[];
  nationalRollupRunsMs: number[];
  /** What seed-demo folded into the roll-up tallies, and how long it took. */
  folded: { pairs: number; ms: number };
  /** The national roll-up recounted school by school (the check of the stored tallies). */
  nationalRecountMs: number;
  nationalRecountEqual: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Number(value.toFixed(1));
}

/** Seeds (or finds) the demo of `size` in the database; answers what seed-demo printed. */
export function seedNational(databaseUrl: string, size: DemoSize) {
  const started = performance.now();
  const seed = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/server/src/cli/main.ts',
      'seed-demo',
      '--provinces',
      String(size.provinces),
      '--schools',
      String(size.schools),
      '--years',
      String(size.years),
      '--json',
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = Math.round(performance.now() - started);
  if (seed.status !== 0) throw new Error(`seed-demo exited with ${seed.status}`);
  const result = JSON.parse(seed.stdout) as {
    schoolYear: string;
    counts: Record<string, number>;
    /** The roll-up marks seed-demo folded into the tallies (all of them after migration 0018). */
    rollupTallies: { folded: number; seconds: number };
  };
  return { ...result, ms };
}

export async function measureRollups(databaseUrl: string, size: DemoSize): Promise<RollupFigures> {
  const seeded = seedNational(databaseUrl, size);
  // seed-demo answers in about a second when the demo is already there (nothing written), plus the
  // folding of the roll-up marks when the database was just migrated to the tallies.
  const foldMs = seeded.rollupTallies.seconds * 1000;
  const seedMs = seeded.ms - foldMs > 15_000 ? seeded.ms : null;
  const database = openDatabase({ databaseUrl });
  const app = await buildApp({ database, logger: false });
  try {
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: MINISTRY_OFFICER, password: PASSWORD },
    });
    if (login.statusCode !== 200)
      throw new Error(`sign-in ${MINISTRY_OFFICER}: ${login.statusCode}`);
    const session = login.cookies.find((c) => c.name === 'caitien_session');
    const headers = { cookie: `caitien_session=${session?.value ?? ''}` };
    const runs = async (unitId: string) => {
      const url = `/api/units/${unitId}/rollup?schoolYear=${seeded.schoolYear}`;
      const times: number[] = [];
      for (let i = 0; i < 3 + RUNS; i += 1) {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200)
          throw new Error(`GET ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (i >= 3) times.push(Number((performance.now() - started).toFixed(1)));
      }
      return times;
    };
    const province = await runs(DEMO_PROVINCE_ID);
    const national = await runs(DEMO_MINISTRY_ID);
    // The stored sums against a recount of every school (what rollup-tallies.test.ts checks on a
    // small tree, here on the national one).
    const service = createRollupService({
      repositories: createRepositories(database.db),
      clock: systemClock,
    });
    const ctx = systemContext('bench');
    const stored = await service.getRollup(ctx, DEMO_MINISTRY_ID, seeded.schoolYear);
    const recountStarted = performance.now();
    const recounted = await service.getRollup(ctx, DEMO_MINISTRY_ID, seeded.schoolYear, {
      recount: true,
    });
    const nationalRecountMs = Math.round(performance.now() - recountStarted);
    return {
      databaseUrl: databaseUrl.replace(/\/\/[^@]*@/u, '//'),
      size,
      seedMs,
      schoolYear: seeded.schoolYear,
      counts: seeded.counts,
      provinceRollupMedianMs: median(province),
      nationalRollupMedianMs: median(national),
      provinceRollupRunsMs: province,
      nationalRollupRunsMs: national,
      folded: { pairs: seeded.rollupTallies.folded, ms: foldMs },
      nationalRecountMs,
      nationalRecountEqual: isDeepStrictEqual(stored, recounted),
    };
  } finally {
    await app.close();
    await database.close();
  }
}

export function printRollups(f: RollupFigures): void {
  const c = f.counts;
  process.stdout.write(
    `${[
      `National demo on PostgreSQL (${f.databaseUrl}): ${f.size.provinces} provinces, ${f.size.schools} schools × ${f.size.years} years`,
      f.seedMs === null
        ? '  seed-demo: reused (nothing written)'
        : `  seed-demo: ${(f.seedMs / 1000).toFixed(1)} s`,
      `  counts: ${c.units} units, ${c.plans} plans (${c.planRows} rows), ${c.assessments} assessments, ${c.progressEntries} progress entries, ${c.budgetParts} budget parts, ${c.libraryEntries ?? 0} library entries (sample: ${c.sampleSchools ?? '—'} schools)`,
      `  roll-up of the demo province (${f.schoolYear}): median ${f.provinceRollupMedianMs} ms (${RUNS} runs)`,
      `  roll-up of the ministry (national): median ${f.nationalRollupMedianMs} ms (${RUNS} runs)`,
      `  roll-up tallies folded by seed-demo: ${f.folded.pairs} (school, year) pairs in ${(f.folded.ms / 1000).toFixed(1)} s`,
      `  national roll-up recounted school by school: ${f.nationalRecountMs} ms, equal to the stored tallies: ${f.nationalRecountEqual ? 'yes' : 'NO'}`,
    ].join('\n')}\n`,
  );
}
