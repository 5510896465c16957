import { createHash } from 'node:crypto';
import { parseBudget, parseTime, PROGRESS_FIELDS, ROW_TEXT_FIELDS } from '@caitien/core';
import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanInterchange, PlanRow } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * The plan kernel under real concurrency (issue 11): approval against concurrent saves, simultaneous
 * creations of one school year, two cells of one row saved at once; the seal covers every field a
 * reader sees and no presentation choice; progress after approval belongs to its owners.
 */
describe.each(testDialects())('plan kernel on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let council: TestSession;
  let monitoring: TestSession;
  beforeAll(async () => {
    council = await t.fx.signInAs('council');
    monitoring = await t.fx.signInAs('monitoring');
  }, 60_000);
  const { createPlan, addRow, getPlan } = t;

  const integrity = async (planId: string) =>
    ok<{ status: string; details: string[] }>(
      await call(t.ctx.app, t.principal, { method: 'GET', url: `/api/plans/${planId}/integrity` }),
    );
  const approve = (planId: string, version: number) =>
    call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${planId}/approve`,
      payload: { version },
    });

  it('seals every field a reader sees, and no layout', async () => {
    const plan = await createPlan('2030-2031');
    const row = await addRow(plan.id, {
      group: 'tt57',
      standardCode: '2',
      criterionCode: '2.2',
      level4Key: null,
      tasks: 'Bồi dưỡng giáo viên',
      time: 'Tháng 9 - tháng 12',
      budget: '206.000.000 đồng',
      lead: 'Hiệu trưởng',
    });
    await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${plan.id}/focus-issues`,
      payload: { criterionCode: '2.2', cause: 'Khó tuyển' },
    });
    const before = await getPlan(plan.id);
    expect((await approve(plan.id, before.version)).statusCode).toBe(200);
    expect((await integrity(plan.id)).status).toBe('intact');

    // Presentation is not content: the layout and hidden columns change and the plan stays intact.
    const approved = await getPlan(plan.id);
    const layout = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}`,
      payload: { layout: 'A', hiddenColumns: ['evidence'], version: approved.version },
    });
    expect(layout.statusCode).toBe(200);
    expect((await integrity(plan.id)).status).toBe('intact');

    // Each sealed field changed directly in the database is reported, then put back.
    const db = t.ctx.database.db;
    const stored = await db
      .selectFrom('plan_rows')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    const planRow = await db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', plan.id)
      .executeTakeFirstOrThrow();
    const rowEdits: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['standard', { standard_code: '3' }, { standard_code: stored.standard_code }],
      ['criterion', { criterion_code: '2.3' }, { criterion_code: stored.criterion_code }],
      ['level 4 key', { level4_key: '1' }, { level4_key: stored.level4_key }],
      ['group', { row_group: 'level_4' }, { row_group: stored.row_group }],
      ['parsed amount', { budget_amount: 388_000_000 }, { budget_amount: stored.budget_amount }],
      ['months', { time_start: '2031-01' }, { time_start: stored.time_start }],
      ['parsed cells', { parsed_json: '{}' }, { parsed_json: stored.parsed_json }],
      ['a planned text', { tasks: 'Sửa lén' }, { tasks: stored.tasks }],
    ];
    for (const [label, change, restore] of rowEdits) {
      await db.updateTable('plan_rows').set(change).where('id', '=', row.id).execute();
      expect((await integrity(plan.id)).status, label).toBe('tampered');
      await db.updateTable('plan_rows').set(restore).where('id', '=', row.id).execute();
      expect((await integrity(plan.id)).status, label).toBe('intact');
    }
    const planEdits: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['school year', { school_year: '2031-2032' }, { school_year: planRow.school_year }],
      ['regime', { regime: '2018' }, { regime: planRow.regime }],
      ['framework', { framework_id: 'TT17@1' }, { framework_id: planRow.framework_id }],
      ['revision number', { revision_number: 7 }, { revision_number: planRow.revision_number }],
      ['header', { header_json: '{}' }, { header_json: planRow.header_json }],
    ];
    for (const [label, change, restore] of planEdits) {
      await db.updateTable('plans').set(change).where('id', '=', plan.id).execute();
      expect((await integrity(plan.id)).status, label).toBe('tampered');
      await db.updateTable('plans').set(restore).where('id', '=', plan.id).execute();
      expect((await integrity(plan.id)).status, label).toBe('intact');
    }
    await db
      .updateTable('plan_focus_issues')
      .set({ cause: 'Khác' })
      .where('plan_id', '=', plan.id)
      .execute();
    const tampered = await integrity(plan.id);
    expect(tampered.status).toBe('tampered');
    expect(tampered.details.join('\n')).toContain('Vấn đề trọng tâm');
    // Progress stays outside the seal.
    await db
      .updateTable('plan_rows')
      .set({ progress: 'Đã xong' })
      .where('id', '=', row.id)
      .execute();
    await db
      .updateTable('plan_focus_issues')
      .set({ cause: 'Khó tuyển' })
      .where('plan_id', '=', plan.id)
      .execute();
    expect((await integrity(plan.id)).status).toBe('intact');
  });

  it('keeps snapshots sealed before issue 11 verifiable, layout changes included', async () => {
    const plan = await createPlan('2029-2030');
    await addRow(plan.id, {
      group: 'tt57',
      standardCode: null,
      criterionCode: '1.1',
      level4Key: null,
      tasks: 'Việc cũ',
    });
    await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/plans/${plan.id}/focus-issues`,
      payload: { cause: 'Cũ' },
    });
    const draft = await getPlan(plan.id);
    expect((await approve(plan.id, draft.version)).statusCode).toBe(200);
    // Rewrite the snapshot as approvals wrote it before issue 11 (format 1).
    const live = await getPlan(plan.id);
    const focus = await t.ctx.database.db
      .selectFrom('plan_focus_issues')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .orderBy('position')
      .execute();
    const legacy = {
      header: live.header,
      sections: live.sections,
      layout: live.layout,
      frameworkId: live.frameworkId,
      focusIssues: focus,
      rows: live.rows.map((r) => ({
        id: r.id,
        group: r.group,
        criterionCode: r.criterionCode,
        level4Key: r.level4Key,
        ...Object.fromEntries(
          ROW_TEXT_FIELDS.filter((f) => !PROGRESS_FIELDS.includes(f)).map((f) => [f, r[f]]),
        ),
      })),
    };
    const json = JSON.stringify(legacy);
    await t.ctx.database.db
      .updateTable('plan_snapshots')
      .set({
        content_json: json,
        content_hash: createHash('sha256').update(json).digest('hex'),
      })
      .where('plan_id', '=', plan.id)
      .execute();
    expect((await integrity(plan.id)).status).toBe('intact');
    const layout = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}`,
      payload: { layout: 'B', version: live.version },
    });
    expect(layout.statusCode).toBe(200);
    expect((await integrity(plan.id)).status).toBe('intact');
    await t.ctx.database.db
      .updateTable('plan_rows')
      .set({ tasks: 'Sửa lén' })
      .where('plan_id', '=', plan.id)
      .execute();
    expect((await integrity(plan.id)).status).toBe('tampered');
  });

  it('keeps progress and review rounds after approval to the monitoring team and the principal', async () => {
    const plan = await createPlan('2031-2032');
    const row = await addRow(plan.id, {
      group: 'tt57',
      criterionCode: null,
      standardCode: null,
      level4Key: null,
      tasks: 'Việc',
    });
    // Before approval, edit rights imply progress rights.
    const early = await call(t.ctx.app, council, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { progress: 'Bắt đầu', version: row.version },
    });
    expect(early.statusCode).toBe(200);
    const draft = await getPlan(plan.id);
    expect((await approve(plan.id, draft.version)).statusCode).toBe(200);
    const after = await getPlan(plan.id);
    const current = after.rows[0] as PlanRow;
    const review = after.reviews[0];
    expect(review).toBeDefined();
    const councilProgress = await call(t.ctx.app, council, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { progress: 'Hội đồng sửa', version: current.version },
    });
    expect(councilProgress.statusCode).toBe(403);
    const councilReview = await call(t.ctx.app, council, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/reviews/${review?.id}`,
      payload: { result: 'Hội đồng ghi', version: review?.version },
    });
    expect(councilReview.statusCode).toBe(403);
    for (const session of [monitoring, t.principal]) {
      const latest = await getPlan(plan.id);
      const r = latest.rows[0] as PlanRow;
      const rv = latest.reviews[0];
      expect(
        (
          await call(t.ctx.app, session, {
            method: 'PATCH',
            url: `/api/plans/${plan.id}/rows/${row.id}`,
            payload: { result: `Ghi bởi ${session.userId}`, version: r.version },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await call(t.ctx.app, session, {
            method: 'PATCH',
            url: `/api/plans/${plan.id}/reviews/${rv?.id}`,
            payload: { result: `Đạt (${session.userId})`, version: rv?.version },
          })
        ).statusCode,
      ).toBe(200);
    }
  });

  it('approval while 8 clients edit: the seal is the live content, no edit acknowledged after', async () => {
    const plan = await createPlan('2032-2033');
    const rows: PlanRow[] = [];
    for (let i = 0; i < 8; i += 1)
      rows.push(
        await addRow(plan.id, {
          group: 'tt57',
          standardCode: null,
          criterionCode: null,
          level4Key: null,
          tasks: `v0`,
          budget: '1.000.000 đồng',
        }),
      );
    const start = await getPlan(plan.id);
    let approvalAnswered = false;
    let acknowledged = 0;
    const lateAcks: string[] = [];
    const lastAck = new Map<string, number>();
    let signalEdits: () => void = () => undefined;
    const enoughEdits = new Promise<void>((resolve) => {
      signalEdits = resolve;
    });
    const client = async (row: PlanRow) => {
      let version = row.version;
      let afterApproval = 0;
      for (let n = 1; n <= 60 && afterApproval < 3; n += 1) {
        const sentAfterApproval = approvalAnswered;
        const res = await call(t.ctx.app, t.principal, {
          method: 'PATCH',
          url: `/api/plans/${plan.id}/rows/${row.id}`,
          // Two fields: a planned text and a parsed one, so derived values are sealed too.
          payload: { tasks: `v${n}`, budget: `${n}.000.000 đồng`, version },
        });
        if (sentAfterApproval) afterApproval += 1;
        if (res.statusCode === 200) {
          version = (res.json() as PlanRow).version;
          lastAck.set(row.id, n);
          acknowledged += 1;
          if (acknowledged >= 8) signalEdits();
          if (sentAfterApproval) lateAcks.push(`${row.id} v${n}`);
        } else {
          expect(res.statusCode, res.body).toBe(409);
          if (
            approvalAnswered ||
            (res.json() as { error: { details?: { reason?: string } } }).error.details?.reason ===
              'approved'
          ) {
            afterApproval += sentAfterApproval ? 0 : 1;
          }
          const current = (res.json() as { error: { details?: { current?: PlanRow } } }).error
            .details?.current;
          if (current) version = current.version;
        }
      }
    };
    const approval = (async () => {
      await enoughEdits;
      let version = start.version;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const res = await approve(plan.id, version);
        if (res.statusCode === 200) {
          approvalAnswered = true;
          return;
        }
        // Row saves do not move the plan's version; only a plan-level write would.
        version = (await getPlan(plan.id)).version;
      }
      throw new Error('approval never succeeded');
    })();
    await Promise.all([...rows.map(client), approval]);
    expect(lateAcks).toEqual([]);
    expect((await integrity(plan.id)).status).toBe('intact');
    const snapshot = await t.ctx.database.db
      .selectFrom('plan_snapshots')
      .select('content_json')
      .where('plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    const sealed = JSON.parse(snapshot.content_json) as {
      rows: {
        id: string;
        texts: { tasks: string; budget: string };
        derived: { budgetAmount: number };
      }[];
    };
    const live = await getPlan(plan.id);
    for (const r of live.rows) {
      const s = sealed.rows.find((x) => x.id === r.id);
      expect(s?.texts.tasks).toBe(r.tasks);
      expect(s?.derived.budgetAmount).toBe(r.parsed.budget.amount);
      // The last acknowledged save of each row is what was sealed.
      expect(r.tasks).toBe(`v${lastAck.get(r.id) ?? 0}`);
    }
  }, 120_000);

  it('ten simultaneous creations of one year: one plan, nine 409s naming it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(t.ctx.app, t.principal, {
          method: 'POST',
          url: `/api/schools/${t.fx.own.schoolId}/plans`,
          payload: { schoolYear: '2033-2034' },
        }),
      ),
    );
    const created = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(9);
    const winner = (created[0]?.json() as PlanDetail).id;
    for (const r of refused) {
      const error = (r.json() as { error: { message: string; details: { planId: string } } }).error;
      expect(error.message).toContain('Trường đã có kế hoạch năm học 2033-2034');
      expect(error.details.planId).toBe(winner);
    }
    const list = ok<{ items: { schoolYear: string }[] }>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/schools/${t.fx.own.schoolId}/plans?schoolYear=2033-2034`,
      }),
    );
    expect(list.items).toHaveLength(1);
  }, 60_000);

  it('ten simultaneous imports of one year: one plan, nine 409s', async () => {
    const source = await createPlan('2034-2035');
    const doc = ok<PlanInterchange>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/plans/${source.id}/export.json`,
      }),
    );
    const payload = { ...doc, plan: { ...doc.plan, schoolYear: '2035-2036' } };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(t.ctx.app, t.principal, {
          method: 'POST',
          url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
          payload,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
  }, 60_000);

  it('two cells of one row saved at once: parsed values always match the committed text', async () => {
    const plan = await createPlan('2036-2037');
    const row = await addRow(plan.id, {
      group: 'tt57',
      standardCode: null,
      criterionCode: null,
      level4Key: null,
      budget: '1.000.000 đồng',
      time: 'Tháng 9',
    });
    let budgetVersion = row.version;
    let timeVersion = row.version;
    const months = ['Tháng 10', 'Tháng 11', 'Tháng 12', 'Tháng 1', 'Tháng 2'];
    for (let i = 0; i < 15; i += 1) {
      const [a, b] = await Promise.all([
        call(t.ctx.app, t.principal, {
          method: 'PATCH',
          url: `/api/plans/${plan.id}/rows/${row.id}`,
          payload: { budget: `${206 + i}.000.000 đồng`, version: budgetVersion },
        }),
        call(t.ctx.app, council, {
          method: 'PATCH',
          url: `/api/plans/${plan.id}/rows/${row.id}`,
          payload: { time: months[i % months.length], version: timeVersion },
        }),
      ]);
      // Different cells of one row: both are accepted (CONTRACTS.md "Concurrent edits").
      expect([a?.statusCode, b?.statusCode]).toEqual([200, 200]);
      budgetVersion = (a?.json() as PlanRow).version;
      timeVersion = (b?.json() as PlanRow).version;
      const committed = await t.ctx.database.db
        .selectFrom('plan_rows')
        .select(['budget_text', 'budget_amount', 'time_text', 'time_start', 'parsed_json'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      const amount = parseBudget(committed.budget_text).value?.amount ?? null;
      expect(Number(committed.budget_amount)).toBe(amount);
      expect(committed.time_start).toBe(
        parseTime(committed.time_text, { schoolYear: '2036-2037' }).value?.start ?? null,
      );
      const parsed = JSON.parse(committed.parsed_json) as {
        budget: { text: string; amount: number | null };
        time: { text: string };
      };
      expect(parsed.budget.text).toBe(committed.budget_text);
      expect(parsed.budget.amount).toBe(amount);
      expect(parsed.time.text).toBe(committed.time_text);
    }
  }, 120_000);
});
