import { decidePlan, type Actor, type PlanAccessSubject, type PlanOperation } from '@caitien/core';
import { AppError } from '../../errors.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';

export const PLAN_NOT_FOUND = 'Không tìm thấy kế hoạch này.';
export const ROW_NOT_FOUND = 'Không tìm thấy dòng này trong kế hoạch.';

const FORBIDDEN: Partial<Record<PlanOperation, string>> = {
  progress: 'Bạn không có quyền cập nhật tiến độ, kết quả của kế hoạch này.',
};

const ACTION_OF: Record<PlanOperation, string> = {
  read: 'plan.read',
  edit: 'plan.edit',
  submit: 'plan.edit',
  revise: 'plan.edit',
  approve: 'plan.approve',
  progress: 'plan.progress',
};

/**
 * Asks the core policy (`decidePlan`) and answers its refusal (CONTRACTS.md "Access answers"):
 * invisible (another school, a draft the caller may not read) → 404, visible without the right → 403.
 * Called before a write and again inside its transaction with the status read under the plan's lock.
 */
export function assertPlanAccess(
  actor: Actor,
  operation: PlanOperation,
  plan: PlanAccessSubject,
  forbiddenMessage?: string,
): void {
  const decision = decidePlan(actor, operation, plan);
  if (decision.allowed) return;
  if (decision.reason === 'not_found') throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
  throw new AppError('FORBIDDEN', forbiddenMessage ?? FORBIDDEN[operation] ?? FORBIDDEN_MESSAGE, {
    action: ACTION_OF[operation],
  });
}
