/**
 * Profiling aid (issue 13): seeds the monitoring bench's data on SQLite, then injects the dashboard
 * and Việc của tôi N times each and prints the mean time per request. Run under
 * `node --cpu-prof --import tsx profile-monitoring.ts` to see where the time goes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, prepareDatabase } from '@caitien/server';
import { seedMonitoringBench } from './seed-monitoring.ts';
import { seedPlanBench } from './seed-plans.ts';

const n = Number(process.env.N ?? 200);
const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-prof-'));
const { database } = await prepareDatabase({ dataDir });
const app = await buildApp({ database, logger: false });
const target = await seedPlanBench(database, { schools: 300, years: 3, rows: 40 });
const setup = await app.inject({
  method: 'POST',
  url: '/api/setup',
  payload: { username: 'quantri', displayName: 'Quản trị', password: 'Mat-khau-do-hieu-nang-2026' },
});
const admin = {
  cookie: `caitien_session=${setup.cookies.find((c) => c.name === 'caitien_session')?.value ?? ''}`,
  csrfToken: (setup.json() as { csrfToken: string }).csrfToken,
};
const { teacher } = await seedMonitoringBench(app, admin, target);
for (const url of [`/api/plans/${target.planId}/dashboard`, '/api/me/tasks']) {
  const first = await app.inject({ url, headers: { cookie: teacher.cookie } });
  if (first.statusCode !== 200) throw new Error(`${url} → ${first.statusCode}`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await app.inject({ url, headers: { cookie: teacher.cookie } });
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${url}: ${((performance.now() - started) / n).toFixed(2)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(2)} ms CPU per request, ${first.rawPayload.length} bytes\n`,
  );
}
await app.close();
await database.close();
