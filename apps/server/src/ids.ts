import { randomUUID } from 'node:crypto';

/** Id source, passed in so tests can make ids predictable (CONVENTIONS.md §2). */
export interface IdGenerator {
  next(): string;
}

/** Random UUIDs. */
export const randomIds: IdGenerator = { next: () => randomUUID() };
