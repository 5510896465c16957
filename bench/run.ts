/**
 * `npm run bench`: the figures the issues ask for, measured on this machine.
 *   - cold start to ready: `main.ts` spawned on an empty DATA_DIR (migrate + seed), then restarted
 *     on the same data, until /readyz answers 200;
 *   - GET /api/frameworks/:id throughput and latency, relative to a bare Fastify route sending the
 *     same bytes, same load tool, connections and duration, in the same run;
 *   - the plan figures (issue 5, issue 11): GET of a 60-row plan and a cell save, each with its ratio
 *     to a bare route answering the same bytes, on SQLite and, when BENCH_DATABASE_URL names a
 *     PostgreSQL server, on PostgreSQL too (in a schema of its own);
 *   - documents and import, in process (documents.ts);
 *   - issue 12: the level of 45,000 schools' self-assessment results recomputed, in process
 *     (assessment-levels.ts; schools/s).
 * Load tool: wrk when installed (`apt-get install wrk`), else autocannon; both routes always use the same.
 * Environment: BENCH_DURATION (seconds per measurement, default 5), BENCH_CONNECTIONS (default 10),
 * BENCH_ROUNDS (default 3; bare and app alternate, medians are reported), BENCH_DATABASE_URL,
 * BENCH_ONLY=plans (only the plan figures), BENCH_ONLY=assessment (only the school levels, into
 * results/latest-assessment.json), BENCH_ONLY=assessment-page (the assessment page of a TT18 school
 * with 300 evidence items, into results/latest-assessment-page.json), BENCH_LOG_LEVEL (give the app its production logger at
 * this level, into /dev/null; default: no logger). Results: bench/results/latest.json
 * (latest-plans.json for BENCH_ONLY=plans). BENCH_ONLY=monitoring (issue 13): the dashboard of a
 * 60-row plan with 1,000 progress updates and Việc của tôi of a teacher in the 300-school database,
 * each against a bare route sending the same bytes, on SQLite and (BENCH_DATABASE_URL) PostgreSQL,
 * into results/latest-monitoring.json. BENCH_ONLY=offices (issue 14, offices.ts): seed-demo --schools 2000
 * --years 3 into SQLite (BENCH_DEMO_DIR keeps and reuses the database), then the count(*) floor, the
 * province roll-up and the solution search, into results/latest-offices.json. BENCH_ONLY=national
 * (issue 15, national.ts): seed-demo --provinces 34 --schools 45000 --years 3 into
 * BENCH_DEMO_DATABASE_URL and --provinces 1 --schools 300 into BENCH_SMALL_DATABASE_URL (both
 * PostgreSQL; a database already holding the demo of that size is reused), the province and national
 * roll-up medians on both, then plan GET and cell save against their bare twins on both, in one run,
 * into results/latest-national.json. BENCH_ONLY=import (issue 16): a 60-row plan imported from
 * PDF (import-pdf.ts) and from .doc/.xls through LibreOffice (import-legacy.ts), conversion included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { measureSchoolLevels, printSchoolLevels } from './assessment-levels.ts';
import { measureAssessmentPage, printAssessmentPage } from './assessment-page.ts';
import { measureDocuments } from './documents.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const onlyPlans = process.env.BENCH_ONLY === 'plans';
const logLevel = process.env.BENCH_LOG_LEVEL || undefined;

if (process.env.BENCH_ONLY === 'assessment-page') {
  const assessmentPage = await measureAssessmentPage();
  printAssessmentPage(assessmentPage);
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-assessment-page.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), assessmentPage }, null, 2)}\n`,
  );
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'import') {
  for (const script of ['import-pdf.ts', 'import-legacy.ts']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], {
      cwd: root,
      stdio: 'inherit',
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'offices') {
  const { runOffices } = await import('./offices.ts');
  await runOffices();
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'assessment') {
  const assessmentLevels = measureSchoolLevels();
  printSchoolLevels(assessmentLevels);
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-assessment.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), assessmentLevels }, null, 2)}\n`,
  );
  process.exit(0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** How the server is started: the compiled bundle (`npm run build`) or the sources through tsx. */
type StartMode = 'compiled' | 'transpiled';
const START_ARGS: Record<StartMode, string[]> = {
  compiled: ['apps/server/dist/server.cjs'],
  transpiled: ['--import', 'tsx', 'apps/server/src/main.ts'],
};

