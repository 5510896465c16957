import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanRow } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, FIXTURE_PASSWORD } from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { seedAssessment } from '../../testing/assessment-fixtures.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';
import type {
  MyTasks,
  PlanDashboard,
  PlanProgress,
  ProgressEntry,
  RowProgressDetail,
  YearClosure,
} from './monitoring-api.types.ts';

/** A PNG's first bytes: enough for the type check (the bytes, not the name). */
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

// The fixed clock of the test app: 2026-11-23 08:00 UTC = 15:00 in Việt Nam.
const TODAY = '2026-11-23';

describe.each(testDialects())('progress of a plan’s rows on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let teacher: TestSession; // Trần Văn Bình, linked to his directory person
  let staff: TestSession; // a staff account linked to nobody
  let monitoring: TestSession;
  let foreign: TestSession; // staff of another school

  beforeAll(async () => {
    const { app } = t.ctx;
    const admin = t.fx.adminSession;
    for (const fullName of ['Trần Văn Bình', 'Lê Thị Cúc']) {
      const person = ok<{ id: string }>(
        await call(app, admin, {
          method: 'POST',
          url: `/api/schools/${t.fx.own.schoolId}/people`,
          payload: { fullName, position: 'Giáo viên' },
        }),
      );
      if (fullName === 'Trần Văn Bình')
        await createAccount(app, admin, {
          username: 'giaovien.binh',
          displayName: 'Trần Văn Bình',
          roles: [{ role: 'staff', unitId: t.fx.own.schoolId }],
          personId: person.id,
        });
    }
    teacher = await signIn(app, 'giaovien.binh', FIXTURE_PASSWORD);
    staff = await t.fx.signInAs('staff');
    monitoring = await t.fx.signInAs('monitoring');
    foreign = await signIn(app, 'nhanvien.b', FIXTURE_PASSWORD);
  }, 60_000);

  /** A plan of `year` with three rows (Bình leads A, coordinates B; Cúc leads C), approved. */
  async function approvedPlan(year: string, options: { approve?: boolean } = {}) {
    const plan = await t.createPlan(year);
    const group = plan.regime === '2026' ? 'tt57' : 'levels_1_3';
    const a = await t.addRow(plan.id, {
      group,
      standardCode: '1',
      criterionCode: '1.1',
      tasks: 'Xây dựng kế hoạch bồi dưỡng giáo viên',
      time: 'Tháng 9 - tháng 10',
      budget: 'Ngân sách: 5.000.000 đồng; XHH: 3.000.000 đồng',
      lead: 'Trần Văn Bình',
    });
    const b = await t.addRow(plan.id, {
      group,
      standardCode: '2',
      criterionCode: '2.1',
      tasks: 'Tổ chức chuyên đề',
      time: 'Tháng 12',
      lead: 'Hiệu trưởng',
      coordinators: 'Trần Văn Bình, Lê Thị Cúc',
    });
    const c = await t.addRow(plan.id, {
      group,
      standardCode: null,
      criterionCode: null,
      tasks: 'Sửa sân trường',
      time: '',
      lead: 'Lê Thị Cúc',
    });
    if (options.approve !== false) {
      const current = await t.getPlan(plan.id);
      ok(
        await call(t.ctx.app, t.principal, {
          method: 'POST',
          url: `/api/plans/${plan.id}/approve`,
          payload: { version: current.version },
        }),
      );
    }
    return { plan, rows: { a, b, c } as Record<'a' | 'b' | 'c', PlanRow> };
  }

  const post = (session: TestSession, planId: string, rowId: string, payload: object) =>
    call(t.ctx.app, session, {
      method: 'POST',
      url: `/api/plans/${planId}/rows/${rowId}/progress`,
      payload: { entryDate: TODAY, version: 0, ...payload },
    });
  const get = <T>(session: TestSession, url: string) =>
    call(t.ctx.app, session, { method: 'GET', url }).then((r) => ok<T>(r));

  it('is not open before approval; after it every row answers its schedule and progress', async () => {
    const { plan, rows } = await approvedPlan('2026-2027', { approve: false });
    const before = await get<PlanProgress>(t.principal, `/api/plans/${plan.id}/progress`);
    expect(before).toMatchObject({ open: false, today: TODAY, planId: plan.id });
    expect(before.rows.map((r) => r.status)).toEqual(['not_started', 'not_started', 'not_started']);
    const refused = await post(t.principal, plan.id, rows.a.id, { note: 'Bắt đầu' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'Kế hoạch chưa được phê duyệt nên chưa thể cập nhật tiến độ.',
    );

    const current = await t.getPlan(plan.id);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: current.version },
      }),
    );
    const after = await get<PlanProgress>(teacher, `/api/plans/${plan.id}/progress`);
    expect(after.open).toBe(true);
    expect(after.canMonitor).toBe(false);
    const [a, b, c] = after.rows;
    expect(a).toMatchObject({
      rowId: rows.a.id,
      ordinal: '1',
      myRole: 'lead',
      canUpdate: true,
      plannedBudget: { bySource: { state: 5_000_000, socialized: 3_000_000 } },
    });
    expect(a?.schedule).toMatchObject({ dueMonth: '2026-10', overdue: true, noDate: false });
    expect(b).toMatchObject({ ordinal: '2', myRole: 'coordinator', canUpdate: true });
    expect(c).toMatchObject({ ordinal: '3', myRole: null, canUpdate: false });
    expect(c?.schedule).toMatchObject({ noDate: true, overdue: false, dueMonth: null });
    expect(after.summary).toMatchObject({ total: 3, overdue: 1, noDate: 1 });
    const monitor = await get<PlanProgress>(monitoring, `/api/plans/${plan.id}/progress`);
    expect(monitor.canMonitor).toBe(true);
    expect(monitor.rows.every((r) => r.canUpdate)).toBe(true);
  });

  it('shows a row’s edit at once (the rows kept by plan and content sequence)', async () => {
    const { plan, rows } = await approvedPlan('2042-2043', { approve: false });
    const before = await get<PlanProgress>(t.principal, `/api/plans/${plan.id}/progress`);
    expect(before.rows[0]?.content).toBe('Xây dựng kế hoạch bồi dưỡng giáo viên');
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}/rows/${rows.a.id}`,
        payload: {
          tasks: 'Bồi dưỡng giáo viên cốt cán',
          lead: 'Lê Thị Cúc',
          version: rows.a.version,
        },
      }),
    );
    const after = await get<PlanProgress>(t.principal, `/api/plans/${plan.id}/progress`);
    expect(after.rows[0]).toMatchObject({
      content: 'Bồi dưỡng giáo viên cốt cán',
      leadText: 'Lê Thị Cúc',
    });
  });

  it('lets the row’s people, the monitoring team and the principal update; others 403, other schools 404', async () => {
    const { plan, rows } = await approvedPlan('2027-2028');
    expect((await post(teacher, plan.id, rows.a.id, { note: 'Đã họp tổ' })).statusCode).toBe(200);
    expect((await post(teacher, plan.id, rows.b.id, { note: 'Phối hợp' })).statusCode).toBe(200);
    const notMine = await post(teacher, plan.id, rows.c.id, { note: 'Không phải việc của tôi' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.message).toMatch(/không phụ trách hay phối hợp/);
    expect((await post(staff, plan.id, rows.a.id, { note: 'x' })).statusCode).toBe(403);
    expect((await post(monitoring, plan.id, rows.c.id, { note: 'Kiểm tra' })).statusCode).toBe(200);
    expect((await post(t.principal, plan.id, rows.c.id, { note: 'Duyệt' })).statusCode).toBe(200);
    for (const res of [
      await post(foreign, plan.id, rows.a.id, { note: 'x' }),
      await call(t.ctx.app, foreign, { method: 'GET', url: `/api/plans/${plan.id}/progress` }),
      await call(t.ctx.app, foreign, {
        method: 'GET',
        url: `/api/plans/${plan.id}/rows/${rows.a.id}/progress`,
      }),
      await call(t.ctx.app, foreign, { method: 'GET', url: `/api/plans/${plan.id}/dashboard` }),
      await call(t.ctx.app, foreign, {
        method: 'POST',
        url: `/api/plans/${plan.id}/close-year`,
        payload: { confirm: true },
      }),
    ])
      expect(res.statusCode).toBe(404);
    // Staff not on a row still read the plan's progress.
    expect((await get<PlanProgress>(staff, `/api/plans/${plan.id}/progress`)).rows).toHaveLength(3);
  });

  it('keeps both notes; a stale status change is 409 with the current state', async () => {
    const { plan, rows } = await approvedPlan('2028-2029');
    expect((await post(teacher, plan.id, rows.a.id, { note: 'Ghi chú 1' })).statusCode).toBe(200);
    expect((await post(monitoring, plan.id, rows.a.id, { note: 'Ghi chú 2' })).statusCode).toBe(
      200,
    );
    const started = ok<RowProgressDetail>(
      await post(teacher, plan.id, rows.a.id, { status: 'in_progress', percent: 30 }),
    );
    expect(started.row).toMatchObject({ status: 'in_progress', percent: 30, version: 1 });
    expect(started.entries.map((e) => e.note)).toEqual(['Ghi chú 1', 'Ghi chú 2', '']);
    expect(started.entries[0]?.authorName).toBe('Trần Văn Bình');

    // The monitoring team still had version 0 on screen.
    const stale = await post(monitoring, plan.id, rows.a.id, { status: 'delayed' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.row).toMatchObject({
      status: 'in_progress',
      percent: 30,
    });
    // A note with the stale version is still logged; a change of another field too.
    expect((await post(monitoring, plan.id, rows.a.id, { note: 'Nhắc nhở' })).statusCode).toBe(200);
    const result = ok<RowProgressDetail>(
      await post(monitoring, plan.id, rows.a.id, { result: 'Đã có dự thảo' }),
    );
    expect(result.row).toMatchObject({ status: 'in_progress', result: 'Đã có dự thảo' });
    expect(result.entries).toHaveLength(5);

    const done = ok<RowProgressDetail>(
      await post(teacher, plan.id, rows.a.id, { version: result.row.version, status: 'done' }),
    );
    expect(done.row).toMatchObject({ status: 'done', percent: 100 });
    expect(done.row.schedule.overdue).toBe(false);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'plan.progress.update')
      .where('entity_id', '=', rows.a.id)
      .execute();
    expect(audit).toHaveLength(6);
  });

  it('keeps concurrent notes; of two concurrent status changes one wins and one is 409', async () => {
    const { plan, rows } = await approvedPlan('2040-2041');
    const notes = await Promise.all([
      post(teacher, plan.id, rows.b.id, { note: 'Cùng lúc 1' }),
      post(monitoring, plan.id, rows.b.id, { note: 'Cùng lúc 2' }),
      post(t.principal, plan.id, rows.b.id, { note: 'Cùng lúc 3' }),
    ]);
    expect(notes.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const changes = await Promise.all([
      post(teacher, plan.id, rows.a.id, { status: 'in_progress' }),
      post(monitoring, plan.id, rows.a.id, { status: 'delayed' }),
    ]);
    expect(changes.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = await get<RowProgressDetail>(
      t.principal,
      `/api/plans/${plan.id}/rows/${rows.a.id}/progress`,
    );
    expect(detail.entries).toHaveLength(1);
    expect(detail.row.version).toBe(1);
    const b = await get<RowProgressDetail>(
      t.principal,
      `/api/plans/${plan.id}/rows/${rows.b.id}/progress`,
    );
    expect(b.entries.map((e) => e.note).sort()).toEqual(['Cùng lúc 1', 'Cùng lúc 2', 'Cùng lúc 3']);
  });

  it('refuses a percent outside 0–100 and a date after today, in Vietnamese; a resend is harmless', async () => {
    const { plan, rows } = await approvedPlan('2029-2030');
    const over = await post(teacher, plan.id, rows.a.id, { percent: 101 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields).toEqual([
      { field: 'percent', message: 'Phần trăm phải từ 0 đến 100.' },
    ]);
    const future = await post(teacher, plan.id, rows.a.id, {
      entryDate: '2026-11-24',
      status: 'done',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('Ngày cập nhật không được sau hôm nay.');
    const doneAtThirty = await post(teacher, plan.id, rows.a.id, { status: 'done', percent: 30 });
    expect(doneAtThirty.statusCode).toBe(400);
    expect(doneAtThirty.json().error.message).toMatch(
      /^Nội dung đã “Hoàn thành” thì mức hoàn thành là 100%/,
    );
    expect(over.json().error.message).toContain('Phần trăm phải từ 0 đến 100');

    const payload = { note: 'Gửi từ điện thoại', clientId: `phone-${plan.id}` };
    const first = ok<RowProgressDetail>(await post(teacher, plan.id, rows.a.id, payload));
    const again = ok<RowProgressDetail>(await post(teacher, plan.id, rows.a.id, payload));
    expect(first.entries).toHaveLength(1);
    expect(again.entries).toHaveLength(1);
    const logged = await t.ctx.database.db
      .selectFrom('progress_entries')
      .select('id')
      .where('lineage_id', '=', plan.lineageId)
      .execute();
    expect(logged).toHaveLength(1);
  });

  it('stays editable after approval and follows the row through a revision', async () => {
    const { plan, rows } = await approvedPlan('2030-2031');
    ok(await post(teacher, plan.id, rows.a.id, { status: 'in_progress', percent: 40 }));
    const revision = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/revisions`,
        payload: { reason: 'Điều chỉnh sau rà soát học kỳ I' },
      }),
    );
    // An open draft revision does not hide the approved rows and their progress.
    const during = await get<PlanProgress>(t.principal, `/api/plans/${revision.id}/progress`);
    expect(during).toMatchObject({ planId: plan.id, open: true });
    expect(during.rows[0]).toMatchObject({ status: 'in_progress', percent: 40 });
    ok(await post(teacher, plan.id, rows.a.id, { version: 1, percent: 50 }));

    const draft = await t.getPlan(revision.id);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${revision.id}/approve`,
        payload: { version: draft.version },
      }),
    );
    const after = await get<PlanProgress>(teacher, `/api/plans/${plan.id}/progress`);
    expect(after.planId).toBe(revision.id);
    const newA = after.rows[0]!;
    expect(newA.rowId).not.toBe(rows.a.id);
    expect(newA).toMatchObject({ trackId: rows.a.id, status: 'in_progress', percent: 50 });
    // The old row id still reaches the row (its track).
    const detail = ok<RowProgressDetail>(
      await post(teacher, plan.id, rows.a.id, { version: 2, percent: 60 }),
    );
    expect(detail.row).toMatchObject({ rowId: newA.rowId, percent: 60 });
    expect(detail.entries.map((e) => e.percent)).toEqual([40, 50, 60]);
  });

  it('makes a file a minh chứng under the row’s criterion, or keeps it as a progress file', async () => {
    const { plan, rows } = await approvedPlan('2031-2032');
    const { assessmentId } = await seedAssessment(t.ctx.database, {
      schoolId: t.fx.own.schoolId,
      schoolYear: '2031-2032',
      framework: plan.frameworkCode as 'TT57-PT',
    });
    const entry = ok<RowProgressDetail>(
      await post(teacher, plan.id, rows.a.id, { note: 'Ảnh buổi họp' }),
    ).entries[0]!;
    const upload = (rowId: string, entryId: string, session = teacher) =>
      call(t.ctx.app, session, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows/${rowId}/progress/${entryId}/files?fileName=anh-hop.png`,
        headers: { 'content-type': 'image/png' },
        payload: Buffer.from(PNG),
      });
    const answered = ok<ProgressEntry>(await upload(rows.a.id, entry.id));
    const file = answered.files[0]!;
    expect(file).toMatchObject({ fileName: 'anh-hop.png', mediaType: 'image/png', assessmentId });
    expect(file.evidenceCode).toMatch(/1\.1/);
    const evidence = await t.ctx.database.db
      .selectFrom('assessment_evidence')
      .select(['code', 'name', 'primary_criterion_code'])
      .where('id', '=', file.evidenceId!)
      .executeTakeFirstOrThrow();
    expect(evidence).toMatchObject({ code: file.evidenceCode, primary_criterion_code: '1.1' });
    expect(evidence.name).toBe('anh-hop.png (tiến độ: Xây dựng kế hoạch bồi dưỡng giáo viên)');
    // A second file gets the next code.
    const second = ok<ProgressEntry>(await upload(rows.a.id, entry.id)).files[1]!;
    expect(second.evidenceCode).not.toBe(file.evidenceCode);

    const download = await call(t.ctx.app, staff, {
      method: 'GET',
      url: `/api/plans/${plan.id}/progress-files/${file.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(new Uint8Array(download.rawPayload)).toEqual(PNG);
    const foreignDownload = await call(t.ctx.app, foreign, {
      method: 'GET',
      url: `/api/plans/${plan.id}/progress-files/${file.id}`,
    });
    expect(foreignDownload.statusCode).toBe(404);

    // No criterion: a plain progress file. Not the row's entry: 404. Not a file: 415.
    const cEntry = ok<RowProgressDetail>(
      await post(monitoring, plan.id, rows.c.id, { note: 'Ảnh sân' }),
    ).entries[0]!;
    const plain = ok<ProgressEntry>(await upload(rows.c.id, cEntry.id, monitoring)).files[0]!;
    expect(plain).toMatchObject({ evidenceId: null, evidenceCode: null });
    expect((await upload(rows.a.id, cEntry.id)).statusCode).toBe(404);
    expect((await upload(rows.c.id, cEntry.id, teacher)).statusCode).toBe(403);
    const text = await call(t.ctx.app, teacher, {
      method: 'POST',
      url: `/api/plans/${plan.id}/rows/${rows.a.id}/progress/${entry.id}/files?fileName=a.png`,
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('không phải ảnh'),
    });
    expect(text.statusCode).toBe(415);
    const foreignUpload = await upload(rows.a.id, entry.id, foreign);
    expect(foreignUpload.statusCode).toBe(404);
  });

  it('keeps a file as a progress file until an assessment of the school is started', async () => {
    const { plan, rows } = await approvedPlan('2038-2039');
    const entry = ok<RowProgressDetail>(
      await post(teacher, plan.id, rows.a.id, { note: 'Biên bản họp' }),
    ).entries[0]!;
    const waiting = ok<ProgressEntry>(
      await call(t.ctx.app, teacher, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows/${rows.a.id}/progress/${entry.id}/files?fileName=bien-ban.png`,
        headers: { 'content-type': 'image/png' },
        payload: Buffer.from(PNG),
      }),
    ).files[0]!;
    expect(waiting).toMatchObject({ evidenceId: null, evidenceCode: null });
    // The assessment of the next school year (same regime) takes it.
    const assessment = ok<{ id: string }>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/assessments`,
        payload: { schoolYear: '2039-2040', frameworkCode: plan.frameworkCode },
      }),
    );
    const detail = await get<RowProgressDetail>(
      teacher,
      `/api/plans/${plan.id}/rows/${rows.a.id}/progress`,
    );
    const adopted = detail.entries[0]!.files[0]!;
    expect(adopted).toMatchObject({ id: waiting.id, assessmentId: assessment.id });
    expect(adopted.evidenceCode).toMatch(/1\.1/);
  });

  it('answers the dashboard’s numbers', async () => {
    // Last school year: its rows' months have passed.
    const { plan, rows } = await approvedPlan('2025-2026');
    ok(
      await post(teacher, plan.id, rows.a.id, {
        status: 'in_progress',
        spent: { amount: 1_500_000, source: 'state', text: 'Mua tài liệu' },
      }),
    );
    ok(
      await post(teacher, plan.id, rows.b.id, {
        status: 'done',
        spent: { amount: 500_000, source: 'socialized' },
      }),
    );
    const dash = await get<PlanDashboard>(staff, `/api/plans/${plan.id}/dashboard`);
    expect(dash.summary).toMatchObject({
      total: 3,
      byStatus: { not_started: 1, in_progress: 1, done: 1, delayed: 0, cancelled: 0 },
      overdue: 1,
      noDate: 1,
    });
    expect(dash.byStandard.map((s) => [s.label, s.counts.total])).toEqual([
      ['Tiêu chuẩn 1', 1],
      ['Tiêu chuẩn 2', 1],
      ['Chưa gắn tiêu chuẩn', 1],
    ]);
    expect(dash.overdue.map((r) => r.rowId)).toEqual([rows.a.id]);
    expect(dash.noDate.map((r) => r.rowId)).toEqual([rows.c.id]);
    expect(dash.budget.planned).toMatchObject({ state: 5_000_000, socialized: 3_000_000 });
    expect(dash.budget.spent).toMatchObject({ state: 1_500_000, socialized: 500_000 });
    expect(dash.timeline.months[0]).toBe('2025-08');
    expect(dash.timeline.months.at(-1)).toBe('2026-07');
    expect(dash.timeline.rows[0]).toMatchObject({
      startMonth: '2025-09',
      dueMonth: '2025-10',
      overdue: true,
    });
    expect(dash.timeline.rows.map((r) => r.status)).toEqual(['in_progress', 'done', 'not_started']);
    expect(dash.rounds).toEqual([]);
    ok(
      await call(t.ctx.app, monitoring, {
        method: 'POST',
        url: `/api/plans/${plan.id}/review-rounds`,
        payload: { kind: 'semester1' },
      }),
    );
    const withRound = await get<PlanDashboard>(staff, `/api/plans/${plan.id}/dashboard`);
    expect(withRound.rounds).toMatchObject([
      { kind: 'semester1', status: 'open', reviewedRows: 0, totalRows: 3 },
    ]);
  });

  it('lists my tasks across plans; an account without a person is not linked', async () => {
    const first = await approvedPlan('2033-2034');
    const second = await approvedPlan('2034-2035');
    ok(await post(teacher, second.plan.id, second.rows.b.id, { status: 'done' }));
    const mine = await get<MyTasks>(teacher, '/api/me/tasks');
    expect(mine.linked).toBe(true);
    const ours = (planId: string, list: MyTasks['tasks']) =>
      list.filter((task) => task.planId === planId).map((task) => [task.rowId, task.myRole]);
    expect(ours(first.plan.id, mine.tasks)).toEqual([
      [first.rows.a.id, 'lead'],
      [first.rows.b.id, 'coordinator'],
    ]);
    // The done row is left out of the open tasks, listed with show=all.
    expect(ours(second.plan.id, mine.tasks)).toEqual([[second.rows.a.id, 'lead']]);
    const all = await get<MyTasks>(teacher, '/api/me/tasks?show=all');
    expect(ours(second.plan.id, all.tasks)).toHaveLength(2);
    expect(all.tasks[0]).toMatchObject({ schoolName: 'Trường Tiểu học Định Hiệp' });
    expect(await get<MyTasks>(staff, '/api/me/tasks')).toEqual({
      today: TODAY,
      linked: false,
      tasks: [],
    });
    expect((await get<MyTasks>(foreign, '/api/me/tasks')).tasks).toEqual([]);
  });

  it('closes the year: monitoring only, counts recorded, progress read-only after', async () => {
    const { plan, rows } = await approvedPlan('2035-2036');
    ok(await post(teacher, plan.id, rows.a.id, { status: 'done' }));
    ok(await post(monitoring, plan.id, rows.c.id, { status: 'cancelled' }));
    const close = (session: TestSession) =>
      call(t.ctx.app, session, {
        method: 'POST',
        url: `/api/plans/${plan.id}/close-year`,
        payload: { confirm: true },
      });
    expect((await close(teacher)).statusCode).toBe(403);
    const unconfirmed = await call(t.ctx.app, monitoring, {
      method: 'POST',
      url: `/api/plans/${plan.id}/close-year`,
      payload: {},
    });
    expect(unconfirmed.statusCode).toBe(400);
    const closed = ok<YearClosure>(await close(monitoring));
    expect(closed.counts).toMatchObject({ total: 3, byStatus: { done: 1, cancelled: 1 } });
    expect(closed.unfinishedTrackIds).toEqual([rows.b.id, rows.c.id]);
    const again = await close(t.principal);
    expect(again.statusCode).toBe(409);
    // The day as a principal reads it, not an ISO instant in UTC.
    expect(again.json().error.message).toMatch(
      /^Năm học của kế hoạch này đã được kết thúc ngày \d{2}\/\d{2}\/\d{4}; không thể kết thúc lại\.$/u,
    );
    expect(again.json().error.details).toEqual({ closedAt: closed.closedAt });
    const late = await post(teacher, plan.id, rows.b.id, { note: 'Muộn' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/^Năm học đã kết thúc/);
    const progress = await get<PlanProgress>(t.principal, `/api/plans/${plan.id}/progress`);
    expect(progress).toMatchObject({ open: false, closure: { schoolYear: '2035-2036' } });
    expect(progress.rows.every((r) => !r.canUpdate)).toBe(true);
    // No new review round in a closed year.
    const round = await call(t.ctx.app, monitoring, {
      method: 'POST',
      url: `/api/plans/${plan.id}/review-rounds`,
      payload: { kind: 'extra' },
    });
    expect(round.statusCode).toBe(409);
    expect(round.json().error.message).toBe(
      'Năm học 2035-2036 đã kết thúc nên không mở thêm đợt rà soát được.',
    );
    // Closed years leave Việc của tôi.
    const mine = await get<MyTasks>(teacher, '/api/me/tasks?show=all');
    expect(mine.tasks.filter((task) => task.planId === plan.id)).toEqual([]);
  });

  it('carries the unfinished rows by their recorded status, with their earlier years', async () => {
    const { plan, rows } = await approvedPlan('2036-2037');
    ok(await post(teacher, plan.id, rows.a.id, { status: 'done', note: 'Xong' }));
    ok(await post(monitoring, plan.id, rows.c.id, { status: 'cancelled', note: 'Chuyển năm sau' }));
    const next = ok<PlanDetail & { carryOver: { finishedRowCount: number } }>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/carry-over`,
        payload: { schoolYear: '2037-2038' },
      }),
    );
    expect(next.carryOver.finishedRowCount).toBe(1);
    expect(next.rows.map((r) => r.originRowId)).toEqual([rows.b.id, rows.c.id]);
    const carriedC = next.rows[1]!;
    const detail = await get<RowProgressDetail>(
      t.principal,
      `/api/plans/${next.id}/rows/${carriedC.id}/progress`,
    );
    expect(detail.earlierYears).toHaveLength(1);
    expect(detail.earlierYears[0]).toMatchObject({
      schoolYear: '2036-2037',
      rowId: rows.c.id,
      status: 'cancelled',
    });
    expect(detail.earlierYears[0]?.entries.map((e) => e.note)).toEqual(['Chuyển năm sau']);
  });
});
