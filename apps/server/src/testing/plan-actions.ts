import type { PlanDetail, RowProgress } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import { call, ok, type TestSession } from './api-client.ts';

/**
 * A signed-in user's plan actions through the API, for tests that move a plan along (the roll-up
 * summaries and tallies): read a plan, approve it at its current version, record progress on a row
 * (dated 2026-11-20, before the test clock's today) at the row's current version.
 */
export function planActions(app: () => FastifyInstance, session: () => TestSession) {
  const get = (url: string) => call(app(), session(), { method: 'GET', url });
  const detail = async (planId: string) => ok<PlanDetail>(await get(`/api/plans/${planId}`));
  return {
    detail,
    async approve(planId: string): Promise<void> {
      ok(
        await call(app(), session(), {
          method: 'POST',
          url: `/api/plans/${planId}/approve`,
          payload: { version: (await detail(planId)).version },
        }),
      );
    },
    async progress(planId: string, rowId: string, body: Record<string, unknown>) {
      const current = ok<{ row: RowProgress }>(
        await get(`/api/plans/${planId}/rows/${rowId}/progress`),
      );
      return ok<{ row: RowProgress }>(
        await call(app(), session(), {
          method: 'POST',
          url: `/api/plans/${planId}/rows/${rowId}/progress`,
          payload: { entryDate: '2026-11-20', version: current.row.version, ...body },
        }),
      );
    },
  };
}
