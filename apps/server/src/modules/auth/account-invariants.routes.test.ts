import { afterEach, describe, expect, it } from 'vitest';
import { testDialects } from '@caitien/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { buildAccessFixtures, FIXTURE_PASSWORD } from '../../testing/access-fixtures.ts';
import { createTestApp, movableClock } from '../../testing/test-app.ts';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.ts';

type Ctx = Awaited<ReturnType<typeof createTestApp>>;

/** A cheap scrypt that counts how many passwords it was asked to check. */
function countingHasher(): PasswordHasher & { verifications: number } {
  const inner = createPasswordHasher({ cost: 1024 });
  const hasher = {
    verifications: 0,
    hash: (password: string) => inner.hash(password),
    verify: (password: string, stored: string) => {
      hasher.verifications += 1;
      return inner.verify(password, stored);
    },
  };
  return hasher;
}

const login = (app: FastifyInstance, name: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password } });

const statuses = (answers: LightMyRequestResponse[]) =>
  answers.map((a) => a.statusCode).sort((a, b) => a - b);

describe.each(testDialects())('account invariants under concurrency on %s', (dialect) => {
  let ctx: Ctx | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
  });

  async function countUsers(where: { username?: string; email?: string }): Promise<number> {
    if (!ctx) throw new Error('no app');
    let query = ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (where.username) query = query.where('username', '=', where.username);
    if (where.email) query = query.where('email', '=', where.email);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  function createUsers(admin: TestSession, schoolId: string, bodies: Record<string, unknown>[]) {
    if (!ctx) throw new Error('no app');
    const { app } = ctx;
    return Promise.all(
      bodies.map((body) =>
        call(app, admin, {
          method: 'POST',
          url: '/api/users',
          payload: { roles: [{ role: 'staff', unitId: schoolId }], ...body },
        }),
      ),
    );
  }

  it('ten simultaneous creations of one username: 1 account and 9 × 409, whatever the case', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const answers = await createUsers(
      fx.adminSession,
      fx.own.schoolId,
      Array.from({ length: 10 }, (_, i) => ({
        username: i % 2 === 0 ? 'giaovien.moi' : 'GiaoVien.Moi',
        displayName: `Giáo viên ${i}`,
      })),
    );
    expect(statuses(answers)).toEqual([200, ...Array<number>(9).fill(409)]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expect(refused.json().error.message).toMatch(
        /^Tên đăng nhập “giaovien\.moi” đã có người dùng\.$/i,
      );
      expect(refused.json().error.details.fields).toEqual([
        { field: 'username', message: 'Đã tồn tại' },
      ]);
    }
    expect(await countUsers({ username: 'giaovien.moi' })).toBe(1);
  });

  it('ten simultaneous creations with one e-mail: 1 account and 9 × 409', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const answers = await createUsers(
      fx.adminSession,
      fx.own.schoolId,
      Array.from({ length: 10 }, (_, i) => ({
        username: `giaovien.${i}`,
        displayName: `Giáo viên ${i}`,
        email: i % 2 === 0 ? 'chung@truong.edu.vn' : 'Chung@Truong.EDU.vn',
      })),
    );
    expect(statuses(answers)).toEqual([200, ...Array<number>(9).fill(409)]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expect(refused.json().error.message).toContain('đã được dùng cho tài khoản khác');
      expect(refused.json().error.details.fields[0].field).toBe('email');
    }
    expect(await countUsers({ email: 'chung@truong.edu.vn' })).toBe(1);
  });

  it('two accounts taking one e-mail at once: one 200, one 409', async () => {
    ctx = await createTestApp(dialect);
    const fx = await buildAccessFixtures(ctx.app);
    const created = await createUsers(fx.adminSession, fx.own.schoolId, [
      { username: 'giaovien.x', displayName: 'Giáo viên X' },
      { username: 'giaovien.y', displayName: 'Giáo viên Y' },
    ]);
    const users = created.map((r) => ok<{ user: { id: string; version: number } }>(r).user);
    const { app } = ctx;
    const answers = await Promise.all(
      users.map((user, i) =>
        call(app, fx.adminSession, {
          method: 'PATCH',
          url: `/api/users/${user.id}`,
          payload: {
            email: i === 0 ? 'mot@truong.edu.vn' : 'MOT@truong.edu.vn',
            version: user.version,
          },
        }),
      ),
    );
    expect(statuses(answers)).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error.message).toContain(
      'đã được dùng cho tài khoản khác',
    );
    expect(await countUsers({ email: 'mot@truong.edu.vn' })).toBe(1);
  });

  it('first-run setups at once, under any names: one administrator, the others 409', async () => {
    ctx = await createTestApp(dialect);
    const { app } = ctx;
    const answers = await Promise.all(
      ['quantri', 'quantri', 'quantri.2', 'QUANTRI.3'].map((username) =>
        app.inject({
          method: 'POST',
          url: '/api/setup',
          payload: { username, displayName: 'Quản trị', password: 'Quan-tri-he-thong-2026' },
        }),
      ),
    );
    expect(statuses(answers)).toEqual([200, 409, 409, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error.message).toBe(
      'Hệ thống đã có quản trị viên; hãy đăng nhập.',
    );
    expect(await countUsers({})).toBe(1);
  });

  it('20 parallel wrong passwords by username and e-mail: at most 5 checked, the rest locked', async () => {
    const clock = movableClock();
    const hasher = countingHasher();
    ctx = await createTestApp(dialect, { clock, hasher });
    const fx = await buildAccessFixtures(ctx.app);
    const created = ok<{ temporaryPassword: string }>(
      (
        await createUsers(fx.adminSession, fx.own.schoolId, [
          { username: 'giaovien.z', displayName: 'Giáo viên Z', email: 'z@truong.edu.vn' },
        ])
      )[0] as LightMyRequestResponse,
    );
    const { app } = ctx;
    const names = ['giaovien.z', 'Z@Truong.edu.vn', 'GIAOVIEN.Z', 'z@truong.edu.vn'];
    hasher.verifications = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login(app, names[i % names.length] ?? 'giaovien.z', `doan-mo-${i}-xxxx`),
      ),
    );
    expect(hasher.verifications).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(hasher.verifications);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(20 - hasher.verifications);
    expect(answers.find((a) => a.statusCode === 429)?.json().error.message).toMatch(
      /^Bạn đã nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/,
    );

    // The right password is refused during the lock, by either name, and is not even checked.
    const before = hasher.verifications;
    expect((await login(app, 'giaovien.z', created.temporaryPassword)).statusCode).toBe(429);
    expect((await login(app, 'z@truong.edu.vn', created.temporaryPassword)).statusCode).toBe(429);
    expect(hasher.verifications).toBe(before);
    // Other accounts are not affected.
    await expect(signIn(app, 'giamsat.a', FIXTURE_PASSWORD)).resolves.toBeTruthy();

    clock.advance(16 * 60 * 1000);
    await expect(signIn(app, 'Z@truong.edu.vn', created.temporaryPassword)).resolves.toBeTruthy();
  });

  it('parallel wrong current passwords on change-password: at most 5 checked', async () => {
    const hasher = countingHasher();
    ctx = await createTestApp(dialect, { hasher });
    const fx = await buildAccessFixtures(ctx.app);
    const session = await fx.signInAs('principal');
    const { app } = ctx;
    hasher.verifications = 0;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(app, session, {
          method: 'POST',
          url: '/api/auth/change-password',
          payload: { currentPassword: `doan-mo-${i}-xxxx`, newPassword: 'Mat-khau-moi-2026-dai' },
        }),
      ),
    );
    expect(hasher.verifications).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(hasher.verifications);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(12 - hasher.verifications);
  });

  it('a name without an account locks the same way, and its counter keeps no typed text', async () => {
    const hasher = countingHasher();
    ctx = await createTestApp(dialect, { hasher });
    await buildAccessFixtures(ctx.app);
    const { app } = ctx;
    hasher.verifications = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(app, 'khong.ton.tai', `doan-mo-${i}-xxxx`)),
    );
    expect(hasher.verifications).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(20 - hasher.verifications);
    const keys = await ctx.database.db.selectFrom('auth_throttle').select('key').execute();
    expect(keys.map((k) => k.key).join(' ')).not.toContain('khong.ton.tai');
    // Control characters in a login name are never looked up (a NUL breaks PostgreSQL): the
    // name's schema refuses them with a Vietnamese 400 naming the character, never a 500.
    for (const name of ['quantri\u0000', '\u0000', 'quan\uD800tri', '\uDFFF']) {
      const odd = await login(app, name, 'sai-mat-khau-roi');
      expect(odd.statusCode, JSON.stringify(name)).toBe(400);
      expect(JSON.stringify(odd.json().error), JSON.stringify(name)).toMatch(/ký tự/);
    }
  });

  it('the per-address limit holds under parallel attempts across names', async () => {
    const hasher = countingHasher();
    ctx = await createTestApp(dialect, { hasher, authSettings: { maxFailuresPerAddress: 8 } });
    await buildAccessFixtures(ctx.app);
    const { app } = ctx;
    hasher.verifications = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(app, `ten-${i}`, 'sai-mat-khau-roi')),
    );
    expect(hasher.verifications).toBeLessThanOrEqual(8);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(20 - hasher.verifications);
    expect((await login(app, 'hieutruong.a', FIXTURE_PASSWORD)).statusCode).toBe(429);
  });

  it('successful sign-ins do not use up the address limit (a school behind one address)', async () => {
    ctx = await createTestApp(dialect, { authSettings: { maxFailuresPerAddress: 3 } });
    await buildAccessFixtures(ctx.app);
    const { app } = ctx;
    for (const name of ['hieutruong.a', 'hoidong.a', 'giamsat.a', 'canbo.xa', 'hieutruong.a']) {
      await expect(signIn(app, name, FIXTURE_PASSWORD)).resolves.toBeTruthy();
    }
    // Failures still count: two more fail, the third locks the address.
    expect((await login(app, 'hieutruong.a', 'sai-mat-khau-1')).statusCode).toBe(401);
    expect((await login(app, 'hoidong.a', 'sai-mat-khau-2')).statusCode).toBe(401);
    expect((await login(app, 'giamsat.a', 'sai-mat-khau-3')).statusCode).toBe(401);
    expect((await login(app, 'giamsat.a', FIXTURE_PASSWORD)).statusCode).toBe(429);
  });
});

