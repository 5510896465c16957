import { createHash } from 'node:crypto';
import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, FIXTURE_PASSWORD } from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import {
  rowBody,
  schoolProfileBody,
  seedAssessment,
  seedPlan,
  unitBody,
  type SeededPlan,
} from '../../testing/builders.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * Submissions to the offices on both engines (issue 14, part A): the lifecycle (send the sealed
 * snapshot, refuse a draft or a second send of the same seal, re-send after a revision supersedes),
 * the inbox states (unread → read on open → commented through the repository hook → accepted,
 * compare-and-set), the notifications both ways, the snapshot and DOCX downloads, deadlines and the
 * late/missing list, and the access matrix: office staff of the school's xã, of another xã (404), of
 * the Sở (sees), another school's principal (404), staff (403).
 */

interface Recipient {
  unitId: string;
  unitName: string;
  state: string;
  version: number;
  canAccept: boolean;
}
interface Submission {
  id: string;
  kind: string;
  documentId: string;
  documentLineageId: string;
  contentHash: string;
  title: string;
  supersedesSubmissionId: string | null;
  supersededBy: string | null;
  recipients: Recipient[];
}
interface Inbox {
  items: Array<{
    submissionId: string;
    unitId: string;
    state: string;
    version: number;
    superseded: boolean;
  }>;
  total: number;
}

