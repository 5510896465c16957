/**
 * `npm run bench`: the figures the issues ask for, measured on this machine.
 *   - cold start to ready: `main.ts` spawned on an empty DATA_DIR (migrate + seed), then restarted
 *     on the same data, until /readyz answers 200;
 *   - GET /api/frameworks/:id throughput and latency, relative to a bare Fastify route sending the
 *     same bytes, same load tool (autocannon), connections and duration, in the same run.
 * Load tool: wrk when installed (`apt-get install wrk`), else autocannon; both routes always use the same.
 * Environment: BENCH_DURATION (seconds per measurement, default 5), BENCH_CONNECTIONS (default 10),
 * BENCH_ROUNDS (default 2, alternating bare/app to even out drift). Results: bench/results/latest.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { measureDocuments } from './documents.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

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

/** Spawns main.ts and returns the ms until /readyz answers 200. */
async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
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
  if (!rps || !p50 || !p99) throw new Error(`cannot read wrk output:\n${out}${run.stderr}`);
  return {
    requestsPerSecond: Number(rps[1]),
    latencyMedianMs: parseWrkDuration(p50[1] ?? '0', p50[2] ?? 'ms'),
    latencyP99Ms: parseWrkDuration(p99[1] ?? '0', p99[2] ?? 'ms'),
    errors: socketErrors ? Number(socketErrors[1]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

async function load(url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  if (hasWrk) return loadWithWrk(url, headers);
  const result = await autocannon({ url, connections, duration, pipelining: 1, headers });
  return {
    requestsPerSecond: result.requests.average,
    latencyMedianMs: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function mean(values: number[]): number {
  return Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(3));
}

interface BenchServers {
  appUrl: string;
  bareUrl: string;
  cookie: string;
  csrfToken: string;
  planId: string;
  rowIds: string[];
  stop(): Promise<void>;
}

async function startBenchServers(paths: string[]): Promise<BenchServers> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'bench-server.ts'), ...paths],
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
      bare.push(await load(servers.bareUrl + urlPath, headers));
      app.push(await load(servers.appUrl + urlPath, headers));
    }
    const appRps = mean(app.map((r) => r.requestsPerSecond));
    const bareRps = mean(bare.map((r) => r.requestsPerSecond));
    return {
      name,
      path: urlPath,
      app: {
        requestsPerSecond: Math.round(appRps),
        latencyMedianMs: mean(app.map((r) => r.latencyMedianMs)),
        latencyP99Ms: mean(app.map((r) => r.latencyP99Ms)),
        errors: app.reduce((a, r) => a + r.errors + r.non2xx, 0),
      },
      bare: {
        requestsPerSecond: Math.round(bareRps),
        latencyMedianMs: mean(bare.map((r) => r.latencyMedianMs)),
        latencyP99Ms: mean(bare.map((r) => r.latencyP99Ms)),
        errors: bare.reduce((a, r) => a + r.errors + r.non2xx, 0),
      },
      ratio: Number((appRps / bareRps).toFixed(3)),
    };
  } finally {
    if (!given) await servers.stop();
  }
}

