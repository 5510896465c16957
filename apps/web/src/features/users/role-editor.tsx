import {
  ROLE_LABELS,
  ROLES,
  SCHOOL_ROLES,
  UNIT_KINDS,
  type Role,
  type UnitKind,
} from '@caitien/core';
import { vi } from '../../i18n/vi.ts';
import { FieldSet, SelectField } from '../../ui/form.tsx';
import type { Access } from '../auth/access.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import type { RoleGrant } from './users.queries.ts';

const t = vi.users;

/** Roles this user may grant: the administrator all; a principal the school roles. */
export function grantableRoles(access: Access): Role[] {
  return access.isAdmin ? [...ROLES] : [...SCHOOL_ROLES];
}

/** Kinds of unit a role is held at: a school role at a school, office staff at an office. */
export function unitKindsForRole(role: Role): UnitKind[] {
  if (role === 'admin') return [];
  return SCHOOL_ROLES.includes(role) ? ['school'] : UNIT_KINDS.filter((k) => k !== 'school');
}

/** A grant adjusted to a new role: admin holds no unit; a unit of the wrong kind is dropped. */
export function regrant(grant: RoleGrant, role: Role): RoleGrant {
  if (role === 'admin') return { role, unitId: null };
  const sameKinds = unitKindsForRole(role).join() === unitKindsForRole(grant.role).join();
  return { role, unitId: sameKinds ? grant.unitId : null };
}

/** The roles of an account: each a role and the unit it is held at. */
export function RoleEditor({
  roles,
  onChange,
  access,
  errors,
}: {
  roles: RoleGrant[];
  onChange: (roles: RoleGrant[]) => void;
  access: Access;
  errors: Record<string, string>;
}) {
  const grantable = grantableRoles(access);
  const update = (index: number, grant: RoleGrant) =>
    onChange(roles.map((r, i) => (i === index ? grant : r)));
  return (
    <FieldSet legend={t.roles} hint={t.rolesHint} error={errors.roles}>
      <ol className="role-list">
        {roles.map((grant, index) => {
          return (
            <li key={index} className="role-row" data-testid="role-row">
              <SelectField
                label={t.role(index + 1)}
                value={grant.role}
                onChange={(event) => update(index, regrant(grant, event.target.value as Role))}
                error={errors[`roles.${index}.role`]}
              >
                {grantable.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </SelectField>
              {grant.role === 'admin' ? (
                <p className="role-row__note muted">{t.adminEverywhere}</p>
              ) : (
                <UnitSelect
                  key={unitKindsForRole(grant.role).join()}
                  label={t.roleUnit(index + 1)}
                  value={grant.unitId ?? ''}
                  onChange={(unitId) => update(index, { ...grant, unitId: unitId || null })}
                  kinds={unitKindsForRole(grant.role)}
                  accept={(unit) => access.can('user.manage', unit)}
                  error={errors[`roles.${index}.unitId`]}
                />
              )}
              {roles.length > 1 ? (
                <button
                  type="button"
                  className="button button--small button--ghost button--danger-text role-row__remove"
                  onClick={() => onChange(roles.filter((_, i) => i !== index))}
                >
                  {t.removeRole}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => onChange([...roles, { role: 'staff', unitId: null }])}
      >
        {t.addRole}
      </button>
    </FieldSet>
  );
}

/** "Hiệu trưởng · Trường Tiểu học Định Hiệp". */
export function roleText(role: { role: Role; unitName: string | null }): string {
  return role.unitName ? `${ROLE_LABELS[role.role]} · ${role.unitName}` : ROLE_LABELS[role.role];
}
