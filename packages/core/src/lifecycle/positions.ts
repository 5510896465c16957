/**
 * Sparse positions for ordered children (plan rows now; assessment evidence lists next): positions
 * leave gaps, so inserting between two neighbours changes only the new child, and a reorder moves only
 * the children whose place changes. The order is (position, id), so equal positions still sort one way.
 */

/** The gap between neighbours when positions are spread out (room for 10 halvings). */
export const POSITION_GAP = 1024;

/** The position of the `index`-th child of a freshly spread list. */
export function spreadPosition(index: number): number {
  return (index + 1) * POSITION_GAP;
}

/**
 * The position for a child inserted between `before` and `after` (either may be absent: at the start
 * or the end), or null when no integer lies strictly between them (then the caller respreads).
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return spreadPosition(0);
  if (before === null) {
    const a = after as number;
    // Keep positions positive so a respread is the only thing that ever lowers them.
    return a > 1 ? Math.floor(a / 2) : null;
  }
  if (after === null) return before + POSITION_GAP;
  const mid = Math.floor((before + after) / 2);
  return mid > before && mid < after ? mid : null;
}

/** A child's id and current position. */
export interface PositionedChild {
  id: string;
  position: number;
}

/**
 * The position changes that put `children` (in their current order) into `orderedIds`: the longest
 * run of children already in the right relative order keeps its positions, and each other child gets a
 * position between its new neighbours. When some gap is too small, every child is respread
 * (`respread: true`), which is rare: one in about ten inserts at the same place.
 * `orderedIds` must be a permutation of the children's ids (checked by the caller).
 */
export function planReorder(
  children: readonly PositionedChild[],
  orderedIds: readonly string[],
): { changes: PositionedChild[]; respread: boolean } {
  const current = new Map(children.map((c) => [c.id, c.position]));
  const positions = orderedIds.map((id) => current.get(id) ?? 0);
  const keep = longestIncreasing(positions);
  const next = positions.slice();
  const changes: PositionedChild[] = [];
  let i = 0;
  while (i < orderedIds.length) {
    if (keep.has(i)) {
      i += 1;
      continue;
    }
    // A run of children to place between the kept neighbours at i-1 and j.
    let j = i;
    while (j < orderedIds.length && !keep.has(j)) j += 1;
    const low = i > 0 ? (next[i - 1] as number) : 0;
    const high = j < orderedIds.length ? (next[j] as number) : null;
    const count = j - i;
    const step = high === null ? POSITION_GAP : Math.floor((high - low) / (count + 1));
    if (step < 1) return { changes: respreadAll(orderedIds, current), respread: true };
    for (let k = 0; k < count; k += 1) {
      const position = low + step * (k + 1);
      next[i + k] = position;
      const id = orderedIds[i + k] as string;
      if (current.get(id) !== position) changes.push({ id, position });
    }
    i = j;
  }
  return { changes, respread: false };
}

function respreadAll(
  orderedIds: readonly string[],
  current: ReadonlyMap<string, number>,
): PositionedChild[] {
  return orderedIds.flatMap((id, index) => {
    const position = spreadPosition(index);
    return current.get(id) === position ? [] : [{ id, position }];
  });
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  while (k >= 0) {
    keep.add(k);
    k = previous[k] as number;
  }
  return keep;
}
