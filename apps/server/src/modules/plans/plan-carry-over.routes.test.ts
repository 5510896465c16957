import { testDialects } from '@caitien/db/testing';
import type { PlanDetail } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call, ok } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

interface CarriedPlan extends PlanDetail {
  carryOver: {
    message: string;
    regimeChange: { from: string | null; to: string | null; mapping: { from: string } | null };
    finishedRowCount: number;
    rows: {
      sourceRowId: string;
      rowId: string;
      outcome: string;
      fromCriterionCode: string | null;
      criterionCode: string | null;
      confidence: string | null;
      candidates: string[];
      summary: string;
    }[];
  };
}

describe.each(testDialects())('carry-over across circulars on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  const { createPlan, addRow } = t;

  it('maps a 2018 plan’s criteria into TT57 through the mapping and reports it', async () => {
    const old = await createPlan('2025-2026');
    expect(old).toMatchObject({ regime: '2018', frameworkCode: 'TT17' });
    const board = await addRow(old.id, {
      group: 'levels_1_3',
      standardCode: '1',
      criterionCode: '1.4',
      tasks: 'Kiện toàn tổ chuyên môn',
    });
    const party = await addRow(old.id, {
      group: 'levels_1_3',
      standardCode: '1',
      criterionCode: '1.3',
      tasks: 'Sinh hoạt chi bộ',
    });
    const done = await addRow(old.id, {
      group: 'levels_1_3',
      standardCode: '3',
      criterionCode: '3.2',
      tasks: 'Sửa phòng học',
      progress: 'Hoàn thành',
    });
    const rooms = await addRow(old.id, {
      group: 'levels_1_3',
      standardCode: '3',
      criterionCode: '3.2',
      tasks: 'Lát nền phòng học',
    });

    const next = ok<CarriedPlan>(
      await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/plans/${old.id}/carry-over`,
        payload: { schoolYear: '2026-2027', rowIds: [board.id, party.id, done.id, rooms.id] },
      }),
    );
    expect(next).toMatchObject({ regime: '2026', frameworkCode: 'TT57-PT' });
    // Rows sit under their mapped TT57 criteria (ordered by them), the unmapped one last.
    expect(next.rows.map((r) => [r.tasks, r.group, r.standardCode, r.criterionCode])).toEqual([
      ['Kiện toàn tổ chuyên môn', 'tt57', '1', '1.2'],
      ['Lát nền phòng học', 'tt57', '4', '4.1'],
      ['Sinh hoạt chi bộ', 'tt57', null, null],
    ]);
    expect(next.rows.map((r) => r.originRowId)).toEqual([board.id, rooms.id, party.id]);
    const report = next.carryOver;
    expect(report.message).toMatch(
      /^Kế hoạch năm học 2026-2027 theo Thông tư 57\/2026: các tiêu chí được chuyển theo bảng đối chiếu TT17 → TT57-PT/,
    );
    expect(report.regimeChange).toMatchObject({ from: 'TT17', to: 'TT57-PT' });
    expect(report.finishedRowCount).toBe(1);
    expect(
      report.rows.map((r) => [r.fromCriterionCode, r.outcome, r.criterionCode, r.confidence]),
    ).toEqual([
      ['1.4', 'mapped', '1.2', 'inferred'],
      ['3.2', 'mapped', '4.1', 'inferred'],
      ['1.3', 'unmapped', null, null],
    ]);
    expect(report.rows.map((r) => r.rowId)).toEqual(next.rows.map((r) => r.id));
    expect(report.rows[2]?.candidates).toEqual(['1.2']);
    expect(report.rows[2]?.summary).toBe('Sinh hoạt chi bộ');

    // The checks flag the row left without a criterion, and only that one.
    const checks = ok<{ checks: { code: string; rowId: string | null; message: string }[] }>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${next.id}/checks` }),
    );
    const unmapped = checks.checks.filter((c) => c.code === 'row.carried_without_criterion');
    expect(unmapped.map((c) => c.rowId)).toEqual([next.rows[2]?.id]);
    expect(checks.checks.filter((c) => c.code === 'row.unknown_criterion')).toEqual([]);

    // The audit names the mapping and the rows left to choose.
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'plan.carry_over')
      .where('entity_id', '=', next.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      mapping: 'TT17→TT57-PT',
      unmapped: [party.id],
    });
  });

  it('refuses rows of another plan; another school’s plan is not found', async () => {
    const mine = await createPlan('2030-2031');
    const wrong = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${mine.id}/carry-over`,
      payload: { schoolYear: '2031-2032', rowIds: ['0190a0b2-0000-7000-8000-000000000000'] },
    });
    expect(wrong.statusCode).toBe(400);
    const foreign = await createPlan('2030-2031', {
      as: t.fx.adminSession,
      schoolId: t.fx.foreign.schoolId,
    });
    const answer = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${foreign.id}/carry-over`,
      payload: { schoolYear: '2031-2032' },
    });
    expect(answer.statusCode).toBe(404);
  });
});
