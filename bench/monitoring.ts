/**
 * Issue 13: carrying out the plan, in process on SQLite —
 *   - `GET /api/plans/:id/dashboard` of a 60-row approved plan with 1,000 progress entries
 *     (rows by status per standard, overdue, budget planned vs spent, timeline);
 *   - `GET /api/me/tasks` ("Việc của tôi") of a teacher in a database of 300 schools × 3 years of
 *     40-row plans (the bench organisation of the plan figures), every plan approved.
 * Run alone: `BENCH_ONLY=monitoring npm run bench` (results/latest-monitoring.json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRepositories } from '@caitien/db';
import { buildApp, prepareDatabase } from '@caitien/server';
import { seedPlanBench } from './seed-plans.ts';

interface Session {
  cookie: string;
  csrf: string;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3),
  );
}

const sessionOf = (res: {
  cookies: { name: string; value: string }[];
  json(): unknown;
}): Session => ({
  cookie: `caitien_session=${res.cookies.find((c) => c.name === 'caitien_session')?.value ?? ''}`,
  csrf: (res.json() as { csrfToken: string }).csrfToken,
});

export async function measureMonitoring(options: { iterations?: number } = {}) {
  const iterations = options.iterations ?? 100;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-bench-monitoring-'));
  const { database } = await prepareDatabase({ dataDir });
  const app = await buildApp({ database, logger: false });
  try {
    const setup = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'quantri', displayName: 'Quản trị', password: 'Mat-khau-do-2026' },
    });
    const admin = sessionOf(setup);
    const send = async (session: Session, method: string, url: string, payload?: unknown) => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode !== 200)
        throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };

    const seedStarted = performance.now();
    const target = await seedPlanBench(database, { schools: 300, years: 3, rows: 40 });
    // Every plan approved: each one is monitored.
    await database.db.updateTable('plans').set({ status: 'approved' }).execute();
    // A teacher holding the position the rows name as lead ("Hiệu trưởng"), with an account.
    const person = (
      await send(admin, 'POST', `/api/schools/${target.schoolId}/people`, {
        fullName: 'Nguyễn Văn An',
        position: 'Hiệu trưởng',
      })
    ).json() as { id: string };
    const created = (
      await send(admin, 'POST', '/api/users', {
        username: 'giaovien.an',
        displayName: 'Nguyễn Văn An',
        email: null,
        personId: person.id,
        roles: [{ role: 'staff', unitId: target.schoolId }],
      })
    ).json() as { temporaryPassword: string };
    const first = sessionOf(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'giaovien.an', password: created.temporaryPassword },
      }),
    );
    await send(first, 'POST', '/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'Mat-khau-giao-vien-2026',
    });
    const teacher = sessionOf(
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'giaovien.an', password: 'Mat-khau-giao-vien-2026' },
      }),
    );

    // 1,000 progress entries on the 60-row plan (with spending), and each row's state.
    const repositories = createRepositories(database.db);
    const rows = await repositories.plans.listRows(target.planId);
    const statuses = ['in_progress', 'done', 'delayed', 'not_started', 'cancelled'];
    const now = new Date().toISOString();
    await repositories.transaction(async (tx) => {
      for (let i = 0; i < 1000; i += 1) {
        const row = rows[i % rows.length]!;
        await tx.progress.insertEntry({
          id: randomUUID(),
          trackId: row.trackId,
          schoolId: target.schoolId,
          lineageId: target.planId,
          planId: target.planId,
          entryDate: '2026-01-15',
          recordedAt: new Date(Date.parse(now) + i).toISOString(),
          authorUserId: null,
          authorName: 'Nguyễn Văn An',
          status: null,
          percent: null,
          result: null,
          note: `Cập nhật lần ${i + 1}: đã họp tổ, triển khai theo kế hoạch.`,
          spentAmount: i % 4 === 0 ? 250_000 : null,
          spentSource: i % 4 === 0 ? (i % 8 === 0 ? 'state' : 'socialized') : null,
          spentText: '',
          clientId: null,
        });
      }
      for (const [i, row] of rows.entries())
        await tx.progress.insertProgress({
          trackId: row.trackId,
          schoolId: target.schoolId,
          lineageId: target.planId,
          status: statuses[i % statuses.length]!,
          percent: (i * 7) % 101,
          result: '',
          fieldVersions: { status: 1 },
          version: 1,
          updatedByUserId: null,
          updatedAt: now,
        });
    });
    const seedMs = Math.round(performance.now() - seedStarted);

    const dashboardUrl = `/api/plans/${target.planId}/dashboard`;
    const dashboardBytes = (await send(admin, 'GET', dashboardUrl)).rawPayload.length;
    const tasksFirst = (await send(teacher, 'GET', '/api/me/tasks?show=all')).json() as {
      tasks: unknown[];
    };
    const dashboard: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      let started = performance.now();
      await send(admin, 'GET', dashboardUrl);
      dashboard.push(performance.now() - started);
      started = performance.now();
      await send(teacher, 'GET', '/api/me/tasks?show=all');
      tasks.push(performance.now() - started);
    }
    return {
      engine: 'sqlite',
      seedMs,
      dashboard: {
        rows: rows.length,
        entries: 1000,
        bytes: dashboardBytes,
        iterations,
        p50Ms: quantile(dashboard, 0.5),
        p95Ms: quantile(dashboard, 0.95),
      },
      myTasks: {
        schools: 300,
        plansPerSchool: 3,
        tasks: tasksFirst.tasks.length,
        iterations,
        p50Ms: quantile(tasks, 0.5),
        p95Ms: quantile(tasks, 0.95),
      },
    };
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printMonitoring(result: Awaited<ReturnType<typeof measureMonitoring>>): void {
  console.log(
    `Dashboard of a ${result.dashboard.rows}-row plan with ${result.dashboard.entries} progress entries: p50 ${result.dashboard.p50Ms} ms, p95 ${result.dashboard.p95Ms} ms (${result.dashboard.bytes} bytes)`,
  );
  console.log(
    `Việc của tôi (${result.myTasks.tasks} rows) in ${result.myTasks.schools} schools × ${result.myTasks.plansPerSchool} plans: p50 ${result.myTasks.p50Ms} ms, p95 ${result.myTasks.p95Ms} ms`,
  );
}
