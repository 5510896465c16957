import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanRow } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call, ok } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

describe.each(testDialects())('improvement plans on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  const { createPlan, addRow } = t;

  it('chooses the framework by school year: TT57 from 2026-2027, the 2018 circular before', async () => {
    const tt57 = await createPlan('2026-2027');
    expect(tt57).toMatchObject({
      regime: '2026',
      frameworkCode: 'TT57-PT',
      layout: 'bieu2',
      status: 'draft',
    });
    expect(tt57.reviews.map((r) => r.roundLabel)).toEqual(['Cuối học kỳ I', 'Cuối năm học']);
    expect(tt57.header).toMatchObject({
      title: 'KẾ HOẠCH',
      subtitle: 'Cải tiến chất lượng giáo dục năm học 2026 - 2027',
      signerTitle: 'HIỆU TRƯỞNG',
    });
    expect(tt57.header.documentNumber).toContain('/KH-THA');
    expect(tt57.sections.map((s) => s.heading.split('.')[0])).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
    ]);

    const old = await createPlan('2024-2025');
    expect(old).toMatchObject({ regime: '2018', frameworkCode: 'TT17', layout: 'A' });
    expect(old.sections[1]?.body).toContain('17/2018/TT-BGDĐT');
    // The version used is now immutable.
    const framework = ok<{ isLocked: boolean }>(
      await t.ctx.app.inject({ url: `/api/frameworks/${old.frameworkId}` }),
    );
    expect(framework.isLocked).toBe(true);

    const again = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans`,
      payload: { schoolYear: '2026-2027' },
    });
    expect(again.statusCode).toBe(409);
    const noReason = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans`,
      payload: { schoolYear: '2023-2024', frameworkCode: 'TT18' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('lý do');
    const badYear = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans`,
      payload: { schoolYear: '2026-2028' },
    });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.message).toContain('schoolYear');
  });

  it('parses time, budget and people and keeps every text verbatim', async () => {
    const plan = await createPlan('2025-2026');
    const row = await addRow(plan.id, {
      group: 'levels_1_3',
      standardCode: '1',
      criterionCode: '1.1',
      target: 'Phương hướng, chiến lược\nđược công khai',
      tasks: '- Rà soát;\n- Niêm yết  công khai',
      time: '10 – 01',
      budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
      lead: 'Hiệu trưởng, Phòng Nội vụ Quận 4',
    });
    expect(row.target).toBe('Phương hướng, chiến lược\nđược công khai');
    expect(row.tasks).toBe('- Rà soát;\n- Niêm yết  công khai');
    expect(row.parsed.time).toMatchObject({ text: '10 – 01', start: '2025-10', end: '2026-01' });
    expect(row.parsed.budget).toMatchObject({ amount: 30_000_000, source: 'mixed' });
    expect(row.parsed.people.coordinators.some((c) => c.kind === 'unit')).toBe(true);
    const bad = await addRow(plan.id, {
      group: 'levels_1_3',
      criterionCode: '9.9',
      tasks: 'x',
      time: 'Sau khi có kinh phí',
    });
    expect(bad.parsed.time.start).toBeNull();
    expect(bad.parsed.time.issues.length).toBeGreaterThan(0);
    const checks = ok<{
      checks: { code: string; rowId: string | null }[];
      budgetTotals: { total: number; mixed: number };
    }>(await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}/checks` }));
    const codes = checks.checks.map((c) => c.code);
    expect(codes).toContain('row.unknown_criterion');
    expect(codes).toContain('row.time_unparsed');
    expect(codes).toContain('row.no_lead');
    expect(codes).toContain('plan.no_level4');
    expect(checks.budgetTotals).toMatchObject({ total: 30_000_000, mixed: 30_000_000 });
    const long = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${plan.id}/rows`,
      payload: { group: 'levels_1_3', note: 'x'.repeat(10_001) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('note');
  });

  it('two clients: different cells of one row both save; the same cell gets 409 with the current row', async () => {
    const plan = await createPlan('2027-2028');
    const row = await addRow(plan.id, {
      group: 'tt57',
      criterionCode: '1.3',
      tasks: 'Ban đầu',
      target: 'Ban đầu',
    });
    const council = await t.fx.signInAs('council');
    const url = `/api/plans/${plan.id}/rows/${row.id}`;
    const a = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url,
      payload: { tasks: 'Của hiệu trưởng', version: row.version },
    });
    expect(a.statusCode).toBe(200);
    const b = await call(t.ctx.app, council, {
      method: 'PATCH',
      url,
      payload: { target: 'Của hội đồng', version: row.version },
    });
    expect(b.statusCode).toBe(200);
    const c = await call(t.ctx.app, council, {
      method: 'PATCH',
      url,
      payload: { tasks: 'Ghi đè?', version: row.version },
    });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.details.current).toMatchObject({
      tasks: 'Của hiệu trưởng',
      target: 'Của hội đồng',
    });
    const final = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}` }),
    );
    expect(final.rows[0]).toMatchObject({ tasks: 'Của hiệu trưởng', target: 'Của hội đồng' });
  });

  it('approval freezes the content; progress stays editable; a revision gets the next number', async () => {
    const plan = await createPlan('2028-2029');
    const row = await addRow(plan.id, {
      group: 'tt57',
      criterionCode: '2.2',
      tasks: 'Bồi dưỡng giáo viên',
      lead: 'Hiệu trưởng',
      time: 'Học kỳ I',
    });
    const council = await t.fx.signInAs('council');
    const submitted = ok<PlanDetail>(
      await call(t.ctx.app, council, {
        method: 'POST',
        url: `/api/plans/${plan.id}/submit`,
        payload: { version: plan.version },
      }),
    );
    expect(submitted.status).toBe('submitted');
    expect(
      (
        await call(t.ctx.app, council, {
          method: 'POST',
          url: `/api/plans/${plan.id}/approve`,
          payload: { version: submitted.version },
        })
      ).statusCode,
    ).toBe(403);
    const approved = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: submitted.version },
      }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.snapshotHash).toMatch(/^[0-9a-f]{64}$/);

    const edit = await call(t.ctx.app, council, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { tasks: 'Sửa sau phê duyệt', version: row.version },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/kế hoạch đã được phê duyệt/i);
    const monitoring = await t.fx.signInAs('monitoring');
    const progress = await call(t.ctx.app, monitoring, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { progress: 'Đang thực hiện', version: row.version },
    });
    expect(progress.statusCode).toBe(200);
    const staffCannot = await call(t.ctx.app, await t.fx.signInAs('staff'), {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { progress: 'x', version: row.version },
    });
    expect(staffCannot.statusCode).toBe(403);
    expect(
      ok<{ status: string }>(
        await call(t.ctx.app, t.principal, {
          method: 'GET',
          url: `/api/plans/${plan.id}/integrity`,
        }),
      ).status,
    ).toBe('intact');

    // A direct database edit of frozen content is detected by the hash.
    await t.ctx.database.db
      .updateTable('plan_rows')
      .set({ tasks: 'Sửa lén trong cơ sở dữ liệu' })
      .where('id', '=', row.id)
      .execute();
    const integrity = ok<{ status: string; details: string[] }>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}/integrity` }),
    );
    expect(integrity.status).toBe('tampered');

    const revision = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/revisions`,
        payload: { reason: 'Bổ sung nhiệm vụ' },
      }),
    );
    expect(revision).toMatchObject({
      revisionNumber: 1,
      status: 'draft',
      lineageId: plan.lineageId,
    });
    expect(revision.header.subtitle).toContain('điều chỉnh, bổ sung lần 1');
    expect(revision.rows).toHaveLength(1);
    const history = ok<{ items: { revisionNumber: number; status: string }[] }>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}/revisions` }),
    );
    expect(history.items.map((h) => [h.revisionNumber, h.status])).toEqual([
      [0, 'approved'],
      [1, 'draft'],
    ]);
  });

  it('focus issues freeze with approval; review rounds stay open to the monitoring team', async () => {
    const plan = await createPlan('2037-2038');
    const withIssue = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/focus-issues`,
        payload: {
          standardCode: '2',
          criterionCode: '2.2',
          currentState: 'Đủ giáo viên',
          limitation: 'Thiếu giáo viên\nTin học',
          cause: 'Khó tuyển',
        },
      }),
    );
    expect(withIssue.focusIssues[0]).toMatchObject({
      criterionCode: '2.2',
      limitation: 'Thiếu giáo viên\nTin học',
    });
    const approved = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: withIssue.version },
      }),
    );
    const issue = approved.focusIssues[0];
    const frozen = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/focus-issues/${issue?.id}`,
      payload: { cause: 'Sửa sau phê duyệt', version: issue?.version },
    });
    expect(frozen.statusCode).toBe(409);
    const monitoring = await t.fx.signInAs('monitoring');
    const round = approved.reviews[0];
    const reviewed = ok<PlanDetail>(
      await call(t.ctx.app, monitoring, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}/reviews/${round?.id}`,
        payload: {
          content: 'Bồi dưỡng giáo viên',
          result: 'Đạt 80%',
          reviewer: 'Tổ giám sát',
          version: round?.version,
        },
      }),
    );
    expect(reviewed.reviews[0]).toMatchObject({ roundLabel: 'Cuối học kỳ I', result: 'Đạt 80%' });
    const stale = await call(t.ctx.app, monitoring, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/reviews/${round?.id}`,
      payload: { result: 'Ghi đè', version: round?.version },
    });
    expect(stale.statusCode).toBe(409);
    // Reviews are outside the frozen content: the snapshot stays intact.
    expect(
      ok<{ status: string }>(
        await call(t.ctx.app, t.principal, {
          method: 'GET',
          url: `/api/plans/${plan.id}/integrity`,
        }),
      ).status,
    ).toBe('intact');
  });

  it('staff see only approved plans; another school sees nothing', async () => {
    const plan = await createPlan('2029-2030');
    const staff = await t.fx.signInAs('staff');
    expect(
      (await call(t.ctx.app, staff, { method: 'GET', url: `/api/plans/${plan.id}` })).statusCode,
    ).toBe(404);
    const list = ok<{ items: { id: string }[] }>(
      await call(t.ctx.app, staff, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/plans`,
      }),
    );
    expect(list.items.map((p) => p.id)).not.toContain(plan.id);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/approve`,
        payload: { version: plan.version },
      }),
    );
    expect(
      (await call(t.ctx.app, staff, { method: 'GET', url: `/api/plans/${plan.id}` })).statusCode,
    ).toBe(200);
  });

  it('carries unfinished rows to next year with their lineage ("moved 2 times")', async () => {
    const first = await createPlan('2032-2033');
    const done = await addRow(first.id, {
      group: 'tt57',
      criterionCode: '1.1',
      tasks: 'Xong rồi',
      progress: 'Hoàn thành',
    });
    const open = await addRow(first.id, {
      group: 'tt57',
      criterionCode: '1.2',
      tasks: 'Còn dở',
      progress: 'Đang thực hiện',
      time: 'Tháng 3/2033',
    });
    const second = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${first.id}/carry-over`,
        payload: { schoolYear: '2033-2034' },
      }),
    );
    expect(second.carriedFromPlanId).toBe(first.id);
    expect(second.rows.map((r) => r.tasks)).toEqual(['Còn dở']);
    expect(second.rows[0]).toMatchObject({ originRowId: open.id, carryCount: 1, progress: '' });
    // Months are placed in the new plan's school year when they carry no year; explicit years stay.
    expect(second.rows[0]?.time).toBe('Tháng 3/2033');
    const third = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${second.id}/carry-over`,
        payload: { schoolYear: '2034-2035' },
      }),
    );
    expect(third.rows[0]).toMatchObject({ originRowId: open.id, carryCount: 2 });
    expect(third.rows.map((r) => r.id)).not.toContain(done.id);
  });

  it('exports the interchange JSON and imports it back to the same rows', async () => {
    const plan = await createPlan('2035-2036');
    await addRow(plan.id, {
      group: 'tt57',
      criterionCode: '3.1',
      tasks: 'Dạy học\ntheo dự án',
      time: '09– 06',
      budget: '15tr',
      lead: 'Hiệu trưởng',
    });
    await addRow(plan.id, { group: 'tt57', tasks: 'Vấn đề chung', budget: 'Xã hội hóa' });
    const res = await call(t.ctx.app, t.principal, {
      method: 'GET',
      url: `/api/plans/${plan.id}/export.json`,
    });
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const doc = res.json() as {
      formatVersion: number;
      rows: {
        tasks: string;
        time: { start: string | null };
        budget: { amount: number | null; source: string };
      }[];
      plan: Record<string, unknown>;
    };
    expect(doc.formatVersion).toBe(2);
    expect(doc.rows[0]).toMatchObject({
      tasks: 'Dạy học\ntheo dự án',
      time: { start: '2035-09', end: '2036-06' },
      budget: { amount: 15_000_000 },
    });
    const imported = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
        payload: { ...doc, plan: { ...doc.plan, schoolYear: '2036-2037' } },
      }),
    );
    expect(imported.rows.map((r) => [r.tasks, r.budget])).toEqual(
      doc.rows.map((r) => [r.tasks, (r as unknown as { budget: { text: string } }).budget.text]),
    );
    expect(imported.rows[1]?.parsed.budget.source).toBe('socialized');
    const bad = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
      payload: { ...doc, formatVersion: 3 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('formatVersion');
  });

  it('reorders, duplicates and deletes rows', async () => {
    const plan = await createPlan('2031-2032');
    const a = await addRow(plan.id, { group: 'tt57', tasks: 'A' });
    const b = await addRow(plan.id, { group: 'tt57', tasks: 'B' });
    const dup = ok<PlanRow>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows/${a.id}/duplicate`,
      }),
    );
    const current = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}` }),
    );
    expect(current.rows.map((r) => r.tasks)).toEqual(['A', 'A', 'B']);
    const reordered = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'PUT',
        url: `/api/plans/${plan.id}/row-order`,
        payload: { rowIds: [b.id, dup.id, a.id], version: current.version },
      }),
    );
    expect(reordered.rows.map((r) => r.id)).toEqual([b.id, dup.id, a.id]);
    ok(
      await call(t.ctx.app, t.principal, {
        method: 'DELETE',
        url: `/api/plans/${plan.id}/rows/${dup.id}`,
      }),
    );
    const after = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${plan.id}` }),
    );
    expect(after.rows.map((r) => r.tasks)).toEqual(['B', 'A']);
    const stale = await call(t.ctx.app, t.principal, {
      method: 'PUT',
      url: `/api/plans/${plan.id}/row-order`,
      payload: { rowIds: [a.id, b.id], version: current.version },
    });
    expect(stale.statusCode).toBe(409);
  });
});
