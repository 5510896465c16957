import type { Clock } from '../../clock.ts';
import type { AuthContext } from './request-context.ts';

/** Limits of the in-process session cache. */
export interface SessionCacheOptions {
  /** How long a looked-up session is trusted without the database (0 turns the cache off). */
  ttlMs: number;
  /** At most this many sessions are held. */
  maxEntries: number;
}

interface Entry {
  auth: AuthContext;
  cachedAtMs: number;
}

/**
 * Signed-in sessions recently looked up, by token hash (issue 5: the session lookup was 3 queries on
 * every read). An entry is trusted for `ttlMs` at most; every change made in this process that can
 * end a session or change what it may do (sign-out, revocation, password change or reset, roles,
 * disabling, unit moves) forgets the entries it concerns at once, and moves the auth epoch
 * (migration 0016): every other process (a second server instance, the CLI) compares the epoch before
 * trusting an entry and drops them all when it moved, so their changes are seen at once too. `ttlMs`
 * only bounds the case of a change whose epoch move was lost (a crash between the commit and the move).
 * Only reads use it (the auth plugin); a state-changing request always asks the database.
 *
 * A lookup that started before an invalidation must not store what it read: `generation()` is taken
 * before the database is asked and `put` ignores the result when an invalidation happened since.
 */
export function createSessionCache(deps: { clock: Clock; options: SessionCacheOptions }) {
  const { clock, options } = deps;
  const entries = new Map<string, Entry>();
  let generation = 0;

  return {
    /** The session of this token hash, while fresh, unexpired and not due for its sliding touch. */
    get(tokenHash: string): AuthContext | undefined {
      if (options.ttlMs <= 0) return undefined;
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      const nowMs = clock.now().getTime();
      const age = nowMs - entry.cachedAtMs;
      const { session } = entry.auth;
      if (
        age < 0 ||
        age >= options.ttlMs ||
        Date.parse(session.expiresAt) <= nowMs ||
        // Due for the sliding-expiry write (once a minute): let the database path do it.
        nowMs - Date.parse(session.lastSeenAt) > 60_000
      ) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.auth;
    },

    /** The invalidation count, to pass back to `put`. */
    generation(): number {
      return generation;
    },

    /** Keeps a session read from the database, unless something was invalidated since `seenGeneration`. */
    put(tokenHash: string, auth: AuthContext, seenGeneration: number): void {
      if (options.ttlMs <= 0 || seenGeneration !== generation) return;
      entries.delete(tokenHash);
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(tokenHash, { auth, cachedAtMs: clock.now().getTime() });
    },

    /** Forgets every session of these users (all sessions when no user is named). */
    forget(userIds?: readonly string[]): void {
      generation += 1;
      if (!userIds) {
        entries.clear();
        return;
      }
      for (const [key, entry] of entries) {
        if (userIds.includes(entry.auth.user.id)) entries.delete(key);
      }
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
