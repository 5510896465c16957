import type { RowGroup } from './plan.types.ts';

/**
 * The one order and numbering (TT) of a plan's rows, shared by the editor, the plan checks and
 * every document (issue 11: a row added under Tiêu chuẩn 2 printed after Tiêu chuẩn 5, and the
 * checks named other row numbers than the editor).
 *
 * The rule (ARCHITECTURE.md "Plans"):
 * - a 2018-regime plan prints "MỨC 1, 2, 3" then "MỨC 4" (PRODUCT.md §4). Under MỨC 1, 2, 3 the rows
 *   go by standard, in the framework's order (standard codes compared as numbers: 1, 2, … 10), rows
 *   without a standard last; under MỨC 4 and within one standard they keep the user's order (their
 *   positions), which "move up / down" changes;
 * - a TT57 plan (Biểu 2 mục V) is one table in the user's order;
 * - TT counts 1…n over that order, through every group.
 * A new row is stored after the others, so it shows at the end of its own standard.
 */

/** What ordering needs of a row. */
export interface OrderableRow {
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  /** The stored position; rows without one keep the order they are given in. */
  position?: number | undefined;
}

/** The section a row is printed under. */
export type RowSectionKey = 'levels_1_3' | 'level_4' | 'tt57';

/** A row with its number (TT) and the section and standard it is printed under. */
export interface NumberedRow<T> {
  row: T;
  /** TT: 1…n in the order of {@link orderPlanRows}. */
  number: number;
  /** Index of the row in the list given. */
  index: number;
  section: RowSectionKey;
  /** The standard it is grouped under (levels_1_3 only), or null. */
  standardCode: string | null;
}

/** The standard a row belongs to: its own code, else the part of its criterion code before ".". */
export function rowStandardCode(
  row: Pick<OrderableRow, 'standardCode' | 'criterionCode'>,
): string | null {
  if (row.standardCode && row.standardCode.trim() !== '') return row.standardCode.trim();
  const code = row.criterionCode?.split('.')[0]?.trim();
  return code ? code : null;
}

/** Compares codes as the frameworks number them: "2" < "10", "1.2" < "1.10"; others by text. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (Number.isNaN(nx) !== Number.isNaN(ny)) {
      return Number.isNaN(nx) ? 1 : -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/**
 * The rows numbered in the plan's one order (see the rule above). Pure and stable: rows with equal
 * keys keep their positions, then the order given.
 */
export function numberPlanRows<T extends OrderableRow>(
  rows: readonly T[],
  regime: '2018' | '2026',
): NumberedRow<T>[] {
  const byPosition = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.position ?? a.index) - (b.row.position ?? b.index) || a.index - b.index);
  if (regime === '2026') {
    return byPosition.map(({ row, index }, i) => ({
      row,
      index,
      number: i + 1,
      section: 'tt57',
      standardCode: null,
    }));
  }
  const levels = byPosition
    .filter(({ row }) => row.group !== 'level_4')
    .map((entry) => ({ ...entry, standard: rowStandardCode(entry.row) }));
  const ordered = levels
    .map((entry, rank) => ({ ...entry, rank }))
    .sort((a, b) => {
      if (a.standard !== b.standard) {
        if (a.standard === null) return 1;
        if (b.standard === null) return -1;
        const byCode = compareCodes(a.standard, b.standard);
        if (byCode !== 0) return byCode;
      }
      return a.rank - b.rank;
    });
  const level4 = byPosition.filter(({ row }) => row.group === 'level_4');
  return [
    ...ordered.map(({ row, index, standard }) => ({
      row,
      index,
      section: 'levels_1_3' as const,
      standardCode: standard,
    })),
    ...level4.map(({ row, index }) => ({
      row,
      index,
      section: 'level_4' as const,
      standardCode: null,
    })),
  ].map((entry, i) => ({ ...entry, number: i + 1 }));
}

/** The rows in the plan's one order (see {@link numberPlanRows}). */
export function orderPlanRows<T extends OrderableRow>(
  rows: readonly T[],
  regime: '2018' | '2026',
): T[] {
  return numberPlanRows(rows, regime).map((entry) => entry.row);
}