/** Spawns the server and returns the ms until /readyz answers 200. */
async function timeToReady(dataDir: string, mode: StartMode = 'transpiled'): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, START_ARGS[mode], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not yet listening
      }
      if (performance.now() - started > 60_000) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

interface LoadResult {
  requestsPerSecond: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** CPU time of the server process per request (µs), when the bench server reports it. */
  cpuMicrosPerRequest?: number;
}

/** wrk (C, from Debian's package) loads the server far less than autocannon on a 2-core machine. */
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

function parseWrkDuration(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

function loadWithWrk(url: string, headers: Record<string, string>): LoadResult {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const run = spawnSync(
    'wrk',
    ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', ...headerArgs, url],
    { encoding: 'utf8' },
  );
  const out = run.stdout;
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const socketErrors = /Socket errors:.*?(\d+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !p50 || !p99) throw new Error(`cannot read wrk output:\n${out}${run.stderr}`);
  return {
    requestsPerSecond: Number(rps[1]),
    latencyMedianMs: parseWrkDuration(p50[1] ?? '0', p50[2] ?? 'ms'),
    latencyP99Ms: parseWrkDuration(p99[1] ?? '0', p99[2] ?? 'ms'),
    errors: socketErrors ? Number(socketErrors[1]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    requests: total ? Number(total[1]) : 0,
  };
}

/** The server process's CPU time so far (µs), from the bench server's control route. */
async function serverCpuMicros(servers: BenchServers | undefined): Promise<number | undefined> {
  if (!servers) return undefined;
  const res = await fetch(`${servers.bareUrl}/__cpu`);
  const cpu = (await res.json()) as { user: number; system: number };
  return cpu.user + cpu.system;
}

/**
 * One load run. With `servers`, also the server's CPU time per request: on a machine other work
 * keeps busy, throughput swings with what else runs, CPU per request much less.
 */
async function load(
  url: string,
  headers: Record<string, string> = {},
  servers?: BenchServers,
): Promise<LoadResult> {
  const cpuBefore = await serverCpuMicros(servers);
  const result = await loadOnly(url, headers);
  const cpuAfter = await serverCpuMicros(servers);
  if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests > 0)
    result.cpuMicrosPerRequest = Number(((cpuAfter - cpuBefore) / result.requests).toFixed(1));
  return result;
}

async function loadOnly(url: string, headers: Record<string, string>): Promise<LoadResult> {
  if (hasWrk) return loadWithWrk(url, headers);
  const result = await autocannon({ url, connections, duration, pipelining: 1, headers });
  return {
    requestsPerSecond: result.requests.average,
    latencyMedianMs: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Number(value.toFixed(3));
}

interface BenchServers {
  appUrl: string;
  bareUrl: string;
  cookie: string;
  csrfToken: string;
  planId: string;
  rowIds: string[];
  dialect: string;
  payloadBytes: Record<string, number>;
  saveResponseBytes: number;
  stop(): Promise<void>;
}

async function startBenchServers(paths: string[]): Promise<BenchServers> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'bench-server.ts'),
      ...(logLevel ? [`--log-level=${logLevel}`] : []),
      ...paths,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const urls = await new Promise<Omit<BenchServers, 'stop'>>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve(JSON.parse(line) as Omit<BenchServers, 'stop'>);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    ...urls,
    stop: async () => {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function compareWithBare(name: string, urlPath: string, given?: BenchServers) {
  const servers = given ?? (await startBenchServers([urlPath]));
  const headers: Record<string, string> = servers.cookie ? { cookie: servers.cookie } : {};
  try {
    // Warm-up: caches, JIT.
    for (const base of [servers.appUrl, servers.bareUrl]) {
      await autocannon({ url: base + urlPath, connections: 2, amount: 500, headers });
    }
    const app: LoadResult[] = [];
    const bare: LoadResult[] = [];
    for (let i = 0; i < rounds; i += 1) {
      bare.push(await load(servers.bareUrl + urlPath, headers, servers));
      app.push(await load(servers.appUrl + urlPath, headers, servers));
    }
    const summary = (results: LoadResult[]) => ({
      requestsPerSecond: Math.round(median(results.map((r) => r.requestsPerSecond))),
      cpuMicrosPerRequest: median(results.map((r) => r.cpuMicrosPerRequest ?? 0)),
      latencyMedianMs: median(results.map((r) => r.latencyMedianMs)),
      latencyP99Ms: median(results.map((r) => r.latencyP99Ms)),
      errors: results.reduce((a, r) => a + r.errors + r.non2xx, 0),
    });
    // Each round's app figure against the bare figure measured just before it.
    const roundRatios = app.map((r, i) =>
      Number((r.requestsPerSecond / (bare[i]?.requestsPerSecond ?? 1)).toFixed(3)),
    );
    // The same from the server's CPU time per request (bare over app: the share of the bare
    // route's rate the app would keep on a CPU of its own).
    const cpuRatios = app.map((r, i) =>
      Number(((bare[i]?.cpuMicrosPerRequest ?? 0) / (r.cpuMicrosPerRequest ?? 1)).toFixed(3)),
    );
    return {
      name,
      path: urlPath,
      payloadBytes: servers.payloadBytes[urlPath],
      app: summary(app),
      bare: summary(bare),
      ratio: median(roundRatios),
      roundRatios,
      cpuRatio: median(cpuRatios),
      cpuRatios,
    };
  } finally {
    if (!given) await servers.stop();
  }
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request on a kept-alive socket; resolves with the status and body. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sequential per-cell saves (each sends the version it got back), and the same PATCH to the bare
 * route, which parses the JSON body and answers the bytes of a real save; rounds of `count` saves
 * alternate between the two. The ratio is the bare median over the app median: the share of the
 * bare route's rate the app keeps, as for the reads.
 */
async function cellSaveRoundTrip(servers: BenchServers, field: 'tasks' | 'time', count: number) {
  const rowId = servers.rowIds[field === 'tasks' ? 0 : 1];
  if (!rowId) throw new Error('no row to edit');
  const urlPath = `/api/plans/${servers.planId}/rows/${rowId}`;
  const headers = {
    cookie: servers.cookie,
    'x-csrf-token': servers.csrfToken,
    'content-type': 'application/json',
  };
  const first = JSON.parse(
    (await send(`${servers.appUrl}/api/plans/${servers.planId}`, 'GET', headers)).body,
  ) as { rows: { id: string; version: number }[] };
  let version = first.rows.find((r) => r.id === rowId)?.version ?? 1;
  const values =
    field === 'tasks'
      ? ['Rà soát kế hoạch', 'Rà soát, bổ sung kế hoạch']
      : ['10 – 01', 'Từ tháng 9/2026 đến tháng 5/2027'];
  let i = 0;
  async function saves(base: string, n: number): Promise<number[]> {
    const times: number[] = [];
    for (let k = 0; k < n; k += 1, i += 1) {
      const started = performance.now();
      const res = await send(
        base + urlPath,
        'PATCH',
        headers,
        JSON.stringify({ [field]: values[i % 2], version }),
      );
      if (res.status !== 200) throw new Error(`save failed: ${res.status} ${res.body}`);
      if (base === servers.appUrl) version = (JSON.parse(res.body) as { version: number }).version;
      times.push(performance.now() - started);
    }
    return times;
  }
  await saves(servers.bareUrl, 20); // warm-up
  await saves(servers.appUrl, 20);
  const app: number[] = [];
  const bare: number[] = [];
  const appCpu: number[] = [];
  const bareCpu: number[] = [];
  const perRound = Math.ceil(count / rounds);
  /** Runs a round of saves and returns the server's CPU µs per save. */
  async function round(base: string, into: number[]): Promise<number> {
    const before = (await serverCpuMicros(servers)) ?? 0;
    into.push(...(await saves(base, perRound)));
    return ((await serverCpuMicros(servers)) ?? 0) - before;
  }
  for (let r = 0; r < rounds; r += 1) {
    bareCpu.push((await round(servers.bareUrl, bare)) / perRound);
    appCpu.push((await round(servers.appUrl, app)) / perRound);
  }
  const quantile = (times: number[], q: number) => {
    const sorted = [...times].sort((a, b) => a - b);
    return Number((sorted[Math.floor(sorted.length * q)] ?? 0).toFixed(3));
  };
  const appMedian = quantile(app, 0.5);
  const bareMedian = quantile(bare, 0.5);
  return {
    field,
    saves: app.length,
    responseBytes: servers.saveResponseBytes,
    medianMs: appMedian,
    p95Ms: quantile(app, 0.95),
    bareMedianMs: bareMedian,
    bareP95Ms: quantile(bare, 0.95),
    ratio: Number((bareMedian / appMedian).toFixed(3)),
    cpuMicrosPerSave: Math.round(median(appCpu)),
    bareCpuMicrosPerSave: Math.round(median(bareCpu)),
    cpuRatio: Number((median(bareCpu) / median(appCpu)).toFixed(3)),
  };
}

/** The plan figures on one engine: GET of the 60-row plan and the two cell saves. */
async function planFigures(engine: 'sqlite' | 'postgres') {
  const servers = await startBenchServers([
    '--plans',
    ...(engine === 'postgres' && databaseUrl ? [`--database-url=${databaseUrl}`] : []),
  ]);
  try {
    const read = await compareWithBare(
      `GET /api/plans/:id (60 rows; 36,000 rows in the database), ${servers.dialect}`,
      `/api/plans/${servers.planId}`,
      servers,
    );
    const cellSaves = [
      await cellSaveRoundTrip(servers, 'tasks', 300),
      await cellSaveRoundTrip(servers, 'time', 300),
    ];
    return { engine: servers.dialect, read, cellSaves };
  } finally {
    await servers.stop();
  }
}

/** Issue 13: the dashboard and Việc của tôi on one engine, each against its bare twin. */
async function monitoringFigures(engine: 'sqlite' | 'postgres') {
  const servers = await startBenchServers([
    '--monitoring',
    ...(engine === 'postgres' && databaseUrl ? [`--database-url=${databaseUrl}`] : []),
  ]);
  try {
    const dashboard = await compareWithBare(
      `GET /api/plans/:id/dashboard (60 rows, 1,000 progress updates; 36,000 rows in the database), ${servers.dialect}`,
      `/api/plans/${servers.planId}/dashboard`,
      servers,
    );
    const myTasks = await compareWithBare(
      `GET /api/me/tasks (a teacher of 4 approved plans, 300 schools in the database), ${servers.dialect}`,
      '/api/me/tasks',
      servers,
    );
    return { engine: servers.dialect, dashboard, myTasks };
  } finally {
    await servers.stop();
  }
}

if (process.env.BENCH_ONLY === 'monitoring') {
  const monitoring = [await monitoringFigures('sqlite')];
  if (databaseUrl) monitoring.push(await monitoringFigures('postgres'));
  keepAlive.destroy();
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-monitoring.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: {
          node: process.version,
          cpus: (await import('node:os')).cpus().length,
          loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))),
        },
        settings: {
          tool: hasWrk ? 'wrk' : 'autocannon',
          durationSeconds: duration,
          connections,
          rounds,
        },
        monitoring,
      },
      null,
      2,
    )}\n`,
  );
  for (const m of monitoring) {
    for (const t of [m.dashboard, m.myTasks]) {
      console.log(`${t.name} [${t.payloadBytes ?? 0} bytes]`);
      console.log(
        `  app : ${t.app.requestsPerSecond} req/s, median ${t.app.latencyMedianMs} ms, p99 ${t.app.latencyP99Ms} ms, errors ${t.app.errors}; CPU ${t.app.cpuMicrosPerRequest} µs/request`,
      );
      console.log(
        `  bare: ${t.bare.requestsPerSecond} req/s, median ${t.bare.latencyMedianMs} ms, p99 ${t.bare.latencyP99Ms} ms; CPU ${t.bare.cpuMicrosPerRequest} µs/request`,
      );
      console.log(
        `  ratio app/bare: ${(t.ratio * 100).toFixed(1)} % (rounds: ${t.roundRatios.map((r) => (r * 100).toFixed(1)).join(', ')} %); CPU bare/app ${(t.cpuRatio * 100).toFixed(1)} %`,
      );
    }
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'national') {
  const { measureRollups, printRollups } = await import('./national.ts');
  const nationalUrl = process.env.BENCH_DEMO_DATABASE_URL;
  const smallUrl = process.env.BENCH_SMALL_DATABASE_URL;
  if (!nationalUrl || !smallUrl)
    throw new Error(
      'BENCH_ONLY=national needs BENCH_DEMO_DATABASE_URL and BENCH_SMALL_DATABASE_URL',
    );
  const sizes = {
    national: {
      provinces: Number(process.env.BENCH_NATIONAL_PROVINCES ?? 34),
      schools: Number(process.env.BENCH_NATIONAL_SCHOOLS ?? 45_000),
      years: 3,
    },
    small: { provinces: 1, schools: Number(process.env.BENCH_SMALL_SCHOOLS ?? 300), years: 3 },
  };
  const rollups = {
    small: await measureRollups(smallUrl, sizes.small),
    national: await measureRollups(nationalUrl, sizes.national),
  };
  printRollups(rollups.small);
  printRollups(rollups.national);
  /** GET of a draft demo plan and its cell save, each against the bare twin, on one database. */
  async function demoPlanFigures(url: string, label: string) {
    const servers = await startBenchServers(['--demo', `--database-url=${url}`]);
    try {
      const read = await compareWithBare(
        `GET /api/plans/:id (a draft demo plan), ${label}`,
        `/api/plans/${servers.planId}`,
        servers,
      );
      return { label, read, cellSave: await cellSaveRoundTrip(servers, 'tasks', 300) };
    } finally {
      await servers.stop();
    }
  }
  const plansOf = [
    await demoPlanFigures(smallUrl, `small (${sizes.small.schools} schools)`),
    await demoPlanFigures(nationalUrl, `national (${sizes.national.schools} schools)`),
  ];
  keepAlive.destroy();
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-national.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: {
          node: process.version,
          cpus: (await import('node:os')).cpus().length,
          loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))),
        },
        settings: {
          tool: hasWrk ? 'wrk' : 'autocannon',
          durationSeconds: duration,
          connections,
          rounds,
        },
        rollups,
        plans: plansOf,
      },
      null,
      2,
    )}\n`,
  );
  for (const p of plansOf) {
    const t = p.read;
    const c = p.cellSave;
    console.log(`${t.name} [${t.payloadBytes ?? 0} bytes]`);
    console.log(
      `  app ${t.app.requestsPerSecond} req/s, bare ${t.bare.requestsPerSecond} req/s: ratio ${(t.ratio * 100).toFixed(1)} % (rounds: ${t.roundRatios.map((r) => (r * 100).toFixed(1)).join(', ')} %); CPU app ${t.app.cpuMicrosPerRequest} µs, bare ${t.bare.cpuMicrosPerRequest} µs`,
    );
    console.log(
      `  cell save: app median ${c.medianMs} ms, bare median ${c.bareMedianMs} ms, ratio ${(c.ratio * 100).toFixed(1)} %; CPU per save app ${c.cpuMicrosPerSave} µs, bare ${c.bareCpuMicrosPerSave} µs`,
    );
  }
  process.exit(0);
}

