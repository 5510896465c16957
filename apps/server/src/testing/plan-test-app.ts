import type { DialectName } from '@caitien/db';
import type { PlanDetail, PlanRow } from '@caitien/shared';
import { afterAll, beforeAll } from 'vitest';
import { buildAccessFixtures, type AccessFixtures } from './access-fixtures.ts';
import { call, ok, type TestSession } from './api-client.ts';
import { createTestApp } from './test-app.ts';

/** The app, fixtures and principal's session of a plan route test, filled in by its `beforeAll`. */
export interface PlanTestApp {
  ctx: Awaited<ReturnType<typeof createTestApp>>;
  fx: AccessFixtures;
  /** The principal of the fixtures' own school. */
  principal: TestSession;
  /** Creates a plan of `schoolYear` in the own school (or `schoolId`) as the principal (or `as`). */
  createPlan(
    schoolYear: string,
    options?: { extra?: Record<string, unknown>; as?: TestSession; schoolId?: string },
  ): Promise<PlanDetail>;
  /** Adds a row to a plan as the principal. */
  addRow(planId: string, payload: Record<string, unknown>): Promise<PlanRow>;
  /** Reads a plan as the principal. */
  getPlan(planId: string): Promise<PlanDetail>;
}

/**
 * The set-up the plan route tests share, registered as the describe block's hooks: a test app on
 * `dialect` with the access fixtures and the own school's principal signed in, closed afterwards.
 */
export function usePlanTestApp(dialect: DialectName): PlanTestApp {
  const t = {
    async createPlan(schoolYear, options = {}) {
      return ok<PlanDetail>(
        await call(t.ctx.app, options.as ?? t.principal, {
          method: 'POST',
          url: `/api/schools/${options.schoolId ?? t.fx.own.schoolId}/plans`,
          payload: { schoolYear, ...options.extra },
        }),
      );
    },
    async addRow(planId, payload) {
      return ok<PlanRow>(
        await call(t.ctx.app, t.principal, {
          method: 'POST',
          url: `/api/plans/${planId}/rows`,
          payload,
        }),
      );
    },
    async getPlan(planId) {
      return ok<PlanDetail>(
        await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${planId}` }),
      );
    },
  } as PlanTestApp;
  beforeAll(async () => {
    t.ctx = await createTestApp(dialect);
    t.fx = await buildAccessFixtures(t.ctx.app);
    t.principal = await t.fx.signInAs('principal');
  }, 60_000);
  afterAll(async () => {
    await t.ctx.close();
  });
  return t;
}
