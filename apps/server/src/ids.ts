import { randomBytes } from 'node:crypto';

/** Id source, passed in so tests can make ids predictable (CONVENTIONS.md §2). */
export interface IdGenerator {
  next(): string;
}

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit sequence that keeps ids made in the same
 * millisecond in creation order, and random bits. Ids therefore sort by creation time as text,
 * which keeps "newest first" lists (the audit log) in the order things happened.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      ms = lastMs;
      sequence = 0;
    }
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Time-ordered random ids (UUIDv7). */
export const randomIds: IdGenerator = { next: uuidv7 };
