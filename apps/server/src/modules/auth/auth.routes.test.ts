import { Writable } from 'node:stream';
import { loadFrameworkCatalogue, ROLE_LABELS, SCHOOL_ROLES } from '@caitien/core';
import { migrateToLatest, seedFrameworkCatalogue } from '@caitien/db';
import { openTestDatabase, testDialects } from '@caitien/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../build-app.ts';
import { call, ok, signIn } from '../../testing/api-client.ts';
import {
  ADMIN_PASSWORD,
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
} from '../../testing/access-fixtures.ts';
import { createTestApp, movableClock } from '../../testing/test-app.ts';
import { createPasswordHasher } from './password-hasher.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>;

describe.each(testDialects())('sign-in and sessions on %s', (dialect) => {
  let ctx: Ctx | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
  });

  it('asks for the first administrator on an empty database, once', async () => {
    ctx = await createTestApp(dialect);
    expect(ok(await ctx.app.inject({ url: '/api/setup' }))).toEqual({ needsSetup: true });
    const weak = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'quantri', displayName: 'Quản trị', password: 'ngan' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('ít nhất 10 ký tự');
    const first = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'QuanTri', displayName: 'Quản trị viên', password: ADMIN_PASSWORD },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({
      username: 'quantri',
      roles: [{ role: 'admin', unitId: null }],
    });
    const cookie = first.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // served over plain HTTP here
    expect(ok(await ctx.app.inject({ url: '/api/setup' }))).toEqual({ needsSetup: false });
    const second = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'keotrom', displayName: 'Kẻ trộm', password: 'Mat-khau-dai-2026' },
    });
    expect(second.statusCode).toBe(409);
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    ctx = await createTestApp(dialect);
    await buildAccessFixtures(ctx.app);
    const database = ctx.database;
    const app = await buildApp({
      database,
      trustProxy: true,
      hasher: createPasswordHasher({ cost: 1024 }),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { login: 'quantri', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toMatch(/Secure/);
    await app.close();
  });

  it('gives the same answer for an unknown user and a wrong password, then locks out', async () => {
    ctx = await createTestApp(dialect);
    await buildAccessFixtures(ctx.app);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'hieutruong.a', password: 'sai-mat-khau-roi' },
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'khongtontai', password: 'sai-mat-khau-roi' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);

    // Brute force: after 5 failures in the window the login is locked, even with the right password.
    for (let i = 0; i < 4; i += 1) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'hieutruong.a', password: `doan-mo-${i}-xxxx` },
      });
    }
    const locked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'hieutruong.a', password: FIXTURE_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/thử lại sau \d+ phút/);
    // Unknown names lock the same way (no hint which names exist).
    for (let i = 0; i < 5; i += 1) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'khongtontai', password: `doan-mo-${i}-xxxx` },
      });
    }
    const unknownLocked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'khongtontai', password: 'bat-ky-mat-khau' },
    });
    expect(unknownLocked.statusCode).toBe(429);
    // Other accounts are not affected.
    await expect(signIn(ctx.app, 'giamsat.a', FIXTURE_PASSWORD)).resolves.toBeTruthy();
  });

  it('unlocks after the lockout period', async () => {
    const clock = movableClock();
    ctx = await createTestApp(dialect, { clock });
    await buildAccessFixtures(ctx.app);
    for (let i = 0; i < 5; i += 1) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'hieutruong.a', password: `doan-mo-${i}-xxxx` },
      });
    }
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'hieutruong.a', password: FIXTURE_PASSWORD },
        })
      ).statusCode,
    ).toBe(429);
    clock.advance(16 * 60 * 1000);
    await expect(signIn(ctx.app, 'hieutruong.a', FIXTURE_PASSWORD)).resolves.toBeTruthy();
  });

  it('throttles many failures from one address across names', async () => {
    ctx = await createTestApp(dialect, { authSettings: { maxFailuresPerAddress: 8 } });
    await buildAccessFixtures(ctx.app);
    for (let i = 0; i < 8; i += 1) {
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: `ten-${i}`, password: 'sai-mat-khau-roi' },
      });
    }
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'hieutruong.a', password: FIXTURE_PASSWORD },
    });
    expect(res.statusCode).toBe(429);
  });

  it('ends idle and old sessions: 401 in Vietnamese', async () => {
    const clock = movableClock();
    ctx = await createTestApp(dialect, { clock });
    const fx = await buildAccessFixtures(ctx.app);
    const session = await fx.signInAs('principal');
    expect((await call(ctx.app, session, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(
      200,
    );
    clock.advance(11 * 60 * 60 * 1000);
    expect((await call(ctx.app, session, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(
      200,
    );
    clock.advance(13 * 60 * 60 * 1000);
    const expired = await call(ctx.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain('đăng nhập lại');

    // Absolute limit: active every 11 hours, still ends after 14 days.
    const active = await fx.signInAs('council');
    for (let i = 1; i <= 40; i += 1) {
      clock.advance(11 * 60 * 60 * 1000);
      const res = await call(ctx.app, active, { method: 'GET', url: '/api/auth/me' });
      if (res.statusCode === 401) {
        // Ends within 11 hours after the 14th day, never before it.
        expect(i * 11).toBeGreaterThanOrEqual(14 * 24);
        expect(i * 11).toBeLessThan(14 * 24 + 11);
        return;
      }
    }
    throw new Error('session never ended');
  });

  it('refuses state-changing requests without the CSRF token or from another origin', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const url = `/api/schools/${fx.own.schoolId}/people`;
    const payload = { fullName: 'Trần Văn Bình' };
    const noToken = await ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: fx.adminSession.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.details).toEqual({ reason: 'csrf' });
    const wrongToken = await ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: fx.adminSession.cookie, 'x-csrf-token': 'gia-mao' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const otherSession = await fx.signInAs('principal');
    const otherToken = await ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: fx.adminSession.cookie, 'x-csrf-token': otherSession.csrfToken },
    });
    expect(otherToken.statusCode).toBe(403);
    const crossOrigin = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url,
      payload,
      headers: { origin: 'https://trang-xau.example', host: 'localhost:3000' },
    });
    expect(crossOrigin.statusCode).toBe(403);
    const good = await call(ctx.app, fx.adminSession, { method: 'POST', url, payload });
    expect(good.statusCode).toBe(200);
    // Reads need no token.
    expect((await call(ctx.app, fx.adminSession, { method: 'GET', url })).statusCode).toBe(200);
  });

  it('forces a temporary password to be changed before anything else', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const created = ok<{ temporaryPassword: string }>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'moi.a',
          displayName: 'Người mới',
          roles: [{ role: 'staff', unitId: fx.own.schoolId }],
        },
      }),
    );
    const session = await signIn(ctx.app, 'moi.a', created.temporaryPassword);
    expect(
      ok<{ user: { mustChangePassword: boolean } }>(
        await call(ctx.app, session, { method: 'GET', url: '/api/auth/me' }),
      ).user.mustChangePassword,
    ).toBe(true);
    const blocked = await call(ctx.app, session, {
      method: 'GET',
      url: `/api/schools/${fx.own.schoolId}/profile`,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details).toEqual({ reason: 'password_change_required' });
    const changed = await call(ctx.app, session, {
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: created.temporaryPassword, newPassword: 'Mat-khau-rieng-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (
        await call(ctx.app, session, {
          method: 'GET',
          url: `/api/schools/${fx.own.schoolId}/profile`,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('resets a password with a temporary password or a one-time link', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const principal = await fx.signInAs('principal');
    const staff = await fx.signInAs('staff');

    // Temporary password: the old password and the old sessions stop working.
    const temp = ok<{ temporaryPassword: string }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/users/${fx.own.staffUserId}/password-reset`,
        payload: { method: 'temporary_password' },
      }),
    );
    expect((await call(ctx.app, staff, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(
      401,
    );
    await expect(signIn(ctx.app, 'nhanvien.a', FIXTURE_PASSWORD)).rejects.toThrow();
    const tempSession = await signIn(ctx.app, 'nhanvien.a', temp.temporaryPassword);
    expect(
      ok<{ user: { mustChangePassword: boolean } }>(
        await call(ctx.app, tempSession, { method: 'GET', url: '/api/auth/me' }),
      ).user.mustChangePassword,
    ).toBe(true);

    // One-time link: usable once.
    const link = ok<{ resetPath: string }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/users/${fx.own.staffUserId}/password-reset`,
        payload: { method: 'link' },
      }),
    );
    const token = new URL(link.resetPath, 'http://x').searchParams.get('token') ?? '';
    const used = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, newPassword: 'Mat-khau-tu-lien-ket-2026' },
    });
    expect(used.statusCode).toBe(200);
    await expect(signIn(ctx.app, 'nhanvien.a', 'Mat-khau-tu-lien-ket-2026')).resolves.toBeTruthy();
    const reused = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, newPassword: 'Mat-khau-lan-hai-2026' },
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.message).toContain('không hợp lệ hoặc đã hết hạn');

    // A principal cannot reset the password of another school's account, nor the administrator's.
    const foreign = await call(ctx.app, principal, {
      method: 'POST',
      url: `/api/users/${fx.foreign.staffUserId}/password-reset`,
      payload: { method: 'link' },
    });
    expect(foreign.statusCode).toBe(404);
    const admin = await call(ctx.app, principal, {
      method: 'POST',
      url: `/api/users/${fx.adminSession.userId}/password-reset`,
      payload: { method: 'link' },
    });
    expect(admin.statusCode).toBe(404);
  });

  it('signs out one session, every session, and lists them', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const a = await fx.signInAs('principal');
    const b = await fx.signInAs('principal');
    const list = ok<{ items: { id: string; isCurrent: boolean }[] }>(
      await call(ctx.app, a, { method: 'GET', url: '/api/auth/sessions' }),
    );
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list.items.filter((s) => s.isCurrent)).toHaveLength(1);
    const ofB = ok<{ items: { id: string; isCurrent: boolean }[] }>(
      await call(ctx.app, b, { method: 'GET', url: '/api/auth/sessions' }),
    );
    const bId = ofB.items.find((s) => s.isCurrent)?.id;
    expect(list.items.map((s) => s.id)).toContain(bId);
    ok(await call(ctx.app, a, { method: 'DELETE', url: `/api/auth/sessions/${bId}` }));
    expect((await call(ctx.app, b, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    ok(await call(ctx.app, a, { method: 'POST', url: '/api/auth/logout-all' }));
    expect((await call(ctx.app, a, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    // Another user's session id is not found.
    const admin = ok<{ items: { id: string }[] }>(
      await call(ctx.app, fx.adminSession, { method: 'GET', url: '/api/auth/sessions' }),
    );
    const c = await fx.signInAs('principal');
    expect(
      (
        await call(ctx.app, c, {
          method: 'DELETE',
          url: `/api/auth/sessions/${admin.items[0]?.id}`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('rejects a duplicate username with a clear message', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const res = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'HieuTruong.A',
        displayName: 'Trùng',
        roles: [{ role: 'staff', unitId: fx.own.schoolId }],
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('đã có người dùng');
  });

  it('lists, in SQL, only the accounts the caller may read: no administrator, no other school', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const created = ok<{ user: { id: string } }>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'quantri.kiemgv',
          displayName: 'Quản trị kiêm giáo viên',
          roles: [
            { role: 'admin', unitId: null },
            { role: 'staff', unitId: fx.own.schoolId },
          ],
        },
      }),
    );
    const listed = async (session: Awaited<ReturnType<typeof fx.signInAs>>) =>
      ok<{ items: { id: string; username: string }[] }>(
        await call(ctx!.app, session, { method: 'GET', url: '/api/users' }),
      ).items.map((u) => u.username);
    const principal = await listed(await fx.signInAs('principal'));
    expect(principal).toContain(fx.logins.staff);
    expect(principal).not.toContain('quantri.kiemgv');
    expect(principal).not.toContain('quantri');
    expect(principal).not.toContain('nhanvien.b');
    const admin = await listed(fx.adminSession);
    expect(admin).toContain('quantri.kiemgv');
    expect(created.user.id).toBeTruthy();
  });

  it('holds school roles at a school and office roles at an office unit', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const create = (username: string, role: string, unitId: string) =>
      call(ctx!.app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: { username, displayName: 'Thử vai trò', roles: [{ role, unitId }] },
      });
    for (const role of SCHOOL_ROLES) {
      const atOffice = await create(`thu.${role}.xa`, role, fx.communeId);
      expect(atOffice.statusCode).toBe(400);
      expect(atOffice.json().error.message).toBe(
        `Vai trò “${ROLE_LABELS[role]}” phải gắn với một trường.`,
      );
      expect((await create(`thu.${role}.truong`, role, fx.own.schoolId)).statusCode).toBe(200);
    }
    const officeAtSchool = await create('thu.canbo.truong', 'office_staff', fx.own.schoolId);
    expect(officeAtSchool.statusCode).toBe(400);
    expect(officeAtSchool.json().error.message).toContain('không phải trường');
    expect((await create('thu.canbo.xa', 'office_staff', fx.communeId)).statusCode).toBe(200);
  });
});

