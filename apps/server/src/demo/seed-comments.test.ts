import { testDialects } from '@caitien/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessFixtures, type AccessFixtures } from '../testing/access-fixtures.ts';
import { call, ok } from '../testing/api-client.ts';
import { rowBody, seedPlan } from '../testing/builders.ts';
import { createTestApp } from '../testing/test-app.ts';
import { seedCommentsExtension } from './seed-comments.ts';

/** The demo's comments read back through the API like any other thread (issue 14). */
describe.each(testDialects())('demo comments on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  it('writes a row thread (and a document one) answered by the principal', async () => {
    const principal = await fx.signInAs('principal');
    const office = await fx.signInAs('office');
    const plan = await seedPlan(ctx.app, principal, fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [rowBody({ criterionCode: '1.1', cells: { content: 'Nội dung' } })],
      approve: true,
    });
    let n = 0;
    const counts = await seedCommentsExtension.seed({
      db: ctx.database.db,
      now: new Date('2026-11-23T08:00:00.000Z'),
      newId: () => `demo-comment-${(n += 1)}`,
      random: () => 0,
      schools: [
        {
          schoolId: fx.own.schoolId,
          communeId: fx.communeId,
          provinceId: fx.provinceId,
          principalUserId: principal.userId,
        },
      ],
      plans: [
        {
          planId: plan.planId,
          schoolId: fx.own.schoolId,
          schoolYear: '2026-2027',
          status: 'approved',
          rowIds: plan.rows.map((r) => r.id),
        },
      ],
      assessments: [],
      officeUsers: [{ unitId: fx.communeId, userId: office.userId }],
    });
    expect(counts).toEqual({ commentThreads: 2, comments: 4 });
    const list = ok<{
      threads: Array<{ targetLabel: string; status: string; comments: Array<{ side: string }> }>;
      counts: { rowsById: Record<string, { total: number }> };
    }>(await call(ctx.app, principal, { method: 'GET', url: `/api/comments/plan/${plan.planId}` }));
    expect(list.threads.map((t) => t.targetLabel)).toEqual([
      'Dòng 1 – Tiêu chí 1.1',
      'Cả văn bản: Kế hoạch cải tiến chất lượng',
    ]);
    expect(list.threads[0]?.comments.map((c) => c.side)).toEqual(['office', 'school']);
    expect(list.threads[0]?.status).toBe('resolved');
    expect(list.counts.rowsById[plan.rows[0]?.id ?? '']).toEqual({ total: 1, open: 0 });
  });
});
