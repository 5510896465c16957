/**
 * The reminder job end to end (issue 13 "Done when"): a fixed clock, a local SMTP sink, a plan of
 * the own school with rows due soon and overdue; exactly the expected mails, none twice across a
 * restart (a new app instance on the same database), an SMTP server that is down retried with
 * backoff and logged, then sent once when it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFrameworkCatalogue } from '@caitien/core';
import {
  createRepositories,
  migrateToLatest,
  seedFrameworkCatalogue,
  type DatabaseHandle,
  type DialectName,
} from '@caitien/db';
import { openTestDatabase, testDialects } from '@caitien/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../build-app.ts';
import { inlineDocumentParsers } from '../documents/document-parsers.ts';
import { createPasswordHasher } from '../modules/auth/password-hasher.ts';
import {
  ADMIN_PASSWORD,
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../testing/access-fixtures.ts';
import { call, ok, signIn } from '../testing/api-client.ts';
import { rowBody, seedPlan } from '../testing/builders.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { movableClock } from '../testing/test-app.ts';
import type { JobLogger } from './job-runner.ts';
import { createSmtpTransport } from './mail-transport.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Monday 16/02/2026, 08:00 in Việt Nam. */
const START = '2026-02-16T01:00:00.000Z';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}

describe.each(testDialects())('the reminder job on %s', (dialect: DialectName) => {
  let database: DatabaseHandle;
  let dataDir: string;
  let fx: AccessFixtures;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const clock = movableClock(START);
  const logs: LogLine[] = [];
  const logger: JobLogger = {
    info: (obj, msg) => logs.push({ level: 'info', msg, ...obj }),
    warn: (obj, msg) => logs.push({ level: 'warn', msg, ...obj }),
    error: (obj, msg) => logs.push({ level: 'error', msg, ...obj }),
  };
  let app: FastifyInstance;
  let planId: string;
  let rowIds: string[] = [];
  const users: Record<string, string> = {};

  /** An app instance on the shared database (a "process"), its jobs run by hand. */
  async function startInstance(owner: string, mail: { maxAttempts?: number } = {}) {
    const instance = await buildApp({
      database,
      clock,
      hasher: createPasswordHasher({ cost: 1024 }),
      documentParsers: inlineDocumentParsers,
      evidenceFiles: { dataDir },
      logger: false,
      jobs: {
        owner,
        logger,
        mailTransport: createSmtpTransport({
          url: sink.url,
          from: 'CaiTien <nhac-viec@truong.test>',
          timeoutMs: 2000,
        }),
        mail: { baseDelayMs: MINUTE, maxAttempts: mail.maxAttempts ?? 5 },
      },
    });
    await instance.ready();
    return instance;
  }

  const repos = () => createRepositories(database.db);
  const outbox = async () =>
    (await repos().notifications.listOutbox(500)).sort((a, b) =>
      a.dedupeKey.localeCompare(b.dedupeKey),
    );

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await migrateToLatest(database.db);
    await seedFrameworkCatalogue(database.db, loadFrameworkCatalogue(), START);
    dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-reminders-'));
    sink = await startSmtpSink();
    app = await startInstance('instance-1');
    fx = await buildAccessFixtures(app);
    // A teacher whose account is linked to the directory person named in the rows.
    users.teacher = await createAccount(app, fx.adminSession, {
      username: 'giaovien.a',
      displayName: 'Giáo viên A',
      roles: [{ role: 'staff', unitId: fx.own.schoolId }],
      personId: fx.own.personId,
    });
    for (const role of ['principal', 'monitoring', 'staff'] as const) {
      users[role] = (await fx.signInAs(role)).userId;
    }
    const emails: Record<string, string> = {
      'giaovien.a': 'giaovien@truong.test',
      'hieutruong.a': 'hieutruong@truong.test',
      'giamsat.a': 'giamsat@truong.test',
      'nhanvien.a': 'nhanvien@truong.test',
    };
    for (const [username, email] of Object.entries(emails)) {
      await database.db
        .updateTable('users')
        .set({ email })
        .where('username', '=', username)
        .execute();
    }
    const lead = 'Nguyễn Thị Hoa a';
    const seeded = await seedPlan(app, fx.adminSession, fx.own.schoolId, {
      schoolYear: '2025-2026',
      approve: true,
      rows: [
        rowBody({
          group: 'levels_1_3',
          criterionCode: '1.1',
          cells: { content: 'Rà soát kế hoạch chiến lược', time: 'Tháng 02/2026', lead },
        }),
        rowBody({
          group: 'levels_1_3',
          criterionCode: '1.2',
          cells: { content: 'Kiện toàn hội đồng trường', time: 'Tháng 01/2026', lead },
        }),
        rowBody({
          group: 'levels_1_3',
          criterionCode: '2.1',
          cells: { content: 'Bồi dưỡng chuyên môn', time: 'Tháng 3/2026', coordinators: lead },
        }),
        // Nobody linked: only the digest counts it.
        rowBody({
          group: 'levels_1_3',
          criterionCode: '2.2',
          cells: { content: 'Sửa chữa phòng học', time: 'Tháng 01/2026', lead: 'Tổ văn phòng' },
        }),
      ],
    });
    planId = seeded.planId;
    rowIds = seeded.rows.map((r) => r.id);
    const plan = await database.db
      .selectFrom('plans')
      .select(['lineage_id'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    // A round the monitoring team planned for Friday (the rounds module writes these).
    await database.db
      .insertInto('review_rounds')
      .values({
        id: 'round-extra',
        lineage_id: plan.lineage_id,
        school_id: fx.own.schoolId,
        plan_id: planId,
        position: 1,
        kind: 'extra',
        label: 'Rà soát giữa học kỳ II',
        status: 'planned',
        planned_date: '2026-02-20',
        opened_at: null,
        opened_by_user_id: null,
        conclusions: '',
        recommendations: '',
        closed_at: null,
        closed_by_user_id: null,
        field_versions_json: '{}',
        version: 1,
        created_at: START,
        updated_at: START,
      })
      .execute();
    // The monitoring member keeps the digest in the app only.
    const monitoring = await fx.signInAs('monitoring');
    ok(
      await call(app, monitoring, {
        method: 'PUT',
        url: '/api/me/notification-preferences',
        payload: { kinds: [{ kind: 'weekly_digest', inApp: true, email: false }] },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await sink.stop();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends exactly the expected mails, and records the notifications', async () => {
    expect(await app.jobs.runDue()).toEqual(['reminders', 'mail']);
    const mails = await outbox();
    const summary = mails
      .map((m) => [m.dedupeKey.split(':')[0], m.toAddress, m.status])
      .sort((a, b) => a.join().localeCompare(b.join()));
    expect(summary).toEqual([
      ['review_round_coming', 'giamsat@truong.test', 'sent'],
      ['review_round_coming', 'hieutruong@truong.test', 'sent'],
      ['row_due_soon', 'giaovien@truong.test', 'sent'],
      ['row_overdue', 'giaovien@truong.test', 'sent'],
      ['weekly_digest', 'hieutruong@truong.test', 'sent'],
    ]);
    // The sink got each of them once, with the outbox's deterministic Message-ID.
    expect(sink.received).toHaveLength(5);
    expect(sink.received.map((m) => m.messageId).sort()).toEqual(
      mails.map((m) => m.messageId).sort(),
    );
    expect(mails.every((m) => /^<[0-9a-f]{32}@truong\.test>$/u.test(m.messageId))).toBe(true);
    const due = mails.find((m) => m.dedupeKey.startsWith('row_due_soon'))!;
    expect(due.subject).toBe('[CaiTien] Sắp đến hạn: Tiêu chí 1.1 – Rà soát kế hoạch chiến lược');
    expect(due.bodyText).toContain('đến hạn ngày 28/02/2026 (còn 12 ngày)');
    expect(due.bodyText).toContain(`/ke-hoach/${planId}`);

    // In the app: the teacher's two reminders, the monitoring member's round and digest.
    const teacher = await signIn(app, 'giaovien.a', FIXTURE_PASSWORD);
    const list = ok<{ unread: number; items: { kind: string; title: string }[] }>(
      await call(app, teacher, { method: 'GET', url: '/api/me/notifications' }),
    );
    expect(list.unread).toBe(2);
    expect(list.items.map((n) => n.kind).sort()).toEqual(['row_due_soon', 'row_overdue']);
    const monitoring = await fx.signInAs('monitoring');
    const theirs = ok<{ items: { kind: string; body: string }[] }>(
      await call(app, monitoring, { method: 'GET', url: '/api/me/notifications' }),
    );
    expect(theirs.items.map((n) => n.kind).sort()).toEqual([
      'review_round_coming',
      'weekly_digest',
    ]);
    const digest = theirs.items.find((n) => n.kind === 'weekly_digest')!;
    expect(digest.body).toContain('Tổng số dòng kế hoạch đang theo dõi: 4.');
    expect(digest.body).toContain('Quá hạn: 2.');
    expect(digest.body).toContain('- Tiêu chí 2.2 – Sửa chữa phòng học (hạn 31/01/2026)');
    // A staff member on no row gets nothing.
    const staff = await fx.signInAs('staff');
    expect(
      ok<{ unread: number }>(
        await call(app, staff, { method: 'GET', url: '/api/me/notifications' }),
      ).unread,
    ).toBe(0);
    expect(logs.filter((l) => l.msg === 'mail sent')).toHaveLength(5);
  });

  it('sends none twice: again at once, then after a restart on the same database', async () => {
    expect(await app.jobs.runDue()).toEqual(['mail']); // reminders not due for an hour
    await app.close();
    clock.advance(2 * 60 * MINUTE);
    app = await startInstance('instance-2');
    expect(await app.jobs.runDue()).toEqual(['reminders', 'mail']);
    expect(sink.received).toHaveLength(5);
    expect(await outbox()).toHaveLength(5);
    const count = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // Teacher 2, principal 2, monitoring member 2 (the digest in the app only).
    expect(Number(count.n)).toBe(6);
  });

  it('retries while SMTP is down, with backoff and a log line, then sends each mail once', async () => {
    // Tuesday 17/03: the February row is now overdue, the March row due within 14 days.
    clock.advance(29 * DAY);
    await sink.stop();
    logs.length = 0;
    expect(await app.jobs.runDue()).toEqual(['reminders', 'mail']);
    const pending = (await outbox()).filter((m) => m.status !== 'sent');
    expect(pending.map((m) => m.dedupeKey.split(':')[0]).sort()).toEqual([
      'row_due_soon',
      'row_overdue',
    ]);
    const retryAt = new Date(clock.now().getTime() + MINUTE).toISOString();
    for (const m of pending) {
      expect(m).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: retryAt });
      expect(m.lastError).toBeTruthy();
    }
    const warned = logs.filter((l) => l.level === 'warn');
    expect(warned).toHaveLength(2);
    expect(warned[0]).toMatchObject({ msg: 'mail not sent; will retry', attempt: 1 });

    // Not due yet: nothing tried.
    await app.jobs.runDue();
    expect((await outbox()).filter((m) => m.attempts === 2)).toHaveLength(0);

    // Still down a minute later: attempt 2, the next wait doubles.
    clock.advance(MINUTE);
    await app.jobs.runDue();
    const second = (await outbox()).filter((m) => m.status === 'pending');
    expect(second.map((m) => m.attempts)).toEqual([2, 2]);
    const doubled = new Date(clock.now().getTime() + 2 * MINUTE).toISOString();
    expect(second.every((m) => m.nextAttemptAt === doubled)).toBe(true);

    // Back up; after the wait both go out, once.
    await sink.start();
    clock.advance(2 * MINUTE);
    await app.jobs.runDue();
    await app.jobs.runDue();
    expect(sink.received).toHaveLength(7);
    const all = await outbox();
    expect(all.every((m) => m.status === 'sent')).toBe(true);
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(7);
  });

  it('keeps a send interrupted by a crash leased, retries it after the lease, and shows failures to the administrator', async () => {
    // A process claimed the teacher's next reminder and died before recording the send.
    clock.advance(DAY); // Wednesday 18/03
    await repos().notifications.enqueueMailIfAbsent({
      id: 'crashed-mail',
      notificationId: null,
      userId: users.teacher!,
      toAddress: 'giaovien@truong.test',
      subject: '[CaiTien] Thư bị gián đoạn',
      bodyText: 'Nội dung',
      dedupeKey: 'test:crashed',
      messageId: '<crashed@truong.test>',
      nextAttemptAt: clock.now().toISOString(),
      createdAt: clock.now().toISOString(),
    });
    const now = clock.now().getTime();
    const [claimed] = await repos().notifications.claimDueMail(
      new Date(now).toISOString(),
      new Date(now + 10 * MINUTE).toISOString(),
      10,
    );
    expect(claimed?.id).toBe('crashed-mail');
    await app.jobs.runDue();
    expect(sink.received.some((m) => m.messageId === '<crashed@truong.test>')).toBe(false);
    clock.advance(10 * MINUTE);
    await app.jobs.runDue();
    expect(sink.received.filter((m) => m.messageId === '<crashed@truong.test>')).toHaveLength(1);
    expect(await repos().notifications.findMail('crashed-mail')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });

    // An address the server refuses for good ends 'failed' after the last attempt.
    await app.close();
    app = await startInstance('instance-3', { maxAttempts: 2 });
    await sink.stop();
    await repos().notifications.enqueueMailIfAbsent({
      id: 'doomed-mail',
      notificationId: null,
      userId: null,
      toAddress: 'hieutruong@truong.test',
      subject: '[CaiTien] Không gửi được',
      bodyText: 'Nội dung',
      dedupeKey: 'test:doomed',
      messageId: '<doomed@truong.test>',
      nextAttemptAt: clock.now().toISOString(),
      createdAt: clock.now().toISOString(),
    });
    logs.length = 0;
    await app.jobs.runDue();
    clock.advance(MINUTE);
    await app.jobs.runDue();
    const doomed = await repos().notifications.findMail('doomed-mail');
    expect(doomed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(logs.some((l) => l.level === 'error' && l.outboxId === 'doomed-mail')).toBe(true);
    await sink.start();

    const admin = await signIn(app, 'quantri', ADMIN_PASSWORD);
    const queue = ok<{
      smtpConfigured: boolean;
      items: { id: string; status: string; lastError: string | null }[];
    }>(await call(app, admin, { method: 'GET', url: '/api/admin/mail-outbox' }));
    expect(queue.smtpConfigured).toBe(true);
    expect(queue.items[0]).toMatchObject({ id: 'doomed-mail', status: 'failed' });
    expect(queue.items[0]?.lastError).toBeTruthy();
    const principal = await signIn(app, 'hieutruong.a', FIXTURE_PASSWORD);
    const refused = await call(app, principal, { method: 'GET', url: '/api/admin/mail-outbox' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('không có quyền');
  });

  it('two instances running at once make and send Monday’s digest once', async () => {
    clock.advance(5 * DAY); // Monday 23/03
    const before = sink.received.length;
    const other = await startInstance('instance-4');
    try {
      const [a, b] = await Promise.all([app.jobs.runDue(), other.jobs.runDue()]);
      expect([...a, ...b].filter((name) => name === 'reminders')).toHaveLength(1);
      await app.jobs.runDue();
      await other.jobs.runDue();
    } finally {
      await other.close();
    }
    const digests = sink.received.slice(before);
    expect(digests.map((m) => m.to)).toEqual([['hieutruong@truong.test']]);
  });

  it('runs on its own timer when enabled, and stops with the app', async () => {
    clock.advance(DAY); // Tuesday 24/03: the April row is not due yet; nothing new to say
    await repos().notifications.enqueueMailIfAbsent({
      id: 'timer-mail',
      notificationId: null,
      userId: null,
      toAddress: 'giamsat@truong.test',
      subject: '[CaiTien] Gửi theo đồng hồ',
      bodyText: 'Nội dung',
      dedupeKey: 'test:timer',
      messageId: '<timer@truong.test>',
      nextAttemptAt: clock.now().toISOString(),
      createdAt: clock.now().toISOString(),
    });
    const timed = await buildApp({
      database,
      clock,
      hasher: createPasswordHasher({ cost: 1024 }),
      documentParsers: inlineDocumentParsers,
      evidenceFiles: { dataDir },
      logger: false,
      jobs: {
        enabled: true,
        tickMs: 20,
        owner: 'instance-timer',
        logger,
        mailTransport: createSmtpTransport({
          url: sink.url,
          from: 'CaiTien <nhac-viec@truong.test>',
        }),
      },
    });
    await timed.ready();
    const deadline = Date.now() + 10_000;
    while (
      Date.now() < deadline &&
      !sink.received.some((m) => m.messageId === '<timer@truong.test>')
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    await timed.close();
    expect(sink.received.filter((m) => m.messageId === '<timer@truong.test>')).toHaveLength(1);
    const job = await repos().notifications.findJob('mail');
    expect(job).toMatchObject({ lockedBy: null, lastError: null });
  });

  it('runs the reminders at each start, also when their next run is later (a clock standing still)', async () => {
    // As under CAITIEN_NOW: the clock does not move, so the scheduled run never comes by itself.
    await database.db
      .updateTable('job_runs')
      .set({ next_run_at: '2999-01-01T00:00:00.000Z', last_run_at: null })
      .where('name', '=', 'reminders')
      .execute();
    const started = await buildApp({
      database,
      clock,
      hasher: createPasswordHasher({ cost: 1024 }),
      documentParsers: inlineDocumentParsers,
      evidenceFiles: { dataDir },
      logger: false,
      jobs: { enabled: true, tickMs: 20, owner: 'instance-start', logger },
    });
    await started.ready();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(await repos().notifications.findJob('reminders'))?.lastRunAt)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await started.close();
    const job = await repos().notifications.findJob('reminders');
    expect(job?.lastRunAt).toBe(clock.now().toISOString());
    expect(job?.lockedBy).toBeNull();
  });

  it('does not remind of a row its teacher marked done through the progress route', async () => {
    const teacher = await signIn(app, 'giaovien.a', FIXTURE_PASSWORD);
    ok(
      await call(app, teacher, {
        method: 'POST',
        url: `/api/plans/${planId}/rows/${rowIds[2]!}/progress`,
        payload: { version: 0, entryDate: '2026-03-24', status: 'done', note: 'Đã bồi dưỡng xong' },
      }),
    );
    const before = sink.received.length;
    clock.advance(8 * DAY); // Wednesday 01/04: the March row would be overdue
    expect(await app.jobs.runDue()).toEqual(['reminders', 'mail']);
    expect(sink.received.length).toBe(before);
    const overdue = await database.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'row_overdue')
      .execute();
    expect(overdue.map((n) => n.title).sort()).toEqual([
      'Quá hạn: Tiêu chí 1.1 – Rà soát kế hoạch chiến lược',
      'Quá hạn: Tiêu chí 1.2 – Kiện toàn hội đồng trường',
    ]);
  });
});
