import type { BoundRepositories, Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';

/** An attempt counted by `reserveAttempts`, to give back if it turns out not to be a failure. */
interface ReservedAttempt {
  key: string;
  limit: number;
  windowStartedAt: string;
}

/**
 * The sign-in counter of an account: one per account, whichever name (username or e-mail) addresses
 * it (issue 11).
 */
export function accountThrottleKey(userId: string): string {
  return `account:${userId}`;
}

/**
 * Sign-in throttling (issue 11): an attempt is reserved atomically BEFORE the slow password hash,
 * on one counter per account and one per client address, and given back when it was not a failure.
 */
export function createLoginThrottle(deps: {
  repositories: Pick<Repositories, 'transaction'>;
  clock: Clock;
  lockoutMs: number;
}) {
  const { repositories: repos, clock, lockoutMs } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();

  function lockedError(lockedUntil: string): AppError {
    const nowMs = clock.now().getTime();
    const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - nowMs) / 60_000));
    return new AppError(
      'RATE_LIMITED',
      `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      { retryAfterSeconds: minutes * 60 },
    );
  }

  /**
   * Counts an attempt on every key BEFORE the slow password hash, in one transaction: each key's
   * check-and-count is one atomic statement (`reserveAttempt`), and when any key is locked the
   * transaction rolls back, so a refused attempt counts nowhere, and the 429 is thrown. Keys are
   * always taken in the same order (account, then address), so concurrent sign-ins cannot deadlock
   * on PostgreSQL's row locks.
   */
  async function reserveAttempts(
    keys: { key: string; limit: number }[],
  ): Promise<ReservedAttempt[]> {
    const nowMs = clock.now().getTime();
    return repos.transaction(async (tx) => {
      const reserved: ReservedAttempt[] = [];
      for (const { key, limit } of keys) {
        const answer = await tx.auth.reserveAttempt({
          key,
          limit,
          now: iso(nowMs),
          windowStartedBefore: iso(nowMs - lockoutMs),
          lockUntil: iso(nowMs + lockoutMs),
        });
        if (!answer.granted) throw lockedError(answer.lockedUntil);
        reserved.push({ key, limit, windowStartedAt: answer.windowStartedAt });
      }
      return reserved;
    });
  }

  /** Gives back attempts that turned out not to be failures (see `releaseAttempt`). */
  async function releaseAttempts(
    tx: BoundRepositories,
    reserved: readonly ReservedAttempt[],
  ): Promise<void> {
    for (const attempt of reserved) await tx.auth.releaseAttempt(attempt);
  }

  return { reserveAttempts, releaseAttempts, lockedError };
}
