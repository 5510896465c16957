import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanInterchange } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call, ok } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * Interchange version 2 (issue 13): the export carries each row's progress with its log and the
 * review rounds of the plan's lineage; import makes a new draft and leaves progress behind; a
 * version 1 file still imports.
 */
describe.each(testDialects())('plan interchange version 2 on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  it('exports progress, its log and the review rounds; imports as a new draft without them', async () => {
    const plan = await t.createPlan('2025-2026');
    // Added under Tiêu chuẩn 3 first: it prints second (TT 2) after the Tiêu chuẩn 1 row.
    await t.addRow(plan.id, {
      group: 'levels_1_3',
      standardCode: '3',
      criterionCode: '3.1',
      tasks: 'Cải tạo sân chơi',
      time: '10 – 01',
    });
    await t.addRow(plan.id, {
      group: 'levels_1_3',
      standardCode: '1',
      criterionCode: '1.2',
      tasks: 'Kiện toàn hội đồng trường',
      time: '09 – 12',
    });
    const repos = createRepositories(t.ctx.database.db);
    const record = await repos.plans.findPlan(plan.id);
    if (!record) throw new Error('no plan');
    const rows = await repos.plans.listRows(plan.id);
    const play = rows.find((r) => r.criterionCode === '3.1');
    const council = rows.find((r) => r.criterionCode === '1.2');
    if (!play || !council) throw new Error('rows missing');
    const now = '2025-12-20T02:00:00.000Z';
    await repos.progress.insertProgress({
      trackId: council.trackId,
      schoolId: record.schoolId,
      lineageId: record.lineageId,
      status: 'done',
      percent: 100,
      result: 'Đã thực hiện xong',
      fieldVersions: { status: 2, percent: 2, result: 2 },
      version: 2,
      updatedByUserId: null,
      updatedAt: now,
    });
    for (const [i, entry] of [
      { status: 'in_progress', percent: 40, result: null, spent: null },
      { status: 'done', percent: 100, result: 'Đã thực hiện xong', spent: 2_500_000 },
    ].entries()) {
      await repos.progress.insertEntry({
        id: `entry-${i}`,
        trackId: council.trackId,
        schoolId: record.schoolId,
        lineageId: record.lineageId,
        planId: plan.id,
        entryDate: `2025-12-1${i}`,
        recordedAt: `2025-12-1${i}T03:00:00.000Z`,
        authorUserId: null,
        authorName: 'Nguyễn Thị Lan',
        status: entry.status,
        percent: entry.percent,
        result: entry.result,
        note: i === 0 ? 'Đã họp lần 1' : '',
        spentAmount: entry.spent,
        spentSource: entry.spent === null ? null : 'state',
        spentText: entry.spent === null ? '' : '2,5 triệu ngân sách',
        clientId: null,
      });
    }
    const round = await repos.reviewRounds.insertRound({
      id: 'round-1',
      lineageId: record.lineageId,
      schoolId: record.schoolId,
      planId: plan.id,
      kind: 'semester1',
      label: 'Sơ kết học kỳ I',
      status: 'open',
      plannedDate: '2026-01-15',
      openedAt: now,
      openedByUserId: null,
      conclusions: 'Cơ bản đạt tiến độ.',
      recommendations: 'Đẩy nhanh việc cải tạo sân chơi.',
      closedAt: null,
      closedByUserId: null,
      createdAt: now,
      updatedAt: now,
    });
    await repos.reviewRounds.saveRoundRow(
      round.id,
      play.trackId,
      0,
      ['result', 'adjustment', 'reviewer'],
      { result: 'Chưa bắt đầu', adjustment: 'Lùi sang tháng 3', reviewer: 'Tổ giám sát' },
      now,
    );

    const res = await call(t.ctx.app, t.principal, {
      method: 'GET',
      url: `/api/plans/${plan.id}/export.json`,
    });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as PlanInterchange;
    expect(doc.formatVersion).toBe(2);
    const councilIndex = doc.rows.findIndex((r) => r.criterionCode === '1.2');
    const playIndex = doc.rows.findIndex((r) => r.criterionCode === '3.1');
    expect(doc.rows[councilIndex]?.monitoring).toEqual({
      status: 'done',
      percent: 100,
      result: 'Đã thực hiện xong',
      entries: [
        {
          entryDate: '2025-12-10',
          recordedAt: '2025-12-10T03:00:00.000Z',
          authorName: 'Nguyễn Thị Lan',
          status: 'in_progress',
          percent: 40,
          result: null,
          note: 'Đã họp lần 1',
          spent: null,
        },
        {
          entryDate: '2025-12-11',
          recordedAt: '2025-12-11T03:00:00.000Z',
          authorName: 'Nguyễn Thị Lan',
          status: 'done',
          percent: 100,
          result: 'Đã thực hiện xong',
          note: '',
          spent: { amount: 2_500_000, source: 'state', text: '2,5 triệu ngân sách' },
        },
      ],
    });
    // A row nobody updated: not started, an empty log.
    expect(doc.rows[playIndex]?.monitoring).toEqual({
      status: 'not_started',
      percent: 0,
      result: '',
      entries: [],
    });
    expect(doc.reviewRounds).toEqual([
      {
        kind: 'semester1',
        label: 'Sơ kết học kỳ I',
        status: 'open',
        plannedDate: '2026-01-15',
        conclusions: 'Cơ bản đạt tiến độ.',
        recommendations: 'Đẩy nhanh việc cải tạo sân chơi.',
        rows: [
          {
            rowIndex: playIndex,
            ordinal: '2',
            status: null,
            percent: null,
            result: 'Chưa bắt đầu',
            adjustment: 'Lùi sang tháng 3',
            reviewer: 'Tổ giám sát',
          },
        ],
      },
    ]);
    // Internal ids (tracks, users) stay home.
    expect(JSON.stringify(doc)).not.toContain(council.trackId);

    // Import: a new draft of another year; progress and rounds are not carried into it.
    const imported = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
        payload: { ...doc, plan: { ...doc.plan, schoolYear: '2037-2038' } },
      }),
    );
    expect(imported.status).toBe('draft');
    const again = ok<PlanInterchange>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/plans/${imported.id}/export.json`,
      }),
    );
    expect(again.rows.map((r) => r.monitoring?.status)).toEqual(['not_started', 'not_started']);
    expect(again.rows.every((r) => r.monitoring?.entries.length === 0)).toBe(true);
    expect(again.reviewRounds).toEqual([]);

    // A version 1 file (no progress, no rounds) still imports.
    const { reviewRounds: _rounds, ...v1 } = doc;
    const fromV1 = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
      payload: {
        ...v1,
        formatVersion: 1,
        plan: { ...doc.plan, schoolYear: '2038-2039' },
        rows: doc.rows.map(({ monitoring: _m, ...r }) => r),
      },
    });
    expect(fromV1.statusCode).toBe(200);

    // A round row pointing past the rows is a broken file: 400 naming the field.
    const broken = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
      payload: {
        ...doc,
        plan: { ...doc.plan, schoolYear: '2039-2040' },
        reviewRounds: [
          { ...doc.reviewRounds?.[0], rows: [{ ...doc.reviewRounds?.[0]?.rows[0], rowIndex: 7 }] },
        ],
      },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('reviewRounds.0.rows.0.rowIndex');

    // Another school's plan, with its progress, is not there for this school's principal.
    const foreign = await t.createPlan('2025-2026', {
      as: t.fx.adminSession,
      schoolId: t.fx.foreign.schoolId,
    });
    const hidden = await call(t.ctx.app, t.principal, {
      method: 'GET',
      url: `/api/plans/${foreign.id}/export.json`,
    });
    expect(hidden.statusCode).toBe(404);
  });
});
