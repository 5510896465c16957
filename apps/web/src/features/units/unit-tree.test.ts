import { describe, expect, test } from 'vitest';
import type { Unit } from '../auth/access.ts';
import { childKindsOf, isMoveTarget, unitTrail } from './unit-tree.ts';

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
  test('offers only the kinds allowed under a parent', () => {
    expect(childKindsOf(null)).toEqual(['ministry', 'province']);
    expect(childKindsOf('province')).toEqual(['commune', 'district_legacy', 'school']);
    expect(childKindsOf('commune')).toEqual(['school']);
    expect(childKindsOf('school')).toEqual([]);
  });

  test('a unit never moves into itself or its subtree, nor under a parent of the wrong kind', () => {
    const all = [so, xa, phong, th, thcs, thpt];
    const targets = (u: Unit) => all.filter((c) => isMoveTarget(u, c)).map((c) => c.id);
    // Not its present parent (xã Định Hiệp) either.
    expect(targets(th)).toEqual(['so', 'phong']);
    expect(targets(thpt)).toEqual(['xa', 'phong']);
    expect(targets(xa)).toEqual([]);
    expect(targets(so)).toEqual([]);
  });

  test('shows where a unit sits', () => {
    expect(unitTrail(th)).toBe(
      'Sở GD&ĐT Bình Dương › UBND xã Định Hiệp › Trường Tiểu học Định Hiệp',
    );
  });
});
