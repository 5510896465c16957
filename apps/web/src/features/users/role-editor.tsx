import { ROLE_LABELS, ROLES, SCHOOL_ROLES, type Role } from '@caitien/core';
import { vi } from '../../i18n/vi.ts';
import { FieldSet, SelectField } from '../../ui/form.tsx';
import type { Access, Unit } from '../auth/access.ts';
import { unitTrail } from '../units/unit-tree.ts';
import type { RoleGrant } from './users.queries.ts';

const t = vi.users;

/** Roles this user may grant: the administrator all; a principal the school roles. */
export function grantableRoles(access: Access): Role[] {
  return access.isAdmin ? [...ROLES] : [...SCHOOL_ROLES];
}

/** Units a role may be held at, among those the granting user sees and manages. */
export function unitsForRole(role: Role, units: readonly Unit[], access: Access): Unit[] {
  if (role === 'admin') return [];
  const wanted = SCHOOL_ROLES.includes(role)
    ? units.filter((unit) => unit.kind === 'school')
    : units.filter((unit) => unit.kind !== 'school');
  return wanted.filter((unit) => access.can('user.manage', unit.id));
}

/** A grant adjusted to a new role: admin holds no unit; a unit of the wrong kind is replaced. */
export function regrant(
  grant: RoleGrant,
  role: Role,
  units: readonly Unit[],
  access: Access,
): RoleGrant {
  if (role === 'admin') return { role, unitId: null };
  const options = unitsForRole(role, units, access);
  const keep = options.some((unit) => unit.id === grant.unitId);
  return { role, unitId: keep ? grant.unitId : (options[0]?.id ?? null) };
}

/** The roles of an account: each a role and the unit it is held at. */
export function RoleEditor({
  roles,
  onChange,
  units,
  access,
  errors,
}: {
  roles: RoleGrant[];
  onChange: (roles: RoleGrant[]) => void;
  units: readonly Unit[];
  access: Access;
  errors: Record<string, string>;
}) {
  const grantable = grantableRoles(access);
  const update = (index: number, grant: RoleGrant) =>
    onChange(roles.map((r, i) => (i === index ? grant : r)));
  const firstSchool = units.find(
    (unit) => unit.kind === 'school' && access.can('user.manage', unit.id),
  );
  return (
    <FieldSet legend={t.roles} hint={t.rolesHint} error={errors.roles}>
      <ol className="role-list">
        {roles.map((grant, index) => {
          const unitOptions = unitsForRole(grant.role, units, access);
          return (
            <li key={index} className="role-row" data-testid="role-row">
              <SelectField
                label={t.role(index + 1)}
                value={grant.role}
                onChange={(event) =>
                  update(index, regrant(grant, event.target.value as Role, units, access))
                }
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
                <SelectField
                  label={t.roleUnit(index + 1)}
                  value={grant.unitId ?? ''}
                  onChange={(event) =>
                    update(index, { ...grant, unitId: event.target.value || null })
                  }
                  error={errors[`roles.${index}.unitId`]}
                >
                  {unitOptions.length === 0 ? <option value="">{t.noUnitForRole}</option> : null}
                  {unitOptions.map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {unitTrail(unit)}
                    </option>
                  ))}
                </SelectField>
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
        onClick={() => onChange([...roles, { role: 'staff', unitId: firstSchool?.id ?? null }])}
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
