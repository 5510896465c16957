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

/** A failure counter for a sign-in key (a login name or an IP address). */
export interface ThrottleRecord {
  key: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

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

    async saveThrottle(record: ThrottleRecord): Promise<void> {
      const updated = await db
        .updateTable('auth_throttle')
        .set({
          failures: record.failures,
          window_started_at: record.windowStartedAt,
          locked_until: record.lockedUntil,
        })
        .where('key', '=', record.key)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await db
          .insertInto('auth_throttle')
          .values({
            key: record.key,
            failures: record.failures,
            window_started_at: record.windowStartedAt,
            locked_until: record.lockedUntil,
          })
          .execute();
      }
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
