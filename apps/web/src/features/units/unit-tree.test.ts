import { describe, expect, test } from 'vitest';
import type { Unit } from '../auth/access.ts';
import { buildUnitTree, childKindsOf, flattenTree, moveTargetsOf, unitTrail } from './unit-tree.ts';

function unit(id: string, kind: Unit['kind'], name: string, ancestors: Unit[] = []): Unit {
  const parent = ancestors.at(-1);
  return {
    id,
    kind,
    name,
    parentId: parent?.id ?? null,
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    childCount: 0,
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const so = unit('so', 'province', 'Sở GD&ĐT Bình Dương');
const xa = unit('xa', 'commune', 'UBND xã Định Hiệp', [so]);
const phong = unit('phong', 'district_legacy', 'Phòng GD&ĐT Dầu Tiếng', [so]);
const th = unit('th', 'school', 'Trường Tiểu học Định Hiệp', [so, xa]);
const thcs = unit('thcs', 'school', 'Trường THCS Định Hiệp', [so, xa]);
const thpt = unit('thpt', 'school', 'Trường THPT Dầu Tiếng', [so]);

describe('unit tree', () => {
  test('nests units under their parents, offices before schools, names in Vietnamese order', () => {
    const tree = buildUnitTree([thcs, th, thpt, xa, so, phong]);
    expect(flattenTree(tree).map((n) => `${'-'.repeat(n.depth)}${n.unit.id}`)).toEqual([
      'so',
      '-phong',
      '-xa',
      // "Trường THCS…" before "Trường Tiểu học…": h before i.
      '--thcs',
      '--th',
      '-thpt',
    ]);
  });

  test("an office user's own unit is a root when its parent is not visible", () => {
    expect(buildUnitTree([xa, th]).map((n) => n.unit.id)).toEqual(['xa']);
  });

  test('offers only the kinds allowed under a parent', () => {
    expect(childKindsOf(null)).toEqual(['ministry', 'province']);
    expect(childKindsOf('province')).toEqual(['commune', 'district_legacy', 'school']);
    expect(childKindsOf('commune')).toEqual(['school']);
    expect(childKindsOf('school')).toEqual([]);
  });

  test('a unit never moves into itself or its subtree, nor under a parent of the wrong kind', () => {
    const all = [so, xa, phong, th, thcs, thpt];
    expect(moveTargetsOf(th, all).map((u) => u?.id ?? null)).toEqual(['so', 'xa', 'phong']);
    expect(moveTargetsOf(xa, all).map((u) => u?.id ?? null)).toEqual(['so']);
    expect(moveTargetsOf(so, all).map((u) => u?.id ?? null)).toEqual([null]);
  });

  test('shows where a unit sits', () => {
    expect(unitTrail(th)).toBe(
      'Sở GD&ĐT Bình Dương › UBND xã Định Hiệp › Trường Tiểu học Định Hiệp',
    );
  });
});
