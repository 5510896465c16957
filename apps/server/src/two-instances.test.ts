/**
 * Two server instances on one database (issue 15), on SQLite (two processes on one file) and, with
 * TEST_DATABASE_URL, PostgreSQL: a sign-out, a role change and a plan change made through one
 * instance are seen by the other on its very next read, although that instance had the session in
 * its cache (the auth epoch, migration 0016) and the plan in its detail cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DialectName } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/seed-demo.ts';
import { createSeededDemoTarget, dropProcessDatabases } from './testing/process-targets.ts';
import {
  killServerProcesses,
  requestAs,
  signInOver,
  startServerProcess,
} from './testing/server-process.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-two-'));
afterAll(async () => {
  killServerProcesses();
  await dropProcessDatabases();
  rmSync(work, { recursive: true, force: true });
});

const dialects: DialectName[] = testDialects();

describe.each(dialects)('two instances on one %s database', (dialect) => {
  it(
    'see each other’s sign-outs, role changes and plan changes at once',
    {
      timeout: 240_000,
    },
    async () => {
      const env = await createSeededDemoTarget(dialect, work);
      const a = await startServerProcess(env);
      const b = await startServerProcess(env);
      try {
        // Sign-out on A: B, which just served the session from its cache, refuses it next.
        const principal = await signInOver(a.base, DEMO_ACCOUNTS.principal, DEMO_PASSWORD);
        const schoolId = principal.roles.find((r) => r.role === 'principal')!.unitId!;
        for (let i = 0; i < 2; i++) {
          expect((await requestAs(b.base, principal, 'GET', '/api/auth/me')).status).toBe(200);
        }
        expect((await requestAs(a.base, principal, 'POST', '/api/auth/logout')).ok).toBe(true);
        expect((await requestAs(b.base, principal, 'GET', '/api/auth/me')).status).toBe(401);

        // Role change on A by the administrator: B answers with the new roles at once.
        const again = await signInOver(a.base, DEMO_ACCOUNTS.principal, DEMO_PASSWORD);
        const meBefore = await requestAs(b.base, again, 'GET', '/api/auth/me');
        expect(
          ((await meBefore.json()) as { user: { roles: { role: string }[] } }).user.roles,
        ).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'principal' })]));
        const admin = await signInOver(a.base, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
        const user = (await (
          await requestAs(a.base, admin, 'GET', `/api/users/${again.userId}`)
        ).json()) as { version: number };
        const changed = await requestAs(a.base, admin, 'PATCH', `/api/users/${again.userId}`, {
          roles: [{ role: 'staff', unitId: schoolId }],
          version: user.version,
        });
        expect(changed.status, await changed.clone().text()).toBe(200);
        const meAfter = await requestAs(b.base, again, 'GET', '/api/auth/me');
        expect(
          ((await meAfter.json()) as { user: { roles: { role: string }[] } }).user.roles,
        ).toEqual([expect.objectContaining({ role: 'staff' })]);

        // Plan change on A: B, which had the plan's bytes cached, serves the new row at once.
        const created = await requestAs(a.base, admin, 'POST', `/api/schools/${schoolId}/plans`, {
          schoolYear: '2030-2031',
        });
        expect(created.status, await created.clone().text()).toBe(200);
        const plan = (await created.json()) as { id: string };
        const before = await requestAs(b.base, admin, 'GET', `/api/plans/${plan.id}`);
        expect(before.status).toBe(200);
        expect(await before.text()).not.toContain('Dòng thêm ở máy chủ A');
        const added = await requestAs(a.base, admin, 'POST', `/api/plans/${plan.id}/rows`, {
          group: 'tt57',
          content: 'Dòng thêm ở máy chủ A',
        });
        expect(added.status, await added.clone().text()).toBe(200);
        const after = await requestAs(b.base, admin, 'GET', `/api/plans/${plan.id}`);
        expect(await after.text()).toContain('Dòng thêm ở máy chủ A');
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        await Promise.all([a.exited, b.exited]);
      }
    },
  );
});
