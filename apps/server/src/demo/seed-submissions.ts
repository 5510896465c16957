import { createRepositories } from '@caitien/db';
import type { DemoExtension } from './demo-extension.ts';

/** The states the demo spreads over the recipients: chưa xem, đã xem, đã góp ý, đã tiếp nhận. */
const STATE_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['unread', 0.3],
  ['read', 0.3],
  ['commented', 0.15],
  ['accepted', 0.25],
];

/**
 * Demo submissions (issue 14, part A): about 85 % of the approved plans of the latest school year
 * are sent to their schools' supervising units (the rest of the schools are "missing"), each at a
 * day between 1/9 and the seed's `now`, with recipients in a mix of states; every commune sets
 * the plan deadline 30/10 of that year. Deterministic: ids, chance and times from the context.
 */
export const seedSubmissions: DemoExtension = {
  name: 'submissions',
  async seed(ctx) {
    const repos = createRepositories(ctx.db);
    const approved = ctx.plans.filter((p) => p.status === 'approved');
    const latestYear = approved
      .map((p) => p.schoolYear)
      .sort()
      .at(-1);
    if (!latestYear) return { submissions: 0, submissionRecipients: 0, officeDeadlines: 0 };
    const schools = new Map(ctx.schools.map((s) => [s.schoolId, s]));
    const firstYear = Number(latestYear.slice(0, 4));
    const yearStart = Date.parse(`${firstYear}-09-01T01:00:00.000Z`);
    const span = Math.max(0, ctx.now.getTime() - yearStart);
    const nowIso = ctx.now.toISOString();
    let submissions = 0;
    let recipients = 0;
    for (const demo of approved.filter((p) => p.schoolYear === latestYear)) {
      const school = schools.get(demo.schoolId);
      if (!school || ctx.random() >= 0.85) continue;
      const [plan, snapshot, profile, principal] = await Promise.all([
        repos.plans.findPlan(demo.planId),
        repos.plans.findSnapshot(demo.planId),
        repos.units.findProfile(demo.schoolId),
        repos.users.findById(school.principalUserId),
      ]);
      if (!plan || !snapshot) continue;
      const unitIds = profile?.supervisingUnitIds.length
        ? profile.supervisingUnitIds
        : [school.communeId ?? school.provinceId];
      const sentAt = new Date(yearStart + Math.floor(ctx.random() * span)).toISOString();
      const id = ctx.newId();
      await repos.submissions.insertSubmission(
        {
          id,
          schoolId: demo.schoolId,
          kind: 'plan',
          documentId: plan.id,
          documentLineageId: plan.lineageId,
          schoolYear: plan.schoolYear,
          title: `Kế hoạch cải tiến chất lượng năm học ${plan.schoolYear}`,
          contentHash: snapshot.contentHash,
          snapshotJson: snapshot.contentJson,
          sentByUserId: school.principalUserId,
          sentByName: principal?.displayName ?? 'Hiệu trưởng',
          sentAt,
          supersedesSubmissionId: null,
        },
        unitIds,
      );
      submissions += 1;
      for (const unitId of unitIds) {
        recipients += 1;
        let roll = ctx.random();
        const state = STATE_SHARES.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'accepted';
        if (state === 'unread') continue;
        const at = new Date(
          Date.parse(sentAt) + Math.floor(ctx.random() * (ctx.now.getTime() - Date.parse(sentAt))),
        ).toISOString();
        const officer = ctx.officeUsers.find((u) => u.unitId === unitId)?.userId ?? null;
        await repos.submissions.markRead({
          submissionId: id,
          unitIds: [unitId],
          userId: officer,
          at,
        });
        if (state === 'commented')
          await repos.submissions.markCommented({ submissionIds: [id], at });
        if (state === 'accepted')
          await repos.submissions.accept({
            submissionId: id,
            unitId,
            version: 2,
            userId: officer,
            at,
          });
      }
    }
    const communes = [...new Set(ctx.schools.flatMap((s) => (s.communeId ? [s.communeId] : [])))];
    for (const unitId of communes)
      await repos.submissions.upsertDeadline({
        unitId,
        schoolYear: latestYear,
        kind: 'plan',
        dueDate: `${firstYear}-10-30`,
        setByUserId: ctx.officeUsers.find((u) => u.unitId === unitId)?.userId ?? null,
        updatedAt: nowIso,
      });
    return { submissions, submissionRecipients: recipients, officeDeadlines: communes.length };
  },
};
