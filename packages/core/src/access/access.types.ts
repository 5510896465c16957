/**
 * Organisation and access vocabulary. Since 01/7/2025 mầm non, tiểu học and THCS are overseen by the
 * commune (UBND xã/phường) and the province's Sở GD&ĐT, THPT by the Sở; the district Phòng GD&ĐT is
 * abolished but kept as a legacy unit because older plans name it.
 */

/** Kinds of unit in the administrative tree. */
export const UNIT_KINDS = ['ministry', 'province', 'commune', 'district_legacy', 'school'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Vietnamese labels of unit kinds. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  ministry: 'Bộ Giáo dục và Đào tạo',
  province: 'Sở Giáo dục và Đào tạo',
  commune: 'UBND xã/phường',
  district_legacy: 'Phòng Giáo dục và Đào tạo (trước 01/7/2025)',
  school: 'Trường / cơ sở giáo dục',
};

/** Which kinds of unit may sit directly under which. */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly (UnitKind | null)[]> = {
  ministry: [null],
  province: [null, 'ministry'],
  commune: ['province'],
  district_legacy: ['province'],
  school: ['province', 'commune', 'district_legacy'],
};

/** Roles, each held for one unit (the administrator's for the whole system). */
export const ROLES = [
  'admin',
  'office_staff',
  'principal',
  'council_member',
  'monitoring_member',
  'staff',
] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese labels of roles. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  office_staff: 'Cán bộ phòng/sở/xã',
  principal: 'Hiệu trưởng',
  council_member: 'Thành viên Hội đồng tự đánh giá',
  monitoring_member: 'Thành viên Tổ giám sát',
  staff: 'Cán bộ, giáo viên, nhân viên',
};

/** Roles held at a school (the others are held at an office unit, or system-wide). */
export const SCHOOL_ROLES: readonly Role[] = [
  'principal',
  'council_member',
  'monitoring_member',
  'staff',
];

/** A role held for a unit. `unitPath` is the unit's materialised path ("/root/…/unit/"). */
export interface RoleAssignment {
  role: Role;
  unitId: string | null;
  unitPath: string | null;
}

/** Who is acting. */
export interface Actor {
  userId: string;
  assignments: RoleAssignment[];
}

/** Every action the permission policy decides. */
export const ACTIONS = [
  'unit.read',
  'unit.manage',
  'school.read',
  'school.update',
  'people.read',
  'people.write',
  'user.read',
  'user.manage',
  'user.resetPassword',
  'audit.read',
  'plan.read',
  'plan.edit',
  'plan.approve',
  'plan.progress',
  // Issue 14: the offices follow their schools (inbox, roll-up, comments, deadlines); the principal
  // sends documents up and publishes them; the school's working roles answer the offices' comments.
  'office.review',
  'plan.send',
  'comment.reply',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The policy's answer: allowed, or why not (CONTRACTS.md "Access answers": 404 before 403). */
export type Decision = { allowed: true } | { allowed: false; reason: 'not_found' | 'forbidden' };
