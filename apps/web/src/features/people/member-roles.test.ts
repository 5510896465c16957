import { describe, expect, test } from 'vitest';
import { memberRoleLabel, memberRolesFor, sortMembers } from './member-roles.ts';

describe('roles inside a group', () => {
  test('the Hội đồng tự đánh giá has Chủ tịch, Phó Chủ tịch, Thư ký and Ủy viên', () => {
    expect(memberRolesFor('council').map((role) => memberRoleLabel('council', role))).toEqual([
      'Chủ tịch',
      'Phó Chủ tịch',
      'Thư ký',
      'Ủy viên',
    ]);
  });

  test('a tổ chuyên môn has Tổ trưởng, Tổ phó and members', () => {
    expect(
      memberRolesFor('subject_group').map((role) => memberRoleLabel('subject_group', role)),
    ).toEqual(['Tổ trưởng', 'Tổ phó', 'Thành viên']);
  });

  test('members are listed chair first, keeping the order within a role', () => {
    const members = [
      { name: 'A', memberRole: 'member' as const },
      { name: 'B', memberRole: 'secretary' as const },
      { name: 'C', memberRole: 'chair' as const },
      { name: 'D', memberRole: 'member' as const },
    ];
    expect(sortMembers(members).map((m) => m.name)).toEqual(['C', 'B', 'A', 'D']);
  });
});
