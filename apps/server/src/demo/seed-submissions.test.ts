import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { describe, expect, it } from 'vitest';
import { rowBody, seedPlan } from '../testing/builders.ts';
import { usePlanTestApp } from '../testing/plan-test-app.ts';
import { seedSubmissions } from './seed-submissions.ts';

/** The demo extension sends approved plans of the latest year with a mix of recipient states. */
describe.each(testDialects())('demo submissions on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  it('sends the latest year’s approved plans, sets the communes’ deadline', async () => {
    const plan = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [rowBody({ criterionCode: '1.1', cells: { tasks: 'Rà soát' } })],
      approve: true,
    });
    let n = 0;
    const counts = await seedSubmissions.seed({
      db: t.ctx.database.db,
      now: new Date('2026-11-23T08:00:00.000Z'),
      newId: () => `demo-sub-${(n += 1)}`,
      random: () => 0.1,
      schools: [
        {
          schoolId: t.fx.own.schoolId,
          communeId: t.fx.communeId,
          provinceId: t.fx.provinceId,
          principalUserId: t.principal.userId,
        },
      ],
      plans: [
        {
          planId: plan.planId,
          schoolId: t.fx.own.schoolId,
          schoolYear: '2026-2027',
          status: 'approved',
          rowIds: [],
        },
      ],
      assessments: [],
      officeUsers: [],
    });
    expect(counts).toEqual({ submissions: 1, submissionRecipients: 1, officeDeadlines: 1 });
    const repos = createRepositories(t.ctx.database.db);
    const [sent] = await repos.submissions.listSchoolSubmissions(t.fx.own.schoolId);
    expect(sent?.documentId).toBe(plan.planId);
    const [recipient] = await repos.submissions.listRecipients([sent!.id]);
    expect(recipient?.unitId).toBe(t.fx.communeId);
    expect(recipient?.state).toBe('unread');
    const deadlines = await repos.submissions.listDeadlines([t.fx.communeId], '2026-2027');
    expect(deadlines[0]?.dueDate).toBe('2026-10-30');
  });
});
