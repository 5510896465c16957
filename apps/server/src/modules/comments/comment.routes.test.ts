import { testDialects } from '@caitien/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeCommentInfo } from './comment.service.ts';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { rowBody, seedAssessment, seedPlan, unitBody } from '../../testing/builders.ts';
import { createTestApp } from '../../testing/test-app.ts';

/**
 * The offices' comments on both engines (issue 14): a Sở officer and the xã officer of the school
 * start threads on a row, a criterion and a whole document; the school answers, resolves, a reply
 * reopens; stale versions 409 with the current thread; notifications both ways (in the app and in
 * the mail outbox); the sealed plan's version and content sequence never move; the access matrix
 * (officer of another xã, principal of another school → 404; staff read only; drafts refused).
 */

interface Thread {
  id: string;
  target: string;
  targetRef: string;
  rowId: string | null;
  targetLabel: string;
  officeUnitName: string;
  status: string;
  version: number;
  comments: Array<{
    side: string;
    authorName: string;
    body: string;
    unitName: string;
    mine: boolean;
  }>;
}
interface ThreadList {
  canStart: boolean;
  canReply: boolean;
  threads: Thread[];
  counts: {
    rowsById: Record<string, { total: number; open: number }>;
    document: { total: number; open: number };
    rows: Record<string, { total: number; open: number }>;
    criteria: Record<string, { total: number; open: number }>;
  };
}
interface Notifications {
  unread: number;
  items: Array<{ kind: string; title: string; body: string; link: string }>;
}

