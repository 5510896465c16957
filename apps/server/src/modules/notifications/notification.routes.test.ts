import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccessFixtures,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { createTestApp } from '../../testing/test-app.ts';

interface NotificationList {
  unread: number;
  items: { id: string; kind: string; title: string; readAt: string | null }[];
}

interface Preferences {
  email: string | null;
  emailAvailable: boolean;
  kinds: { kind: string; label: string; inApp: boolean; email: boolean }[];
}

describe.each(testDialects())('notification routes on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let principal: TestSession;
  let foreignStaff: TestSession;
  const ids: string[] = [];

  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
    principal = await fx.signInAs('principal');
    foreignStaff = await signIn(ctx.app, 'nhanvien.b', FIXTURE_PASSWORD);
    const repos = createRepositories(ctx.database.db);
    for (const [i, kind] of ['row_overdue', 'weekly_digest', 'review_round_coming'].entries()) {
      const id = `n-${i}`;
      ids.push(id);
      await repos.notifications.insertNotificationIfAbsent({
        id,
        userId: principal.userId,
        schoolId: fx.own.schoolId,
        kind,
        title: `Thông báo ${i}`,
        body: 'Nội dung',
        link: '/ke-hoach/x',
        dedupeKey: `test:${i}`,
        createdAt: `2026-02-1${i}T01:00:00.000Z`,
        readAt: null,
      });
    }
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const list = async (session: TestSession, query = '') =>
    ok<NotificationList>(
      await call(ctx.app, session, { method: 'GET', url: `/api/me/notifications${query}` }),
    );

  it('lists the user’s own notifications, newest first, with the unread count', async () => {
    const mine = await list(principal);
    expect(mine.unread).toBe(3);
    expect(mine.items.map((n) => n.id)).toEqual(['n-2', 'n-1', 'n-0']);
    expect((await list(principal, '?limit=1')).items).toHaveLength(1);
    const bad = await call(ctx.app, principal, {
      method: 'GET',
      url: '/api/me/notifications?limit=0',
    });
    expect(bad.statusCode).toBe(400);
    const anonymous = await call(ctx.app, null, { method: 'GET', url: '/api/me/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a user of another school sees none of them and cannot mark them read', async () => {
    expect(await list(foreignStaff)).toEqual({ unread: 0, items: [] });
    const res = await call(ctx.app, foreignStaff, {
      method: 'POST',
      url: '/api/me/notifications/read',
      payload: { ids },
    });
    expect(res.statusCode).toBe(200);
    expect((await list(principal)).unread).toBe(3);
  });

  it('marks some, then all, read', async () => {
    const after = ok<NotificationList>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: '/api/me/notifications/read',
        payload: { ids: ['n-0'] },
      }),
    );
    expect(after.unread).toBe(2);
    expect(after.items.find((n) => n.id === 'n-0')?.readAt).toBe('2026-11-23T08:00:00.000Z');
    expect((await list(principal, '?unreadOnly=true')).items.map((n) => n.id)).toEqual([
      'n-2',
      'n-1',
    ]);
    const all = ok<NotificationList>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: '/api/me/notifications/read',
        payload: {},
      }),
    );
    expect(all.unread).toBe(0);
  });

  it('keeps each person’s preferences, every kind on by default', async () => {
    const initial = ok<Preferences>(
      await call(ctx.app, principal, { method: 'GET', url: '/api/me/notification-preferences' }),
    );
    expect(initial.emailAvailable).toBe(false);
    expect(initial.kinds.map((k) => [k.kind, k.inApp, k.email])).toEqual([
      ['row_due_soon', true, true],
      ['row_overdue', true, true],
      ['review_round_coming', true, true],
      ['weekly_digest', true, true],
      ['submission_received', true, true],
      ['submission_state', true, true],
      ['comment_posted', true, true],
    ]);
    expect(initial.kinds[0]?.label).toBe('Việc sắp đến hạn (trước 2 tuần)');
    const updated = ok<Preferences>(
      await call(ctx.app, principal, {
        method: 'PUT',
        url: '/api/me/notification-preferences',
        payload: { kinds: [{ kind: 'weekly_digest', inApp: false, email: false }] },
      }),
    );
    expect(updated.kinds.find((k) => k.kind === 'weekly_digest')).toMatchObject({
      inApp: false,
      email: false,
    });
    // Changed again (an update, not a second row), and another user is untouched.
    ok(
      await call(ctx.app, principal, {
        method: 'PUT',
        url: '/api/me/notification-preferences',
        payload: { kinds: [{ kind: 'weekly_digest', inApp: true, email: false }] },
      }),
    );
    const again = ok<Preferences>(
      await call(ctx.app, principal, { method: 'GET', url: '/api/me/notification-preferences' }),
    );
    expect(again.kinds.find((k) => k.kind === 'weekly_digest')).toMatchObject({
      inApp: true,
      email: false,
    });
    const other = ok<Preferences>(
      await call(ctx.app, foreignStaff, {
        method: 'GET',
        url: '/api/me/notification-preferences',
      }),
    );
    expect(other.kinds.every((k) => k.inApp && k.email)).toBe(true);
  });

  it('refuses bad preferences in Vietnamese', async () => {
    const unknown = await call(ctx.app, principal, {
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { kinds: [{ kind: 'spam', inApp: true, email: true }] },
    });
    expect(unknown.statusCode).toBe(400);
    const twice = await call(ctx.app, principal, {
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: {
        kinds: [
          { kind: 'row_overdue', inApp: true, email: true },
          { kind: 'row_overdue', inApp: false, email: true },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toBe('Mỗi loại thông báo chỉ được nêu một lần.');
  });

  it('shows the mail queue to the administrator only', async () => {
    const admin = ok<{ smtpConfigured: boolean; items: unknown[] }>(
      await call(ctx.app, fx.adminSession, { method: 'GET', url: '/api/admin/mail-outbox' }),
    );
    expect(admin).toMatchObject({ smtpConfigured: false, items: [] });
    for (const session of [principal, foreignStaff]) {
      const res = await call(ctx.app, session, { method: 'GET', url: '/api/admin/mail-outbox' });
      expect(res.statusCode).toBe(403);
    }
  });

  it('makes reminders in the app without SMTP and queues no mail', async () => {
    expect(await ctx.app.jobs.runDue()).toEqual(['reminders', 'mail']);
    const repos = createRepositories(ctx.database.db);
    expect(await repos.notifications.listOutbox(10)).toEqual([]);
  });

  it('shows the administrator each background job: last run, next run, and a failed run’s error', async () => {
    await ctx.app.jobs.runDue();
    type Jobs = {
      jobs: {
        name: string;
        lastRunAt: string | null;
        lastError: string | null;
        overdue: boolean;
      }[];
      counts: Record<string, number>;
    };
    const read = async () =>
      ok<Jobs>(
        await call(ctx.app, fx.adminSession, { method: 'GET', url: '/api/admin/mail-outbox' }),
      );
    const before = await read();
    expect(before.jobs.map((j) => j.name)).toEqual(['mail', 'reminders']);
    for (const job of before.jobs) {
      expect(job.lastRunAt).not.toBeNull();
      expect(job.lastError).toBeNull();
      expect(job.overdue).toBe(false);
    }
    expect(before.counts).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
    // A run that failed (as the runner records it), due long ago and held by nobody.
    await ctx.database.db
      .updateTable('job_runs')
      .set({
        last_error: 'Không kết nối được máy chủ thư',
        next_run_at: '2000-01-01T00:00:00.000Z',
        locked_until: null,
        locked_by: null,
      })
      .where('name', '=', 'reminders')
      .execute();
    const after = await read();
    expect(after.jobs.find((j) => j.name === 'reminders')).toMatchObject({
      lastError: 'Không kết nối được máy chủ thư',
      overdue: true,
    });
  });
});
