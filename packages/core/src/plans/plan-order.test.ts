import { describe, expect, it } from 'vitest';
import { compareCodes, numberPlanRows, orderPlanRows, rowStandardCode } from './plan-order.ts';
import type { RowGroup } from './plan.types.ts';

interface Row {
  id: string;
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  position?: number;
}

/** A row of group MỨC 1, 2, 3 for criterion `code` (its standard is the part before "."). */
const levels = (id: string, code: string | null, position?: number): Row => ({
  id,
  group: 'levels_1_3',
  standardCode: code?.split('.')[0] ?? null,
  criterionCode: code,
  ...(position !== undefined ? { position } : {}),
});
const level4 = (id: string, position?: number): Row => ({
  id,
  group: 'level_4',
  standardCode: null,
  criterionCode: null,
  ...(position !== undefined ? { position } : {}),
});
const ids = (rows: readonly Row[]) => rows.map((r) => r.id);

describe('orderPlanRows', () => {
  it('prints a row added under Tiêu chuẩn 2 after the other rows of Tiêu chuẩn 2, not last', () => {
    const rows = [
      levels('1a', '1.1', 0),
      levels('2a', '2.1', 1),
      levels('3a', '3.2', 2),
      levels('5a', '5.1', 3),
      level4('m4', 4),
      levels('2new', '2.3', 5),
    ];
    expect(ids(orderPlanRows(rows, '2018'))).toEqual(['1a', '2a', '2new', '3a', '5a', 'm4']);
  });

  it('sorts standards as numbers, keeps the user order within a standard, rows without standard last', () => {
    const rows = [
      levels('none', null, 0),
      levels('10', '10.1', 1),
      levels('2b', '2.4', 2),
      levels('2a', '2.1', 3),
      level4('m4b', 4),
      level4('m4a', 5),
    ];
    // Within Tiêu chuẩn 2 the user put 2.4 before 2.1: that order stays.
    expect(ids(orderPlanRows(rows, '2018'))).toEqual(['2b', '2a', '10', 'none', 'm4b', 'm4a']);
  });

  it('follows the positions, not the order given; without positions, the order given', () => {
    const rows = [levels('b', '1.2', 7), levels('a', '1.1', 3)];
    expect(ids(orderPlanRows(rows, '2018'))).toEqual(['a', 'b']);
    expect(ids(orderPlanRows([levels('b', '1.2'), levels('a', '1.1')], '2018'))).toEqual([
      'b',
      'a',
    ]);
  });

  it('keeps a TT57 plan in one table in the user order', () => {
    const rows: Row[] = [
      { id: 'x', group: 'tt57', standardCode: '3', criterionCode: '3.1', position: 1 },
      { id: 'y', group: 'tt57', standardCode: null, criterionCode: null, position: 0 },
      { id: 'z', group: 'tt57', standardCode: '1', criterionCode: '1.1', position: 2 },
    ];
    expect(ids(orderPlanRows(rows, '2026'))).toEqual(['y', 'x', 'z']);
  });

  it('numbers 1…n through every group, with the section and standard of each row', () => {
    const rows = [level4('m4', 0), levels('2a', '2.1', 1), levels('1a', '1.1', 2)];
    expect(
      numberPlanRows(rows, '2018').map((n) => [
        n.row.id,
        n.number,
        n.index,
        n.section,
        n.standardCode,
      ]),
    ).toEqual([
      ['1a', 1, 2, 'levels_1_3', '1'],
      ['2a', 2, 1, 'levels_1_3', '2'],
      ['m4', 3, 0, 'level_4', null],
    ]);
  });
});

describe('rowStandardCode and compareCodes', () => {
  it('takes the standard from the criterion code when the row names none', () => {
    expect(rowStandardCode({ standardCode: null, criterionCode: '4.2' })).toBe('4');
    expect(rowStandardCode({ standardCode: '3', criterionCode: '4.2' })).toBe('3');
    expect(rowStandardCode({ standardCode: '', criterionCode: null })).toBeNull();
  });

  it('compares codes as numbers', () => {
    expect(['10', '2', '1.10', '1.2', 'A'].sort(compareCodes)).toEqual([
      '1.2',
      '1.10',
      '2',
      '10',
      'A',
    ]);
  });
});
