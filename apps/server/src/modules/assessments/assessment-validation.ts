import type { AssessmentCouncil, FrameworkDefinition } from '@caitien/core';
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
  marks: Readonly<Record<string, boolean | null>>,
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

/** The levels a criterion's level descriptions may name: the regime's, and 4 when it has Mức 4. */
export function describableLevels(framework: FrameworkDefinition): Set<string> {
  const levels = new Set(framework.levels.map(String));
  if (framework.level4Items.length > 0) levels.add('4');
  return levels;
}

/** Refuses level descriptions of a level the framework does not have (TT57: Mức 1 and 2 only). */
export function assertDescribedLevels(
  framework: FrameworkDefinition,
  criterionCode: string,
  levelDescriptions: Record<string, string>,
): void {
  const levels = describableLevels(framework);
  const wrong = Object.keys(levelDescriptions).filter((k) => !levels.has(k));
  if (wrong.length > 0)
    throw invalid(
      `Tiêu chí ${criterionCode} không có ${wrong.map((k) => `Mức ${k}`).join(', ')} trong ${framework.code}; chỉ mô tả được ${[...levels].map((k) => `Mức ${k}`).join(', ')}.`,
      'levelDescriptions',
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

/** What of an interchange file must name the framework's own parts (see assertInterchangeParts). */
export interface InterchangeParts {
  standards: readonly { standardCode: string }[];
  criteria: readonly { criterionCode: string; levelDescriptions: Record<string, string> }[];
  level4: readonly { key: string }[];
  evidence: readonly { code: string; primaryCriterionCode: string; criterionCodes: string[] }[];
}

/**
 * Refuses (400, naming them) the parts of an interchange file this framework does not have —
 * standards, Mức 4 items, level descriptions of a level that does not exist, evidence cited by an
 * unknown criterion, evidence codes given twice — rather than dropping them silently or
 * failing on a database constraint.
 */
export function assertInterchangeParts(
  framework: FrameworkDefinition,
  known: {
    standardCodes: ReadonlySet<string>;
    criterionCodes: ReadonlySet<string>;
    level4Keys: ReadonlySet<string>;
  },
  doc: InterchangeParts,
): void {
  const list = (values: readonly string[]) =>
    [...new Set(values)]
      .slice(0, 10)
      .map((v) => `“${v}”`)
      .join(', ') + (new Set(values).size > 10 ? '…' : '');
  const standards = doc.standards
    .map((s) => s.standardCode)
    .filter((c) => !known.standardCodes.has(c));
  if (standards.length > 0)
    throw invalid(
      `Tệp có tiêu chuẩn không thuộc ${framework.code}: ${list(standards)}.`,
      'standards',
    );
  const level4 = doc.level4.map((l) => l.key).filter((k) => !known.level4Keys.has(k));
  if (level4.length > 0)
    throw invalid(
      known.level4Keys.size === 0
        ? `${framework.code} không có mục Mức 4, nhưng tệp có: ${list(level4)}.`
        : `Tệp có mục Mức 4 không thuộc ${framework.code}: ${list(level4)}.`,
      'level4',
    );
  const levels = describableLevels(framework);
  for (const c of doc.criteria) {
    const wrong = Object.keys(c.levelDescriptions).filter((k) => !levels.has(k));
    if (wrong.length > 0)
      throw invalid(
        `Tiêu chí ${c.criterionCode} trong tệp có phần mô tả của mức không có trong ${framework.code}: ${list(wrong)}.`,
        'criteria',
      );
  }
  const seen = new Set<string>();
  const twice: string[] = [];
  const unknownCriteria: string[] = [];
  for (const e of doc.evidence) {
    if (seen.has(e.code)) twice.push(e.code);
    seen.add(e.code);
    for (const code of [e.primaryCriterionCode, ...e.criterionCodes])
      if (!known.criterionCodes.has(code)) unknownCriteria.push(code);
  }
  if (twice.length > 0) throw invalid(`Tệp có mã minh chứng bị trùng: ${list(twice)}.`, 'evidence');
  if (unknownCriteria.length > 0)
    throw invalid(
      `Tệp có minh chứng được tiêu chí không thuộc ${framework.code} sử dụng: ${list(unknownCriteria)}.`,
      'evidence',
    );
}