describe.each(testDialects())('submissions on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let xa: TestSession;
  let so: TestSession;
  let otherXa: TestSession;
  let staff: TestSession;
  let foreignPrincipal: TestSession;
  let otherCommuneId: string;
  let plan: SeededPlan;
  let first: Submission;

  const get = (who: TestSession, url: string) => call(t.ctx.app, who, { method: 'GET', url });
  const post = (who: TestSession, url: string, payload: Record<string, unknown> = {}) =>
    call(t.ctx.app, who, { method: 'POST', url, payload });
  const send = (who: TestSession, kind: string, documentId: string, schoolId = t.fx.own.schoolId) =>
    post(who, `/api/schools/${schoolId}/submissions`, { kind, documentId });

  beforeAll(async () => {
    const admin = t.fx.adminSession;
    otherCommuneId = ok<{ id: string }>(
      await post(
        admin,
        '/api/units',
        unitBody({ kind: 'commune', name: 'UBND xã Khác', parentId: t.fx.provinceId }),
      ),
    ).id;
    // A second school of the same xã that never sends (for the missing list).
    ok(
      await post(
        admin,
        '/api/units',
        unitBody({ kind: 'school', name: 'Trường Mầm non Định Hiệp', parentId: t.fx.communeId }),
      ),
    );
    const accounts = [
      { username: 'canbo.so', roles: [{ role: 'office_staff' as const, unitId: t.fx.provinceId }] },
      {
        username: 'canbo.xakhac',
        roles: [{ role: 'office_staff' as const, unitId: otherCommuneId }],
      },
      {
        username: 'hieutruong.b',
        roles: [{ role: 'principal' as const, unitId: t.fx.foreign.schoolId }],
      },
    ];
    for (const a of accounts)
      await createAccount(t.ctx.app, admin, { ...a, displayName: a.username });
    so = await signIn(t.ctx.app, 'canbo.so', FIXTURE_PASSWORD);
    otherXa = await signIn(t.ctx.app, 'canbo.xakhac', FIXTURE_PASSWORD);
    foreignPrincipal = await signIn(t.ctx.app, 'hieutruong.b', FIXTURE_PASSWORD);
    xa = await t.fx.signInAs('office');
    staff = await t.fx.signInAs('staff');
    const profile = ok<{ officialName: string; governingBody: string; version: number }>(
      await get(t.principal, `/api/schools/${t.fx.own.schoolId}/profile`),
    );
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'PUT',
        url: `/api/schools/${t.fx.own.schoolId}/profile`,
        payload: schoolProfileBody(profile, {
          supervisingUnitIds: [t.fx.communeId, t.fx.provinceId],
        }),
      }),
    );
    plan = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [rowBody({ criterionCode: '1.1', cells: { tasks: 'Rà soát', time: 'Tháng 10' } })],
      approve: true,
    });
  }, 120_000);

  it('refuses a draft, a school without recipients, staff (403) and another school (404)', async () => {
    const draft = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2027-2028',
    });
    const res = await send(t.principal, 'plan', draft.planId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('đã phê duyệt');
    expect((await send(staff, 'plan', plan.planId)).statusCode).toBe(403);
    expect((await send(foreignPrincipal, 'plan', plan.planId)).statusCode).toBe(404);
    // The plan of another school through one's own school: not found.
    expect(
      (await send(foreignPrincipal, 'plan', plan.planId, t.fx.foreign.schoolId)).statusCode,
    ).toBe(404);
    // The foreign school has no supervising unit in its profile.
    const foreignPlan = await seedPlan(t.ctx.app, foreignPrincipal, t.fx.foreign.schoolId, {
      schoolYear: '2026-2027',
      approve: true,
    });
    const none = await send(foreignPrincipal, 'plan', foreignPlan.planId, t.fx.foreign.schoolId);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('cơ quan quản lý');
  });

  it('sends the sealed snapshot to the supervising units and notifies their staff', async () => {
    const res = await send(t.principal, 'plan', plan.planId);
    first = ok<Submission>(res);
    expect(first.kind).toBe('plan');
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(first.recipients.map((r) => [r.unitId, r.state]).sort()).toEqual(
      [
        [t.fx.communeId, 'unread'],
        [t.fx.provinceId, 'unread'],
      ].sort(),
    );
    expect(first.recipients.every((r) => !r.canAccept)).toBe(true);
    // Sending the same seal again: 409 with the current submission.
    const again = await send(t.principal, 'plan', plan.planId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.current.submissionId).toBe(first.id);
    for (const who of [xa, so]) {
      const notes = ok<{ items: Array<{ kind: string; link: string }> }>(
        await get(who, '/api/me/notifications'),
      );
      expect(
        notes.items.some((n) => n.kind === 'submission_received' && n.link.includes(first.id)),
      ).toBe(true);
    }
    const other = ok<{ items: Array<{ kind: string }> }>(
      await get(otherXa, '/api/me/notifications'),
    );
    expect(other.items.some((n) => n.kind === 'submission_received')).toBe(false);
  });

  it('shows each office only what is addressed to it or below it', async () => {
    const xaInbox = ok<Inbox>(await get(xa, '/api/office/submissions'));
    expect(xaInbox.items.map((i) => i.unitId)).toEqual([t.fx.communeId]);
    const soInbox = ok<Inbox>(await get(so, '/api/office/submissions'));
    expect(soInbox.total).toBe(2);
    expect(ok<Inbox>(await get(otherXa, '/api/office/submissions')).total).toBe(0);
    expect((await get(otherXa, `/api/submissions/${first.id}`)).statusCode).toBe(404);
    expect((await post(otherXa, `/api/submissions/${first.id}/open`)).statusCode).toBe(404);
    expect((await get(foreignPrincipal, `/api/submissions/${first.id}`)).statusCode).toBe(404);
    expect((await get(staff, `/api/submissions/${first.id}`)).statusCode).toBe(403);
    expect((await get(staff, `/api/schools/${t.fx.own.schoolId}/submissions`)).statusCode).toBe(
      403,
    );
    expect((await get(t.principal, '/api/office/submissions')).statusCode).toBe(403);
    expect((await get(so, `/api/submissions/${first.id}`)).statusCode).toBe(200);
    // Filters.
    const byState = ok<Inbox>(await get(so, '/api/office/submissions?state=accepted'));
    expect(byState.total).toBe(0);
    const byLevel = ok<Inbox>(await get(so, '/api/office/submissions?schoolLevel=thpt'));
    expect(byLevel.total).toBe(0);
    const byYear = ok<Inbox>(
      await get(so, '/api/office/submissions?schoolYear=2026-2027&kind=plan&schoolLevel=tieu_hoc'),
    );
    expect(byYear.total).toBe(2);
    const byCommune = ok<Inbox>(
      await get(so, `/api/office/submissions?communeId=${otherCommuneId}`),
    );
    expect(byCommune.total).toBe(0);
    const paged = ok<Inbox>(await get(so, '/api/office/submissions?pageSize=1&page=2'));
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(2);
    const bad = await get(so, '/api/office/submissions?state=nope');
    expect(bad.statusCode).toBe(400);
  });

  it('opening marks read, accepting is compare-and-set, the school is told', async () => {
    const opened = ok<Submission>(await post(xa, `/api/submissions/${first.id}/open`));
    const mine = opened.recipients.find((r) => r.unitId === t.fx.communeId)!;
    expect(mine.state).toBe('read');
    expect(mine.canAccept).toBe(true);
    expect(opened.recipients.find((r) => r.unitId === t.fx.provinceId)!.state).toBe('unread');
    // The xã may not accept for the Sở.
    const soRecipient = opened.recipients.find((r) => r.unitId === t.fx.provinceId)!;
    expect(
      (
        await post(xa, `/api/submissions/${first.id}/recipients/${t.fx.provinceId}/accept`, {
          version: soRecipient.version,
        })
      ).statusCode,
    ).toBe(404);
    // The principal may not accept.
    expect(
      (
        await post(
          t.principal,
          `/api/submissions/${first.id}/recipients/${t.fx.communeId}/accept`,
          { version: mine.version },
        )
      ).statusCode,
    ).toBe(403);
    const stale = await post(
      xa,
      `/api/submissions/${first.id}/recipients/${t.fx.communeId}/accept`,
      {
        version: mine.version - 1,
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.id).toBe(first.id);
    const accepted = ok<Submission>(
      await post(xa, `/api/submissions/${first.id}/recipients/${t.fx.communeId}/accept`, {
        version: mine.version,
      }),
    );
    expect(accepted.recipients.find((r) => r.unitId === t.fx.communeId)!.state).toBe('accepted');
    const list = ok<{ items: Submission[]; canSend: boolean; supervisingUnits: unknown[] }>(
      await get(t.principal, `/api/schools/${t.fx.own.schoolId}/submissions`),
    );
    expect(list.canSend).toBe(true);
    expect(list.supervisingUnits).toHaveLength(2);
    expect(list.items[0]!.recipients.find((r) => r.unitId === t.fx.communeId)!.state).toBe(
      'accepted',
    );
    const notes = ok<{ items: Array<{ kind: string; title: string }> }>(
      await get(t.principal, '/api/me/notifications'),
    );
    const states = notes.items.filter((n) => n.kind === 'submission_state').map((n) => n.title);
    expect(states.some((s) => s.includes('đã xem'))).toBe(true);
    expect(states.some((s) => s.includes('đã tiếp nhận'))).toBe(true);
  });

  it('marks commented through the repository hook, never after acceptance', async () => {
    const repos = createRepositories(t.ctx.database.db);
    const at = new Date().toISOString();
    // The Sở's recipient (unread) becomes commented; the xã's (accepted) stays accepted.
    const changed = await repos.submissions.markCommented({ documentId: plan.planId, at });
    expect(changed).toBe(1);
    const shown = ok<Submission>(await get(so, `/api/submissions/${first.id}`));
    expect(shown.recipients.find((r) => r.unitId === t.fx.provinceId)!.state).toBe('commented');
    expect(shown.recipients.find((r) => r.unitId === t.fx.communeId)!.state).toBe('accepted');
    expect(await repos.submissions.markCommented({ submissionIds: [first.id], at })).toBe(0);
    expect(await repos.submissions.markCommented({ at })).toBe(0);
  });

  it('downloads the sealed snapshot (its hash) and the DOCX', async () => {
    const snap = await get(so, `/api/submissions/${first.id}/snapshot`);
    expect(snap.statusCode).toBe(200);
    expect(createHash('sha256').update(snap.rawPayload).digest('hex')).toBe(first.contentHash);
    const docx = await get(xa, `/api/submissions/${first.id}/document`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((await get(otherXa, `/api/submissions/${first.id}/snapshot`)).statusCode).toBe(404);
  });

  it('a re-send after a revision supersedes the earlier submission, history kept', async () => {
    const revision = ok<{ id: string; version: number }>(
      await post(t.principal, `/api/plans/${plan.planId}/revisions`, {
        reason: 'Bổ sung giải pháp',
      }),
    );
    const current = ok<{ version: number }>(await get(t.principal, `/api/plans/${revision.id}`));
    ok(await post(t.principal, `/api/plans/${revision.id}/approve`, { version: current.version }));
    const second = ok<Submission>(await send(t.principal, 'plan', revision.id));
    expect(second.supersedesSubmissionId).toBe(first.id);
    expect(second.documentLineageId).toBe(first.documentLineageId);
    expect(second.title).toContain('điều chỉnh lần 1');
    const history = ok<{ items: Submission[] }>(
      await get(t.principal, `/api/schools/${t.fx.own.schoolId}/submissions?kind=plan`),
    );
    expect(history.items.map((s) => s.id)).toEqual([second.id, first.id]);
    expect(history.items[1]!.supersededBy).toBe(second.id);
    const latest = ok<Inbox>(await get(xa, '/api/office/submissions?latestOnly=true'));
    expect(latest.items.map((i) => i.submissionId)).toEqual([second.id]);
    const all = ok<Inbox>(await get(xa, '/api/office/submissions'));
    expect(all.items.find((i) => i.submissionId === first.id)!.superseded).toBe(true);
  });

  it('sends an approved assessment and a closed review round’s report', async () => {
    const assessment = await seedAssessment(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2026-2027',
      approve: true,
    });
    const sent = ok<Submission>(await send(t.principal, 'assessment', assessment.assessmentId));
    expect(sent.title).toContain('tự đánh giá');
    const round = ok<{ id: string; version: number }>(
      await post(t.principal, `/api/plans/${plan.planId}/review-rounds`, { kind: 'extra' }),
    );
    expect((await send(t.principal, 'monitoring_report', round.id)).statusCode).toBe(409);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.planId}/review-rounds/${round.id}`,
        payload: { version: round.version, conclusions: 'Đạt yêu cầu', status: 'closed' },
      }),
    );
    const report = ok<Submission>(await send(t.principal, 'monitoring_report', round.id));
    expect(report.kind).toBe('monitoring_report');
    expect((await send(t.principal, 'monitoring_report', round.id)).statusCode).toBe(409);
    const docx = await get(so, `/api/submissions/${report.id}/document`);
    expect(docx.statusCode).toBe(200);
    const kinds = ok<Inbox>(await get(xa, '/api/office/submissions?kind=monitoring_report'));
    expect(kinds.total).toBe(1);
  });

  it('deadlines per office and the schools late or missing', async () => {
    const url = `/api/units/${t.fx.communeId}/deadlines`;
    const set = await call(t.ctx.app, xa, {
      method: 'PUT',
      url,
      payload: { schoolYear: '2026-2027', kind: 'plan', dueDate: '2026-10-30' },
    });
    expect(ok<{ items: Array<{ dueDate: string }> }>(set).items[0]!.dueDate).toBe('2026-10-30');
    const badDate = await call(t.ctx.app, xa, {
      method: 'PUT',
      url,
      payload: { schoolYear: '2026-2027', kind: 'plan', dueDate: '2026-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    for (const who of [otherXa, t.principal])
      expect(
        (
          await call(t.ctx.app, who, {
            method: 'PUT',
            url,
            payload: { schoolYear: '2026-2027', kind: 'plan', dueDate: '2026-10-30' },
          })
        ).statusCode,
      ).toBe(404);
    expect((await get(so, url)).statusCode).toBe(200);
    const late = ok<{
      dueDate: string;
      totalSchools: number;
      items: Array<{ schoolName: string; status: string }>;
    }>(await get(xa, `/api/units/${t.fx.communeId}/late-schools?schoolYear=2026-2027&kind=plan`));
    expect(late.dueDate).toBe('2026-10-30');
    expect(late.totalSchools).toBe(2);
    // Sent on the test clock's day (23/11/2026), after 30/10: late; the other school: missing.
    expect(late.items.map((i) => [i.schoolName, i.status]).sort()).toEqual(
      [
        ['Trường Mầm non Định Hiệp', 'missing'],
        ['Trường Tiểu học Định Hiệp', 'late'],
      ].sort(),
    );
    // The Sở's list uses the xã's deadline for schools below it only when it has none itself.
    const soLate = ok<{ dueDate: string | null }>(
      await get(so, `/api/units/${t.fx.provinceId}/late-schools?schoolYear=2026-2027&kind=plan`),
    );
    expect(soLate.dueDate).toBeNull();
    expect(
      (await get(otherXa, `/api/units/${t.fx.communeId}/late-schools?schoolYear=2026-2027`))
        .statusCode,
    ).toBe(404);
    const removed = await call(t.ctx.app, xa, {
      method: 'PUT',
      url,
      payload: { schoolYear: '2026-2027', kind: 'plan', dueDate: null },
    });
    expect(ok<{ items: unknown[] }>(removed).items).toHaveLength(0);
  });

  it('a comment by the xã marks only the xã’s copy "đã góp ý" (build-app wiring)', async () => {
    const other = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2025-2026',
      rows: [rowBody({ criterionCode: '1.2', cells: { tasks: 'Bồi dưỡng', time: 'Tháng 11' } })],
      approve: true,
    });
    const sent = ok<Submission>(await send(t.principal, 'plan', other.planId));
    ok(
      await post(xa, `/api/comments/plan/${other.planId}`, {
        target: 'document',
        body: 'Đề nghị nhà trường bổ sung nguồn kinh phí.',
      }),
    );
    const shown = ok<Submission>(await get(so, `/api/submissions/${sent.id}`));
    expect(shown.recipients.find((r) => r.unitId === t.fx.communeId)!.state).toBe('commented');
    expect(shown.recipients.find((r) => r.unitId === t.fx.provinceId)!.state).toBe('unread');
  });
});
