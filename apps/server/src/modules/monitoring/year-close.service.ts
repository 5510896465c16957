import { schoolDateOf } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { assertPlanAccess, PLAN_NOT_FOUND } from '../plans/plan-access.ts';
import type { YearClosure } from './monitoring-api.types.ts';
import { statusCountsOf, type MonitoringReader } from './monitoring-reader.ts';
import { NOT_APPROVED_MESSAGE, toClosure } from './progress.service.ts';

export const CLOSE_FORBIDDEN_MESSAGE =
  'Chỉ tổ giám sát, hiệu trưởng mới có thể kết thúc năm học của kế hoạch.';

/** "ngày 10/01/2027" of an instant, as the school's calendar has it (Asia/Ho_Chi_Minh). */
function schoolDayText(at: string): string {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return '';
  const [year, month, day] = schoolDateOf(instant).split('-');
  return ` ngày ${day}/${month}/${year}`;
}

const alreadyClosed = (closedAt: string) =>
  new AppError(
    'CONFLICT',
    `Năm học của kế hoạch này đã được kết thúc${schoolDayText(closedAt)}; không thể kết thúc lại.`,
    { closedAt },
  );

/**
 * Year end (issue 13): the monitoring team or the principal closes the school year of a plan; the
 * record keeps the counts by status and the tracks not finished (they go to next year's plan
 * through the carry-over, with their progress history). After it, progress is read-only.
 */
export function createYearClose(deps: {
  repositories: Pick<Repositories, 'progress'>;
  reader: MonitoringReader;
  write: VersionedWriter;
  clock: Clock;
}) {
  const { reader, write, clock } = deps;
  return {
    async closePlanYear(ctx: ServiceContext, planId: string): Promise<YearClosure> {
      const scope = await reader.loadScope(ctx, planId);
      const monitored = scope.monitored;
      assertPlanAccess(
        ctx.actor,
        'progress',
        { schoolPath: scope.school.path, status: monitored?.status ?? scope.requested.status },
        CLOSE_FORBIDDEN_MESSAGE,
      );
      if (!monitored)
        throw new AppError(
          'CONFLICT',
          'Kế hoạch chưa được phê duyệt nên chưa thể kết thúc năm học.',
          { reason: NOT_APPROVED_MESSAGE },
        );
      if (scope.closure) throw alreadyClosed(scope.closure.closedAt);
      const rows = await reader.rowsOf(ctx, scope);
      const counts = statusCountsOf(rows);
      const unfinishedTrackIds = rows.filter((r) => r.status !== 'done').map((r) => r.trackId);
      const now = clock.now().toISOString();
      const closure = {
        lineageId: scope.lineageId,
        planId: monitored.id,
        schoolId: scope.school.id,
        schoolYear: monitored.schoolYear,
        summary: { counts, unfinishedTrackIds },
        closedAt: now,
        closedByUserId: ctx.audit.actorUserId,
      };
      try {
        await write(ctx, async (tx, record) => {
          const locked = await tx.plans.lockPlan(monitored.id, 'transition');
          if (!locked) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
          const existing = await tx.progress.findClosure(scope.lineageId);
          if (existing) throw alreadyClosed(existing.closedAt);
          await tx.progress.insertClosure(closure);
          await record({
            action: 'plan.year.close',
            entityType: 'plan',
            entityId: monitored.id,
            unit: { id: scope.school.id, path: scope.school.path },
            summary: `Kết thúc năm học ${monitored.schoolYear}: ${counts.byStatus.done}/${counts.total} nội dung hoàn thành, ${unfinishedTrackIds.length} nội dung chưa hoàn thành chuyển sang năm sau`,
            after: { counts, unfinishedTrackIds },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyClosed(now);
        throw error;
      }
      return toClosure(closure);
    },
  };
}
