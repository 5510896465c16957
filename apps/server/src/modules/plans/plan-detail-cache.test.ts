import { emptyPlanHeader } from '@caitien/core';
import type { PlanDetail } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { createPlanDetailCache } from './plan-detail-cache.ts';

const planId = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function detailOf(id: string, title: string): PlanDetail {
  return {
    id,
    lineageId: id,
    revisionNumber: 0,
    schoolId: planId(999),
    schoolYear: '2026-2027',
    regime: '2026',
    frameworkId: null,
    frameworkCode: null,
    frameworkReason: '',
    status: 'draft',
    layout: 'bieu2',
    title,
    rowCount: 0,
    approvedAt: null,
    updatedAt: '2026-11-23T08:00:00.000Z',
    version: 1,
    hiddenColumns: [],
    header: { ...emptyPlanHeader(), title: 'KẾ HOẠCH', subtitle: title },
    sections: [],
    rows: [],
    focusIssues: [],
    reviews: [],
    carriedFromPlanId: null,
    snapshotHash: null,
  };
}

describe('plan detail cache', () => {
  it('answers only the exact content sequence, and never goes back to an older one', () => {
    const cache = createPlanDetailCache();
    const id = planId(1);
    const first = cache.put(detailOf(id, 'một'), 3);
    expect(cache.get(id, 3)).toBe(first);
    expect(cache.get(id, 4)).toBeUndefined();
    expect(JSON.parse(first.body.toString())).toMatchObject({ id, title: 'một' });

    const newer = cache.put(detailOf(id, 'hai'), 5);
    expect(newer.etag).not.toBe(first.etag);
    expect(cache.get(id, 3)).toBeUndefined();
    // A slow reader of sequence 4 finishing late does not replace sequence 5.
    cache.put(detailOf(id, 'cũ'), 4);
    expect(cache.get(id, 5)).toBe(newer);
    expect(cache.stats().entries).toBe(1);
  });

  it('drops fields the response schema does not list, as the route serializer would', () => {
    const cache = createPlanDetailCache();
    const id = planId(2);
    const entry = cache.put({ ...detailOf(id, 'x'), secret: 'không gửi' } as PlanDetail, 1);
    expect(entry.body.toString()).not.toContain('secret');
  });

  it('keeps at most maxEntries plans and maxBytes of JSON, least recently used out first', () => {
    const one = createPlanDetailCache().put(detailOf(planId(0), 't'), 1).body.length;
    const cache = createPlanDetailCache({ maxEntries: 3, maxBytes: one * 2 + 10 });
    cache.put(detailOf(planId(1), 't'), 1);
    cache.put(detailOf(planId(2), 't'), 1);
    cache.get(planId(1), 1);
    cache.put(detailOf(planId(3), 't'), 1);
    expect(cache.get(planId(2), 1)).toBeUndefined();
    expect(cache.get(planId(1), 1)).toBeDefined();
    expect(cache.get(planId(3), 1)).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(one * 2 + 10);
  });
});
