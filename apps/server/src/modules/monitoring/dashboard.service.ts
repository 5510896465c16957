import { planDashboard, REVIEW_ROUND_KINDS, type ReviewRoundKind } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { PlanDashboard } from './monitoring-api.types.ts';
import type { MonitoringReader } from './monitoring-reader.ts';

type Round = PlanDashboard['rounds'][number];

/**
 * The school's dashboard of a plan (issue 13 "Dashboards"): the aggregation is core's
 * `planDashboard` over the rows as the monitoring screens answer them; the review rounds come
 * from the review-round repository (their progress: rows reviewed of the plan's rows).
 */
export function createDashboard(deps: {
  repositories: Pick<Repositories, 'reviewRounds'>;
  reader: MonitoringReader;
}) {
  const { repositories: repos, reader } = deps;
  return {
    async getPlanDashboard(ctx: ServiceContext, planId: string): Promise<PlanDashboard> {
      const scope = await reader.loadScope(ctx, planId);
      const rows = await reader.rowsOf(ctx, scope);
      const data = planDashboard(rows, { schoolYear: scope.shown.schoolYear });
      const stored = await repos.reviewRounds.listRounds([scope.lineageId]);
      const reviewed = await repos.reviewRounds.countReviewedRows(stored.map((r) => r.id));
      const rounds: Round[] = stored.map((r) => ({
        id: r.id,
        lineageId: r.lineageId,
        planId: r.planId,
        position: r.position,
        kind: ((REVIEW_ROUND_KINDS as readonly string[]).includes(r.kind)
          ? r.kind
          : 'extra') as ReviewRoundKind,
        label: r.label,
        status: r.status as Round['status'],
        plannedDate: r.plannedDate,
        openedAt: r.openedAt,
        conclusions: r.conclusions,
        recommendations: r.recommendations,
        closedAt: r.closedAt,
        reviewedRows: reviewed.get(r.id) ?? 0,
        totalRows: rows.length,
        version: r.version,
        fieldVersions: r.fieldVersions,
      }));
      return {
        planId: scope.shown.id,
        schoolYear: scope.shown.schoolYear,
        today: reader.today(),
        ...data,
        rounds,
      };
    },
  };
}
