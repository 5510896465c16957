import { hash, randomBytes } from 'node:crypto';
import { checkNewPassword, type Actor } from '@caitien/core';
import {
  isSerializationFailure,
  UniqueViolation,
  type BoundRepositories,
  type Repositories,
  type SessionRecord,
  type UserRecord,
} from '@caitien/db';
import { AppError } from '../../errors.ts';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { AuthContext } from './request-context.ts';
import { insertAdministrator } from '../users/insert-account.ts';
import { accountThrottleKey, createLoginThrottle } from './login-throttle.ts';
import { createSessionCache } from './session-cache.ts';

export { accountThrottleKey };

/** Session and sign-in limits. */
export interface AuthSettings {
  /** A session ends after this long without a request. */
  idleTimeoutMs: number;
  /** …and in any case this long after sign-in. */
  absoluteTimeoutMs: number;
  /** Failed sign-ins for one login name before it is locked. */
  maxFailuresPerLogin: number;
  /** Failed sign-ins from one address before it is locked. */
  maxFailuresPerAddress: number;
  /** Window in which failures count, and how long a lock lasts. */
  lockoutMs: number;
  /** Lifetime of a one-time reset link. */
  resetTokenTtlMs: number;
  /**
   * How long a read may trust a session looked up earlier, without the database (session-cache.ts);
   * bounds how late a sign-out or role change made by another process is seen. 0 turns it off.
   */
  sessionCacheTtlMs: number;
  /** How many sessions that cache holds at most. */
  sessionCacheMaxEntries: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  idleTimeoutMs: 12 * 60 * 60 * 1000,
  absoluteTimeoutMs: 14 * 24 * 60 * 60 * 1000,
  maxFailuresPerLogin: 5,
  maxFailuresPerAddress: 30,
  lockoutMs: 15 * 60 * 1000,
  resetTokenTtlMs: 24 * 60 * 60 * 1000,
  sessionCacheTtlMs: 2000,
  sessionCacheMaxEntries: 10_000,
};

/** Where a request comes from (for sessions and throttling). */
export interface ClientInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

/** A new session: the token goes into the cookie and is never stored. */
export interface IssuedSession {
  token: string;
  session: SessionRecord;
  user: UserRecord;
}

const alreadySetUp = () => new AppError('CONFLICT', 'Hệ thống đã có quản trị viên; hãy đăng nhập.');

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

