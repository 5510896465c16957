import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';
import { createRepositories, type Repositories } from './index.ts';

const NOW = '2026-02-15T02:00:00.000Z';
const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * MINUTE).toISOString();

describe.each(testDialects())('notification repository on %s', (dialect) => {
  let handle: DatabaseHandle;
  let repos: Repositories;

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    repos = createRepositories(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('gives a job lease to one of two simultaneous takers, and again only after it ends or expires', async () => {
    await repos.notifications.ensureJob('reminders', at(0));
    await repos.notifications.ensureJob('reminders', at(99)); // exists: unchanged
    expect((await repos.notifications.findJob('reminders'))?.nextRunAt).toBe(at(0));
    const take = (owner: string, minutes: number) =>
      repos.notifications.acquireJob('reminders', {
        now: at(minutes),
        lockedUntil: at(minutes + 10),
        owner,
      });
    const results = await Promise.all([take('a', 0), take('b', 0)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'a' : 'b';
    // Held: nobody else, not even after a "restart" with a new owner id, before it expires.
    expect(await take('c', 5)).toBe(false);
    // The holder died; the lease expires at +10 and the job is taken again.
    expect(await take('c', 10)).toBe(true);
    // The first holder's late finish does not release the new holder's lease.
    expect(
      await repos.notifications.finishJob('reminders', winner, {
        now: at(11),
        nextRunAt: at(60),
        error: null,
      }),
    ).toBe(false);
    expect(
      await repos.notifications.finishJob('reminders', 'c', {
        now: at(11),
        nextRunAt: at(60),
        error: null,
      }),
    ).toBe(true);
    expect(await take('d', 30)).toBe(false); // not due yet
    expect(await take('d', 60)).toBe(true);
  });

  it('claims a due mail once, keeps a crashed send leased, and records backoff and failure', async () => {
    const queued = await repos.notifications.enqueueMailIfAbsent({
      id: 'mail-1',
      notificationId: null,
      userId: null,
      toAddress: 'giaovien@example.com',
      subject: 'Sắp đến hạn',
      bodyText: 'Nội dung',
      dedupeKey: 'k-1',
      messageId: '<k1@caitien>',
      nextAttemptAt: at(0),
      createdAt: at(0),
    });
    expect(queued).toBe(true);
    const again = await repos.notifications.enqueueMailIfAbsent({
      id: 'mail-2',
      notificationId: null,
      userId: null,
      toAddress: 'giaovien@example.com',
      subject: 'Sắp đến hạn',
      bodyText: 'Nội dung',
      dedupeKey: 'k-1',
      messageId: '<k1@caitien>',
      nextAttemptAt: at(0),
      createdAt: at(0),
    });
    expect(again).toBe(false);

    const [first, second] = await Promise.all([
      repos.notifications.claimDueMail(at(0), at(10), 10),
      repos.notifications.claimDueMail(at(0), at(10), 10),
    ]);
    expect([...first!, ...second!].map((m) => m.id)).toEqual(['mail-1']);
    const claimed = [...first!, ...second!][0]!;
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1, nextAttemptAt: at(10) });
    // Leased: not claimable before the lease ends.
    expect(await repos.notifications.claimDueMail(at(5), at(15), 10)).toEqual([]);
    // The lease ran out (the sender crashed): claimed again as attempt 2.
    const retaken = await repos.notifications.claimDueMail(at(10), at(20), 10);
    expect(retaken.map((m) => m.attempts)).toEqual([2]);
    // The stale holder cannot mark it any more.
    expect(await repos.notifications.markMailSent('mail-1', 1, at(11))).toBe(false);
    expect(
      await repos.notifications.markMailAttemptFailed('mail-1', 2, {
        status: 'pending',
        nextAttemptAt: at(30),
        error: 'ECONNREFUSED',
      }),
    ).toBe(true);
    expect(await repos.notifications.findMail('mail-1')).toMatchObject({
      status: 'pending',
      lastError: 'ECONNREFUSED',
      nextAttemptAt: at(30),
    });
    const third = await repos.notifications.claimDueMail(at(30), at(40), 10);
    expect(await repos.notifications.markMailSent('mail-1', third[0]!.attempts, at(31))).toBe(true);
    expect(await repos.notifications.findMail('mail-1')).toMatchObject({
      status: 'sent',
      sentAt: at(31),
      lastError: null,
    });
    expect(await repos.notifications.claimDueMail(at(100), at(110), 10)).toEqual([]);
  });
});
