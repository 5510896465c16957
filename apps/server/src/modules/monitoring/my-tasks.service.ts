import { CLOSED_PROGRESS_STATUSES, decidePlan } from '@caitien/core';
import type { PlanRecord, Repositories } from '@caitien/db';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { MyTask, MyTasks } from './monitoring-api.types.ts';
import { buildRowProgress, latestApproved, type MonitoringReader } from './monitoring-reader.ts';

/**
 * "Việc của tôi" (issue 13): the rows the signed-in user's directory person leads or coordinates
 * (re-parsed against the school's current directory), in the latest approved revision of each of
 * the school's plans whose year is not closed, across plans and years; `open` leaves out the rows
 * done or given up. An account linked to no person answers `linked: false`.
 */
export function createMyTasks(deps: {
  repositories: Pick<Repositories, 'plans' | 'units' | 'progress'>;
  reader: MonitoringReader;
}) {
  const { repositories: repos, reader } = deps;
  return {
    async listMyTasks(ctx: ServiceContext, query: { show: 'open' | 'all' }): Promise<MyTasks> {
      const today = reader.today();
      const personId = await reader.personIdOf(ctx);
      const schoolId = personId ? await repos.progress.schoolOfPerson(personId) : null;
      const school = schoolId ? await repos.units.findById(schoolId) : undefined;
      if (!personId || !school) return { today, linked: false, tasks: [] };

      const plans = await repos.plans.listPlans({ schoolId: school.id });
      const lineages = new Map<string, PlanRecord[]>();
      for (const plan of plans) {
        const list = lineages.get(plan.lineageId) ?? [];
        list.push(plan);
        lineages.set(plan.lineageId, list);
      }
      const monitored = [...lineages.values()]
        .map((list) => latestApproved(list))
        .filter((p): p is PlanRecord => p !== null)
        .filter(
          (p) =>
            decidePlan(ctx.actor, 'read', { schoolPath: school.path, status: p.status }).allowed,
        );
      const closed = await repos.progress.closedLineages(monitored.map((p) => p.lineageId));
      const open = monitored.filter((p) => !closed.has(p.lineageId));
      if (open.length === 0) return { today, linked: true, tasks: [] };

      const lineageIds = open.map((p) => p.lineageId);
      const [directory, progress, aggregates] = await Promise.all([
        reader.directoryOf(school.id),
        repos.progress.listProgress(lineageIds),
        repos.progress.aggregateEntries(lineageIds),
      ]);
      const progressByTrack = new Map(progress.map((p) => [p.trackId, p]));
      const aggregateByTrack = new Map(aggregates.map((a) => [a.trackId, a]));
      const tasks: MyTask[] = [];
      for (const plan of open) {
        const rows = await reader.rowsOfPlan(plan);
        const built = buildRowProgress(rows, ctx, {
          today,
          schoolYear: plan.schoolYear,
          regime: plan.regime,
          planId: plan.id,
          open: true,
          schoolPath: school.path,
          planStatus: plan.status,
          directory,
          personId,
          progress: progressByTrack,
          aggregates: aggregateByTrack,
        });
        for (const row of built) {
          if (row.myRole === null) continue;
          if (query.show === 'open' && CLOSED_PROGRESS_STATUSES.includes(row.status)) continue;
          tasks.push({
            ...row,
            schoolId: school.id,
            schoolName: school.name,
            schoolYear: plan.schoolYear,
            planTitle:
              plan.header.subtitle?.trim() ||
              `Kế hoạch cải tiến chất lượng năm học ${plan.schoolYear}`,
          });
        }
      }
      // Soonest due first; rows without a date last; then by year and the plan's order.
      tasks.sort(
        (a, b) =>
          (a.schedule.dueDate ?? '9999').localeCompare(b.schedule.dueDate ?? '9999') ||
          a.schoolYear.localeCompare(b.schoolYear) ||
          Number(a.ordinal) - Number(b.ordinal),
      );
      return { today, linked: true, tasks };
    },
  };
}
