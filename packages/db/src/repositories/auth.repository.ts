import { memoUntilChange } from '../change-stamp.ts';
import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../database.types.ts';

/** A live session with its user's state, as read on every signed-in request. */
export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  revokedAt: string | null;
}

/** An attempt counter for a sign-in key (an account, an unknown login name or an IP address). */
export interface ThrottleRecord {
  key: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

/** The answer to `reserveAttempt`: go ahead (and when the counted window began), or locked until. */
export type ThrottleReservation =
  { granted: true; windowStartedAt: string } | { granted: false; lockedUntil: string };

const toSession = (row: SessionsTable): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  userAgent: row.user_agent,
  ipAddress: row.ip_address,
  revokedAt: row.revoked_at,
});

/** All SQL about sessions, sign-in throttling and password-reset tokens. */
export function createAuthRepository(db: Kysely<Database>) {
  const epochQuery = memoUntilChange(
    db,
    () => db.selectFrom('auth_epoch').select('value').where('id', '=', 1).execute(),
    () => 'epoch',
    1,
  );
  return {
    async insertSession(session: {
      id: string;
      tokenHash: string;
      userId: string;
      csrfToken: string;
      now: string;
      expiresAt: string;
      userAgent: string | null;
      ipAddress: string | null;
    }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          token_hash: session.tokenHash,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
          user_agent: session.userAgent,
          ip_address: session.ipAddress,
          revoked_at: null,
        })
        .execute();
    },

    /**
     * The counter of changes that end sessions or change their rights (migration 0016). On SQLite
     * it is read again only when something was committed since (the change stamp), so a read
     * request usually costs no query; on PostgreSQL it is one primary-key read.
     */
    async readAuthEpoch(): Promise<number> {
      const rows = await epochQuery(undefined);
      return Number(rows[0]?.value ?? 0);
    },

    /** Moves the counter: every process drops its cached sessions on its next read. */
    async bumpAuthEpoch(): Promise<void> {
      await db
        .updateTable('auth_epoch')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .execute();
    },

    async findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toSession(row) : undefined;
    },

    async touchSession(id: string, now: string, expiresAt: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },

    async listActiveSessions(userId: string, now: string): Promise<SessionRecord[]> {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map(toSession);
    },

    async revokeSession(userId: string, sessionId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Revokes every session of a user, except one when given (e.g. the one changing the password). */
    async revokeAllSessions(userId: string, now: string, exceptSessionId?: string): Promise<void> {
      let query = db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
      await query.execute();
    },

    /** Deletes sessions that ended before `before` (housekeeping). */
    async deleteEndedSessions(before: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
        .execute();
    },

    async findThrottle(key: string): Promise<ThrottleRecord | undefined> {
      const row = await db
        .selectFrom('auth_throttle')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      return row
        ? {
            key: row.key,
            failures: row.failures,
            windowStartedAt: row.window_started_at,
            lockedUntil: row.locked_until,
          }
        : undefined;
    },

    /**
     * Counts one attempt for `key` unless it is locked, in ONE statement (an upsert whose update is
     * conditional), so concurrent attempts can neither pass the check together nor lose each other's
     * count (issue 11). The attempt counts from now on, before the slow password hash; the attempt
     * that reaches `limit` sets the lock at once, so at most `limit` attempts per window are ever
     * checked. An elapsed window or lock starts a new count. A refused attempt changes nothing.
     */
    async reserveAttempt(input: {
      key: string;
      limit: number;
      now: string;
      /** Counts older than this (now − window) start afresh. */
      windowStartedBefore: string;
      /** When a lock set by this attempt ends (now + lockout). */
      lockUntil: string;
    }): Promise<ThrottleReservation> {
      const { key, limit, now } = input;
      const row = await db
        .insertInto('auth_throttle')
        .values({
          key,
          failures: 1,
          window_started_at: now,
          locked_until: limit <= 1 ? input.lockUntil : null,
        })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet((eb) => {
              // Here locked_until is null or in the past (the WHERE below): a past lock, like an
              // elapsed window, starts a new count.
              const fresh = eb.or([
                eb('auth_throttle.locked_until', 'is not', null),
                eb('auth_throttle.window_started_at', '<=', input.windowStartedBefore),
              ]);
              const failures = eb
                .case()
                .when(fresh)
                .then(1)
                .else(eb('auth_throttle.failures', '+', 1))
                .end();
              return {
                failures,
                window_started_at: eb
                  .case()
                  .when(fresh)
                  .then(now)
                  .else(eb.ref('auth_throttle.window_started_at'))
                  .end(),
                locked_until: eb
                  .case()
                  .when(eb(failures, '>=', limit))
                  .then(input.lockUntil)
                  .else(null)
                  .end(),
              };
            })
            .where((eb) =>
              eb.or([
                eb('auth_throttle.locked_until', 'is', null),
                eb('auth_throttle.locked_until', '<=', now),
              ]),
            ),
        )
        .returning(['window_started_at'])
        .executeTakeFirst();
      if (row) return { granted: true, windowStartedAt: row.window_started_at };
      const locked = await db
        .selectFrom('auth_throttle')
        .select('locked_until')
        .where('key', '=', key)
        .executeTakeFirst();
      return { granted: false, lockedUntil: locked?.locked_until ?? input.lockUntil };
    },

    /**
     * Gives back an attempt reserved in the window that started at `windowStartedAt` (one that turned
     * out not to be a failure), lifting the lock it may have set. Nothing happens when the window
     * has been restarted since.
     */
    async releaseAttempt(input: {
      key: string;
      limit: number;
      windowStartedAt: string;
    }): Promise<void> {
      await db
        .updateTable('auth_throttle')
        .set((eb) => ({
          failures: eb('failures', '-', 1),
          locked_until: eb
            .case()
            .when(eb(eb('failures', '-', 1), '>=', input.limit))
            .then(eb.ref('locked_until'))
            .else(null)
            .end(),
        }))
        .where('key', '=', input.key)
        .where('window_started_at', '=', input.windowStartedAt)
        .where('failures', '>', 0)
        .execute();
    },

    async clearThrottle(key: string): Promise<void> {
      await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
    },

    async insertResetToken(token: {
      id: string;
      tokenHash: string;
      userId: string;
      createdByUserId: string;
      now: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('password_reset_tokens')
        .values({
          id: token.id,
          token_hash: token.tokenHash,
          user_id: token.userId,
          created_by_user_id: token.createdByUserId,
          created_at: token.now,
          expires_at: token.expiresAt,
          used_at: null,
        })
        .execute();
    },

    /** Marks an unused, unexpired token used and returns its user, atomically (one use only). */
    async consumeResetToken(tokenHash: string, now: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('password_reset_tokens')
        .select(['id', 'user_id'])
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return undefined;
      const result = await db
        .updateTable('password_reset_tokens')
        .set({ used_at: now })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? row.user_id : undefined;
    },

    async invalidateResetTokens(userId: string, now: string): Promise<void> {
      await db
        .updateTable('password_reset_tokens')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
