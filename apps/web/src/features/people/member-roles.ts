import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type GroupKind, type MemberRole } from '@caitien/core';

/**
 * Roles offered inside a group of a kind. The Hội đồng tự đánh giá has a Chủ tịch (the principal),
 * Phó Chủ tịch, Thư ký and Ủy viên (Công văn 5932/BGDĐT-QLCL); the Tổ giám sát likewise; a tổ
 * has a Tổ trưởng and Tổ phó.
 */
export function memberRolesFor(kind: GroupKind): MemberRole[] {
  switch (kind) {
    case 'council':
    case 'monitoring_team':
      return ['chair', 'vice_chair', 'secretary', 'member'];
    case 'subject_group':
    case 'office_group':
      return ['leader', 'deputy', 'member'];
    case 'leadership':
    case 'other':
      return [...MEMBER_ROLES];
  }
}

/** The role's name as the group's own documents say it ("Ủy viên" in a council, "Tổ trưởng" in a tổ). */
export function memberRoleLabel(kind: GroupKind, role: MemberRole): string {
  const isCouncil = kind === 'council' || kind === 'monitoring_team';
  const isTeam = kind === 'subject_group' || kind === 'office_group';
  switch (role) {
    case 'member':
      return isCouncil ? 'Ủy viên' : 'Thành viên';
    case 'leader':
      return isTeam ? 'Tổ trưởng' : 'Trưởng ban';
    case 'deputy':
      return isTeam ? 'Tổ phó' : 'Phó ban';
    case 'chair':
    case 'vice_chair':
    case 'secretary':
      return MEMBER_ROLE_LABELS[role];
  }
}

/** Members in the order documents list them: chair first, members last (stable within a role). */
export function sortMembers<T extends { memberRole: MemberRole }>(members: readonly T[]): T[] {
  const rank = (role: MemberRole) => MEMBER_ROLES.indexOf(role);
  return members
    .map((member, index) => ({ member, index }))
    .sort((a, b) => rank(a.member.memberRole) - rank(b.member.memberRole) || a.index - b.index)
    .map(({ member }) => member);
}
