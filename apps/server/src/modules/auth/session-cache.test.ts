import { describe, expect, it } from 'vitest';
import { movableClock } from '../../testing/test-app.ts';
import type { AuthContext } from './request-context.ts';
import { createSessionCache } from './session-cache.ts';

const NOW = '2026-11-23T08:00:00.000Z';

function authOf(userId: string, clockNow: number, expiresInMs = 3_600_000): AuthContext {
  return {
    user: { id: userId } as AuthContext['user'],
    session: {
      id: `s-${userId}`,
      userId,
      csrfToken: 'c',
      createdAt: new Date(clockNow).toISOString(),
      lastSeenAt: new Date(clockNow).toISOString(),
      expiresAt: new Date(clockNow + expiresInMs).toISOString(),
      userAgent: null,
      ipAddress: null,
      revokedAt: null,
    },
    assignments: [],
    actor: { userId, assignments: [] },
  };
}

describe('session cache', () => {
  it('trusts an entry for the TTL only, never past the session’s expiry or its touch', () => {
    const clock = movableClock(NOW);
    const cache = createSessionCache({ clock, options: { ttlMs: 2000, maxEntries: 10 } });
    const start = clock.now().getTime();
    cache.put('a', authOf('u1', start), cache.generation());
    expect(cache.get('a')?.user.id).toBe('u1');
    clock.advance(1999);
    expect(cache.get('a')).toBeDefined();
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();

    // Expiry within the TTL still ends it.
    cache.put('b', authOf('u2', clock.now().getTime(), 500), cache.generation());
    clock.advance(500);
    expect(cache.get('b')).toBeUndefined();

    // Due for the once-a-minute sliding touch: the database path must run.
    const old = authOf('u3', clock.now().getTime() - 61_000);
    cache.put('c', old, cache.generation());
    expect(cache.get('c')).toBeUndefined();
  });

  it('forgets a user’s sessions, or all, and ignores what a lookup read before that', () => {
    const clock = movableClock(NOW);
    const cache = createSessionCache({ clock, options: { ttlMs: 2000, maxEntries: 10 } });
    const now = clock.now().getTime();
    cache.put('a', authOf('u1', now), cache.generation());
    cache.put('b', authOf('u2', now), cache.generation());
    cache.forget(['u1']);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();

    // A lookup started before an invalidation (it may have read the old state) stores nothing.
    const seen = cache.generation();
    cache.forget(['u9']);
    cache.put('c', authOf('u3', now), seen);
    expect(cache.get('c')).toBeUndefined();

    cache.forget();
    expect(cache.get('b')).toBeUndefined();
  });

  it('is bounded, and off with a TTL of 0', () => {
    const clock = movableClock(NOW);
    const now = clock.now().getTime();
    const small = createSessionCache({ clock, options: { ttlMs: 2000, maxEntries: 2 } });
    for (const key of ['a', 'b', 'c']) small.put(key, authOf(key, now), small.generation());
    expect(small.get('a')).toBeUndefined();
    expect(small.get('c')).toBeDefined();
    const off = createSessionCache({ clock, options: { ttlMs: 0, maxEntries: 2 } });
    off.put('a', authOf('a', now), off.generation());
    expect(off.get('a')).toBeUndefined();
  });
});
