/**
 * Solution library search at province scale (issue 14): 2,000 schools × 3 school years × 40 rows
 * (240,000 entries) written straight into `solution_library_rows` / `solution_library_words` with
 * the same folding and word rules the approval uses (`libraryFoldedText`, `libraryWords`), texts
 * taken from the real seed plans. Then the median of each search, as `GET /api/solutions` runs it
 * (scope lookup + the repository's search), on SQLite.
 *
 *   npx tsx bench/solution-library.ts [--schools 2000] [--years 3] [--rows 40] [--runs 25]
 *
 * With `BENCH_DEMO_DIR=<data dir>` it measures an existing database instead (e.g. one filled by
 * `seed-demo`, which fills the library through `seed-library.ts`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { libraryQueryWords, libraryWords } from '@caitien/core';
import {
  createSolutionLibraryRepository,
  libraryFoldedText,
  migrateToLatest,
  openDatabase,
  type LibraryScope,
} from '@caitien/db';
import { interchangeFromListing, readListing, seedFixtures } from '@caitien/documents/testing';
import SqliteDatabase from 'better-sqlite3';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCHOOLS = arg('schools', 2000);
const YEARS = arg('years', 3);
const ROWS = arg('rows', 40);
const RUNS = arg('runs', 25);
const COMMUNES = Math.max(1, Math.round(SCHOOLS / 40));

/** A deterministic generator (mulberry32). */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleTexts() {
  const rows = seedFixtures()
    .filter((f) => existsSync(f.listingPath))
    .flatMap((f) => interchangeFromListing(readListing(f.listingPath)).rows);
  return rows.filter((r) => (r.content + r.tasks).trim() !== '');
}