describe.each(testDialects())('names made only of invisible characters on %s', (dialect) => {
  let ctx: Ctx | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
  });

  const INVISIBLE = ['\u200B', '\u00A0\u00A0', '\u3000', '\uFEFF', '\t \t', '\u200D\u2060'];

  it('refuses them for the first administrator, accounts and people with a Vietnamese 400', async () => {
    ctx = await createTestApp(dialect);
    const { app } = ctx;
    for (const name of INVISIBLE) {
      const setup = await app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'quantri', displayName: name, password: 'Quan-tri-he-thong-2026' },
      });
      expect(setup.statusCode, JSON.stringify(name)).toBe(400);
      expect(setup.json().error.details.fields[0]).toEqual({
        field: 'displayName',
        message: expect.stringMatching(/^Không được (để trống|chỉ gồm khoảng trắng)/),
      });
    }
    const fx = await buildAccessFixtures(app);
    const staff = ok<{ user: { id: string; version: number } }>(
      await call(app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'giaovien.v',
          displayName: 'Giáo viên V',
          roles: [{ role: 'staff', unitId: fx.own.schoolId }],
        },
      }),
    ).user;
    for (const name of INVISIBLE) {
      const create = await call(app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'giaovien.w',
          displayName: name,
          roles: [{ role: 'staff', unitId: fx.own.schoolId }],
        },
      });
      expect(create.statusCode, JSON.stringify(name)).toBe(400);
      const rename = await call(app, fx.adminSession, {
        method: 'PATCH',
        url: `/api/users/${staff.id}`,
        payload: { displayName: name, version: staff.version },
      });
      expect(rename.statusCode, JSON.stringify(name)).toBe(400);
      expect(rename.json().error.details.fields[0].message).toMatch(
        /^Không được (để trống|chỉ gồm khoảng trắng)/,
      );
      const username = await call(app, fx.adminSession, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: name,
          displayName: 'Giáo viên W',
          roles: [{ role: 'staff', unitId: fx.own.schoolId }],
        },
      });
      expect(username.statusCode, JSON.stringify(name)).toBe(400);
      const person = await call(app, fx.adminSession, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people`,
        payload: { fullName: name },
      });
      expect(person.statusCode, JSON.stringify(name)).toBe(400);
    }
    // Visible text around invisible characters is a name.
    const person = await call(app, fx.adminSession, {
      method: 'POST',
      url: `/api/schools/${fx.own.schoolId}/people`,
      payload: { fullName: '\u200BNguyễn Văn An\u00A0' },
    });
    expect(person.statusCode).toBe(200);
  });
});