describe('passwords never reach the logs', () => {
  it('logs requests without bodies, cookies, passwords or query strings', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const database = await openTestDatabase('sqlite');
    await migrateToLatest(database.db);
    await seedFrameworkCatalogue(database.db, loadFrameworkCatalogue(), new Date(0).toISOString());
    const app = await buildApp({
      database,
      hasher: createPasswordHasher({ cost: 1024 }),
      logger: {
        level: 'trace',
        stream,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      },
    });
    const fx = await buildAccessFixtures(app);
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'quantri', password: 'Sai-mat-khau-bi-mat' },
    });
    await createAccount(app, fx.adminSession, {
      username: 'them.mot',
      displayName: 'Thêm một',
      roles: [{ role: 'staff', unitId: fx.own.schoolId }],
    });
    // A search carries a person's name: the log keeps the path, not the query.
    const search = await call(app, fx.adminSession, {
      method: 'GET',
      url: `/api/units?q=${encodeURIComponent('Nguyễn Văn Bình')}`,
    });
    expect(search.statusCode).toBe(200);
    await app.close();
    await database.close();
    const all = lines.join('\n');
    expect(all).toContain('"url":"/api/units"');
    expect(all).not.toContain(encodeURIComponent('Nguyễn Văn Bình'));
    expect(all).not.toContain('Nguyễn Văn Bình');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [
      ADMIN_PASSWORD,
      FIXTURE_PASSWORD,
      'Sai-mat-khau-bi-mat',
      fx.adminSession.cookie.split('=')[1] ?? 'x',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
