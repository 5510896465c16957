import type { Repositories } from '@caitien/db';
import type { PlanDetail } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { assertContentEditable } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { staleVersion, type VersionedWriter } from '../../kernel/versioned-write.ts';
import { assertPlanAccess } from './plan-access.ts';
import type { PlanReader } from './plan-reader.ts';

const FOCUS_NOT_FOUND = 'Không tìm thấy vấn đề trọng tâm này.';
const REVIEW_FORBIDDEN = 'Bạn không có quyền ghi kết quả rà soát của kế hoạch này.';

/** The fields of a focus issue (Biểu 2 mục IV). */
interface FocusIssueInput {
  standardCode?: string | null | undefined;
  criterionCode?: string | null | undefined;
  currentState?: string | undefined;
  limitation?: string | undefined;
  cause?: string | undefined;
}

const definedOf = (changes: object) =>
  Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));

/**
 * The parts of a plan beside its rows: focus issues (mục IV, sealed content like the rows) and review
 * rounds (mục VI, outside the seal: the monitoring team and the principal fill them in after approval).
 */
export function createPlanAnnex(deps: {
  repositories: Pick<Repositories, 'plans'>;
  reader: PlanReader;
  write: VersionedWriter;
  ids: IdGenerator;
}) {
  const { reader, write, ids } = deps;

  /** The plan after a versioned save, or its refusal: 404 (item gone) or 409 with the current plan. */
  async function answer(
    outcome: 'saved' | 'conflict' | 'missing',
    planId: string,
    missingMessage: string,
  ): Promise<PlanDetail> {
    if (outcome === 'missing') throw new AppError('NOT_FOUND', missingMessage);
    if (outcome === 'conflict') throw staleVersion(await reader.currentDetail(planId));
    return reader.reloadDetail(planId);
  }

  return {
    /** Records a review round (Biểu 2 mục VI). */
    async updateReview(
      ctx: ServiceContext,
      planId: string,
      reviewId: string,
      input: {
        content?: string | undefined;
        result?: string | undefined;
        adjustment?: string | undefined;
        reviewer?: string | undefined;
        version: number;
      },
    ): Promise<PlanDetail> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'read');
      const subject = (status: typeof plan.status) => ({ schoolPath: school.path, status });
      assertPlanAccess(ctx.actor, 'progress', subject(plan.status), REVIEW_FORBIDDEN);
      const { version, ...changes } = input;
      const defined = definedOf(changes);
      const outcome = await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'read', school.path);
        assertPlanAccess(ctx.actor, 'progress', subject(locked.status), REVIEW_FORBIDDEN);
        const saved = await tx.plans.updateReview(plan.id, reviewId, version, defined);
        if (saved === 'saved') {
          await record({
            action: 'plan.review.update',
            entityType: 'plan_review',
            entityId: reviewId,
            unit: school,
            summary: `Ghi kết quả rà soát kế hoạch năm học ${plan.schoolYear}`,
            after: defined,
          });
        }
        return saved;
      });
      return answer(outcome, plan.id, 'Không tìm thấy đợt rà soát này.');
    },

    /** Adds a focus issue at the end. */
    async addFocusIssue(
      ctx: ServiceContext,
      planId: string,
      input: FocusIssueInput,
    ): Promise<PlanDetail> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
        assertContentEditable(locked.status);
        const id = ids.next();
        await tx.plans.insertFocusIssue({
          id,
          planId: plan.id,
          position: await tx.plans.nextFocusPosition(plan.id),
          standardCode: input.standardCode ?? null,
          criterionCode: input.criterionCode ?? null,
          currentState: input.currentState ?? '',
          limitation: input.limitation ?? '',
          cause: input.cause ?? '',
        });
        await record({
          action: 'plan.focus.create',
          entityType: 'plan_focus_issue',
          entityId: id,
          unit: school,
          summary: `Thêm vấn đề trọng tâm vào kế hoạch năm học ${plan.schoolYear}`,
          after: input,
        });
      });
      return reader.reloadDetail(plan.id);
    },

    async updateFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
      input: FocusIssueInput & { version: number },
    ): Promise<PlanDetail> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      const { version, ...changes } = input;
      const defined = definedOf(changes);
      const outcome = await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
        assertContentEditable(locked.status);
        const saved = await tx.plans.updateFocusIssue(plan.id, issueId, version, defined);
        if (saved === 'saved') {
          await record({
            action: 'plan.focus.update',
            entityType: 'plan_focus_issue',
            entityId: issueId,
            unit: school,
            summary: `Sửa vấn đề trọng tâm của kế hoạch năm học ${plan.schoolYear}`,
            after: defined,
          });
        }
        return saved;
      });
      return answer(outcome, plan.id, FOCUS_NOT_FOUND);
    },

    async deleteFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
    ): Promise<PlanDetail> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
        assertContentEditable(locked.status);
        if (!(await tx.plans.deleteFocusIssue(plan.id, issueId)))
          throw new AppError('NOT_FOUND', FOCUS_NOT_FOUND);
        await record({
          action: 'plan.focus.delete',
          entityType: 'plan_focus_issue',
          entityId: issueId,
          unit: school,
          summary: `Xóa vấn đề trọng tâm của kế hoạch năm học ${plan.schoolYear}`,
        });
      });
      return reader.reloadDetail(plan.id);
    },
  };
}
