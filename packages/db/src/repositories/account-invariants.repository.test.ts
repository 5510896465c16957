import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';
import { UniqueViolation } from '../unique-violation.ts';
import { createRepositories, type Repositories } from './index.ts';

const NOW = '2026-11-23T08:00:00.000Z';
const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * MINUTE).toISOString();

/** A reservation as the auth service makes it, with a 15-minute window and lock. */
const reserve = (repos: Repositories, key: string, limit: number, minutes = 0) =>
  repos.auth.reserveAttempt({
    key,
    limit,
    now: at(minutes),
    windowStartedBefore: at(minutes - 15),
    lockUntil: at(minutes + 15),
  });

describe.each(testDialects())('account invariants in the database on %s', (dialect) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let n = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    repos = createRepositories(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  const newUser = (username: string, email: string | null) => {
    n += 1;
    return {
      id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
      username,
      email,
      displayName: 'Người dùng',
      personId: null,
      passwordHash: 'scrypt$x',
      mustChangePassword: false,
      now: NOW,
    };
  };

  it('turns a duplicate username or e-mail into a typed UniqueViolation naming the column', async () => {
    await repos.users.insert(newUser('trung.ten', 'trung@truong.edu.vn'));
    await expect(repos.users.insert(newUser('Trung.Ten', null))).rejects.toMatchObject({
      name: 'UniqueViolation',
      table: 'users',
      column: 'username',
    });
    const byEmail = repos.users.insert(newUser('khac.ten', 'TRUNG@truong.edu.vn'));
    await expect(byEmail).rejects.toBeInstanceOf(UniqueViolation);
    await expect(byEmail).rejects.toMatchObject({ column: 'email' });
    // Inside a transaction the violation rolls the whole transaction back.
    const other = newUser('nguoi.khac', null);
    await expect(
      repos.transaction(async (tx) => {
        await tx.users.insert(other);
        await tx.users.insert(newUser('TRUNG.TEN', null));
      }),
    ).rejects.toMatchObject({ column: 'username' });
    expect(await repos.users.findById(other.id)).toBeUndefined();
  });

  it('ten concurrent inserts of one username: one row, nine UniqueViolations', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        repos.transaction((tx) =>
          tx.users.insert(newUser(i % 2 ? 'dong.thoi' : 'Dong.Thoi', `dong.thoi.${i}@a.vn`)),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(UniqueViolation);
      expect((r.reason as UniqueViolation).column).toBe('username');
    }
  });

  it('the database itself refuses a username differing only in case (written past the repository)', async () => {
    await repos.users.insert(newUser('chu.thuong', null));
    const row = { ...newUser('x', null) };
    await expect(
      sql`insert into users (id, username, email, display_name, person_id, password_hash,
            must_change_password, is_disabled, password_changed_at, last_login_at, version,
            created_at, updated_at)
          values (${row.id}, ${'CHU.THUONG'}, ${null}, ${'X'}, ${null}, ${'h'}, 0, 0, ${NOW},
            ${null}, 1, ${NOW}, ${NOW})`.execute(handle.db),
    ).rejects.toThrow();
  });

  it('reserves at most `limit` of many concurrent attempts, and locks at the last one', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => reserve(repos, 'account:song-song', 5)),
    );
    expect(answers.filter((a) => a.granted)).toHaveLength(5);
    for (const refused of answers.filter((a) => !a.granted)) {
      expect(refused).toEqual({ granted: false, lockedUntil: at(15) });
    }
    expect(await repos.auth.findThrottle('account:song-song')).toMatchObject({
      failures: 5,
      lockedUntil: at(15),
    });
    // A refused attempt changes nothing; after the lock a new count starts.
    expect(await reserve(repos, 'account:song-song', 5, 14)).toMatchObject({ granted: false });
    expect(await reserve(repos, 'account:song-song', 5, 15)).toMatchObject({ granted: true });
    expect(await repos.auth.findThrottle('account:song-song')).toMatchObject({
      failures: 1,
      windowStartedAt: at(15),
      lockedUntil: null,
    });
  });

  it('starts a new count when the window has passed, and gives back released attempts', async () => {
    const first = await reserve(repos, 'ip:10.0.0.1', 3);
    await reserve(repos, 'ip:10.0.0.1', 3, 1);
    expect(await repos.auth.findThrottle('ip:10.0.0.1')).toMatchObject({ failures: 2 });
    const third = await reserve(repos, 'ip:10.0.0.1', 3, 2);
    expect(await repos.auth.findThrottle('ip:10.0.0.1')).toMatchObject({
      failures: 3,
      lockedUntil: at(17),
    });
    // The third was a success after all: given back, it lifts the lock it set.
    if (!third.granted) throw new Error('third attempt refused');
    await repos.auth.releaseAttempt({
      key: 'ip:10.0.0.1',
      limit: 3,
      windowStartedAt: third.windowStartedAt,
    });
    expect(await repos.auth.findThrottle('ip:10.0.0.1')).toMatchObject({
      failures: 2,
      lockedUntil: null,
    });
    // Past the window the count restarts; a release from the old window changes nothing.
    expect(await reserve(repos, 'ip:10.0.0.1', 3, 16)).toMatchObject({ granted: true });
    if (!first.granted) throw new Error('first attempt refused');
    await repos.auth.releaseAttempt({
      key: 'ip:10.0.0.1',
      limit: 3,
      windowStartedAt: first.windowStartedAt,
    });
    expect(await repos.auth.findThrottle('ip:10.0.0.1')).toMatchObject({
      failures: 1,
      windowStartedAt: at(16),
    });
  });
});