describe.each(testDialects())('comments on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  const officeComments: OfficeCommentInfo[] = [];
  let principal: TestSession;
  let staff: TestSession;
  let council: TestSession;
  let teacher: TestSession;
  let xa: TestSession;
  let so: TestSession;
  let otherXa: TestSession;
  let otherPrincipal: TestSession;
  let planId: string;
  let draftPlanId: string;
  let trackId: string;
  let rowId: string;
  let assessmentId: string;

  const api = (session: TestSession, method: string, url: string, payload?: unknown) =>
    call(ctx.app, session, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const account = async (username: string, role: string, unitId: string, personId?: string) => {
    await createAccount(ctx.app, fx.adminSession, {
      username,
      displayName: `Tài khoản ${username}`,
      roles: [{ role: role as 'staff', unitId }],
      ...(personId ? { personId } : {}),
    });
    return signIn(ctx.app, username, FIXTURE_PASSWORD);
  };
  const sealState = () =>
    ctx.database.db
      .selectFrom('plans')
      .select(['version', 'content_seq', 'status'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
  const notifications = async (who: TestSession) =>
    ok<Notifications>(await api(who, 'GET', '/api/me/notifications'));

  beforeAll(async () => {
    ctx = await createTestApp(dialect, {
      onOfficeComment: (info) => {
        officeComments.push(info);
      },
      jobs: {
        mailTransport: { from: 'caitien@so.example.vn', send: async () => {}, close: () => {} },
        publicUrl: 'https://caitien.example.vn',
      },
    });
    fx = await buildAccessFixtures(ctx.app);
    principal = await fx.signInAs('principal');
    staff = await fx.signInAs('staff');
    council = await fx.signInAs('council');
    xa = await fx.signInAs('office');
    so = await account('canbo.so', 'office_staff', fx.provinceId);
    const otherCommune = ok<{ id: string }>(
      await api(
        fx.adminSession,
        'POST',
        '/api/units',
        unitBody({ kind: 'commune', name: 'UBND xã Phú Giáo', parentId: fx.provinceId }),
      ),
    ).id;
    otherXa = await account('canbo.xakhac', 'office_staff', otherCommune);
    otherPrincipal = await account('hieutruong.b', 'principal', fx.foreign.schoolId);
    // A teacher whose account is linked to the person leading row 1.
    teacher = await account('giaovien.a', 'staff', fx.own.schoolId, fx.own.personId);
    // The principal has an e-mail address: comments reach them by mail too (SMTP configured).
    await ctx.database.db
      .updateTable('users')
      .set({ email: 'hieutruong.a@truong.example.vn' })
      .where('id', '=', principal.userId)
      .execute();
    const plan = await seedPlan(ctx.app, principal, fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [
        rowBody({
          criterionCode: '1.2',
          cells: { content: 'Xây dựng kế hoạch chiến lược', lead: 'Nguyễn Thị Hoa a' },
        }),
        rowBody({ criterionCode: '2.1', cells: { content: 'Bồi dưỡng giáo viên' } }),
      ],
      approve: true,
    });
    planId = plan.planId;
    draftPlanId = (
      await seedPlan(ctx.app, principal, fx.own.schoolId, {
        schoolYear: '2027-2028',
        rows: [rowBody({ criterionCode: '1.1', cells: { content: 'Nháp' } })],
      })
    ).planId;
    const rows = await ctx.database.db
      .selectFrom('plan_rows')
      .select(['id', 'track_id'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute();
    trackId = rows[0]?.track_id ?? '';
    rowId = rows[0]?.id ?? '';
    assessmentId = (
      await seedAssessment(ctx.app, principal, fx.own.schoolId, {
        schoolYear: '2025-2026',
        frameworkCode: 'TT17',
        approve: true,
      })
    ).assessmentId;
  }, 120_000);
  afterAll(async () => {
    await ctx.close();
  });

  let rowThread: Thread;

  it('a Sở officer comments on a row of the approved plan; the seal does not move', async () => {
    const before = await sealState();
    const res = await api(so, 'POST', `/api/comments/plan/${planId}`, {
      target: 'plan_row',
      targetRef: trackId,
      body: 'Đề nghị nêu rõ chỉ số đo kết quả.',
    });
    expect(res.statusCode).toBe(200);
    rowThread = res.json() as Thread;
    expect(rowThread).toMatchObject({
      target: 'plan_row',
      targetRef: trackId,
      targetLabel: 'Dòng 1 – Tiêu chí 1.2',
      officeUnitName: 'Sở Giáo dục và Đào tạo tỉnh A',
      status: 'open',
      version: 1,
    });
    expect(rowThread.comments).toEqual([
      expect.objectContaining({
        side: 'office',
        body: 'Đề nghị nêu rõ chỉ số đo kết quả.',
        mine: true,
      }),
    ]);
    expect(await sealState()).toEqual(before);
    expect(officeComments).toEqual([
      expect.objectContaining({
        schoolId: fx.own.schoolId,
        documentKind: 'plan',
        documentId: planId,
        officeUnitId: fx.provinceId,
        userId: so.userId,
      }),
    ]);
  });

  it('notifies the principal and the row’s lead, in the app and by e-mail', async () => {
    for (const who of [principal, teacher]) {
      const list = await notifications(who);
      const item = list.items.find((n) => n.kind === 'comment_posted');
      expect(item?.title).toBe('Góp ý mới của Sở Giáo dục và Đào tạo tỉnh A');
      expect(item?.body).toContain('Dòng 1 – Tiêu chí 1.2');
      expect(item?.link).toBe(`/ke-hoach/${planId}?gop-y=${rowThread.id}`);
    }
    // The council member is not told (not the principal, not on the row).
    expect((await notifications(council)).items.some((n) => n.kind === 'comment_posted')).toBe(
      false,
    );
    const outbox = await ctx.database.db
      .selectFrom('mail_outbox')
      .select(['user_id', 'subject'])
      .where('dedupe_key', 'like', 'comment_posted:%')
      .execute();
    expect(outbox).toEqual([
      {
        user_id: principal.userId,
        subject: '[CaiTien] Góp ý mới của Sở Giáo dục và Đào tạo tỉnh A',
      },
    ]);
  });

  it('lists the threads with the row’s marker count; who may start and reply', async () => {
    const asPrincipal = ok<ThreadList>(await api(principal, 'GET', `/api/comments/plan/${planId}`));
    expect(asPrincipal.canStart).toBe(false);
    expect(asPrincipal.canReply).toBe(true);
    expect(asPrincipal.counts.rows[trackId]).toEqual({ total: 1, open: 1 });
    expect(asPrincipal.counts.rowsById).toEqual({ [rowId]: { total: 1, open: 1 } });
    expect(asPrincipal.threads[0]?.rowId).toBe(rowId);
    expect(asPrincipal.threads.map((t) => t.id)).toEqual([rowThread.id]);
    const asXa = ok<ThreadList>(await api(xa, 'GET', `/api/comments/plan/${planId}`));
    expect(asXa).toMatchObject({ canStart: true, canReply: true });
    // Plain staff read the approved plan's threads but neither start nor reply.
    const asStaff = ok<ThreadList>(await api(staff, 'GET', `/api/comments/plan/${planId}`));
    expect(asStaff).toMatchObject({ canStart: false, canReply: false });
    expect(asStaff.threads).toHaveLength(1);
    const refused = await api(staff, 'POST', `/api/comment-threads/${rowThread.id}/comments`, {
      body: 'Tôi muốn trả lời',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('hiệu trưởng');
    expect(
      (
        await api(principal, 'POST', `/api/comments/plan/${planId}`, {
          target: 'document',
          body: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('hides the threads from another xã’s officer and another school’s principal (404)', async () => {
    for (const who of [otherXa, otherPrincipal]) {
      const list = await api(who, 'GET', `/api/comments/plan/${planId}`);
      expect(list.statusCode).toBe(404);
      expect(list.json().error.message).toBe('Không tìm thấy văn bản này.');
      const reply = await api(who, 'POST', `/api/comment-threads/${rowThread.id}/comments`, {
        body: 'Xin chào',
      });
      expect(reply.statusCode).toBe(404);
      const status = await api(who, 'PATCH', `/api/comment-threads/${rowThread.id}`, {
        status: 'resolved',
        version: rowThread.version,
      });
      expect(status.statusCode).toBe(404);
    }
    const create = await api(otherXa, 'POST', `/api/comments/plan/${planId}`, {
      target: 'document',
      body: 'Góp ý',
    });
    expect(create.statusCode).toBe(404);
  });

  it('the principal answers; the officer is told and sees the answer', async () => {
    const before = await sealState();
    const res = await api(principal, 'POST', `/api/comment-threads/${rowThread.id}/comments`, {
      body: 'Nhà trường bổ sung chỉ số: 100% tổ chuyên môn có kế hoạch.',
    });
    expect(res.statusCode).toBe(200);
    const thread = res.json() as Thread;
    expect(thread.comments.map((c) => c.side)).toEqual(['office', 'school']);
    expect(thread.comments[1]).toMatchObject({ unitName: 'Trường Tiểu học Định Hiệp', mine: true });
    expect(thread.version).toBe(2);
    const told = (await notifications(so)).items.find((n) => n.kind === 'comment_posted');
    expect(told?.title).toBe('Trường Tiểu học Định Hiệp đã trả lời góp ý');
    // The xã officer took no part in this thread: not told.
    expect((await notifications(xa)).items.some((n) => n.kind === 'comment_posted')).toBe(false);
    const seen = ok<ThreadList>(await api(so, 'GET', `/api/comments/plan/${planId}`));
    expect(seen.threads[0]?.comments[1]?.body).toContain('100% tổ chuyên môn');
    expect(seen.threads[0]?.comments[1]?.mine).toBe(false);
    expect(await sealState()).toEqual(before);
    expect(officeComments).toHaveLength(1);
    rowThread = thread;
  });

  it('resolves with the version read; a stale one is 409 with the current thread; a reply reopens', async () => {
    const resolved = ok<Thread>(
      await api(principal, 'PATCH', `/api/comment-threads/${rowThread.id}`, {
        status: 'resolved',
        version: rowThread.version,
      }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', version: 3 });
    const stale = await api(so, 'PATCH', `/api/comment-threads/${rowThread.id}`, {
      status: 'open',
      version: rowThread.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ status: 'resolved', version: 3 });
    const list = ok<ThreadList>(await api(so, 'GET', `/api/comments/plan/${planId}`));
    expect(list.counts.rows[trackId]).toEqual({ total: 1, open: 0 });
    const reopened = ok<Thread>(
      await api(so, 'POST', `/api/comment-threads/${rowThread.id}/comments`, {
        body: 'Đề nghị gửi thêm minh chứng.',
      }),
    );
    expect(reopened).toMatchObject({ status: 'open', version: 4 });
    expect(officeComments).toHaveLength(2);
    // The principal, who answered, hears of the new office comment.
    const mine = (await notifications(principal)).items.filter((n) => n.kind === 'comment_posted');
    expect(mine).toHaveLength(2);
  });

  it('the xã officer comments on the whole document, named by the xã', async () => {
    const thread = ok<Thread>(
      await api(xa, 'POST', `/api/comments/plan/${planId}`, {
        target: 'document',
        body: 'Kế hoạch đạt yêu cầu, đề nghị công khai.',
      }),
    );
    expect(thread).toMatchObject({ target: 'document', officeUnitName: 'UBND xã Định Hiệp' });
    const list = ok<ThreadList>(await api(council, 'GET', `/api/comments/plan/${planId}`));
    expect(list.counts.document).toEqual({ total: 1, open: 1 });
    expect(officeComments.at(-1)?.officeUnitId).toBe(fx.communeId);
  });

  it('comments on an assessment criterion', async () => {
    const thread = ok<Thread>(
      await api(so, 'POST', `/api/comments/assessment/${assessmentId}`, {
        target: 'criterion',
        targetRef: '1.1',
        body: 'Minh chứng của tiêu chí này chưa đủ.',
      }),
    );
    expect(thread.targetLabel).toBe('Tiêu chí 1.1');
    const list = ok<ThreadList>(
      await api(principal, 'GET', `/api/comments/assessment/${assessmentId}`),
    );
    expect(list.counts.criteria['1.1']).toEqual({ total: 1, open: 1 });
    const told = (await notifications(principal)).items.find((n) =>
      n.link.includes(`/tu-danh-gia/${assessmentId}`),
    );
    expect(told?.link).toBe(`/tu-danh-gia/${assessmentId}?muc=tieu-chi&tc=1.1`);
  });

  it('comments on a closed review round’s report; its notification opens the round', async () => {
    const round = ok<{ id: string; version: number }>(
      await api(principal, 'POST', `/api/plans/${planId}/review-rounds`, { kind: 'semester1' }),
    );
    // An open round's report is not sealed yet.
    const early = await api(so, 'POST', `/api/comments/monitoring_report/${round.id}`, {
      target: 'document',
      body: 'Góp ý sớm',
    });
    expect(early.statusCode).toBe(409);
    ok(
      await api(principal, 'PATCH', `/api/plans/${planId}/review-rounds/${round.id}`, {
        version: round.version,
        status: 'closed',
      }),
    );
    const thread = ok<Thread>(
      await api(so, 'POST', `/api/comments/monitoring_report/${round.id}`, {
        target: 'document',
        body: 'Báo cáo cần nêu nguyên nhân chậm tiến độ.',
      }),
    );
    expect(thread.targetLabel).toContain('Cả văn bản');
    const told = (await notifications(principal)).items.find((n) =>
      n.link.includes(`gop-y=${thread.id}`),
    );
    expect(told?.link).toBe(`/ke-hoach/${planId}?muc=ra-soat&dot=${round.id}&gop-y=${thread.id}`);
    const list = ok<ThreadList>(
      await api(principal, 'GET', `/api/comments/monitoring_report/${round.id}`),
    );
    expect(list.threads.map((t) => t.id)).toEqual([thread.id]);
    const foreign = await api(otherPrincipal, 'GET', `/api/comments/monitoring_report/${round.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses bad input in Vietnamese: drafts (409), wrong targets (400), unknown rows (404)', async () => {
    const draft = await api(so, 'POST', `/api/comments/plan/${draftPlanId}`, {
      target: 'document',
      body: 'Góp ý sớm',
    });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.message).toContain('đã phê duyệt');
    const empty = await api(so, 'POST', `/api/comments/plan/${planId}`, {
      target: 'document',
      body: '   ',
    });
    expect(empty.statusCode).toBe(400);
    const criterionOnPlan = await api(so, 'POST', `/api/comments/plan/${planId}`, {
      target: 'criterion',
      targetRef: '1.1',
      body: 'Sai chỗ',
    });
    expect(criterionOnPlan.statusCode).toBe(400);
    expect(criterionOnPlan.json().error.message).toContain('tiêu chí');
    const unknownRow = await api(so, 'POST', `/api/comments/plan/${planId}`, {
      target: 'plan_row',
      targetRef: 'khong-co',
      body: 'Dòng nào?',
    });
    expect(unknownRow.statusCode).toBe(404);
    const kind = await api(so, 'GET', `/api/comments/bao-cao/${planId}`);
    expect(kind.statusCode).toBe(400);
    const missing = await api(so, 'GET', `/api/comment-threads/khong-co`);
    expect(missing.statusCode).toBe(404);
    const noThread = await api(so, 'PATCH', `/api/comment-threads/khong-co`, {
      status: 'resolved',
      version: 1,
    });
    expect(noThread.statusCode).toBe(404);
  });
});
