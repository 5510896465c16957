/** The time source, passed in so tests can fix it (CONVENTIONS.md §2). */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock standing still at `iso` (CAITIEN_NOW): every "today", due date and reminder is computed
 * for that instant, whatever the real time, so demos and browser tests see the same day.
 */
export function fixedClock(iso: string): Clock {
  const at = Date.parse(iso);
  return { now: () => new Date(at) };
}
