import type { AssessmentCouncil, CriterionMarks, FrameworkDefinition } from '@caitien/core';
import { AppError } from '../../errors.ts';
import { markKeysOf } from './assessment-computation.ts';

/** 400 naming the field, in Vietnamese. */
export function invalid(message: string, field: string): AppError {
  return new AppError('VALIDATION_ERROR', message, { fields: [{ field, message }] });
}

/** The framework's criterion codes, in order. */
export function criterionCodesOf(framework: FrameworkDefinition): string[] {
  return framework.standards.flatMap((s) => s.criteria.map((c) => c.code));
}

/**
 * Refuses marks whose keys the criterion does not have (an unknown chỉ báo, a level the regime does
 * not use): 400 naming them and the keys it has.
 */
export function assertMarkKeys(
  framework: FrameworkDefinition,
  criterionCode: string,
  marks: CriterionMarks,
): void {
  const keys = markKeysOf(framework, criterionCode);
  const unknown = Object.keys(marks).filter((k) => !keys.has(k));
  if (unknown.length === 0) return;
  throw invalid(
    `Tiêu chí ${criterionCode} không có chỉ báo ${unknown.map((k) => `“${k}”`).join(', ')}; ` +
      `các chỉ báo của tiêu chí: ${[...keys].join(', ') || '(không có)'}.`,
    'marks',
  );
}

/**
 * A council's own consistency: member and group ids unique, groups made of council members, picked
 * members from this school's staff directory. (TT57 composition rules are warnings, not refusals.)
 */
export function assertCouncil(council: AssessmentCouncil, staffIds: ReadonlySet<string>): void {
  const memberIds = new Set<string>();
  for (const member of council.members) {
    if (memberIds.has(member.id))
      throw invalid(`Mã thành viên “${member.id}” bị trùng trong hội đồng.`, 'council.members');
    memberIds.add(member.id);
    if (member.personId !== null && !staffIds.has(member.personId))
      throw invalid(
        `Thành viên “${member.name}” không có trong danh sách cán bộ của trường; hãy chọn lại hoặc nhập tên.`,
        'council.members',
      );
  }
  const groupIds = new Set<string>();
  for (const group of council.groups) {
    if (groupIds.has(group.id))
      throw invalid(`Mã nhóm “${group.id}” bị trùng trong hội đồng.`, 'council.groups');
    groupIds.add(group.id);
    const strangers = group.memberIds.filter((id) => !memberIds.has(id));
    if (strangers.length > 0)
      throw invalid(
        `Nhóm “${group.name}” có người không phải thành viên hội đồng; hãy thêm họ vào hội đồng trước.`,
        'council.groups',
      );
  }
}

/** An assignee must be a member or a group of the council (or nobody). */
export function assertAssignee(
  council: AssessmentCouncil,
  assignee: { memberId: string | null; groupId: string | null },
): void {
  if (assignee.memberId !== null && !council.members.some((m) => m.id === assignee.memberId))
    throw invalid(
      'Người được phân công phải là thành viên hội đồng tự đánh giá.',
      'assignee.memberId',
    );
  if (assignee.groupId !== null && !council.groups.some((g) => g.id === assignee.groupId))
    throw invalid(
      'Nhóm được phân công phải là nhóm công tác của hội đồng tự đánh giá.',
      'assignee.groupId',
    );
}