/** SHA-256 of a random token: what the database keeps of cookies and reset links. */
export function hashToken(token: string): string {
  // One-shot `hash` (≈ 3 µs against ≈ 5 µs for createHash here): it runs on every signed-in request.
  return hash('sha256', token, 'hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sign-in, sessions, first-run setup and passwords. */
export function createAuthService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  hasher: PasswordHasher;
  audit: AuditWriter;
  settings?: Partial<AuthSettings>;
}) {
  const { repositories: repos, clock, ids, hasher, audit } = deps;
  const settings: AuthSettings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  // Verified against when the login name does not exist, so both answers take the same time.
  const dummyHash = hasher.hash(newToken());
  const { reserveAttempts, releaseAttempts } = createLoginThrottle({
    repositories: repos,
    clock,
    lockoutMs: settings.lockoutMs,
  });
  const sessionCache = createSessionCache({
    clock,
    options: { ttlMs: settings.sessionCacheTtlMs, maxEntries: settings.sessionCacheMaxEntries },
  });

  const iso = (ms: number) => new Date(ms).toISOString();

  function sessionExpiry(createdAt: string, nowMs: number): string {
    return iso(
      Math.min(nowMs + settings.idleTimeoutMs, Date.parse(createdAt) + settings.absoluteTimeoutMs),
    );
  }

  async function issueSession(
    tx: BoundRepositories,
    user: UserRecord,
    client: ClientInfo,
  ): Promise<IssuedSession> {
    const nowMs = clock.now().getTime();
    const token = newToken();
    const session: SessionRecord = {
      id: ids.next(),
      userId: user.id,
      csrfToken: newToken(),
      createdAt: iso(nowMs),
      lastSeenAt: iso(nowMs),
      expiresAt: iso(nowMs + Math.min(settings.idleTimeoutMs, settings.absoluteTimeoutMs)),
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ipAddress: client.ipAddress,
      revokedAt: null,
    };
    await tx.auth.insertSession({
      id: session.id,
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken: session.csrfToken,
      now: session.createdAt,
      expiresAt: session.expiresAt,
      userAgent: session.userAgent,
      ipAddress: session.ipAddress,
    });
    return { token, session, user };
  }

  /** Refuses a weak new password, naming the form field it came from. */
  function assertAcceptablePassword(
    password: string,
    username: string | undefined,
    field: string,
  ): void {
    const problems = checkNewPassword(password, { username });
    if (problems.length > 0) {
      throw new AppError('VALIDATION_ERROR', problems.join(' '), {
        fields: problems.map((message) => ({ field, message })),
      });
    }
  }

  /**
   * Loads the user and roles of a valid, unexpired session token; undefined otherwise. With
   * `mayUseCache` (reads only) a session looked up in the last `sessionCacheTtlMs` is taken from
   * memory; state-changing requests always ask the database.
   */
  async function authenticate(
    token: string,
    options: { mayUseCache?: boolean } = {},
  ): Promise<AuthContext | undefined> {
    if (!token || token.length > 200) return undefined;
    const tokenHash = hashToken(token);
    if (options.mayUseCache && settings.sessionCacheTtlMs > 0) {
      await followAuthEpoch();
      const cached = sessionCache.get(tokenHash);
      if (cached) return cached;
    }
    const generation = sessionCache.generation();
    const session = await repos.auth.findSessionByTokenHash(tokenHash);
    if (!session || session.revokedAt) return undefined;
    const nowMs = clock.now().getTime();
    if (Date.parse(session.expiresAt) <= nowMs) return undefined;
    const user = await repos.users.findById(session.userId);
    if (!user || user.isDisabled) return undefined;
    // Sliding expiry, written at most once a minute to keep reads cheap.
    if (nowMs - Date.parse(session.lastSeenAt) > 60_000) {
      const expiresAt = sessionExpiry(session.createdAt, nowMs);
      await repos.auth.touchSession(session.id, iso(nowMs), expiresAt);
      session.lastSeenAt = iso(nowMs);
      session.expiresAt = expiresAt;
    }
    const assignments = (await repos.users.listAssignments([user.id])).get(user.id) ?? [];
    const actor: Actor = {
      userId: user.id,
      assignments: assignments.map(({ role, unitId, unitPath }) => ({ role, unitId, unitPath })),
    };
    const auth = { user, session, assignments, actor };
    sessionCache.put(tokenHash, auth, generation);
    return auth;
  }

  /**
   * The auth epoch this process last saw (migration 0016). When another process — a second server
   * instance, the CLI — or this one moved it, every cached session is dropped before one is trusted.
   */
  let knownEpoch: number | undefined;
  async function followAuthEpoch(): Promise<void> {
    const epoch = await repos.auth.readAuthEpoch();
    if (knownEpoch !== undefined && epoch !== knownEpoch) sessionCache.forget();
    knownEpoch = epoch;
  }

  /**
   * Forgets cached sessions of these users (all users when none is named), here at once and in
   * every other process on its next read (the auth epoch). Call it AFTER the transaction that ended
   * sessions or changed a user's roles, state or units has committed, and await it before answering:
   * whoever sees the answer then finds the change on every instance.
   */
  async function forgetSessions(userIds?: readonly string[]): Promise<void> {
    sessionCache.forget(userIds);
    await repos.auth.bumpAuthEpoch();
  }

  return {
    settings,
    authenticate,
    forgetSessions,

    async needsSetup(): Promise<boolean> {
      return (await repos.users.countUsers()) === 0;
    },

    /** First run: the first administrator, only while no account exists. */
    async setup(
      input: {
        username: string;
        displayName: string;
        email?: string | undefined;
        password: string;
      },
      client: ClientInfo,
      requestId: string,
    ): Promise<IssuedSession> {
      assertAcceptablePassword(input.password, input.username, 'password');
      const passwordHash = await hasher.hash(input.password);
      const created = repos.transaction(
        async (tx) => {
          if ((await tx.users.countUsers()) > 0) {
            throw alreadySetUp();
          }
          const now = clock.now().toISOString();
          const id = ids.next();
          await insertAdministrator(
            tx,
            ids,
            {
              id,
              username: input.username,
              email: input.email ?? null,
              displayName: input.displayName,
              passwordHash,
            },
            now,
          );
          // Setup signs the administrator in: it counts as their first sign-in.
          await tx.users.recordLogin(id, now);
          const user = await tx.users.findById(id);
          if (!user) throw new Error('user just created is missing');
          await audit(
            tx,
            { actorUserId: id, actorName: `${input.displayName} (${user.username})`, requestId },
            {
              action: 'setup.admin',
              entityType: 'user',
              entityId: id,
              unit: null,
              summary: `Tạo quản trị viên đầu tiên “${user.username}”`,
              after: { username: user.username, displayName: user.displayName, roles: ['admin'] },
            },
          );
          return issueSession(tx, user, client);
        },
        { serializable: true },
      );
      // Two first-run setups at once: the loser breaks a unique index (same username) or, on
      // PostgreSQL, is refused by the serializable check of the count (any username); it is
      // answered like the count above.
      return created.catch((error: unknown) => {
        if (error instanceof UniqueViolation || isSerializationFailure(error)) throw alreadySetUp();
        throw error;
      });
    },

    /** Sign in. Unknown login and wrong password get the same answer, in the same time. */
    async login(
      input: { login: string; password: string },
      client: ClientInfo,
    ): Promise<IssuedSession> {
      // One counter per account, whichever of its names (username or e-mail) is typed; a name with
      // no account gets a counter of its own and the same answers, so nothing tells them apart.
      // Usernames and e-mails are printable ASCII (their schemas): a name with control characters
      // (a NUL would break PostgreSQL's query) names no account and is not looked up.
      const user = /\p{Cc}/u.test(input.login)
        ? undefined
        : await repos.users.findByLogin(input.login);
      // An unknown name's counter is keyed by its hash: what people type there (sometimes their
      // password) is not kept in clear.
      const loginKey = user
        ? accountThrottleKey(user.id)
        : `login:${hashToken(input.login.trim().toLowerCase())}`;
      const addressKey = client.ipAddress ? `ip:${client.ipAddress}` : null;
      const reserved = await reserveAttempts([
        { key: loginKey, limit: settings.maxFailuresPerLogin },
        ...(addressKey ? [{ key: addressKey, limit: settings.maxFailuresPerAddress }] : []),
      ]);
      const valid = await hasher.verify(input.password, user?.passwordHash ?? (await dummyHash));
      // A failure was counted by the reservation already.
      if (!user || !valid) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
      if (user.isDisabled) {
        await repos.transaction((tx) => releaseAttempts(tx, reserved));
        throw new AppError(
          'UNAUTHENTICATED',
          'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
        );
      }
      return repos.transaction(async (tx) => {
        // The right password resets the account's count; the address keeps only its failures.
        await tx.auth.clearThrottle(loginKey);
        await releaseAttempts(
          tx,
          reserved.filter((r) => r.key !== loginKey),
        );
        await tx.users.recordLogin(user.id, clock.now().toISOString());
        return issueSession(tx, user, client);
      });
    },

    async logout(auth: AuthContext): Promise<void> {
      await repos.auth.revokeSession(auth.user.id, auth.session.id, clock.now().toISOString());
      await forgetSessions([auth.user.id]);
    },

    async logoutEverywhere(auth: AuthContext): Promise<void> {
      await repos.auth.revokeAllSessions(auth.user.id, clock.now().toISOString());
      await forgetSessions([auth.user.id]);
    },

    async listSessions(auth: AuthContext) {
      const sessions = await repos.auth.listActiveSessions(auth.user.id, clock.now().toISOString());
      return sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        userAgent: s.userAgent,
        ipAddress: s.ipAddress,
        isCurrent: s.id === auth.session.id,
      }));
    },

    async revokeSession(auth: AuthContext, sessionId: string): Promise<void> {
      const revoked = await repos.auth.revokeSession(
        auth.user.id,
        sessionId,
        clock.now().toISOString(),
      );
      await forgetSessions([auth.user.id]);
      if (!revoked) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên đăng nhập này.');
    },

    /** Changes one's own password; every other session of the account is signed out. */
    async changePassword(
      auth: AuthContext,
      input: { currentPassword: string; newPassword: string },
      requestId: string,
    ): Promise<void> {
      const key = `password:${auth.user.id}`;
      await reserveAttempts([{ key, limit: settings.maxFailuresPerLogin }]);
      if (!(await hasher.verify(input.currentPassword, auth.user.passwordHash))) {
        throw new AppError('VALIDATION_ERROR', 'Mật khẩu hiện tại không đúng.', {
          fields: [{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }],
        });
      }
      // The current password is proven: its count starts afresh whatever the new one is worth.
      await repos.auth.clearThrottle(key);
      if (input.newPassword === input.currentPassword) {
        throw new AppError('VALIDATION_ERROR', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
      }
      assertAcceptablePassword(input.newPassword, auth.user.username, 'newPassword');
      const passwordHash = await hasher.hash(input.newPassword);
      await repos.transaction(async (tx) => {
        const now = clock.now().toISOString();
        await tx.users.setPassword(auth.user.id, passwordHash, false, now);
        await tx.auth.revokeAllSessions(auth.user.id, now, auth.session.id);
        await tx.auth.invalidateResetTokens(auth.user.id, now);
        await audit(
          tx,
          {
            actorUserId: auth.user.id,
            actorName: `${auth.user.displayName} (${auth.user.username})`,
            requestId,
          },
          {
            action: 'user.password.change',
            entityType: 'user',
            entityId: auth.user.id,
            unit: null,
            summary: 'Đổi mật khẩu',
          },
        );
      });
      await forgetSessions([auth.user.id]);
    },

    /** Sets a new password with a one-time link token; all sessions of the account end. */
    async resetWithToken(
      input: { token: string; newPassword: string },
      client: ClientInfo,
      requestId: string,
    ) {
      const addressKey = `reset:${client.ipAddress ?? 'unknown'}`;
      const reserved = await reserveAttempts([
        { key: addressKey, limit: settings.maxFailuresPerAddress },
      ]);
      const now = clock.now().toISOString();
      const userId = await repos.auth.consumeResetToken(hashToken(input.token), now);
      const user = userId ? await repos.users.findById(userId) : undefined;
      if (!user) {
        throw new AppError(
          'VALIDATION_ERROR',
          'Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.',
        );
      }
      // A valid link is not a failure: only bad links count against the address.
      await repos.transaction((tx) => releaseAttempts(tx, reserved));
      assertAcceptablePassword(input.newPassword, user.username, 'newPassword');
      const passwordHash = await hasher.hash(input.newPassword);
      await repos.transaction(async (tx) => {
        await tx.users.setPassword(user.id, passwordHash, false, now);
        await tx.auth.revokeAllSessions(user.id, now);
        await audit(
          tx,
          { actorUserId: user.id, actorName: `${user.displayName} (${user.username})`, requestId },
          {
            action: 'user.password.reset.complete',
            entityType: 'user',
            entityId: user.id,
            unit: null,
            summary: 'Đặt lại mật khẩu bằng liên kết một lần',
          },
        );
      });
      await forgetSessions([user.id]);
    },

    /**
     * Makes a temporary password (forced change) or a one-time link token for a user, inside the
     * caller's transaction; the caller calls `forgetSessions([user.id])` after it commits.
     */
    async issueReset(
      tx: BoundRepositories,
      user: UserRecord,
      method: 'temporary_password' | 'link',
      createdByUserId: string,
    ): Promise<{ temporaryPassword: string | null; token: string | null; expiresAt: string }> {
      const nowMs = clock.now().getTime();
      const now = iso(nowMs);
      await tx.auth.invalidateResetTokens(user.id, now);
      if (method === 'temporary_password') {
        const temporaryPassword = generateTemporaryPassword();
        await tx.users.setPassword(user.id, await hasher.hash(temporaryPassword), true, now);
        await tx.auth.revokeAllSessions(user.id, now);
        return { temporaryPassword, token: null, expiresAt: iso(nowMs + settings.resetTokenTtlMs) };
      }
      const token = newToken();
      const expiresAt = iso(nowMs + settings.resetTokenTtlMs);
      await tx.auth.insertResetToken({
        id: ids.next(),
        tokenHash: hashToken(token),
        userId: user.id,
        createdByUserId,
        now,
        expiresAt,
      });
      return { temporaryPassword: null, token, expiresAt };
    },

    hashPassword: (password: string) => hasher.hash(password),
  };
}

/** A readable temporary password: 4 groups of 4 from an alphabet without look-alikes. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i += 1) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  }
  return out;
}

export type AuthService = ReturnType<typeof createAuthService>;
