/**
 * Personal data (NĐ 13/2023; issue 15): a person's export (themself, or the school's principal or
 * an administrator; another school → 404), audited; erasure on request that ends the account and
 * the directory entry but leaves approved snapshots and their documents exactly as they were; the
 * last active principal or administrator is not erased.
 */
import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { rowBody, unitBody, userBody } from '../../testing/builders.ts';
import { docxText } from '../../testing/docx-text.ts';
import { createTestApp, fixedClock } from '../../testing/test-app.ts';
import { systemContext } from '../../kernel/service-context.ts';
import { createAuditWriter } from '../audit/audit-writer.ts';
import { createPersonalDataService } from './personal-data.service.ts';

interface ExportBody {
  subject: { userId: string | null; personId: string | null; erased: boolean };
  account: {
    account: { username: string; displayName: string; email: string | null };
    roles: { role: string }[];
    sessions: Record<string, unknown>[];
    auditEntries: { action: string }[];
  } | null;
  person: { fullName: string; email: string; phone: string; groups: unknown[] } | null;
  references: { table: string; column: string; count: number }[];
  register: { table: string; column: string; legalBasis: string }[];
}

describe.each(testDialects())('personal data on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${(counter += 1)}`;

  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  /** A directory entry with contact data and an account linked to it, at the own school. */
  async function personWithAccount(role: 'council_member' | 'staff' | 'principal' = 'staff') {
    const fullName = unique('Phạm Thị Duyên ');
    const person = ok<{ id: string }>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people`,
        payload: {
          fullName,
          position: 'Giáo viên',
          email: `${unique('duyen')}@truong.edu.vn`,
          phone: '0912 345 678',
        },
      }),
    );
    const username = unique('duyen.');
    const userId = await createAccount(ctx.app, fx.adminSession, {
      username,
      displayName: fullName,
      personId: person.id,
      roles: [{ role, unitId: fx.own.schoolId }],
    });
    ok(
      await call(ctx.app, fx.adminSession, {
        method: 'PATCH',
        url: `/api/users/${userId}`,
        payload: {
          email: `${username}@truong.edu.vn`,
          version: ok<{ version: number }>(
            await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/users/${userId}` }),
          ).version,
        },
      }),
    );
    return { personId: person.id, userId, fullName, username };
  }

  async function auditActions(entityId: string): Promise<{ action: string; json: string }[]> {
    const rows = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', entityId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ action: r.action, json: JSON.stringify(r) }));
  }

  it('exports everything held about the person to themself, without hashes, and audits it', async () => {
    const who = await personWithAccount();
    const own = await signIn(ctx.app, who.username, FIXTURE_PASSWORD);
    const body = ok<ExportBody>(
      await call(ctx.app, own, { method: 'GET', url: `/api/users/${who.userId}/personal-data` }),
    );
    expect(body.subject).toEqual({ userId: who.userId, personId: who.personId, erased: false });
    expect(body.account?.account).toMatchObject({
      username: who.username,
      displayName: who.fullName,
      email: `${who.username}@truong.edu.vn`,
    });
    expect(body.account?.roles.map((r) => r.role)).toEqual(['staff']);
    expect(body.account?.sessions.length).toBeGreaterThan(0);
    expect(body.person).toMatchObject({ fullName: who.fullName, phone: '0912 345 678' });
    // The account's own password change is an entry they made.
    expect(body.account?.auditEntries.map((e) => e.action)).toContain('user.password.change');
    // Each registered field says why it is kept.
    expect(
      body.register.find((r) => r.table === 'people' && r.column === 'phone')?.legalBasis,
    ).toMatch(/Điều 11/);
    // No password hash, session token hash or CSRF token leaves the server.
    const text = JSON.stringify(body);
    const secrets = await ctx.database.db
      .selectFrom('sessions')
      .select(['token_hash', 'csrf_token'])
      .where('user_id', '=', who.userId)
      .execute();
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(text).not.toContain(s.token_hash);
      expect(text).not.toContain(s.csrf_token);
    }
    expect(text).not.toContain('scrypt$');
    const exports = (await auditActions(who.userId)).filter(
      (a) => a.action === 'personal_data.export',
    );
    expect(exports).toHaveLength(1);
  });

  it('lets the principal export people of the own school, not another school (404), and refuses staff (403)', async () => {
    const principal = await fx.signInAs('principal');
    const own = await call(ctx.app, principal, {
      method: 'GET',
      url: `/api/schools/${fx.own.schoolId}/people/${fx.own.personId}/personal-data`,
    });
    expect(own.statusCode).toBe(200);
    const foreignUser = await call(ctx.app, principal, {
      method: 'GET',
      url: `/api/users/${fx.foreign.staffUserId}/personal-data`,
    });
    expect(foreignUser.statusCode).toBe(404);
    expect(foreignUser.json().error.message).toBe('Không tìm thấy tài khoản này.');
    const foreignPerson = await call(ctx.app, principal, {
      method: 'GET',
      url: `/api/schools/${fx.foreign.schoolId}/people/${fx.foreign.personId}/personal-data`,
    });
    expect(foreignPerson.statusCode).toBe(404);
    const staff = await fx.signInAs('council');
    const other = await call(ctx.app, staff, {
      method: 'GET',
      url: `/api/users/${fx.own.staffUserId}/personal-data`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/quyền/);
  });

  it('erases on request: account and directory entry go, the approved plan naming them stays byte for byte', async () => {
    const who = await personWithAccount('council_member');
    const session: TestSession = await signIn(ctx.app, who.username, FIXTURE_PASSWORD);
    // The council member writes a plan naming themself; the administrator approves it.
    const plan = ok<{ id: string }>(
      await call(ctx.app, session, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans`,
        payload: { schoolYear: '2031-2032' },
      }),
    );
    ok(
      await call(ctx.app, session, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows`,
        payload: rowBody({
          criterionCode: '1.1',
          cells: { tasks: 'Rà soát hồ sơ', lead: who.fullName, time: 'Tháng 10' },
        }),
      }),
    );
    const current = ok<{ version: number }>(
      await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/plans/${plan.id}` }),
    );
    ok(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: current.version },
      }),
    );
    const snapshot = () =>
      ctx.database.db
        .selectFrom('plan_snapshots')
        .select(['content_hash', 'content_json'])
        .where('plan_id', '=', plan.id)
        .executeTakeFirstOrThrow();
    const documentText = async () => {
      const res = await call(ctx.app, fx.adminSession, {
        method: 'GET',
        url: `/api/plans/${plan.id}/document?format=docx`,
      });
      expect(res.statusCode).toBe(200);
      return docxText(res.rawPayload);
    };
    const before = { snapshot: await snapshot(), text: await documentText() };
    expect(before.text).toContain(who.fullName);

    const principal = await fx.signInAs('principal');
    const erased = ok<{ displayName: string; userId: string; personId: string }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/users/${who.userId}/personal-data/erase`,
        payload: { reason: 'Đơn đề nghị ngày 20/11/2026' },
      }),
    );
    expect(erased.displayName).toBe(`Người dùng đã xoá #${who.userId.slice(-8)}`);
    expect(erased.personId).toBe(who.personId);

    // Sealed: the snapshot, its hash, the integrity check and the document are unchanged.
    expect(await snapshot()).toEqual(before.snapshot);
    expect(await documentText()).toBe(before.text);
    const integrity = ok<{ status: string }>(
      await call(ctx.app, fx.adminSession, {
        method: 'GET',
        url: `/api/plans/${plan.id}/integrity`,
      }),
    );
    expect(integrity.status).toBe('intact');
    // The plan still reads (it referenced the account by id only).
    ok(await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/plans/${plan.id}` }));

    // The session ended and the account cannot sign in again.
    const me = await call(ctx.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: who.username, password: FIXTURE_PASSWORD },
    });
    expect(login.statusCode).not.toBe(200);

    // What is left of the account and the directory entry holds no personal data.
    const account = ok<{
      username: string;
      email: string | null;
      displayName: string;
      isDisabled: boolean;
      roles: unknown[];
    }>(await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/users/${who.userId}` }));
    expect(account).toMatchObject({ email: null, isDisabled: true, roles: [] });
    expect(account.displayName).toBe(erased.displayName);
    expect(account.username).not.toContain('duyen');
    const people = ok<{ items: { id: string; fullName: string; email: string; phone: string }[] }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/schools/${fx.own.schoolId}/people`,
      }),
    );
    const entry = people.items.find((p) => p.id === who.personId);
    expect(entry).toMatchObject({
      fullName: `Người đã xoá #${who.personId.slice(-8)}`,
      email: '',
      phone: '',
    });

    // The audit log keeps what happened, not the erased values; the erasure itself is recorded.
    const entries = [...(await auditActions(who.userId)), ...(await auditActions(who.personId))];
    expect(entries.map((e) => e.action)).toContain('personal_data.erase');
    for (const e of entries) {
      expect(e.json).not.toContain(who.fullName);
      expect(e.json).not.toContain(`${who.username}@`);
      expect(e.json).not.toContain('0912 345 678');
    }
    const actorRows = await ctx.database.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('actor_user_id', '=', who.userId)
      .execute();
    expect(actorRows.length).toBeGreaterThan(0);
    expect(new Set(actorRows.map((r) => r.actor_name))).toEqual(new Set([erased.displayName]));

    // The export after erasure says so; a second erasure is refused.
    const after = ok<ExportBody>(
      await call(ctx.app, fx.adminSession, {
        method: 'GET',
        url: `/api/users/${who.userId}/personal-data`,
      }),
    );
    expect(after.subject.erased).toBe(true);
    expect(after.account?.sessions).toEqual([]);
    const again = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url: `/api/users/${who.userId}/personal-data/erase`,
      payload: { reason: 'Lần hai' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Dữ liệu cá nhân của tài khoản này đã được xoá.');

    // An erased account stays erased: no re-enabling, no roles, no new password.
    const accountNow = ok<{ version: number }>(
      await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/users/${who.userId}` }),
    );
    const revive = await call(ctx.app, fx.adminSession, {
      method: 'PATCH',
      url: `/api/users/${who.userId}`,
      payload: { isDisabled: false, version: accountNow.version },
    });
    expect(revive.statusCode).toBe(409);
    expect(revive.json().error.message).toContain('đã được xoá dữ liệu cá nhân theo yêu cầu');
    const reset = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url: `/api/users/${who.userId}/password-reset`,
      payload: { method: 'temporary_password' },
    });
    expect(reset.statusCode).toBe(409);
    expect(
      ok<{ isDisabled: boolean }>(
        await call(ctx.app, fx.adminSession, { method: 'GET', url: `/api/users/${who.userId}` }),
      ).isDisabled,
    ).toBe(true);
  });

  it('erases a directory entry without an account and keeps group references consistent', async () => {
    const principal = await fx.signInAs('principal');
    const person = ok<{ id: string }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people`,
        payload: { fullName: 'Hoàng Văn Khải', phone: '0987 000 111' },
      }),
    );
    const res = await call(ctx.app, principal, {
      method: 'POST',
      url: `/api/schools/${fx.own.schoolId}/people/${person.id}/personal-data/erase`,
      payload: { reason: 'Nghỉ hưu, đề nghị xoá' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: null, personId: person.id });
    const groups = await call(ctx.app, principal, {
      method: 'GET',
      url: `/api/schools/${fx.own.schoolId}/groups`,
    });
    expect(groups.statusCode).toBe(200);
    expect(JSON.stringify(await auditActions(person.id))).not.toContain('Hoàng Văn Khải');
  });

  it('never erases both of a school’s last two principals, even at the same moment', async () => {
    const school = ok<{ id: string }>(
      await call(ctx.app, fx.adminSession, {
        method: 'POST',
        url: '/api/units',
        payload: unitBody({ kind: 'school', parentId: fx.communeId }),
      }),
    );
    const principals = [];
    for (const name of ['hieutruong.a', 'hieutruong.b']) {
      const made = ok<{ user: { id: string } }>(
        await call(ctx.app, fx.adminSession, {
          method: 'POST',
          url: '/api/users',
          payload: userBody({
            username: unique(name),
            roles: [{ role: 'principal', unitId: school.id }],
          }),
        }),
      );
      principals.push(made.user.id);
    }
    const answers = await Promise.all(
      principals.map((id) =>
        call(ctx.app, fx.adminSession, {
          method: 'POST',
          url: `/api/users/${id}/personal-data/erase`,
          payload: { reason: 'Đơn đề nghị' },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error.message).toMatch(
      /hiệu trưởng cuối cùng/,
    );
  });

  it('refuses to erase the last active principal of a school or the last administrator, in Vietnamese', async () => {
    const principalId = (
      await ctx.database.db
        .selectFrom('role_assignments')
        .select('user_id')
        .where('role', '=', 'principal')
        .where('unit_id', '=', fx.own.schoolId)
        .executeTakeFirstOrThrow()
    ).user_id;
    const res = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url: `/api/users/${principalId}/personal-data/erase`,
      payload: { reason: 'Thử' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/hiệu trưởng cuối cùng còn hoạt động/);

    // The CLI acts as the system, not as an administrator account: the last one stays.
    const repositories = createRepositories(ctx.database.db);
    const clock = fixedClock();
    let counterId = 0;
    const service = createPersonalDataService({
      repositories,
      authService: { forgetSessions: async () => {} },
      clock,
      audit: createAuditWriter({ clock, ids: { next: () => `audit-${(counterId += 1)}` } }),
    });
    const adminId = (
      await ctx.database.db
        .selectFrom('role_assignments')
        .select('user_id')
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).user_id;
    await expect(service.eraseAccount(systemContext('cli'), adminId, 'Thử')).rejects.toThrow(
      /quản trị viên cuối cùng/,
    );
    // Nobody erases themself through the API.
    const self = await call(ctx.app, fx.adminSession, {
      method: 'POST',
      url: `/api/users/${adminId}/personal-data/erase`,
      payload: { reason: 'Thử' },
    });
    expect(self.statusCode).toBe(409);
  });
});
