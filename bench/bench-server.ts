/**
 * Child process of the benchmark: the real app (fresh SQLite database in a temp folder, migrated and
 * seeded) and a bare Fastify app on two ports, in one process so both share the same conditions.
 * The bare route answers with exactly the bytes the app sends for the same URL (CONTRACTS.md
 * "Performance baselines"). Prints one JSON line with what the runner needs, then waits for SIGTERM.
 *
 * Arguments: `--plans` seeds 300 schools × 3 years × 40 rows and a 60-row plan, signs in as the
 * administrator and benchmarks GET of that plan; any other argument is a public URL path to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, prepareDatabase } from '@caitien/server';
import Fastify from 'fastify';
import { seedPlanBench } from './seed-plans.ts';

const args = process.argv.slice(2);
const withPlans = args.includes('--plans');
const paths = args.filter((a) => !a.startsWith('--'));

const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-bench-'));
const { database } = await prepareDatabase({ dataDir });
const app = await buildApp({ database });
let cookie = '';
let csrfToken = '';
let planId = '';
let rowIds: string[] = [];
if (withPlans) {
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
  planId = target.planId;
  paths.push(`/api/plans/${planId}`);
  const plan = await app.inject({ url: `/api/plans/${planId}`, headers: { cookie } });
  rowIds = (plan.json() as { rows: { id: string }[] }).rows.map((r) => r.id);
  process.stderr.write(
    `seeded 300 schools × 3 years × 40 rows (+1 plan of ${rowIds.length} rows) in ${seedMs} ms\n`,
  );
}
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify({ logger: false });
for (const p of paths) {
  const res = await app.inject({ url: p, headers: cookie ? { cookie } : {} });
  if (res.statusCode !== 200) throw new Error(`${p} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  const bytes = res.rawPayload;
  const contentType = String(res.headers['content-type']);
  bare.get(p.split('?')[0] ?? p, (_request, reply) => {
    void reply.type(contentType).send(bytes);
  });
}
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ appUrl, bareUrl, cookie, csrfToken, planId, rowIds })}\n`);

process.on('SIGTERM', () => {
  void (async () => {
    await bare.close();
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
