import { describe, expect, test } from 'vitest';
import { createAccess, landingHref, type Unit } from './access.ts';
import type { CurrentUser } from './session.ts';

function unit(id: string, kind: Unit['kind'], ancestors: Unit[] = []): Unit {
  return {
    id,
    kind,
    name: id,
    parentId: ancestors.at(-1)?.id ?? null,
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    childCount: 0,
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
}

const so = unit('so', 'province');
const xa = unit('xa', 'commune', [so]);
const school = unit('th', 'school', [so, xa]);

function user(roles: CurrentUser['roles']): CurrentUser {
  return {
    id: 'u',
    username: 'u',
    email: null,
    displayName: 'U',
    personId: null,
    mustChangePassword: false,
    roles,
  };
}

const role = (r: CurrentUser['roles'][number]['role'], unitId: string | null) => ({
  role: r,
  unitId,
  unitName: unitId,
  unitKind: null,
});

describe('what a user may do (the same policy as the server)', () => {
  test('a principal manages their school, not the commune', () => {
    const access = createAccess(user([role('principal', 'th')]), [school]);
    expect(access.can('school.update', 'th')).toBe(true);
    expect(access.can('user.manage', 'th')).toBe(true);
    expect(access.can('unit.manage', 'th')).toBe(false);
    expect(access.can('school.read', 'xa')).toBe(false);
  });

  test('staff read the school only; office staff read their subtree and write nothing', () => {
    const staff = createAccess(user([role('staff', 'th')]), [school]);
    expect(staff.can('school.read', 'th')).toBe(true);
    expect(staff.can('people.read', 'th')).toBe(false);
    const office = createAccess(user([role('office_staff', 'xa')]), [xa, school]);
    expect(office.can('people.read', 'th')).toBe(true);
    expect(office.can('school.update', 'th')).toBe(false);
  });

  test('each role lands on its screen', () => {
    expect(landingHref(user([role('admin', null)]))).toBe('/quan-tri/don-vi');
    expect(landingHref(user([role('staff', 'th'), role('principal', 'th2')]))).toBe(
      '/truong/th2/ho-so',
    );
    expect(landingHref(user([role('office_staff', 'xa')]))).toBe('/truong');
    expect(landingHref(user([]))).toBe('/');
  });
});
