import { createHash } from 'node:crypto';
import { planDetailSchema, type PlanDetail } from '@caitien/shared';

/** A plan's answer as sent: JSON bytes produced through the response schema, and their ETag. */
export interface SerializedPlan {
  planId: string;
  contentSeq: number;
  etag: string;
  body: Buffer;
}

/** Limits of the cache of serialised plans. */
export interface PlanDetailCacheOptions {
  /** At most this many plans… */
  maxEntries?: number;
  /** …and at most this many bytes of JSON in all. */
  maxBytes?: number;
}

/**
 * Serialised plan details keyed by (plan id, content sequence), least recently used first out
 * (issue 5). The sequence moves with every write to what the detail shows (plans.content_seq), so an
 * entry is either current or never asked for again; only the newest sequence of a plan is kept.
 * It holds content only: who may read a plan is decided on every request, before the cache is asked.
 */
export function createPlanDetailCache(options: PlanDetailCacheOptions = {}) {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, SerializedPlan>();
  let totalBytes = 0;

  function remove(planId: string): void {
    const entry = entries.get(planId);
    if (!entry) return;
    entries.delete(planId);
    totalBytes -= entry.body.length;
  }

  return {
    /** The serialised plan at exactly this content sequence, if held. */
    get(planId: string, contentSeq: number): SerializedPlan | undefined {
      const entry = entries.get(planId);
      if (!entry || entry.contentSeq !== contentSeq) return undefined;
      // Map order is the recency order: move it to the end.
      entries.delete(planId);
      entries.set(planId, entry);
      return entry;
    },

    /**
     * Serialises a detail read at `contentSeq` (through the response schema, which drops unlisted
     * fields as the route's serializer would) and keeps it unless a newer sequence is already held.
     */
    put(detail: PlanDetail, contentSeq: number): SerializedPlan {
      const body = Buffer.from(JSON.stringify(planDetailSchema.encode(detail)));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      const entry: SerializedPlan = { planId: detail.id, contentSeq, etag, body };
      const held = entries.get(detail.id);
      // A slow reader of an older sequence must not replace a newer answer.
      if (held && held.contentSeq > contentSeq) return entry;
      remove(detail.id);
      if (body.length > maxBytes) return entry;
      entries.set(detail.id, entry);
      totalBytes += body.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && totalBytes <= maxBytes) break;
        remove(oldest);
      }
      return entry;
    },

    /** How many plans and bytes are held (tests and diagnostics). */
    stats() {
      return { entries: entries.size, bytes: totalBytes };
    },
  };
}

export type PlanDetailCache = ReturnType<typeof createPlanDetailCache>;
