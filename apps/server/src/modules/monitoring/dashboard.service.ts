import { planDashboard, REVIEW_ROUND_KINDS, type ReviewRoundKind } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { PlanDashboard } from './monitoring-api.types.ts';
import type { MonitoringReader } from './monitoring-reader.ts';

type Round = PlanDashboard['rounds'][number];

const parseVersions = (text: string): Record<string, number> => {
  try {
    return JSON.parse(text) as Record<string, number>;
  } catch {
    return {};
  }
};

/**
 * The school's dashboard of a plan (issue 13 "Dashboards"): the aggregation is core's
 * `planDashboard` over the rows as the monitoring screens answer them; the review rounds are read
 * from their table with a small query of the progress repository.
 */
export function createDashboard(deps: {
  repositories: Pick<Repositories, 'progress'>;
  reader: MonitoringReader;
}) {
  const { repositories: repos, reader } = deps;
  return {
    async getPlanDashboard(ctx: ServiceContext, planId: string): Promise<PlanDashboard> {
      const scope = await reader.loadScope(ctx, planId);
      const rows = await reader.rowsOf(ctx, scope);
      const data = planDashboard(rows, { schoolYear: scope.shown.schoolYear });
      const stored = await repos.progress.listRounds(scope.lineageId);
      const reviewed = await repos.progress.countRoundRows(stored.map((r) => r.id));
      const rounds: Round[] = stored.map((r) => ({
        id: r.id,
        lineageId: r.lineage_id,
        planId: r.plan_id,
        position: Number(r.position),
        kind: ((REVIEW_ROUND_KINDS as readonly string[]).includes(r.kind)
          ? r.kind
          : 'extra') as ReviewRoundKind,
        label: r.label,
        status: r.status as Round['status'],
        plannedDate: r.planned_date,
        openedAt: r.opened_at,
        conclusions: r.conclusions,
        recommendations: r.recommendations,
        closedAt: r.closed_at,
        reviewedRows: reviewed.get(r.id) ?? 0,
        totalRows: rows.length,
        version: Number(r.version),
        fieldVersions: parseVersions(r.field_versions_json),
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
