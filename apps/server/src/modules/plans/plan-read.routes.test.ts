import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanRow } from '@caitien/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../build-app.ts';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { createTestApp, fixedClock } from '../../testing/test-app.ts';
import { createPasswordHasher } from '../auth/password-hasher.ts';

/**
 * GET /api/plans/:id answers bytes cached by (plan, content sequence) (issue 5). These tests read a
 * plan (so it is cached), change it in every way the API allows, and read it again: the answer must
 * be the new content, equal to what the write itself answered, under a new ETag; and the cache must
 * never answer someone who may not read the plan.
 */
describe.each(testDialects())('plan reads through the content cache on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  /** A second app on the same database: another server process, with its own caches. */
  let other: FastifyInstance;
  let fx: AccessFixtures;
  let principal: TestSession;
  let foreignPrincipal: TestSession;
  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
    principal = await fx.signInAs('principal');
    await createAccount(ctx.app, fx.adminSession, {
      username: 'hieutruong.b',
      displayName: 'Hiệu trưởng B',
      roles: [{ role: 'principal', unitId: fx.foreign.schoolId }],
    });
    foreignPrincipal = await signIn(ctx.app, 'hieutruong.b', FIXTURE_PASSWORD);
    other = await buildApp({
      database: ctx.database,
      clock: fixedClock(),
      hasher: createPasswordHasher({ cost: 1024 }),
    });
    await other.ready();
  }, 60_000);
  afterAll(async () => {
    await other.close();
    await ctx.close();
  });

  const createPlan = async (schoolYear: string) =>
    ok<PlanDetail>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans`,
        payload: { schoolYear },
      }),
    );

  /** Reads the plan through `app` (the main app by default) and returns it with its ETag. */
  async function read(
    planId: string,
    session: TestSession = principal,
    app: FastifyInstance = ctx.app,
  ): Promise<{ plan: PlanDetail; etag: string; res: LightMyRequestResponse }> {
    const res = await call(app, session, { method: 'GET', url: `/api/plans/${planId}` });
    const plan = ok<PlanDetail>(res);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    return { plan, etag, res };
  }

  /**
   * Reads the plan (cached), runs a write, reads again: the second read must differ from the first,
   * carry a new ETag, and satisfy `check`. When the write answers the whole plan, the read must equal it.
   */
  async function afterWrite(
    planId: string,
    write: () => Promise<LightMyRequestResponse>,
    check: (plan: PlanDetail) => void,
  ): Promise<PlanDetail> {
    const before = await read(planId);
    await read(planId); // a second read is served from the cache
    const res = await write();
    const answered = ok<Partial<PlanDetail>>(res);
    const after = await read(planId);
    expect(after.etag).not.toBe(before.etag);
    expect(after.plan).not.toEqual(before.plan);
    if ('rows' in answered && answered.id === planId) expect(after.plan).toEqual(answered);
    check(after.plan);
    return after.plan;
  }

  it('answers the same JSON as the uncached plan, as application/json with an ETag', async () => {
    const plan = await createPlan('2026-2027');
    const first = await read(plan.id);
    expect(first.res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.res.headers['cache-control']).toBe('private, no-cache');
    expect(first.plan).toEqual(plan);
    const second = await read(plan.id);
    expect(second.res.body).toBe(first.res.body);
    expect(second.etag).toBe(first.etag);
  });

  it('shows every kind of write at once: header, rows, cells, order, focus issues, reviews, status', async () => {
    const plan = await createPlan('2027-2028');
    const url = `/api/plans/${plan.id}`;
    const council = await fx.signInAs('council');
    const monitoring = await fx.signInAs('monitoring');

    let current = await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'PATCH',
          url,
          payload: {
            header: { ...plan.header, subtitle: 'Kế hoạch đã sửa tiêu đề' },
            version: plan.version,
          },
        }),
      (p) => expect(p.title).toBe('Kế hoạch đã sửa tiêu đề'),
    );
    current = await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'PATCH',
          url,
          payload: { hiddenColumns: ['support'], version: current.version },
        }),
      (p) => expect(p.hiddenColumns).toEqual(['support']),
    );

    let rowA: PlanRow | undefined;
    await afterWrite(
      plan.id,
      async () => {
        const res = await call(ctx.app, principal, {
          method: 'POST',
          url: `${url}/rows`,
          payload: { group: 'tt57', criterionCode: '1.1', tasks: 'Nhiệm vụ A', time: 'Học kỳ I' },
        });
        rowA = res.json() as PlanRow;
        return res;
      },
      (p) => expect(p.rows.map((r) => r.tasks)).toEqual(['Nhiệm vụ A']),
    );
    if (!rowA) throw new Error('no row');
    const rowId = rowA.id;
    // Editing a cell (CONTRACTS.md "Concurrent edits"): the read shows the new text at once.
    await afterWrite(
      plan.id,
      () =>
        call(ctx.app, council, {
          method: 'PATCH',
          url: `${url}/rows/${rowId}`,
          payload: { tasks: 'Nhiệm vụ A đã sửa', version: rowA?.version },
        }),
      (p) => expect(p.rows[0]?.tasks).toBe('Nhiệm vụ A đã sửa'),
    );
    // A re-parsed cell: the parsed value in the answer moves with the text.
    await afterWrite(
      plan.id,
      async () => {
        const row = (await read(plan.id)).plan.rows[0];
        return call(ctx.app, principal, {
          method: 'PATCH',
          url: `${url}/rows/${rowId}`,
          payload: { time: 'Tháng 3/2028', version: row?.version },
        });
      },
      (p) => expect(p.rows[0]?.parsed.time.start).toBe('2028-03'),
    );
    let copyId = '';
    await afterWrite(
      plan.id,
      async () => {
        const res = await call(ctx.app, principal, {
          method: 'POST',
          url: `${url}/rows/${rowId}/duplicate`,
        });
        copyId = (res.json() as PlanRow).id;
        return res;
      },
      (p) => expect(p.rows.map((r) => r.id)).toEqual([rowId, copyId]),
    );
    current = await afterWrite(
      plan.id,
      async () =>
        call(ctx.app, principal, {
          method: 'PUT',
          url: `${url}/row-order`,
          payload: { rowIds: [copyId, rowId], version: (await read(plan.id)).plan.version },
        }),
      (p) => expect(p.rows.map((r) => r.id)).toEqual([copyId, rowId]),
    );
    await afterWrite(
      plan.id,
      () => call(ctx.app, principal, { method: 'DELETE', url: `${url}/rows/${copyId}` }),
      (p) => expect(p.rows.map((r) => r.id)).toEqual([rowId]),
    );

    current = await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'POST',
          url: `${url}/focus-issues`,
          payload: { criterionCode: '2.2', limitation: 'Thiếu giáo viên' },
        }),
      (p) => expect(p.focusIssues.map((f) => f.limitation)).toEqual(['Thiếu giáo viên']),
    );
    const issue = current.focusIssues[0];
    current = await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'PATCH',
          url: `${url}/focus-issues/${issue?.id}`,
          payload: { cause: 'Khó tuyển', version: issue?.version },
        }),
      (p) => expect(p.focusIssues[0]?.cause).toBe('Khó tuyển'),
    );
    await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'DELETE',
          url: `${url}/focus-issues/${issue?.id}`,
        }),
      (p) => expect(p.focusIssues).toEqual([]),
    );
    current = (await read(plan.id)).plan;
    const round = current.reviews[0];
    await afterWrite(
      plan.id,
      () =>
        call(ctx.app, monitoring, {
          method: 'PATCH',
          url: `${url}/reviews/${round?.id}`,
          payload: { result: 'Đạt 80%', version: round?.version },
        }),
      (p) => expect(p.reviews[0]?.result).toBe('Đạt 80%'),
    );

    current = await afterWrite(
      plan.id,
      async () =>
        call(ctx.app, council, {
          method: 'POST',
          url: `${url}/submit`,
          payload: { version: (await read(plan.id)).plan.version },
        }),
      (p) => expect(p.status).toBe('submitted'),
    );
    current = await afterWrite(
      plan.id,
      () =>
        call(ctx.app, principal, {
          method: 'POST',
          url: `${url}/approve`,
          payload: { version: current.version },
        }),
      (p) => {
        expect(p.status).toBe('approved');
        expect(p.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
      },
    );
    // After approval: progress (monitoring team) and review rounds stay editable, and show.
    await afterWrite(
      plan.id,
      () =>
        call(ctx.app, monitoring, {
          method: 'PATCH',
          url: `${url}/rows/${rowId}`,
          payload: { progress: 'Đang thực hiện', version: current.rows[0]?.version },
        }),
      (p) => expect(p.rows[0]?.progress).toBe('Đang thực hiện'),
    );
    const approvedRound = (await read(plan.id)).plan.reviews[1];
    await afterWrite(
      plan.id,
      () =>
        call(ctx.app, monitoring, {
          method: 'PATCH',
          url: `${url}/reviews/${approvedRound?.id}`,
          payload: { adjustment: 'Điều chỉnh tiến độ', version: approvedRound?.version },
        }),
      (p) => expect(p.reviews[1]?.adjustment).toBe('Điều chỉnh tiến độ'),
    );

    // New plans made from this one read as what their write answered.
    const revision = ok<PlanDetail>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}/revisions`,
        payload: { reason: 'Bổ sung' },
      }),
    );
    expect((await read(revision.id)).plan).toEqual(revision);
    // The carry-over answer is the new plan plus its report (what the dialog shows).
    const { carryOver: _report, ...next } = ok<PlanDetail & { carryOver: unknown }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}/carry-over`,
        payload: { schoolYear: '2028-2029' },
      }),
    );
    expect((await read(next.id)).plan).toEqual(next);
    expect((await read(next.id)).plan.rows.map((r) => r.originRowId)).toEqual([rowId]);
    const exported = ok<
      Record<string, unknown> & { plan: Record<string, unknown>; rows: unknown[] }
    >(await call(ctx.app, principal, { method: 'GET', url: `${url}/export.json` }));
    const imported = ok<PlanDetail>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/plans/import-json`,
        payload: { ...exported, plan: { ...exported.plan, schoolYear: '2029-2030' } },
      }),
    );
    expect((await read(imported.id)).plan).toEqual(imported);
    // Rows imported from a file into an existing draft (issue 7) show at once too.
    await afterWrite(
      imported.id,
      () =>
        call(ctx.app, principal, {
          method: 'POST',
          url: `/api/plans/${imported.id}/rows/import`,
          payload: { rows: exported.rows },
        }),
      (p) => expect(p.rows).toHaveLength(imported.rows.length * 2),
    );
  });

  it('shows writes made by another process at once (the sequence is in the database)', async () => {
    const plan = await createPlan('2030-2031');
    const row = ok<PlanRow>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows`,
        payload: { group: 'tt57', tasks: 'Trước' },
      }),
    );
    const before = await read(plan.id);
    await read(plan.id, principal, other);
    ok(
      await call(other, principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}/rows/${row.id}`,
        payload: { tasks: 'Sửa ở máy chủ khác', version: row.version },
      }),
    );
    const after = await read(plan.id);
    expect(after.plan.rows[0]?.tasks).toBe('Sửa ở máy chủ khác');
    expect(after.etag).not.toBe(before.etag);
    ok(
      await call(other, principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: after.plan.version },
      }),
    );
    expect((await read(plan.id)).plan.status).toBe('approved');
    // Both processes answer the same bytes for the same content.
    expect((await read(plan.id, principal, other)).res.body).toBe((await read(plan.id)).res.body);
  });

  it('never lets the cache answer someone who may not read the plan: 404 stays 404', async () => {
    const plan = await createPlan('2031-2032');
    const { etag } = await read(plan.id);
    const staff = await fx.signInAs('staff');
    const foreignStaff = await signIn(ctx.app, 'nhanvien.b', FIXTURE_PASSWORD);
    const office = await fx.signInAs('office');
    const status = async (session: TestSession | null, headers: Record<string, string> = {}) =>
      (await call(ctx.app, session, { method: 'GET', url: `/api/plans/${plan.id}`, headers }))
        .statusCode;

    // Cached draft: another school's principal and staff, and this school's staff, get 404.
    expect(await status(foreignPrincipal)).toBe(404);
    expect(await status(foreignStaff)).toBe(404);
    expect(await status(staff)).toBe(404);
    expect(await status(office)).toBe(200);
    // Knowing the ETag changes nothing: access is decided before the ETag is compared.
    expect(await status(foreignPrincipal, { 'if-none-match': etag })).toBe(404);
    expect(await status(staff, { 'if-none-match': etag })).toBe(404);
    expect(await status(null, { 'if-none-match': etag })).toBe(401);
    expect(await status(null)).toBe(401);

    ok(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: plan.version },
      }),
    );
    await read(plan.id);
    // Approved and cached: this school's staff read it; another school still gets 404.
    expect(await status(staff)).toBe(200);
    expect(await status(foreignPrincipal)).toBe(404);
    expect(await status(foreignStaff)).toBe(404);
    expect(await status(foreignPrincipal, { 'if-none-match': (await read(plan.id)).etag })).toBe(
      404,
    );
  });

  it('sees a status or school change made straight in the database, even with the sequence unmoved', async () => {
    // The access row may be answered from memory (issue 11: SQLite, while nothing was committed);
    // any commit — here one that bypasses the repositories and content_seq — must end that at once.
    const plan = await createPlan('2033-2034');
    const staff = await fx.signInAs('staff');
    const status = async (session: TestSession) =>
      (await call(ctx.app, session, { method: 'GET', url: `/api/plans/${plan.id}` })).statusCode;
    const setStatus = (value: string) =>
      ctx.database.db
        .updateTable('plans')
        .set({ status: value })
        .where('id', '=', plan.id)
        .execute();
    expect(await status(staff)).toBe(404);
    await setStatus('approved');
    expect(await status(staff)).toBe(200);
    expect(await status(staff)).toBe(200);
    await setStatus('draft');
    expect(await status(staff)).toBe(404);
    await setStatus('approved');
    expect(await status(staff)).toBe(200);
    expect(await status(foreignPrincipal)).toBe(404);
    // Moved to the other school: its principal reads it now, this school's staff no longer.
    await ctx.database.db
      .updateTable('plans')
      .set({ school_id: fx.foreign.schoolId })
      .where('id', '=', plan.id)
      .execute();
    expect(await status(foreignPrincipal)).toBe(200);
    expect(await status(staff)).toBe(404);
  });

  it('answers 304 to a current ETag, and 200 with a new one after a change', async () => {
    const plan = await createPlan('2032-2033');
    const { etag } = await read(plan.id);
    const url = `/api/plans/${plan.id}`;
    const notModified = await call(ctx.app, principal, {
      method: 'GET',
      url,
      headers: { 'if-none-match': etag },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    const listed = await call(ctx.app, principal, {
      method: 'GET',
      url,
      headers: { 'if-none-match': `"autre", W/${etag}` },
    });
    expect(listed.statusCode).toBe(304);
    ok(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}/rows`,
        payload: { group: 'tt57', tasks: 'Dòng mới' },
      }),
    );
    const changed = await call(ctx.app, principal, {
      method: 'GET',
      url,
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.json() as PlanDetail).rows).toHaveLength(1);
  });

  it('answers 404 for a plan that does not exist, cached or not', async () => {
    const missing = '0190a000-0000-7000-8000-00000000dead';
    for (let i = 0; i < 2; i += 1) {
      const res = await call(ctx.app, principal, { method: 'GET', url: `/api/plans/${missing}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toContain('Không tìm thấy kế hoạch');
    }
  });
});
