import { checkPlan, readablePlanStatuses, type FrameworkDefinition } from '@caitien/core';
import type { FrameworkRepository, Repositories } from '@caitien/db';
import {
  PLAN_INTERCHANGE_FORMAT_VERSION,
  type PlanDetail,
  type PlanInterchange,
} from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { authorize } from '../auth/authorize.ts';
import type { UnitService } from '../units/unit.service.ts';
import { assertPlanAccess, PLAN_NOT_FOUND } from './plan-access.ts';
import type { PlanDetailCache, SerializedPlan } from './plan-detail-cache.ts';
import { monitoringOfExport } from './plan-export-monitoring.ts';
import { frameworkCodeOf, type PlanReader } from './plan-reader.ts';
import { rowFrameOf, textsOf, toApiRow } from './plan-rows.ts';

/** See `weakCriteriaForPlan` in createPlanQueries' dependencies. */
export type WeakCriteriaForPlan = (
  ctx: ServiceContext,
  plan: { schoolId: string; schoolYear: string; schoolPath: string },
) => Promise<readonly { criterionCode: string; reason: string }[] | null>;

/** Reading plans: the school's list, one plan (cached bytes), its checks, its interchange JSON. */
export function createPlanQueries(deps: {
  repositories: Pick<Repositories, 'plans' | 'units' | 'progress' | 'reviewRounds'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersion'>;
  unitService: Pick<UnitService, 'loadSchool'>;
  reader: PlanReader;
  detailCache: PlanDetailCache;
  clock: Clock;
  /**
   * The weak criteria of the school's self-assessment of the plan's year, for the check "weak
   * criterion with no row" (the assessments module answers; null: none, the check stays silent).
   */
  weakCriteriaForPlan?: WeakCriteriaForPlan | undefined;
}) {
  const {
    repositories: repos,
    frameworkRepository,
    unitService,
    reader,
    detailCache,
    clock,
  } = deps;

  return {
    /**
     * The school's plans the caller may read. The policy's scope (which statuses at this school,
     * `readablePlanStatuses`) goes into the query, so a list never fetches what it may not show.
     */
    async listPlans(ctx: ServiceContext, schoolId: string, schoolYear?: string) {
      const school = await unitService.loadSchool(ctx, schoolId);
      authorize(ctx.actor, 'plan.read', school.path, 'Không tìm thấy trường này.');
      const plans = await repos.plans.listPlans({
        schoolId: school.id,
        schoolYear,
        statuses: readablePlanStatuses(ctx.actor, school.path),
      });
      const counts = await repos.plans.countRows(plans.map((p) => p.id));
      return plans.map((p) => ({
        id: p.id,
        lineageId: p.lineageId,
        revisionNumber: p.revisionNumber,
        schoolId: p.schoolId,
        schoolYear: p.schoolYear,
        regime: p.regime,
        frameworkId: p.frameworkId,
        frameworkCode: frameworkCodeOf(p.frameworkId),
        status: p.status,
        layout: p.layout,
        title: p.header.subtitle,
        rowCount: counts.get(p.id) ?? 0,
        approvedAt: p.approvedAt,
        updatedAt: p.updatedAt,
        version: p.version,
      }));
    },

    async getPlan(ctx: ServiceContext, planId: string): Promise<PlanDetail> {
      const { plan } = await reader.loadPlan(ctx, planId, 'read');
      return reader.detail(plan);
    },

    /**
     * The plan as `GET /api/plans/:id` sends it: bytes serialised once per content sequence (issue
     * 5). Each call decides access first, from one small query (school path, status, sequence), so a
     * cached plan is never shown to someone who may not read it; only then is the cache asked. On a
     * miss the plan row is read first and its own sequence keys the entry: the rows, focus issues and
     * reviews read after it are at least that new, so an entry is never older than its key.
     */
    async readPlan(ctx: ServiceContext, planId: string): Promise<SerializedPlan> {
      const access = await repos.plans.findPlanAccess(planId);
      if (!access) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
      assertPlanAccess(ctx.actor, 'read', access);
      const cached = detailCache.get(access.id, access.contentSeq);
      if (cached) return cached;
      const plan = await repos.plans.findPlan(access.id);
      if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
      // The status may have moved since the first query: decide again on what is answered.
      assertPlanAccess(ctx.actor, 'read', { schoolPath: access.schoolPath, status: plan.status });
      return detailCache.put(await reader.detail(plan), plan.contentSeq);
    },

    async checkPlan(ctx: ServiceContext, planId: string) {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'read');
      const weakCriteria = deps.weakCriteriaForPlan
        ? await deps.weakCriteriaForPlan(ctx, {
            schoolId: plan.schoolId,
            schoolYear: plan.schoolYear,
            schoolPath: school.path,
          })
        : null;
      const [rows, reviews] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listReviews(plan.id),
      ]);
      let framework: FrameworkDefinition | null = null;
      if (plan.frameworkId)
        framework = (await frameworkRepository.findVersion(plan.frameworkId))?.definition ?? null;
      const carriedFrom = plan.carriedFromPlanId
        ? await repos.plans.findPlan(plan.carriedFromPlanId)
        : undefined;
      return checkPlan({
        regime: plan.regime,
        carriedFromRegime: carriedFrom?.regime ?? null,
        ...(weakCriteria ? { weakCriteria } : {}),
        framework,
        reviewRoundCount: reviews.length,
        schoolYear: plan.schoolYear,
        layout: plan.layout,
        rows: rows.map((r) => {
          const parsed = toApiRow(r).parsed;
          return {
            ...rowFrameOf(r),
            position: r.position,
            texts: textsOf(r),
            time: { start: parsed.time.start, end: parsed.time.end, issues: parsed.time.issues },
            budget: { amount: parsed.budget.amount, source: parsed.budget.source },
            carried: r.originRowId !== null,
          };
        }),
      });
    },

    /**
     * The plan in the interchange format (packages/shared/src/interchange.schemas.ts), version 2:
     * with each row's progress and log and the review rounds of its lineage (whoever may read the
     * plan may read those, DESIGN-13 "Who may").
     */
    async exportPlan(ctx: ServiceContext, planId: string): Promise<PlanInterchange> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'read');
      const [full, records, profile] = await Promise.all([
        reader.detail(plan),
        repos.plans.listRows(plan.id),
        repos.units.findProfile(school.id),
      ]);
      // Progress hangs on the row's track (a row not yet given one is its own track).
      const trackOf = new Map(records.map((r) => [r.id, r.trackId]));
      const monitoring = await monitoringOfExport(
        repos,
        plan,
        full.rows.map((r) => ({ ...r, trackId: trackOf.get(r.id) ?? r.id })),
      );
      return {
        formatVersion: PLAN_INTERCHANGE_FORMAT_VERSION,
        generator: 'CaiTien',
        exportedAt: clock.now().toISOString(),
        plan: {
          schoolYear: plan.schoolYear,
          regime: plan.regime,
          frameworkId: plan.frameworkId,
          status: plan.status,
          revisionNumber: plan.revisionNumber,
          layout: plan.layout,
          hiddenColumns: plan.hiddenColumns,
          snapshotHash: full.snapshotHash,
        },
        school: {
          name: school.name,
          governingBody: profile?.governingBody ?? '',
          placeName: profile?.placeName ?? '',
          documentSymbol: profile?.documentSymbol ?? '',
        },
        header: plan.header,
        sections: plan.sections,
        rows: full.rows.map((r, index) => {
          const {
            id: _id,
            position: _position,
            parsed,
            originRowId: _origin,
            version: _version,
            ...rest
          } = r;
          return {
            ...rest,
            time: parsed.time,
            budget: parsed.budget,
            people: parsed.people,
            ...(monitoring.rows[index] ? { monitoring: monitoring.rows[index] } : {}),
          };
        }),
        focusIssues: full.focusIssues.map(({ id: _id, version: _v, ...f }) => f),
        reviews: full.reviews.map(({ id: _id, version: _v, ...r }) => r),
        reviewRounds: monitoring.reviewRounds,
      };
    },
  };
}
