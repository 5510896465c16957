/**
 * The offices bench (issue 14): `seed-demo --schools 2000 --years 3` into SQLite (a temporary
 * DATA_DIR, or BENCH_DEMO_DIR to keep and reuse one: a re-run of the same size writes nothing), the
 * seeding time, then on that database:
 *   - the median of a plain indexed count(*) over the province's plan rows of the current year (the
 *     floor a roll-up can reach);
 *   - the median of the province roll-up `GET /api/units/{provinceId}/rollup?schoolYear=…` through
 *     app.inject, signed in as the Sở's demo officer, and its ratio to the count(*);
 *   - the medians of the solution search by words without diacritics and by criterion.
 * A route that is not registered is skipped with a line saying so (they come from other parts of
 * issue 14); the paths are constants below so they can follow the routes.
 * Run: `BENCH_ONLY=offices npm run bench` → bench/results/latest-offices.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@caitien/db';
import { buildApp } from '@caitien/server';
import { sql } from 'kysely';

/** The routes measured (method GET); `{provinceId}` and `{schoolYear}` are filled in. */
export const ROLLUP_ROUTE = '/api/units/:unitId/rollup';
export const ROLLUP_URL = '/api/units/{provinceId}/rollup?schoolYear={schoolYear}';
export const SOLUTIONS_ROUTE = '/api/solutions';
export const SOLUTIONS_WORDS_URL = '/api/solutions?q=phuong%20huong';
export const SOLUTIONS_CRITERION_URL = '/api/solutions?framework=TT57-PT&criterion=1.1';

const SCHOOLS = Number(process.env.BENCH_DEMO_SCHOOLS ?? 2000);
const YEARS = Number(process.env.BENCH_DEMO_YEARS ?? 3);
const RUNS = Number(process.env.BENCH_OFFICES_RUNS ?? 21);
/** The demo's documented office account and password (README "Dữ liệu mẫu"). */
const OFFICER = 'demo.so';
const PASSWORD = 'CaiTien-Demo-2026';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Number(value.toFixed(3));
}

async function timeRuns(run: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 3; i += 1) await run(); // warm-up: caches, JIT
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export interface OfficesFigures {
  schools: number;
  years: number;
  seeded: boolean;
  seedMs: number | null;
  provinceId: string;
  schoolYear: string;
  counts: Record<string, number>;
  planRowsOfYear: number;
  countMedianMs: number;
  rollupMedianMs: number | null;
  rollupToCount: number | null;
  solutionWordsMedianMs: number | null;
  solutionCriterionMedianMs: number | null;
  skipped: string[];
}

export async function measureOffices(): Promise<OfficesFigures> {
  const kept = process.env.BENCH_DEMO_DIR;
  const dataDir = kept ? path.resolve(kept) : mkdtempSync(path.join(tmpdir(), 'caitien-offices-'));
  if (kept) mkdirSync(dataDir, { recursive: true });
  const skipped: string[] = [];
  try {
    const reuse = kept !== undefined && existsSync(path.join(dataDir, 'caitien.db'));
    const started = performance.now();
    const seed = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/server/src/cli/main.ts',
        'seed-demo',
        '--schools',
        String(SCHOOLS),
        '--years',
        String(YEARS),
        '--json',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const seedMs = Math.round(performance.now() - started);
    if (seed.status !== 0) throw new Error(`seed-demo exited with ${seed.status}`);
    const result = JSON.parse(seed.stdout) as {
      provinceId: string;
      schoolYear: string;
      counts: Record<string, number>;
    };
    const seeded = !reuse;

    const database = openDatabase({ dataDir });
    const app = await buildApp({ database, logger: false });
    try {
      await app.ready();
      // The plain indexed count(*): the province's plan rows of the year.
      const count = () =>
        sql<{ n: number }>`select count(*) as n from plan_rows r
          join plans p on p.id = r.plan_id
          join units u on u.id = p.school_id
          where p.school_year = ${result.schoolYear}
            and u.path like ${`/${result.provinceId}/%`}`.execute(database.db);
      const rows = Number((await count()).rows[0]?.n ?? 0);
      const countMedianMs = await timeRuns(async () => {
        await count();
      });

      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: OFFICER, password: PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`sign-in ${OFFICER}: ${login.statusCode}`);
      const session = login.cookies.find((c) => c.name === 'caitien_session');
      const headers = { cookie: `caitien_session=${session?.value ?? ''}` };
      const get = async (url: string) => {
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200)
          throw new Error(`GET ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      };
      const measure = async (route: string, url: string): Promise<number | null> => {
        if (!app.hasRoute({ method: 'GET', url: route })) {
          skipped.push(`${route}: route not registered, skipped`);
          return null;
        }
        return timeRuns(() => get(url));
      };
      const rollupMedianMs = await measure(
        ROLLUP_ROUTE,
        ROLLUP_URL.replace('{provinceId}', result.provinceId).replace(
          '{schoolYear}',
          result.schoolYear,
        ),
      );
      const solutionWordsMedianMs = await measure(SOLUTIONS_ROUTE, SOLUTIONS_WORDS_URL);
      const solutionCriterionMedianMs = await measure(SOLUTIONS_ROUTE, SOLUTIONS_CRITERION_URL);
      return {
        schools: SCHOOLS,
        years: YEARS,
        seeded,
        seedMs: seeded ? seedMs : null,
        provinceId: result.provinceId,
        schoolYear: result.schoolYear,
        counts: result.counts,
        planRowsOfYear: rows,
        countMedianMs,
        rollupMedianMs,
        rollupToCount:
          rollupMedianMs === null || countMedianMs === 0
            ? null
            : Number((rollupMedianMs / countMedianMs).toFixed(2)),
        solutionWordsMedianMs,
        solutionCriterionMedianMs,
        skipped,
      };
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printOffices(f: OfficesFigures): void {
  const lines = [
    `Offices (issue 14), SQLite, ${f.schools} schools × ${f.years} years:`,
    f.seedMs === null
      ? '  seed-demo: reused BENCH_DEMO_DIR (nothing written)'
      : `  seed-demo: ${(f.seedMs / 1000).toFixed(1)} s (${f.counts.planRows} plan rows, ${f.counts.plans} plans, ${f.counts.progressEntries} progress entries)`,
    `  count(*) of the province's plan rows of ${f.schoolYear} (${f.planRowsOfYear} rows): median ${f.countMedianMs} ms`,
    f.rollupMedianMs === null
      ? '  roll-up: skipped (route not registered)'
      : `  roll-up GET ${ROLLUP_ROUTE}: median ${f.rollupMedianMs} ms (${f.rollupToCount}× the count(*))`,
    f.solutionWordsMedianMs === null
      ? '  solution search: skipped (route not registered)'
      : `  solution search "phuong huong": median ${f.solutionWordsMedianMs} ms; by criterion: median ${f.solutionCriterionMedianMs} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `BENCH_ONLY=offices npm run bench` (run.ts) or `tsx bench/offices.ts`. */
export async function runOffices(): Promise<void> {
  const offices = await measureOffices();
  printOffices(offices);
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-offices.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), offices }, null, 2)}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runOffices();
}