async function fill(file: string) {
  const handle = openDatabase({ sqliteFile: file });
  await migrateToLatest(handle.db);
  await handle.close();
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const samples = sampleTexts();
  const random = seeded(14);
  const now = '2026-01-01T00:00:00.000Z';
  const unit = sqlite.prepare(
    `INSERT INTO units (id, kind, name, name_folded, parent_id, path, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const entry = sqlite.prepare(
    `INSERT INTO solution_library_rows (row_id, plan_id, lineage_id, school_id, school_year, regime,
       framework_id, framework_code, criterion_key, row_group, standard_code, criterion_code,
       level4_key, position, current_state, content, target, tasks, indicator, time_text,
       budget_text, lead_text, support, text_folded, approved_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
  );
  const word = sqlite.prepare('INSERT INTO solution_library_words (word, row_id) VALUES (?, ?)');
  const pad = (n: number, w = 6) => String(n).padStart(w, '0');
  let words = 0;
  const started = performance.now();
  sqlite.transaction(() => {
    unit.run('p', 'province', 'Sở GD&ĐT Bench', 'so gd dt bench', null, '/p/', now, now);
    for (let c = 0; c < COMMUNES; c += 1)
      unit.run(
        `c${pad(c)}`,
        'commune',
        `UBND xã ${c}`,
        `ubnd xa ${c}`,
        'p',
        `/p/c${pad(c)}/`,
        now,
        now,
      );
    for (let s = 0; s < SCHOOLS; s += 1) {
      const c = `c${pad(s % COMMUNES)}`;
      unit.run(
        `s${pad(s)}`,
        'school',
        `Trường ${s}`,
        `truong ${s}`,
        c,
        `/p/${c}/s${pad(s)}/`,
        now,
        now,
      );
    }
  })();
  const frameworks2018 = ['TT19', 'TT17', 'TT18'];
  for (let y = 0; y < YEARS; y += 1) {
    const year = 2024 + y;
    const schoolYear = `${year}-${year + 1}`;
    const tt57 = year >= 2026;
    sqlite.transaction(() => {
      for (let s = 0; s < SCHOOLS; s += 1) {
        const framework = tt57 ? (s % 3 === 0 ? 'TT57-MN' : 'TT57-PT') : frameworks2018[s % 3]!;
        const planId = `y${y}p${pad(s)}`;
        for (let r = 0; r < ROWS; r += 1) {
          // Row ids sort like the UUIDv7 ids of real rows: later years are newer.
          const rowId = `0${y}-${pad(s)}-${pad(r, 3)}`;
          const a = samples[Math.floor(random() * samples.length)]!;
          const b = samples[Math.floor(random() * samples.length)]!;
          const criterion = tt57
            ? `${1 + Math.floor(random() * 5)}.${1 + Math.floor(random() * 3)}`
            : (a.criterionCode ??
              `${1 + Math.floor(random() * 5)}.${1 + Math.floor(random() * 4)}`);
          const texts = {
            current_state: '',
            content: a.content,
            target: a.target,
            tasks: b.tasks || b.content,
            indicator: '',
            support: a.support,
          };
          entry.run(
            rowId,
            planId,
            planId,
            `s${pad(s)}`,
            schoolYear,
            tt57 ? '2026' : '2018',
            `${framework}@1`,
            framework,
            `${framework}:${criterion}`,
            tt57 ? 'tt57' : 'levels_1_3',
            criterion.split('.')[0],
            criterion,
            r * 1024,
            texts.current_state,
            texts.content,
            texts.target,
            texts.tasks,
            a.time.text,
            a.budget.text,
            a.lead,
            texts.support,
            libraryFoldedText(texts),
            now,
          );
          for (const w of libraryWords(Object.values(texts).join(' \n '))) {
            word.run(w, rowId);
            words += 1;
          }
        }
      }
    })();
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { words, ms: performance.now() - started, samples: samples.length };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main() {
  const demoDir = process.env.BENCH_DEMO_DIR;
  let dir: string | null = null;
  let file: string;
  if (demoDir) file = path.join(demoDir, 'caitien.db');
  else {
    const keep = process.env.BENCH_KEEP_DIR;
    dir = keep ?? mkdtempSync(path.join(tmpdir(), 'caitien-library-'));
    file = path.join(dir, 'caitien.db');
    if (keep) rmSync(file, { force: true });
    const filled = await fill(file);
    console.log(
      `filled ${SCHOOLS} schools × ${YEARS} years × ${ROWS} rows = ${SCHOOLS * YEARS * ROWS} entries, ${filled.words} words (${(filled.words / (SCHOOLS * YEARS * ROWS)).toFixed(1)} per entry, from ${filled.samples} seed rows) in ${(filled.ms / 1000).toFixed(1)} s`,
    );
  }
  const handle = openDatabase({ sqliteFile: file });
  const repo = createSolutionLibraryRepository(handle.db);
  const base: {
    criterionKeys: string[];
    frameworkCodes: string[];
    schoolYear: string | null;
    before: string | null;
    limit: number;
  } = { criterionKeys: [], frameworkCodes: [], schoolYear: null, before: null, limit: 20 };

  const province: () => Promise<LibraryScope> = async () => ({
    all: false,
    pathPrefixes: ['/p/'],
    schoolIds: [],
    lineageIds: [],
  });
  const commune: () => Promise<LibraryScope> = async () => ({
    all: false,
    pathPrefixes: [],
    schoolIds: await repo.schoolsUnder('/p/c000001/', 300),
    lineageIds: [],
  });
  const school: () => Promise<LibraryScope> = async () => ({
    all: false,
    pathPrefixes: [],
    schoolIds: ['s000042'],
    lineageIds: await repo.lineagesSharedWith(['p', 'c000002']),
  });
  const mapped = ['TT57-PT:1.2', 'TT17:1.4', 'TT18:1.4', 'TT17:1.5', 'TT18:1.5'];
  const cases: [string, () => Promise<LibraryScope>, Partial<typeof base> & { q?: string }][] = [
    ['Sở: "phuong huong"', province, { q: 'phuong huong' }],
    ['Sở: "boi duong giao vien"', province, { q: 'boi duong giao vien' }],
    ['Sở: "chat luong giao duc"', province, { q: 'chat luong giao duc' }],
    ['Sở: "thu vien xanh" (rare pair)', province, { q: 'thu vien xanh' }],
    ['Sở: a word nothing has', province, { q: 'xyzkhongco' }],
    ['Sở: criterion alone TT17 1.1', province, { criterionKeys: ['TT17:1.1'] }],
    ['Sở: TT57-PT 1.2 + mapped 2018', province, { criterionKeys: mapped }],
    ['Sở: criterion + word', province, { criterionKeys: ['TT18:2.2'], q: 'giao vien' }],
    ['Sở: school year only', province, { schoolYear: '2025-2026' }],
    ['xã (40 schools): "phuong huong"', commune, { q: 'phuong huong' }],
    ['xã: "chat luong"', commune, { q: 'chat luong' }],
    ['school (own + shared): "phuong huong"', school, { q: 'phuong huong' }],
    ['school: "co so"', school, { q: 'co so' }],
  ];
  const results: { name: string; median: number; max: number; count: string; plan: string }[] = [];
  for (const [name, scopeOf, params] of cases) {
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof repo.search>> | null = null;
    for (let i = 0; i < RUNS + 2; i += 1) {
      const t0 = performance.now();
      const scope = await scopeOf();
      last = await repo.search({
        ...base,
        ...params,
        scope,
        words: libraryQueryWords(params.q ?? ''),
        withTotal: true,
      });
      if (i >= 2) times.push(performance.now() - t0);
    }
    const total = last?.total;
    results.push({
      name,
      median: median(times),
      max: Math.max(...times),
      count: total ? `${total.capped ? '>' : ''}${total.count}` : '-',
      plan: last?.plan ?? '',
    });
  }
  // Page 2 of a common query.
  {
    const scope = await province();
    const first = await repo.search({
      ...base,
      scope,
      words: ['co', 'so'],
      withTotal: false,
    });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      await repo.search({
        ...base,
        before: first.nextCursor,
        scope: await province(),
        words: ['co', 'so'],
        withTotal: false,
      });
      times.push(performance.now() - t0);
    }
    results.push({
      name: 'Sở: "co so" page 2',
      median: median(times),
      max: Math.max(...times),
      count: '-',
      plan: '',
    });
  }
  console.table(results.map((r) => ({ ...r, median: r.median.toFixed(1), max: r.max.toFixed(1) })));
  console.log(`median of medians: ${median(results.map((r) => r.median)).toFixed(1)} ms`);
  await handle.close();
  if (dir && !process.env.BENCH_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
}

await main();
