import type { FrameworkCode, PlanOperation } from '@caitien/core';
import type { BoundRepositories, PlanRecord, Repositories } from '@caitien/db';
import type { PlanDetail } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assertPlanAccess, PLAN_NOT_FOUND } from './plan-access.ts';
import { planIdentityOf, toApiRow, type PlanDirectory } from './plan-rows.ts';

/** The framework code of a framework id ("TT57-PT@2" → "TT57-PT"). */
export const frameworkCodeOf = (frameworkId: string | null): FrameworkCode | null =>
  (frameworkId?.split('@')[0] as FrameworkCode | undefined) ?? null;

/**
 * Reading plans for the use cases: the plan and its school after the access decision, the detail
 * as answered, the school's directory for the people parser.
 */
export function createPlanReader(deps: {
  repositories: Pick<Repositories, 'plans' | 'units' | 'people'>;
}) {
  const repos = deps.repositories;

  async function loadPlan(ctx: ServiceContext, planId: string, operation: PlanOperation) {
    const plan = await repos.plans.findPlan(planId);
    if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    const school = await repos.units.findById(plan.schoolId);
    if (!school) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    assertPlanAccess(ctx.actor, operation, { schoolPath: school.path, status: plan.status });
    return { plan, school: { id: school.id, path: school.path, name: school.name } };
  }

  /**
   * The plan under its row lock, inside the writing transaction, with the access decision taken
   * again on the status read there: a save that queued behind an approval sees "approved".
   */
  async function lockPlan(
    tx: BoundRepositories,
    ctx: ServiceContext,
    planId: string,
    operation: PlanOperation,
    schoolPath: string,
    mode: 'transition' | 'save' = 'save',
  ): Promise<PlanRecord> {
    const plan = await tx.plans.lockPlan(planId, mode);
    if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    assertPlanAccess(ctx.actor, operation, { schoolPath, status: plan.status });
    return plan;
  }

  async function directoryOf(schoolId: string): Promise<PlanDirectory> {
    const [people, groups] = await Promise.all([
      repos.people.listPeople(schoolId),
      repos.people.listGroups(schoolId),
    ]);
    return {
      people: people.map((p) => ({ id: p.id, fullName: p.fullName, position: p.position })),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind,
        memberIds: g.members.map((m) => m.personId),
      })),
    };
  }

  async function detail(plan: PlanRecord): Promise<PlanDetail> {
    const [rows, focus, reviews, snapshot] = await Promise.all([
      repos.plans.listRows(plan.id),
      repos.plans.listFocusIssues(plan.id),
      repos.plans.listReviews(plan.id),
      repos.plans.findSnapshot(plan.id),
    ]);
    return {
      ...planIdentityOf(plan),
      frameworkCode: frameworkCodeOf(plan.frameworkId),
      status: plan.status,
      layout: plan.layout,
      title: plan.header.subtitle,
      rowCount: rows.length,
      approvedAt: plan.approvedAt,
      updatedAt: plan.updatedAt,
      version: plan.version,
      hiddenColumns: plan.hiddenColumns,
      header: plan.header,
      sections: plan.sections,
      rows: rows.map(toApiRow),
      focusIssues: focus.map((f) => ({
        id: f.id,
        version: f.version,
        standardCode: f.standardCode,
        criterionCode: f.criterionCode,
        currentState: f.currentState,
        limitation: f.limitation,
        cause: f.cause,
      })),
      reviews: reviews.map((r) => ({
        id: r.id,
        version: r.version,
        roundLabel: r.roundLabel,
        content: r.content,
        result: r.result,
        adjustment: r.adjustment,
        reviewer: r.reviewer,
      })),
      carriedFromPlanId: plan.carriedFromPlanId,
      snapshotHash: snapshot?.contentHash ?? null,
    };
  }

  /** The current plan as answered, or null when it is gone (the 409 body of a stale write). */
  async function currentDetail(planId: string): Promise<PlanDetail | null> {
    const current = await repos.plans.findPlan(planId);
    return current ? detail(current) : null;
  }

  /** The plan as answered after a write. */
  async function reloadDetail(planId: string): Promise<PlanDetail> {
    const plan = await repos.plans.findPlan(planId);
    if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    return detail(plan);
  }

  return { loadPlan, lockPlan, directoryOf, detail, currentDetail, reloadDetail };
}

export type PlanReader = ReturnType<typeof createPlanReader>;
