import { SCHOOL_ROLES } from '@caitien/core';
import { vi } from '../../i18n/vi.ts';
import { viTasks } from '../../i18n/vi-tasks.ts';
import { viLibrary } from '../../i18n/vi-library.ts';
import { viRollup } from '../../i18n/vi-rollup.ts';
import { viOffices } from '../../i18n/vi-offices.ts';
import type { CurrentUser } from '../auth/session.ts';
import { hrefs, type AppRoute } from './app-routes.ts';

/** One link of the main navigation. */
export interface NavItem {
  key: string;
  href: string;
  label: string;
  /** True when the current screen belongs to this item (aria-current). */
  isCurrent: (route: AppRoute) => boolean;
}

/**
 * The main navigation for a user (or for nobody signed in): what their roles can use. Hiding is a
 * courtesy; the server refuses what a role may not do.
 */
export function navItemsFor(user: CurrentUser | null): NavItem[] {
  const items: NavItem[] = [
    {
      key: 'frameworks',
      href: hrefs.frameworks,
      label: vi.frameworks.pageTitle,
      isCurrent: (route) => route.name === 'frameworks',
    },
  ];
  if (!user || user.mustChangePassword) return items;
  const roles = user.roles;
  const isAdmin = roles.some((role) => role.role === 'admin');
  const schools = new Map<string, string>();
  for (const role of roles) {
    if (SCHOOL_ROLES.includes(role.role) && role.unitId && !schools.has(role.unitId))
      schools.set(role.unitId, role.unitName ?? vi.nav.school);
  }
  for (const [schoolId, name] of schools) {
    items.push({
      key: `school-${schoolId}`,
      href: hrefs.school(schoolId),
      label: schools.size === 1 ? vi.nav.mySchool : name,
      isCurrent: (route) => route.name === 'school' && route.schoolId === schoolId,
    });
  }
  // Every staff member of a school may lead or coordinate rows of its plans.
  if (schools.size > 0) {
    items.push({
      key: 'my-tasks',
      href: hrefs.myTasks(),
      label: viTasks.nav,
      isCurrent: (route) => route.name === 'myTasks',
    });
  }
  if (isAdmin || roles.some((role) => role.role === 'office_staff')) {
    items.push({
      key: 'schools',
      href: hrefs.schools,
      label: vi.nav.schools,
      isCurrent: (route) =>
        route.name === 'schools' || (route.name === 'school' && !schools.has(route.schoolId)),
    });
  }
  if (isAdmin) {
    items.push({
      key: 'admin',
      href: hrefs.units,
      label: vi.nav.admin,
      isCurrent: (route) =>
        route.name === 'units' || route.name === 'users' || route.name === 'backgroundWork',
    });
  }
  if (isAdmin || roles.some((role) => role.role === 'principal')) {
    items.push({
      key: 'audit',
      href: hrefs.audit(),
      label: vi.nav.audit,
      isCurrent: (route) => route.name === 'audit',
    });
  }
  // The solution library (issue 14): school roles and office staff.
  if (isAdmin || schools.size > 0 || roles.some((role) => role.role === 'office_staff')) {
    items.push({
      key: 'library',
      href: hrefs.library,
      label: viLibrary.nav,
      isCurrent: (route) => route.name === 'library',
    });
  }
  // Issue 14: the offices' roll-up, for office staff and the administrator.
  if (isAdmin || roles.some((role) => role.role === 'office_staff')) {
    items.push({
      key: 'rollup',
      href: hrefs.rollup(),
      label: viRollup.nav,
      isCurrent: (route) => route.name === 'rollup',
    });
  }
  // Issue 14: what the schools below send to an office.
  if (isAdmin || roles.some((role) => role.role === 'office_staff')) {
    items.push({
      key: 'office-inbox',
      href: hrefs.officeInbox(),
      label: viOffices.inbox.nav,
      isCurrent: (route) => route.name === 'officeInbox',
    });
  }
  return items;
}
