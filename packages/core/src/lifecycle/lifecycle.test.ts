import { describe, expect, it } from 'vitest';
import { canonicalDifferences, canonicalJson } from './canonical.ts';
import { approvedMessage, decideTransition, isContentEditable } from './lifecycle.ts';
import { planReorder, positionBetween, POSITION_GAP, spreadPosition } from './positions.ts';

describe('lifecycle state machine', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['draft', 'approve', 'approved'],
    ['submitted', 'approve', 'approved'],
    ['approved', 'revise', 'draft'],
  ] as const)('%s --%s--> %s', (from, transition, to) => {
    expect(decideTransition(from, transition)).toEqual({ ok: true, to });
  });

  it.each([
    ['submitted', 'submit', 'Chỉ trình được kế hoạch đang ở trạng thái dự thảo.'],
    ['approved', 'submit', 'Kế hoạch đã được phê duyệt, không trình lại được.'],
    ['approved', 'approve', approvedMessage()],
    ['draft', 'revise', 'Chỉ tạo bản điều chỉnh từ kế hoạch đã phê duyệt.'],
    ['submitted', 'revise', 'Chỉ tạo bản điều chỉnh từ kế hoạch đã phê duyệt.'],
  ] as const)('refuses %s --%s--> in Vietnamese', (from, transition, message) => {
    expect(decideTransition(from, transition)).toEqual({
      ok: false,
      reason: 'wrong_status',
      message,
    });
  });

  it('names the record it refuses', () => {
    const result = decideTransition('approved', 'approve', { record: 'báo cáo tự đánh giá' });
    expect(result.ok ? '' : result.message).toMatch(/^Báo cáo tự đánh giá đã được phê duyệt/u);
  });

  it('keeps content editable only before approval', () => {
    expect(isContentEditable('draft')).toBe(true);
    expect(isContentEditable('submitted')).toBe(true);
    expect(isContentEditable('approved')).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('orders keys at every depth and drops undefined members', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'ư' }], c: null }, u: undefined });
    const b = canonicalJson({ a: { c: null, d: [1, { y: 'ư', z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[1,{"y":"ư","z":1}]},"b":1}');
  });

  it('keeps strings exactly, including line breaks and lone surrogates', () => {
    const text = 'Tiêu chí 1.4\n  “x”\uD800';
    expect(JSON.parse(canonicalJson({ text })) as unknown).toEqual({ text });
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) as never })).toThrow(/plain object/);
    expect(canonicalJson(-0)).toBe('0');
  });

  it('names where two contents differ', () => {
    expect(
      canonicalDifferences(
        { rows: [{ a: 1 }, { a: 2 }], year: '2026-2027' },
        { rows: [{ a: 1 }, { a: 3 }], year: '2025-2026' },
      ),
    ).toEqual(['rows[1].a', 'year']);
  });
});

describe('sparse positions', () => {
  it('inserts between neighbours while a gap is left, and says when it is not', () => {
    expect(positionBetween(null, null)).toBe(POSITION_GAP);
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(2048, null)).toBe(2048 + POSITION_GAP);
    expect(positionBetween(null, 1024)).toBe(512);
    expect(positionBetween(5, 6)).toBeNull();
    expect(positionBetween(null, 1)).toBeNull();
  });

  const spread = (ids: string[]) => ids.map((id, i) => ({ id, position: spreadPosition(i) }));
  const apply = (
    children: { id: string; position: number }[],
    changes: { id: string; position: number }[],
  ) => {
    const next = new Map(children.map((c) => [c.id, c.position]));
    for (const c of changes) next.set(c.id, c.position);
    return [...next].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  };

  it('moves only the row that moves', () => {
    const children = spread(['a', 'b', 'c', 'd', 'e']);
    const order = ['a', 'd', 'b', 'c', 'e'];
    const { changes, respread } = planReorder(children, order);
    expect(respread).toBe(false);
    expect(changes.map((c) => c.id)).toEqual(['d']);
    expect(apply(children, changes)).toEqual(order);
  });

  it('changes nothing for the same order, and handles moves to either end', () => {
    const children = spread(['a', 'b', 'c']);
    expect(planReorder(children, ['a', 'b', 'c']).changes).toEqual([]);
    const first = planReorder(children, ['c', 'a', 'b']);
    expect(first.changes.map((c) => c.id)).toEqual(['c']);
    expect(apply(children, first.changes)).toEqual(['c', 'a', 'b']);
    const last = planReorder(children, ['b', 'c', 'a']);
    expect(last.changes.map((c) => c.id)).toEqual(['a']);
    expect(apply(children, last.changes)).toEqual(['b', 'c', 'a']);
  });

  it('respreads when the gap is exhausted, still giving the asked order', () => {
    const children = [
      { id: 'a', position: 1 },
      { id: 'b', position: 2 },
      { id: 'c', position: 3 },
    ];
    const { changes, respread } = planReorder(children, ['a', 'c', 'b']);
    // 'c' cannot fit between 1 and 2 nor 'b' after... either one moves within a gap or all respread.
    expect(apply(children, changes)).toEqual(['a', 'c', 'b']);
    expect(respread || changes.length === 1).toBe(true);
  });

  it('gives the asked order for any permutation (seeded)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial += 1) {
      const ids = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => `r${i}`);
      const children = ids.map((id) => ({ id, position: 1 + Math.floor(random() * 40) }));
      const current = apply(children, []);
      const order = [...current].sort(() => random() - 0.5);
      const { changes } = planReorder(
        current.map((id) => children.find((c) => c.id === id) as { id: string; position: number }),
        order,
      );
      expect(apply(children, changes)).toEqual(order);
    }
  });
});
