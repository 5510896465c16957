/** The time source, passed in so tests can fix it (CONVENTIONS.md §2). */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
