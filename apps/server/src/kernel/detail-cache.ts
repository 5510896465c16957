import { createHash } from 'node:crypto';
import type { z } from 'zod';

/** A record's answer as sent: JSON bytes produced through the response schema, and their ETag. */
export interface SerializedDetail {
  id: string;
  contentSeq: number;
  etag: string;
  body: Buffer;
}

/** Limits of a cache of serialised details. */
export interface DetailCacheOptions {
  /** At most this many records… */
  maxEntries?: number;
  /** …and at most this many bytes of JSON in all. */
  maxBytes?: number;
}

/**
 * Serialised details of a sealed record (a plan, an assessment) keyed by (id, content sequence),
 * least recently used first out (issue 5). The sequence moves with every write to what the detail
 * shows (`content_seq`), so an entry is either current or never asked for again; only the newest
 * sequence of a record is kept. It holds content only: who may read a record is decided on every
 * request, before the cache is asked.
 */
export function createDetailCache<S extends z.ZodType<{ id: string }>>(
  schema: S,
  options: DetailCacheOptions = {},
) {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, SerializedDetail>();
  let totalBytes = 0;

  function remove(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    totalBytes -= entry.body.length;
  }

  return {
    /** The serialised record at exactly this content sequence, if held. */
    get(id: string, contentSeq: number): SerializedDetail | undefined {
      const entry = entries.get(id);
      if (!entry || entry.contentSeq !== contentSeq) return undefined;
      // Map order is the recency order: move it to the end.
      entries.delete(id);
      entries.set(id, entry);
      return entry;
    },

    /**
     * Serialises a detail read at `contentSeq` (through the response schema, which drops unlisted
     * fields as the route's serializer would) and keeps it under `key` (default: the record's id)
     * unless a newer sequence is already held.
     */
    put(
      detail: z.input<S> & { id: string },
      contentSeq: number,
      key: string = detail.id,
    ): SerializedDetail {
      const body = Buffer.from(JSON.stringify(schema.encode(detail as z.output<S>)));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      const entry: SerializedDetail = { id: key, contentSeq, etag, body };
      const held = entries.get(key);
      // A slow reader of an older sequence must not replace a newer answer.
      if (held && held.contentSeq > contentSeq) return entry;
      remove(key);
      if (body.length > maxBytes) return entry;
      entries.set(key, entry);
      totalBytes += body.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && totalBytes <= maxBytes) break;
        remove(oldest);
      }
      return entry;
    },

    /** How many records and bytes are held (tests and diagnostics). */
    stats() {
      return { entries: entries.size, bytes: totalBytes };
    },
  };
}

export type DetailCache = ReturnType<typeof createDetailCache>;
