/**
 * Child process of the benchmark: the real app (fresh database, migrated and seeded) and a bare
 * Fastify app on two ports, in one process so both share the same conditions. The bare routes answer
 * with exactly the bytes the app sends for the same request (CONTRACTS.md "Performance baselines").
 * Prints one JSON line with what the runner needs, then waits for SIGTERM.
 *
 * Arguments: `--plans` seeds 300 schools × 3 years × 40 rows and a 60-row plan, signs in as the
 * administrator and benchmarks GET of that plan and a cell save (PATCH of one row); any other
 * argument is a public URL path to compare. `--monitoring` (issue 13) seeds the same and then, through
 * the API (seed-monitoring.ts), a teacher leading rows of the first school's four plans, approves
 * them and records 1,000 progress updates on the 60-row plan; it benchmarks, as the teacher,
 * `GET /api/plans/:id/dashboard` of that plan and `GET /api/me/tasks`. `--database-url=postgres://…` runs the app on PostgreSQL
 * (in a schema of its own, dropped at the end) instead of a SQLite file in a temporary folder.
 * `--demo --database-url=…` (issue 15, BENCH_ONLY=national) seeds nothing: it opens a database that holds
 * the demo (seed-demo), signs in as its administrator (`demo.quantri`) and benchmarks, like `--plans`,
 * GET and a cell save of the first draft plan of the latest school year (≈ 40 rows).
 * `--log-level=info` gives the app the production logger at that level, writing to /dev/null (the
 * default is no logger, as in the figures before 2026-12).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@caitien/db';
import { buildApp, prepareDatabase } from '@caitien/server';
import Fastify from 'fastify';
import { seedMonitoringBench } from './seed-monitoring.ts';
import { seedPlanBench } from './seed-plans.ts';

const args = process.argv.slice(2);
const withMonitoring = args.includes('--monitoring');
const withDemo = args.includes('--demo');
const withPlans = args.includes('--plans') || withMonitoring;
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) || undefined;
const databaseUrl = option('database-url');
const logLevel = option('log-level');
const paths = args.filter((a) => !a.startsWith('--'));

const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-bench-'));
const postgresSchema =
  databaseUrl && !withDemo ? `caitien_bench_${randomBytes(6).toString('hex')}` : undefined;
async function onPostgres(action: 'create' | 'drop', schema: string): Promise<void> {
  const admin = openDatabase({ databaseUrl, poolSize: 1 });
  try {
    if (action === 'create') await admin.db.schema.createSchema(schema).execute();
    else await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
  } finally {
    await admin.close();
  }
}
if (postgresSchema) await onPostgres('create', postgresSchema);
const { database } = await prepareDatabase({ dataDir, databaseUrl, postgresSchema });
const app = await buildApp({
  database,
  // As main.ts configures it, but into /dev/null: the cost of formatting and writing stays.
  logger: logLevel
    ? {
        level: logLevel,
        file: '/dev/null',
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      }
    : false,
});
let cookie = '';
let csrfToken = '';
let planId = '';
let rowIds: string[] = [];
let saveBody = '';
const bare = Fastify({ logger: false });
if (withDemo) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'demo.quantri', password: 'CaiTien-Demo-2026' },
  });
  if (login.statusCode !== 200) throw new Error(`demo.quantri → ${login.statusCode}`);
  cookie = `caitien_session=${login.cookies.find((c) => c.name === 'caitien_session')?.value ?? ''}`;
  csrfToken = (login.json() as { csrfToken: string }).csrfToken;
  const latest = await database.db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .executeTakeFirstOrThrow();
  const plan = await database.db
    .selectFrom('plans')
    .select('id')
    .where('status', '=', 'draft')
    .where('school_year', '=', String(latest.year))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  planId = plan.id;
  paths.push(`/api/plans/${planId}`);
  const read = await app.inject({ url: `/api/plans/${planId}`, headers: { cookie } });
  const rows = (read.json() as { rows: { id: string; version: number }[] }).rows;
  rowIds = rows.map((r) => r.id);
  const saved = await app.inject({
    method: 'PATCH',
    url: `/api/plans/${planId}/rows/${rowIds[0]}`,
    headers: { cookie, 'x-csrf-token': csrfToken },
    payload: { tasks: 'Rà soát kế hoạch', version: rows[0]?.version ?? 1 },
  });
  if (saved.statusCode !== 200) throw new Error(`save → ${saved.statusCode} ${saved.body}`);
  saveBody = saved.body;
  const saveBytes = saved.rawPayload;
  const saveType = String(saved.headers['content-type']);
  bare.patch('/api/plans/:planId/rows/:rowId', (_request, reply) => {
    void reply.type(saveType).send(saveBytes);
  });
  process.stderr.write(`demo database: plan ${planId} of ${rowIds.length} rows\n`);
} else if (withPlans) {
  const seedStarted = performance.now();
  const target = await seedPlanBench(database, { schools: 300, years: 3, rows: 40 });
  const seedMs = Math.round(performance.now() - seedStarted);
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      username: 'quantri',
      displayName: 'Quản trị',
      password: 'Mat-khau-do-hieu-nang-2026',
    },
  });
  const sessionCookie = setup.cookies.find((c) => c.name === 'caitien_session');
  cookie = `caitien_session=${sessionCookie?.value ?? ''}`;
  csrfToken = (setup.json() as { csrfToken: string }).csrfToken;
  const adminCookie = cookie;
  const adminCsrf = csrfToken;
  planId = target.planId;
  if (withMonitoring) {
    // Issue 13: the teacher's session reads the dashboard of the 60-row plan and Việc của tôi.
    const started = performance.now();
    const seeded = await seedMonitoringBench(app, { cookie, csrfToken }, target);
    cookie = seeded.teacher.cookie;
    csrfToken = seeded.teacher.csrfToken;
    paths.push(`/api/plans/${planId}/dashboard`, '/api/me/tasks');
    process.stderr.write(
      `seeded ${seeded.entries} progress updates, ${seeded.teacherRows} rows of the teacher, 4 plans approved in ${Math.round(performance.now() - started)} ms\n`,
    );
  } else paths.push(`/api/plans/${planId}`);
  const plan = await app.inject({
    url: `/api/plans/${planId}`,
    headers: { cookie: adminCookie },
  });
  const rows = (plan.json() as { rows: { id: string; version: number }[] }).rows;
  rowIds = rows.map((r) => r.id);
  // The bare twin of a cell save: same URL and body parsing, the bytes of a real save's answer
  // (the plan figures only: the monitoring bench's plan is approved).
  if (!withMonitoring) {
    const saved = await app.inject({
      method: 'PATCH',
      url: `/api/plans/${planId}/rows/${rowIds[0]}`,
      headers: { cookie: adminCookie, 'x-csrf-token': adminCsrf },
      payload: { tasks: 'Rà soát kế hoạch', version: rows[0]?.version ?? 1 },
    });
    if (saved.statusCode !== 200) throw new Error(`save → ${saved.statusCode} ${saved.body}`);
    saveBody = saved.body;
    const saveBytes = saved.rawPayload;
    const saveType = String(saved.headers['content-type']);
    bare.patch('/api/plans/:planId/rows/:rowId', (_request, reply) => {
      void reply.type(saveType).send(saveBytes);
    });
  }
  process.stderr.write(
    `seeded 300 schools × 3 years × 40 rows (+1 plan of ${rowIds.length} rows) on ${database.dialect} in ${seedMs} ms\n`,
  );
}
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const payloadBytes: Record<string, number> = {};
for (const p of paths) {
  const res = await app.inject({ url: p, headers: cookie ? { cookie } : {} });
  if (res.statusCode !== 200) throw new Error(`${p} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  const bytes = res.rawPayload;
  payloadBytes[p] = bytes.length;
  const contentType = String(res.headers['content-type']);
  bare.get(p.split('?')[0] ?? p, (_request, reply) => {
    void reply.type(contentType).send(bytes);
  });
}
// The runner reads the process's CPU time around each load run (app and bare share the process).
bare.get('/__cpu', (_request, reply) => {
  void reply.send(process.cpuUsage());
});
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(
  `${JSON.stringify({
    appUrl,
    bareUrl,
    dialect: database.dialect,
    cookie,
    csrfToken,
    planId,
    rowIds,
    payloadBytes,
    saveResponseBytes: Buffer.byteLength(saveBody),
  })}\n`,
);

process.on('SIGTERM', () => {
  void (async () => {
    await bare.close();
    await app.close();
    await database.close();
    if (postgresSchema) await onPostgres('drop', postgresSchema);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