/** Medians of alternating restarts, compiled and transpiled, on one migrated database. */
async function compareStarts(runs: number): Promise<{
  compiledRestartMs: number;
  transpiledRestartMs: number;
  runs: number;
}> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-start-'));
  try {
    await timeToReady(dataDir, 'compiled'); // migrate + seed once
    const compiled: number[] = [];
    const transpiled: number[] = [];
    for (let i = 0; i < runs; i++) {
      compiled.push(await timeToReady(dataDir, 'compiled'));
      transpiled.push(await timeToReady(dataDir, 'transpiled'));
    }
    const median = (xs: number[]): number => {
      const sorted = [...xs].sort((a, b) => a - b);
      return Math.round(sorted[Math.floor(sorted.length / 2)]!);
    };
    return { compiledRestartMs: median(compiled), transpiledRestartMs: median(transpiled), runs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_ONLY === 'start') {
  const start = await compareStarts(Number(process.env.BENCH_START_RUNS ?? 9));
  console.log(
    `Cold start to ready on a migrated database (median of ${start.runs}): compiled ${start.compiledRestartMs} ms, through tsx ${start.transpiledRestartMs} ms`,
  );
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results/latest-start.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), loadAverage: (await import('node:os')).loadavg(), start }, null, 2)}\n`,
  );
  process.exit(0);
}

let coldStart: { firstStartEmptyDatabaseMs: number; restartMs: number } | undefined;
const throughput: Awaited<ReturnType<typeof compareWithBare>>[] = [];
if (!onlyPlans) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-coldstart-'));
  const firstStartMs = await timeToReady(dataDir);
  const restartMs = await timeToReady(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  coldStart = {
    firstStartEmptyDatabaseMs: Math.round(firstStartMs),
    restartMs: Math.round(restartMs),
  };
  throughput.push(
    await compareWithBare(
      'GET /api/frameworks/:id (TT18, whole framework)',
      '/api/frameworks/TT18',
    ),
    await compareWithBare('GET /api/frameworks (catalogue list)', '/api/frameworks'),
  );
}

// Issues 5 and 11: a 60-row plan in a database of 300 schools × 3 years × 40 rows, signed in.
const plans = [await planFigures('sqlite')];
if (databaseUrl) plans.push(await planFigures('postgres'));
keepAlive.destroy();

// Issues 6 and 7: documents out (DOCX, XLSX, PDF) and plans in (Word/Excel import), in process.
const documents = onlyPlans ? [] : await measureDocuments();

// Issue 12: 45,000 schools' self-assessment levels recomputed, in process.
const assessmentLevels = onlyPlans ? [] : measureSchoolLevels();

const results = {
  measuredAt: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    // Other work on the machine skews every figure: keep the load beside them.
    loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))),
  },
  settings: {
    tool: hasWrk ? 'wrk' : 'autocannon',
    durationSeconds: duration,
    connections,
    rounds,
    appLogger: logLevel ?? 'off',
  },
  coldStart,
  throughput,
  plans,
  documents,
  assessmentLevels,
};

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(
  path.join(here, onlyPlans ? 'results/latest-plans.json' : 'results/latest.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);

if (coldStart) {
  console.log(
    `\nCold start to ready: ${coldStart.firstStartEmptyDatabaseMs} ms (empty database: migrate + seed), ${coldStart.restartMs} ms (restart)`,
  );
}
console.log(
  `Load: ${results.settings.tool}, ${connections} connections, ${duration} s × ${rounds} rounds each (medians), app logger ${results.settings.appLogger}\n`,
);
printSchoolLevels(assessmentLevels);
for (const d of documents) {
  console.log(`${d.name}: median ${d.medianMs} ms, p95 ${d.p95Ms} ms (${d.runs} runs)`);
}
function printThroughput(t: (typeof throughput)[number]): void {
  console.log(`${t.name}${t.payloadBytes ? ` [${t.payloadBytes} bytes]` : ''}`);
  console.log(
    `  app : ${t.app.requestsPerSecond} req/s, median ${t.app.latencyMedianMs} ms, p99 ${t.app.latencyP99Ms} ms, errors ${t.app.errors}`,
  );
  console.log(
    `  bare: ${t.bare.requestsPerSecond} req/s, median ${t.bare.latencyMedianMs} ms, p99 ${t.bare.latencyP99Ms} ms, errors ${t.bare.errors}`,
  );
  console.log(
    `  ratio app/bare: ${(t.ratio * 100).toFixed(1)} % (rounds: ${t.roundRatios.map((r) => (r * 100).toFixed(1)).join(', ')} %)`,
  );
  console.log(
    `  server CPU per request: app ${t.app.cpuMicrosPerRequest} µs, bare ${t.bare.cpuMicrosPerRequest} µs; bare/app ${(t.cpuRatio * 100).toFixed(1)} % (rounds: ${t.cpuRatios.map((r) => (r * 100).toFixed(1)).join(', ')} %)`,
  );
}
throughput.forEach(printThroughput);
for (const p of plans) {
  printThroughput(p.read);
  for (const c of p.cellSaves) {
    console.log(
      `Cell save round trip, ${p.engine} (${c.field}${c.field === 'time' ? ', re-parsed' : ''}): app median ${c.medianMs} ms, p95 ${c.p95Ms} ms; bare median ${c.bareMedianMs} ms; ratio ${(c.ratio * 100).toFixed(1)} % over ${c.saves} saves; server CPU per save app ${c.cpuMicrosPerSave} µs, bare ${c.bareCpuMicrosPerSave} µs, bare/app ${(c.cpuRatio * 100).toFixed(1)} %`,
    );
  }
}