/** Median round trip of sequential per-cell saves (each sends the version it got back). */
async function cellSaveRoundTrip(servers: BenchServers, field: 'tasks' | 'time', count: number) {
  const rowId = servers.rowIds[field === 'tasks' ? 0 : 1];
  if (!rowId) throw new Error('no row to edit');
  const url = `${servers.appUrl}/api/plans/${servers.planId}/rows/${rowId}`;
  const headers = {
    cookie: servers.cookie,
    'x-csrf-token': servers.csrfToken,
    'content-type': 'application/json',
  };
  const first = (await (
    await fetch(`${servers.appUrl}/api/plans/${servers.planId}`, { headers })
  ).json()) as {
    rows: { id: string; version: number }[];
  };
  let version = first.rows.find((r) => r.id === rowId)?.version ?? 1;
  const values =
    field === 'tasks'
      ? ['Rà soát kế hoạch', 'Rà soát, bổ sung kế hoạch']
      : ['10 – 01', 'Từ tháng 9/2026 đến tháng 5/2027'];
  const times: number[] = [];
  for (let i = 0; i < count + 20; i += 1) {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ [field]: values[i % 2], version }),
    });
    const body = (await res.json()) as { version: number };
    if (res.status !== 200) throw new Error(`save failed: ${res.status} ${JSON.stringify(body)}`);
    version = body.version;
    if (i >= 20) times.push(performance.now() - started); // first 20 are warm-up
  }
  times.sort((a, b) => a - b);
  return {
    field,
    saves: count,
    medianMs: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)),
    p95Ms: Number((times[Math.floor(times.length * 0.95)] ?? 0).toFixed(2)),
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-coldstart-'));
const firstStartMs = await timeToReady(dataDir);
const restartMs = await timeToReady(dataDir);
rmSync(dataDir, { recursive: true, force: true });

const throughput = [
  await compareWithBare('GET /api/frameworks/:id (TT18, whole framework)', '/api/frameworks/TT18'),
  await compareWithBare('GET /api/frameworks (catalogue list)', '/api/frameworks'),
];

// Issue 5: a 60-row plan in a database of 300 schools × 3 years × 40 rows, signed in.
const planServers = await startBenchServers(['--plans']);
let cellSaves: Awaited<ReturnType<typeof cellSaveRoundTrip>>[];
try {
  throughput.push(
    await compareWithBare(
      'GET /api/plans/:id (60 rows; 36,000 rows in the database)',
      `/api/plans/${planServers.planId}`,
      planServers,
    ),
  );
  cellSaves = [
    await cellSaveRoundTrip(planServers, 'tasks', 300),
    await cellSaveRoundTrip(planServers, 'time', 300),
  ];
} finally {
  await planServers.stop();
}

// Issues 6 and 7: documents out (DOCX, XLSX, PDF) and plans in (Word/Excel import), in process.
const documents = await measureDocuments();

const results = {
  measuredAt: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    // Other work on the machine skews every figure: keep the load beside them.
    loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))),
  },
  settings: { tool: hasWrk ? 'wrk' : 'autocannon', durationSeconds: duration, connections, rounds },
  coldStart: {
    firstStartEmptyDatabaseMs: Math.round(firstStartMs),
    restartMs: Math.round(restartMs),
  },
  throughput,
  cellSaves,
  documents,
};

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);

console.log(
  `\nCold start to ready: ${results.coldStart.firstStartEmptyDatabaseMs} ms (empty database: migrate + seed), ${results.coldStart.restartMs} ms (restart)`,
);
console.log(
  `Load: ${results.settings.tool}, ${connections} connections, ${duration} s × ${rounds} rounds each\n`,
);
for (const c of cellSaves) {
  console.log(
    `Cell save round trip (${c.field}${c.field === 'time' ? ', re-parsed' : ''}): median ${c.medianMs} ms, p95 ${c.p95Ms} ms over ${c.saves} saves`,
  );
}
for (const d of documents) {
  console.log(`${d.name}: median ${d.medianMs} ms, p95 ${d.p95Ms} ms (${d.runs} runs)`);
}
for (const t of throughput) {
  console.log(t.name);
  console.log(
    `  app : ${t.app.requestsPerSecond} req/s, median ${t.app.latencyMedianMs} ms, p99 ${t.app.latencyP99Ms} ms, errors ${t.app.errors}`,
  );
  console.log(
    `  bare: ${t.bare.requestsPerSecond} req/s, median ${t.bare.latencyMedianMs} ms, p99 ${t.bare.latencyP99Ms} ms, errors ${t.bare.errors}`,
  );
  console.log(`  ratio app/bare: ${(t.ratio * 100).toFixed(1)} %`);
}
