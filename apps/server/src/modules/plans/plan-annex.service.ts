import type { LifecycleStatus } from '@caitien/core';
import type { BoundRepositories, Repositories } from '@caitien/db';
import type { PlanDetail } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { assertContentEditable } from '../../kernel/lifecycle.ts';
import type { AuditChange } from '../audit/audit-writer.ts';
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

/** An audit entry of the plan's annex: the unit is the plan's school, the summary gets the year. */
type AnnexChange = Omit<AuditChange, 'unit'>;

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

  /**
   * One write to a part of the plan: `allowed` is decided on the plan as loaded, then again on the
   * status read under the plan's row lock inside the transaction (a save queued behind an approval
   * sees "approved"). `audit` records an entry for this plan, its summary ending in the school year.
   */
  async function writeUnderLock<T>(
    ctx: ServiceContext,
    planId: string,
    operation: 'read' | 'edit',
    allowed: (status: LifecycleStatus, schoolPath: string) => void,
    work: (
      tx: BoundRepositories,
      plan: { id: string },
      audit: (change: AnnexChange) => Promise<void>,
    ) => Promise<T>,
  ): Promise<{ outcome: T; planId: string }> {
    const { plan, school } = await reader.loadPlan(ctx, planId, operation);
    allowed(plan.status, school.path);
    const outcome = await write(ctx, async (tx, record) => {
      const locked = await reader.lockPlan(tx, ctx, plan.id, operation, school.path);
      allowed(locked.status, school.path);
      return work(tx, plan, ({ summary, ...change }) =>
        record({ ...change, unit: school, summary: `${summary} năm học ${plan.schoolYear}` }),
      );
    });
    return { outcome, planId: plan.id };
  }

  /** A versioned update of one item: only the defined fields change; 404 / 409 as `answer` says. */
  async function updateItem(
    ctx: ServiceContext,
    planId: string,
    operation: 'read' | 'edit',
    allowed: (status: LifecycleStatus, schoolPath: string) => void,
    input: { version: number },
    save: (
      tx: BoundRepositories,
      plan: { id: string },
      version: number,
      defined: Record<string, unknown>,
    ) => Promise<'saved' | 'conflict' | 'missing'>,
    change: AnnexChange,
    missingMessage: string,
  ): Promise<PlanDetail> {
    const { version, ...changes } = input;
    const defined = definedOf(changes);
    const done = await writeUnderLock(ctx, planId, operation, allowed, async (tx, plan, audit) => {
      const saved = await save(tx, plan, version, defined);
      if (saved === 'saved') await audit({ ...change, after: defined });
      return saved;
    });
    return answer(done.outcome, done.planId, missingMessage);
  }

  /** Sealed content (focus issues) changes only while the plan is not approved. */
  const contentEditable = (status: LifecycleStatus): void => assertContentEditable(status);
  /** Review rounds: whoever may record progress, which stays open after approval. */
  const reviewAllowed =
    (ctx: ServiceContext) =>
    (status: LifecycleStatus, schoolPath: string): void =>
      assertPlanAccess(ctx.actor, 'progress', { schoolPath, status }, REVIEW_FORBIDDEN);

  /** A change of the focus issues (sealed content), answered with the plan as saved. */
  async function editFocusIssues(
    ctx: ServiceContext,
    planId: string,
    work: Parameters<typeof writeUnderLock<void>>[4],
  ): Promise<PlanDetail> {
    const done = await writeUnderLock(ctx, planId, 'edit', contentEditable, work);
    return reader.reloadDetail(done.planId);
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
      return updateItem(
        ctx,
        planId,
        'read',
        reviewAllowed(ctx),
        input,
        (tx, plan, version, defined) => tx.plans.updateReview(plan.id, reviewId, version, defined),
        {
          action: 'plan.review.update',
          entityType: 'plan_review',
          entityId: reviewId,
          summary: 'Ghi kết quả rà soát kế hoạch',
        },
        'Không tìm thấy đợt rà soát này.',
      );
    },

    /** Adds a focus issue at the end. */
    async addFocusIssue(
      ctx: ServiceContext,
      planId: string,
      input: FocusIssueInput,
    ): Promise<PlanDetail> {
      return editFocusIssues(ctx, planId, async (tx, plan, audit) => {
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
        await audit({
          action: 'plan.focus.create',
          entityType: 'plan_focus_issue',
          entityId: id,
          summary: 'Thêm vấn đề trọng tâm vào kế hoạch',
          after: input,
        });
      });
    },

    async updateFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
      input: FocusIssueInput & { version: number },
    ): Promise<PlanDetail> {
      return updateItem(
        ctx,
        planId,
        'edit',
        contentEditable,
        input,
        (tx, plan, version, defined) =>
          tx.plans.updateFocusIssue(plan.id, issueId, version, defined),
        {
          action: 'plan.focus.update',
          entityType: 'plan_focus_issue',
          entityId: issueId,
          summary: 'Sửa vấn đề trọng tâm của kế hoạch',
        },
        FOCUS_NOT_FOUND,
      );
    },

    async deleteFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
    ): Promise<PlanDetail> {
      return editFocusIssues(ctx, planId, async (tx, plan, audit) => {
        if (!(await tx.plans.deleteFocusIssue(plan.id, issueId)))
          throw new AppError('NOT_FOUND', FOCUS_NOT_FOUND);
        await audit({
          action: 'plan.focus.delete',
          entityType: 'plan_focus_issue',
          entityId: issueId,
          summary: 'Xóa vấn đề trọng tâm của kế hoạch',
        });
      });
    },
  };
}
