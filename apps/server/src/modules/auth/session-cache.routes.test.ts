import { testDialects } from '@caitien/db/testing';
import type { PlanDetail } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../build-app.ts';
import { buildAccessFixtures } from '../../testing/access-fixtures.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { createTestApp, movableClock } from '../../testing/test-app.ts';
import type { AuthSettings } from './auth.service.ts';
import { createPasswordHasher } from './password-hasher.ts';

/**
 * Reads trust a session looked up in the last `sessionCacheTtlMs` (session-cache.ts). Changes made
 * in this process end or change cached sessions at once; changes made by another process show
 * within the TTL on reads and at once on writes (ARCHITECTURE.md "Access").
 */
describe.each(testDialects())('session cache on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
  let other: FastifyInstance | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await ctx?.close();
    ctx = undefined;
  });

  async function setUp(authSettings: Partial<AuthSettings> = {}) {
    const clock = movableClock();
    ctx = await createTestApp(dialect, { clock, authSettings });
    const fx = await buildAccessFixtures(ctx.app);
    const principal = await fx.signInAs('principal');
    const plan = ok<PlanDetail>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans`,
        payload: { schoolYear: '2026-2027' },
      }),
    );
    // A second app on the same database: another server process with its own session cache.
    other = await buildApp({
      database: ctx.database,
      clock,
      hasher: createPasswordHasher({ cost: 1024 }),
      authSettings,
    });
    await other.ready();
    return { app: ctx.app, other, clock, fx, principal, planUrl: `/api/plans/${plan.id}` };
  }

  const get = async (app: FastifyInstance, session: TestSession, url: string) =>
    (await call(app, session, { method: 'GET', url })).statusCode;

  it('refuses a signed-out or revoked session at once', async () => {
    const { app, fx, principal, planUrl } = await setUp();
    const second = await fx.signInAs('principal');
    expect(await get(app, principal, planUrl)).toBe(200);
    expect(await get(app, second, planUrl)).toBe(200);
    const sessions = ok<{ items: { id: string; isCurrent: boolean }[] }>(
      await call(app, second, { method: 'GET', url: '/api/auth/sessions' }),
    );
    const secondId = sessions.items.find((s) => s.isCurrent)?.id;
    ok(await call(app, principal, { method: 'DELETE', url: `/api/auth/sessions/${secondId}` }));
    expect(await get(app, second, planUrl)).toBe(401);
    expect(await get(app, principal, planUrl)).toBe(200);
    ok(await call(app, principal, { method: 'POST', url: '/api/auth/logout' }));
    expect(await get(app, principal, planUrl)).toBe(401);
  });

  it('applies role changes, disabling and password resets at once', async () => {
    const { app, fx, principal, planUrl } = await setUp();
    const council = await fx.signInAs('council');
    const staff = await fx.signInAs('staff');
    expect(await get(app, council, planUrl)).toBe(200);
    expect(await get(app, staff, '/api/auth/me')).toBe(200);
    const councilUser = ok<{ version: number }>(
      await call(app, fx.adminSession, { method: 'GET', url: `/api/users/${council.userId}` }),
    );
    // Demoted to staff: a draft plan is no longer visible to them.
    ok(
      await call(app, fx.adminSession, {
        method: 'PATCH',
        url: `/api/users/${council.userId}`,
        payload: {
          roles: [{ role: 'staff', unitId: fx.own.schoolId }],
          version: councilUser.version,
        },
      }),
    );
    expect(await get(app, council, planUrl)).toBe(404);
    const demoted = ok<{ version: number }>(
      await call(app, fx.adminSession, { method: 'GET', url: `/api/users/${council.userId}` }),
    );
    ok(
      await call(app, fx.adminSession, {
        method: 'PATCH',
        url: `/api/users/${council.userId}`,
        payload: { isDisabled: true, version: demoted.version },
      }),
    );
    expect(await get(app, council, '/api/auth/me')).toBe(401);
    ok(
      await call(app, principal, {
        method: 'POST',
        url: `/api/users/${fx.own.staffUserId}/password-reset`,
        payload: { method: 'temporary_password' },
      }),
    );
    expect(await get(app, staff, '/api/auth/me')).toBe(401);
  });

  it('follows a unit move at once (cached sessions carry their units’ paths)', async () => {
    const { app, fx, planUrl } = await setUp();
    const office = await fx.signInAs('office');
    expect(await get(app, office, planUrl)).toBe(200);
    const { items: units } = ok<{ items: { id: string; kind: string; version: number }[] }>(
      await call(app, fx.adminSession, { method: 'GET', url: '/api/units?kind=province' }),
    );
    const commune = ok<{ version: number }>(
      await call(app, fx.adminSession, { method: 'GET', url: `/api/units/${fx.communeId}` }),
    );
    const otherProvince = units.find((u) => u.kind === 'province' && u.id !== fx.provinceId);
    ok(
      await call(app, fx.adminSession, {
        method: 'PATCH',
        url: `/api/units/${fx.communeId}`,
        payload: { parentId: otherProvince?.id, version: commune?.version },
      }),
    );
    // The commune and its school moved together: the office user still sees the school's plan.
    expect(await get(app, office, planUrl)).toBe(200);
  });

  it('sees another process’s sign-out at once, on reads too (the auth epoch)', async () => {
    const { app, other: elsewhere, fx, principal, planUrl } = await setUp();
    expect(await get(app, principal, planUrl)).toBe(200);
    expect(await get(app, principal, planUrl)).toBe(200); // from this process's cache
    ok(await call(elsewhere, principal, { method: 'POST', url: '/api/auth/logout' }));
    // A state-changing request always asks the database…
    const write = await call(app, principal, {
      method: 'POST',
      url: `${planUrl}/rows`,
      payload: { group: 'tt57', tasks: 'Sau khi đăng xuất' },
    });
    expect(write.statusCode).toBe(401);
    // …and a read finds the auth epoch moved, so the cached session is dropped.
    expect(await get(app, principal, planUrl)).toBe(401);
    expect(await get(app, await fx.signInAs('principal'), planUrl)).toBe(200);
  });

  it('bounds by the TTL a sign-out whose epoch move was lost (a crash after the commit)', async () => {
    const { app, clock, principal, planUrl } = await setUp();
    expect(await get(app, principal, planUrl)).toBe(200);
    // Revoked straight in the database, as if the process died before moving the epoch.
    await ctx!.database.db
      .updateTable('sessions')
      .set({ revoked_at: clock.now().toISOString() })
      .where('user_id', '=', principal.userId)
      .execute();
    // A read may still be answered from the session looked up a moment ago (the stated trade-off)…
    expect(await get(app, principal, planUrl)).toBe(200);
    // …but no longer than sessionCacheTtlMs (2 s by default).
    clock.advance(2000);
    expect(await get(app, principal, planUrl)).toBe(401);
  });

  it('with sessionCacheTtlMs 0 every read asks the database', async () => {
    const { app, other: elsewhere, principal, planUrl } = await setUp({ sessionCacheTtlMs: 0 });
    expect(await get(app, principal, planUrl)).toBe(200);
    ok(await call(elsewhere, principal, { method: 'POST', url: '/api/auth/logout' }));
    expect(await get(app, principal, planUrl)).toBe(401);
  });
});
