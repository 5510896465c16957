import { allowedActions, isAdmin, SCHOOL_ROLES, type Action, type Actor } from '@caitien/core';
import type { RouteResponse } from '../../api/http-client.ts';
import { hrefs } from '../shell/app-routes.ts';
import type { CurrentUser, RoleAssignment } from './session.ts';

export type Unit = RouteResponse<'getUnit'>;

/** The unit's materialised path ("/sở/xã/trường/"), rebuilt from its ancestors as the server keeps it. */
export function unitPathOf(unit: Pick<Unit, 'id' | 'ancestors'>): string {
  return `/${[...unit.ancestors.map((a) => a.id), unit.id].join('/')}/`;
}

/**
 * What the signed-in user may do, asked of the same policy the server uses (packages/core), so
 * the UI hides what a role cannot do. The server still decides every request.
 */
export interface Access {
  user: CurrentUser;
  isAdmin: boolean;
  /**
   * May the user do `action` on something of a unit? Give the unit itself (with its ancestors), or
   * its id if it is one the access was built with (the user's units, the screen's unit).
   */
  can(action: Action, unit: string | Pick<Unit, 'id' | 'ancestors'> | null | undefined): boolean;
  /** Schools where the user holds a school role, first the ones where they are principal. */
  schoolRoles: RoleAssignment[];
  /** Office units (Sở, xã, Phòng) where the user is office staff. */
  officeRoles: RoleAssignment[];
}

/** `units`: every unit `can` may be asked about by id (the user's own units among them). */
export function createAccess(user: CurrentUser, units: readonly Unit[]): Access {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const actor: Actor = {
    userId: user.id,
    assignments: user.roles.map((role) => {
      const unit = role.unitId ? byId.get(role.unitId) : undefined;
      return { role: role.role, unitId: role.unitId, unitPath: unit ? unitPathOf(unit) : null };
    }),
  };
  const admin = isAdmin(actor);
  const schoolRoles = user.roles
    .filter((role) => SCHOOL_ROLES.includes(role.role) && role.unitId)
    .sort((a, b) => Number(b.role === 'principal') - Number(a.role === 'principal'));
  return {
    user,
    isAdmin: admin,
    can(action, target) {
      if (admin) return true;
      const unit = typeof target === 'string' ? byId.get(target) : (target ?? undefined);
      return unit ? allowedActions(actor, unitPathOf(unit)).includes(action) : false;
    },
    schoolRoles,
    officeRoles: user.roles.filter((role) => role.role === 'office_staff' && role.unitId),
  };
}

/**
 * Where a user lands after signing in: the administrator on Quản trị, a principal (or anyone with a
 * school role) on their school, office staff on the list of schools in their unit.
 */
export function landingHref(user: CurrentUser): string {
  if (user.roles.some((role) => role.role === 'admin')) return hrefs.units;
  const school =
    user.roles.find((role) => role.role === 'principal' && role.unitId) ??
    user.roles.find((role) => SCHOOL_ROLES.includes(role.role) && role.unitId);
  if (school?.unitId) return hrefs.school(school.unitId);
  if (user.roles.some((role) => role.role === 'office_staff')) return hrefs.schools;
  return hrefs.frameworks;
}
