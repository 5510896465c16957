/** The people directory of a school: positions, groups and their member roles. */

/** Groups a school keeps (Ban giám hiệu, tổ chuyên môn, Hội đồng tự đánh giá, Tổ giám sát…). */
export const GROUP_KINDS = [
  'leadership',
  'subject_group',
  'office_group',
  'council',
  'monitoring_team',
  'other',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Vietnamese labels of group kinds. */
export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  leadership: 'Ban giám hiệu',
  subject_group: 'Tổ chuyên môn',
  office_group: 'Tổ văn phòng',
  council: 'Hội đồng tự đánh giá',
  monitoring_team: 'Tổ giám sát',
  other: 'Nhóm khác',
};

/** A member's role inside a group. */
export const MEMBER_ROLES = [
  'chair',
  'vice_chair',
  'secretary',
  'leader',
  'deputy',
  'member',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Vietnamese labels of member roles (council: Chủ tịch/Phó Chủ tịch/Thư ký/Ủy viên; groups: Tổ trưởng/Tổ phó). */
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  chair: 'Chủ tịch',
  vice_chair: 'Phó Chủ tịch',
  secretary: 'Thư ký',
  leader: 'Tổ trưởng / Trưởng ban',
  deputy: 'Tổ phó / Phó ban',
  member: 'Ủy viên / Thành viên',
};

/** Positions offered in the directory; a school may also type its own. */
export const COMMON_POSITIONS = [
  'Hiệu trưởng',
  'Phó hiệu trưởng',
  'Tổ trưởng chuyên môn',
  'Tổ phó chuyên môn',
  'Giáo viên',
  'Tổng phụ trách Đội',
  'Kế toán',
  'Văn thư',
  'Thủ quỹ',
  'Y tế học đường',
  'Thư viện',
  'Thiết bị',
  'Nhân viên',
  'Bảo vệ',
] as const;

/**
 * Sorts people as Vietnamese lists do: by given name (the last word), then the rest
 * (CONTRACTS.md "Text and data rules"), with the Vietnamese collator.
 */
export function comparePeopleNames(a: string, b: string): number {
  const collator = new Intl.Collator('vi', { sensitivity: 'base' });
  const split = (name: string) => {
    const words = name.normalize('NFC').trim().split(/\s+/);
    return { given: words.at(-1) ?? '', rest: words.slice(0, -1).join(' ') };
  };
  const x = split(a);
  const y = split(b);
  return collator.compare(x.given, y.given) || collator.compare(x.rest, y.rest);
}
