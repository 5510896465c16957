import { createHash } from 'node:crypto';
import { canonicalDifferences, canonicalJson, type CanonicalValue } from '@caitien/core';

/** A sealed content: its canonical text and the SHA-256 (hex) of that text's UTF-8 bytes. */
export interface Seal {
  json: string;
  hash: string;
}

/** SHA-256 (hex) of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Seals a record's domain content (issue 11): the canonical serialisation (stable key order,
 * packages/core/src/lifecycle/canonical.ts) and its SHA-256. The caller builds the content from
 * domain objects: every field a reader, a check or a document sees, and nothing presentational.
 */
export function sealContent(content: CanonicalValue): Seal {
  const json = canonicalJson(content);
  return { json, hash: sha256Hex(json) };
}

/** A verification's answer: intact, or tampered with what differs. */
export interface SealVerification {
  status: 'intact' | 'tampered';
  /** Which check failed (Vietnamese, for the reader). */
  details: string[];
  /** Paths in the content that differ between the seal and the live record. */
  differences: string[];
}

/**
 * Verifies a stored seal: the stored text against its stored hash (was the snapshot itself edited?),
 * then the live content, sealed again, against the stored hash (was the record edited?).
 */
export function verifySeal(stored: Seal, live: CanonicalValue): SealVerification {
  const details: string[] = [];
  if (sha256Hex(stored.json) !== stored.hash)
    details.push('Bản chụp đã phê duyệt không khớp mã băm đã lưu.');
  const now = sealContent(live);
  let differences: string[] = [];
  if (now.hash !== stored.hash) {
    details.push('Nội dung hiện tại khác với bản đã phê duyệt.');
    try {
      differences = canonicalDifferences(JSON.parse(stored.json) as CanonicalValue, live);
    } catch {
      differences = ['$'];
    }
  }
  return { status: details.length > 0 ? 'tampered' : 'intact', details, differences };
}
