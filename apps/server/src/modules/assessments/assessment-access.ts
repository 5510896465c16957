import {
  decideAssessment,
  type Actor,
  type AssessmentAccessSubject,
  type AssessmentOperation,
} from '@caitien/core';
import type { AssessmentAccessRecord, Repositories } from '@caitien/db';
import { AppError } from '../../errors.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';

export const ASSESSMENT_NOT_FOUND = 'Không tìm thấy báo cáo tự đánh giá này.';

const FORBIDDEN: Partial<Record<AssessmentOperation, string>> = {
  edit: 'Bạn không có quyền sửa báo cáo tự đánh giá này (chỉ thành viên hội đồng tự đánh giá).',
  submit: 'Bạn không có quyền trình báo cáo tự đánh giá này.',
  revise: 'Bạn không có quyền tạo bản điều chỉnh của báo cáo tự đánh giá này.',
  approve: 'Chỉ hiệu trưởng (chủ tịch hội đồng) mới phê duyệt được báo cáo tự đánh giá.',
};

const ACTION_OF: Record<AssessmentOperation, string> = {
  read: 'plan.read',
  edit: 'plan.edit',
  submit: 'plan.edit',
  revise: 'plan.edit',
  approve: 'plan.approve',
};

/**
 * Asks the core policy (`decideAssessment`) and answers its refusal (CONTRACTS.md "Access answers"):
 * invisible (another school, a status the caller may not read) → 404, visible without the right →
 * 403. Called before a write and again inside its transaction with the status read under the lock.
 * The evidence module calls it too, with the assessment's `edit` for evidence changes.
 */
export function assertAssessmentAccess(
  actor: Actor,
  operation: AssessmentOperation,
  subject: AssessmentAccessSubject,
): void {
  const decision = decideAssessment(actor, operation, subject);
  if (decision.allowed) return;
  if (decision.reason === 'not_found') throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
  throw new AppError('FORBIDDEN', FORBIDDEN[operation] ?? FORBIDDEN_MESSAGE, {
    action: ACTION_OF[operation],
  });
}

/**
 * Loads an assessment's access record (`findAssessmentAccess`) and checks `operation` on it: 404
 * when it does not exist or is invisible, 403 without the right. Returns the record.
 */
export async function loadAssessmentAccess(
  repositories: Pick<Repositories, 'assessments'>,
  actor: Actor,
  operation: AssessmentOperation,
  assessmentId: string,
): Promise<AssessmentAccessRecord> {
  const access = await repositories.assessments.findAssessmentAccess(assessmentId);
  if (!access) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
  assertAssessmentAccess(actor, operation, access);
  return access;
}
