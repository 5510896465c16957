import type { PlanLayout } from '@caitien/core';
import type { BoundRepositories, PlanRecord, Repositories } from '@caitien/db';
import type { PlanDetail } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { applyTransition, assertContentEditable } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import type { PlanReader } from './plan-reader.ts';
import { sealPlan, verifyPlanSeal } from './plan-seal.ts';
import { refreshPlanRollupSummaries } from '../rollup/plan-rollup-summaries.ts';

/**
 * The plan's lifecycle (packages/core/src/lifecycle): its header and sections while a draft, "trình",
 * approval with its seal, verification of the seal, revisions. Transitions lock the plan row
 * (`FOR UPDATE` on PostgreSQL) and decide from the status read under that lock.
 */
/** The transitions a plan's lifecycle use cases make (each is also the access operation). */
type PlanTransition = 'submit' | 'approve' | 'revise';

export function createPlanLifecycle(deps: {
  repositories: Pick<Repositories, 'plans'>;
  reader: PlanReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, write, clock, ids } = deps;

  /** The plan and its school for a transition, refused (409) if its status does not allow it. */
  async function loadFor(ctx: ServiceContext, planId: string, transition: PlanTransition) {
    const loaded = await reader.loadPlan(ctx, planId, transition);
    applyTransition(loaded.plan.status, transition);
    return loaded;
  }

  /**
   * Inside the writing transaction: the plan under its row lock (`FOR UPDATE` on PostgreSQL), the
   * access and the transition decided again on the status read there, and the status it leads to.
   */
  async function lockFor(
    tx: BoundRepositories,
    ctx: ServiceContext,
    loaded: { plan: PlanRecord; school: { path: string } },
    transition: PlanTransition,
  ) {
    const { plan, school } = loaded;
    const locked = await reader.lockPlan(tx, ctx, plan.id, transition, school.path, 'transition');
    return { locked, to: applyTransition(locked.status, transition) };
  }

  return {
    /**
     * Header, sections, layout and hidden columns. Layout and hidden columns are presentation: they
     * may change after approval (the seal does not cover them); header and sections are content.
     */
    async updatePlan(
      ctx: ServiceContext,
      planId: string,
      input: {
        header?: PlanRecord['header'] | undefined;
        sections?: PlanRecord['sections'] | undefined;
        layout?: PlanLayout | undefined;
        hiddenColumns?: string[] | undefined;
        version: number;
      },
      /** The audit entry's action and summary when another use case saves through here. */
      note?: { action: string; summary: string; after?: Record<string, unknown> },
    ): Promise<PlanDetail> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      const content = input.header !== undefined || input.sections !== undefined;
      if (content) assertContentEditable(plan.status);
      const { version, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      await write(
        ctx,
        async (tx, record) => {
          const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
          if (content) assertContentEditable(locked.status);
          if (!(await tx.plans.updatePlan(plan.id, version, defined, clock.now().toISOString())))
            throw new StaleWrite();
          await record({
            action: note?.action ?? 'plan.update',
            entityType: 'plan',
            entityId: plan.id,
            unit: school,
            summary:
              note?.summary ?? `Sửa phần đầu / các mục của kế hoạch năm học ${plan.schoolYear}`,
            before: Object.fromEntries(
              Object.keys(defined).map((k) => [k, locked[k as keyof PlanRecord]]),
            ),
            after: { ...defined, ...note?.after },
          });
        },
        () => reader.currentDetail(plan.id),
      );
      return reader.reloadDetail(plan.id);
    },

    /** Draft → submitted: the council hands the plan to the principal. */
    async submitPlan(ctx: ServiceContext, planId: string, version: number) {
      const loaded = await loadFor(ctx, planId, 'submit');
      const { plan, school } = loaded;
      await write(
        ctx,
        async (tx, record) => {
          const { locked, to } = await lockFor(tx, ctx, loaded, 'submit');
          const now = clock.now().toISOString();
          if (!(await tx.plans.updatePlan(plan.id, version, { status: to, submittedAt: now }, now)))
            throw new StaleWrite();
          await record({
            action: 'plan.submit',
            entityType: 'plan',
            entityId: plan.id,
            unit: school,
            summary: `Trình kế hoạch năm học ${plan.schoolYear}`,
            before: { status: locked.status },
            after: { status: to },
          });
        },
        () => reader.currentDetail(plan.id),
      );
      return reader.reloadDetail(plan.id);
    },

    /**
     * Approval: the principal signs. In one transaction holding the plan row's lock, the content is
     * read, sealed (canonical JSON + SHA-256, plan-seal.ts) and the status flipped: a save waiting on
     * the lock runs after and is refused; a save that held it first is in the seal.
     */
    async approvePlan(ctx: ServiceContext, planId: string, version: number) {
      const loaded = await loadFor(ctx, planId, 'approve');
      const { plan, school } = loaded;
      const approver = ctx.audit.actorUserId ?? ctx.actor.userId;
      await write(
        ctx,
        async (tx, record) => {
          const { locked, to } = await lockFor(tx, ctx, loaded, 'approve');
          if (locked.version !== version) throw new StaleWrite();
          const rows = await tx.plans.listRows(plan.id);
          const focus = await tx.plans.listFocusIssues(plan.id);
          const seal = sealPlan(locked, rows, focus);
          const now = clock.now().toISOString();
          if (
            !(await tx.plans.updatePlan(
              plan.id,
              version,
              { status: to, approvedAt: now, approvedByUserId: approver },
              now,
            ))
          )
            throw new StaleWrite();
          await tx.plans.insertSnapshot({
            planId: plan.id,
            contentJson: seal.json,
            contentHash: seal.hash,
            approvedAt: now,
            approvedByUserId: approver,
          });
          // The solution library (issue 14): this revision's rows replace the lineage's older ones.
          await tx.solutionLibrary.indexApprovedPlan(plan.id);
          // The offices' roll-up reads this revision's summary from now on.
          await refreshPlanRollupSummaries(tx, [locked.lineageId], now);
          await record({
            action: 'plan.approve',
            entityType: 'plan',
            entityId: plan.id,
            unit: school,
            summary: `Phê duyệt kế hoạch năm học ${plan.schoolYear}${plan.revisionNumber ? ` (điều chỉnh lần ${plan.revisionNumber})` : ''}`,
            after: { contentHash: seal.hash },
          });
        },
        () => reader.currentDetail(plan.id),
      );
      return reader.reloadDetail(plan.id);
    },

    /**
     * Verifies an approved plan: the snapshot's stored hash against its content, and the live
     * content against the snapshot. A direct database edit of anything sealed shows as `tampered`.
     */
    async verifyPlan(
      ctx: ServiceContext,
      planId: string,
    ): Promise<{ status: 'not_approved' | 'intact' | 'tampered'; details: string[] }> {
      const { plan } = await reader.loadPlan(ctx, planId, 'read');
      const snapshot = await repos.plans.findSnapshot(plan.id);
      if (plan.status !== 'approved' || !snapshot) return { status: 'not_approved', details: [] };
      const [rows, focus] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listFocusIssues(plan.id),
      ]);
      return verifyPlanSeal(snapshot, plan, rows, focus);
    },

    async listRevisions(ctx: ServiceContext, planId: string) {
      const { plan } = await reader.loadPlan(ctx, planId, 'read');
      const lineage = await repos.plans.listLineage(plan.lineageId);
      return lineage.map((p) => ({
        id: p.id,
        revisionNumber: p.revisionNumber,
        status: p.status,
        approvedAt: p.approvedAt,
        updatedAt: p.updatedAt,
      }));
    },

    /** A revision ("điều chỉnh, bổ sung") of an approved plan: a new draft with the next number. */
    async createRevision(ctx: ServiceContext, planId: string, reason: string) {
      const loaded = await loadFor(ctx, planId, 'revise');
      const { plan, school } = loaded;
      const id = ids.next();
      const number = plan.revisionNumber + 1;
      const newer = (latest: PlanRecord) =>
        new AppError(
          'CONFLICT',
          `Đã có bản điều chỉnh lần ${latest.revisionNumber}; hãy điều chỉnh từ bản mới nhất.`,
          { planId: latest.id },
        );
      const latestOf = async () => (await repos.plans.listLineage(plan.lineageId)).at(-1);
      const latest = await latestOf();
      if (latest && latest.id !== plan.id) throw newer(latest);
      try {
        await write(ctx, async (tx, record) => {
          const { locked, to: status } = await lockFor(tx, ctx, loaded, 'revise');
          const [rows, focus, reviews] = [
            await tx.plans.listRows(plan.id),
            await tx.plans.listFocusIssues(plan.id),
            await tx.plans.listReviews(plan.id),
          ];
          const now = clock.now().toISOString();
          await tx.plans.insertPlan({
            ...locked,
            id,
            revisionNumber: number,
            status,
            header: {
              ...locked.header,
              subtitle: locked.header.subtitle.includes('điều chỉnh')
                ? locked.header.subtitle
                : `${locked.header.subtitle} (điều chỉnh, bổ sung lần ${number})`,
            },
            submittedAt: null,
            approvedAt: null,
            approvedByUserId: null,
            now,
            createdByUserId: ctx.audit.actorUserId,
          });
          for (const row of rows) {
            await tx.plans.insertRow({ ...row, id: ids.next(), planId: id, now });
          }
          for (const f of focus) {
            await tx.plans.insertFocusIssue({ ...f, id: ids.next(), planId: id });
          }
          for (const r of reviews) {
            await tx.plans.insertReview({ ...r, id: ids.next(), planId: id });
          }
          await record({
            action: 'plan.revision.create',
            entityType: 'plan',
            entityId: id,
            unit: school,
            summary: `Tạo bản điều chỉnh, bổ sung lần ${number} của kế hoạch năm học ${plan.schoolYear}`,
            after: { reason, from: plan.id },
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A simultaneous revision of the same plan committed first.
        const winner = await latestOf();
        throw winner ? newer(winner) : error;
      }
      return reader.reloadDetail(id);
    },
  };
}
