import { testDialects } from '@caitien/db/testing';
import { findSoffice } from '@caitien/documents';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { rowBody, seedPlan, type SeededPlan } from '../../testing/builders.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/**
 * Review rounds on both engines (issue 13): suggested rounds per regime, open / review / conclude /
 * close / reopen, per-field versions (409 with the current round), closed rounds read-only, the
 * report as DOCX (and 503 in Vietnamese for PDF without LibreOffice), access (another school 404,
 * staff and council 403 on writes), an audit entry for each write.
 */

interface Round {
  id: string;
  kind: string;
  label: string;
  status: string;
  plannedDate: string | null;
  version: number;
  conclusions: string;
  reviewedRows: number;
  totalRows: number;
  canEdit: boolean;
  fieldVersions: Record<string, number>;
  rows: Array<{
    row: { trackId: string; rowId: string; content: string; ordinal: string };
    status: string | null;
    percent: number | null;
    result: string;
    adjustment: string;
    reviewer: string;
    version: number;
  }>;
}

interface RoundList {
  canManage: boolean;
  rounds: Round[];
  suggested: Array<{ kind: string; label: string; plannedDate: string }>;
}

describe.each(testDialects())('review rounds on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let monitoring: TestSession;
  let staff: TestSession;
  let council: TestSession;
  let plan: SeededPlan;
  let draft: SeededPlan;

  beforeAll(async () => {
    monitoring = await t.fx.signInAs('monitoring');
    staff = await t.fx.signInAs('staff');
    council = await t.fx.signInAs('council');
    plan = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2026-2027',
      rows: [
        rowBody({
          criterionCode: '1.1',
          cells: {
            content: 'Rà soát kế hoạch chiến lược;\nlấy ý kiến cha mẹ học sinh',
            time: 'Tháng 9/2026 – tháng 10/2026',
            lead: 'Hiệu trưởng',
            budget: '2.000.000',
          },
        }),
        rowBody({
          criterionCode: '3.2',
          cells: { content: 'Sửa chữa phòng học', time: 'Tháng 3/2027', lead: 'Phó Hiệu trưởng' },
        }),
      ],
      approve: true,
    });
    draft = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2027-2028',
      rows: [rowBody({ criterionCode: '1.1', cells: { content: 'Nháp' } })],
    });
    // The first row's progress (as the progress routes would record it).
    const rows = await t.ctx.database.db
      .selectFrom('plan_rows')
      .select(['id', 'track_id'])
      .where('plan_id', '=', plan.planId)
      .orderBy('position')
      .execute();
    await t.ctx.database.db
      .insertInto('row_progress')
      .values({
        track_id: rows[0]?.track_id ?? '',
        school_id: t.fx.own.schoolId,
        lineage_id: (
          await t.ctx.database.db
            .selectFrom('plans')
            .select('lineage_id')
            .where('id', '=', plan.planId)
            .executeTakeFirstOrThrow()
        ).lineage_id,
        status: 'done',
        percent: 100,
        result: 'Đã ban hành kế hoạch.',
        field_versions_json: '{}',
        version: 1,
        updated_by_user_id: null,
        updated_at: '2026-10-30T00:00:00.000Z',
      })
      .execute();
  }, 60_000);

  const api = (
    session: TestSession,
    method: string,
    url: string,
    payload?: Record<string, unknown>,
  ) => call(t.ctx.app, session, { method, url, ...(payload === undefined ? {} : { payload }) });
  const roundsUrl = (planId = plan.planId) => `/api/plans/${planId}/review-rounds`;

  it('suggests the TT57 rounds with their usual dates; managing needs the monitoring right', async () => {
    const list = ok<RoundList>(await api(monitoring, 'GET', roundsUrl()));
    expect(list.canManage).toBe(true);
    expect(list.suggested).toEqual([
      { kind: 'semester1', label: 'Cuối học kỳ I', plannedDate: '2027-01-15' },
      { kind: 'year_end', label: 'Cuối năm học', plannedDate: '2027-05-25' },
    ]);
    expect(ok<RoundList>(await api(staff, 'GET', roundsUrl())).canManage).toBe(false);
    expect(ok<RoundList>(await api(council, 'GET', roundsUrl())).canManage).toBe(false);
  });

  it('refuses a round on a plan never approved (409), and writes by staff or council (403)', async () => {
    const res = await api(t.principal, 'POST', roundsUrl(draft.planId), { kind: 'semester1' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('chưa được phê duyệt');
    for (const who of [staff, council]) {
      const refused = await api(who, 'POST', roundsUrl(), { kind: 'semester1' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('tổ giám sát');
    }
  });

  it('runs the cuối học kỳ I round: open, review rows, conclude, close, reopen', async () => {
    const created = ok<Round>(await api(monitoring, 'POST', roundsUrl(), { kind: 'semester1' }));
    expect(created).toMatchObject({
      kind: 'semester1',
      label: 'Cuối học kỳ I',
      status: 'open',
      plannedDate: '2027-01-15',
      reviewedRows: 0,
      totalRows: 2,
      canEdit: true,
      version: 1,
    });
    const url = `${roundsUrl()}/${created.id}`;
    const [first, second] = created.rows;
    expect(first?.row.content).toBe('Rà soát kế hoạch chiến lược;\nlấy ý kiến cha mẹ học sinh');
    expect(first?.version).toBe(0);

    // The first review copies the row's progress and names its author.
    const reviewed = ok<Round>(
      await api(monitoring, 'PUT', `${url}/rows/${first?.row.trackId}`, {
        version: 0,
        result: 'Đã ban hành kế hoạch chiến lược.\nĐã niêm yết.',
      }),
    );
    const r1 = reviewed.rows[0];
    expect(r1).toMatchObject({
      status: 'done',
      percent: 100,
      result: 'Đã ban hành kế hoạch chiến lược.\nĐã niêm yết.',
      version: 1,
    });
    expect(r1?.reviewer).not.toBe('');
    expect(reviewed.reviewedRows).toBe(1);

    // A second "first review" of the same row is stale: 409 with the current round.
    const again = await api(t.principal, 'PUT', `${url}/rows/${first?.row.trackId}`, {
      version: 0,
      result: 'Khác',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.current.rows[0].result).toContain('Đã ban hành');
    // Another field from the same version goes through (per-field versions).
    const adjusted = ok<Round>(
      await api(t.principal, 'PUT', `${url}/rows/${first?.row.trackId}`, {
        version: 1,
        adjustment: 'Không cần điều chỉnh.',
        reviewer: 'Trần Văn Bình',
      }),
    );
    expect(adjusted.rows[0]).toMatchObject({
      adjustment: 'Không cần điều chỉnh.',
      reviewer: 'Trần Văn Bình',
      version: 2,
    });
    // A row id (not only a track id) names the row too; an unknown one is 404.
    ok(
      await api(monitoring, 'PUT', `${url}/rows/${second?.row.rowId}`, {
        version: 0,
        adjustment: 'Chuyển sang học kỳ II.',
        reviewer: 'Tổ giám sát',
      }),
    );
    const unknown = await api(monitoring, 'PUT', `${url}/rows/khong-co-dong-nay`, { version: 0 });
    expect(unknown.statusCode).toBe(404);

    // Conclusions, versioned per field.
    const concluded = ok<Round>(
      await api(monitoring, 'PATCH', url, {
        version: 1,
        conclusions: 'Phần lớn nội dung đúng tiến độ.',
      }),
    );
    expect(concluded.conclusions).toBe('Phần lớn nội dung đúng tiến độ.');
    const stale = await api(t.principal, 'PATCH', url, { version: 1, conclusions: 'Khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.conclusions).toBe('Phần lớn nội dung đúng tiến độ.');
    ok(await api(t.principal, 'PATCH', url, { version: 1, recommendations: 'Bổ sung kinh phí.' }));

    // Closing makes the round read-only until reopened.
    const current = ok<Round>(await api(monitoring, 'GET', url));
    const closed = ok<Round>(
      await api(monitoring, 'PATCH', url, { version: current.version, status: 'closed' }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.canEdit).toBe(false);
    const locked = await api(monitoring, 'PUT', `${url}/rows/${first?.row.trackId}`, {
      version: 2,
      result: 'Sửa sau khi kết thúc',
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain('đã kết thúc');
    const lockedRound = await api(monitoring, 'PATCH', url, {
      version: closed.version,
      conclusions: 'Sửa',
    });
    expect(lockedRound.statusCode).toBe(409);
    expect(lockedRound.json().error.message).toContain('đã kết thúc');
    const reopened = ok<Round>(
      await api(monitoring, 'PATCH', url, { version: closed.version, status: 'open' }),
    );
    expect(reopened.status).toBe('open');
    expect(reopened.canEdit).toBe(true);

    // Every write is in the audit log.
    const actions = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'plan.review_round.%')
      .execute();
    const counts = new Map<string, number>();
    for (const a of actions) counts.set(a.action, (counts.get(a.action) ?? 0) + 1);
    expect(counts.get('plan.review_round.create')).toBeGreaterThanOrEqual(1);
    expect(counts.get('plan.review_round.row')).toBe(3);
    expect(counts.get('plan.review_round.update')).toBeGreaterThanOrEqual(4);

    // The list counts the reviewed rows and no longer suggests this round.
    const list = ok<RoundList>(await api(staff, 'GET', roundsUrl()));
    expect(list.rounds.find((r) => r.id === created.id)?.reviewedRows).toBe(2);
    expect(list.suggested.map((s) => s.kind)).toEqual(['year_end']);
  });

  it('a scheduled round is reviewed only once opened, and cannot be closed before', async () => {
    const planned = ok<Round>(
      await api(monitoring, 'POST', roundsUrl(), {
        kind: 'year_end',
        open: false,
        plannedDate: '2027-05-28',
      }),
    );
    expect(planned).toMatchObject({
      status: 'planned',
      label: 'Cuối năm học',
      plannedDate: '2027-05-28',
    });
    const url = `${roundsUrl()}/${planned.id}`;
    const early = await api(monitoring, 'PUT', `${url}/rows/${planned.rows[0]?.row.trackId}`, {
      version: 0,
      result: 'x',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('chưa mở');
    const close = await api(monitoring, 'PATCH', url, { version: 1, status: 'closed' });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.message).toContain('chưa mở');
    const opened = ok<Round>(await api(monitoring, 'PATCH', url, { version: 1, status: 'open' }));
    expect(opened.status).toBe('open');
    const back = await api(monitoring, 'PATCH', url, {
      version: opened.version,
      status: 'planned',
    });
    expect(back.statusCode).toBe(409);
  });

  it('sends the round’s report as DOCX with every row, and 503 in Vietnamese for PDF without LibreOffice', async () => {
    const list = ok<RoundList>(await api(monitoring, 'GET', roundsUrl()));
    const round = list.rounds.find((r) => r.kind === 'semester1') as Round;
    const res = await api(staff, 'GET', `${roundsUrl()}/${round.id}/report?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('Báo cáo kết quả thực hiện kế hoạch cải tiến Cuối học kỳ I 2026-2027'),
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const text of [
      'BÁO CÁO',
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục cuối học kỳ I năm học 2026-2027',
      'Rà soát kế hoạch chiến lược;',
      'lấy ý kiến cha mẹ học sinh',
      'Đã ban hành kế hoạch chiến lược.',
      'Trần Văn Bình',
      'Chuyển sang học kỳ II.',
      'Phần lớn nội dung đúng tiến độ.',
      'Bổ sung kinh phí.',
      'DỰ THẢO',
    ])
      expect(xml, text).toContain(text);

    const team = await api(
      staff,
      'GET',
      `${roundsUrl()}/${round.id}/report?format=docx&signer=monitoring_lead`,
    );
    const teamXml =
      (await (await JSZip.loadAsync(team.rawPayload)).file('word/document.xml')?.async('string')) ??
      '';
    expect(teamXml).toContain('TM. TỔ GIÁM SÁT');
    const wrong = await api(staff, 'GET', `${roundsUrl()}/${round.id}/report?signer=ai-do`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/u);

    const saved = process.env['SOFFICE_PATH'];
    process.env['SOFFICE_PATH'] = '/nonexistent/soffice';
    try {
      const missing = await api(staff, 'GET', `${roundsUrl()}/${round.id}/report?format=pdf`);
      expect(missing.statusCode).toBe(503);
      expect(missing.json().error.message).toContain('LibreOffice');
    } finally {
      if (saved === undefined) delete process.env['SOFFICE_PATH'];
      else process.env['SOFFICE_PATH'] = saved;
    }
    if (findSoffice() !== null) {
      const pdf = await api(staff, 'GET', `${roundsUrl()}/${round.id}/report?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 120_000);

  it('refuses a second round of a kind held once a year (409 naming it); extra rounds repeat', async () => {
    // A plan of its own (another school year), so the other tests' rounds do not matter.
    const own = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2028-2029',
      rows: [rowBody({ criterionCode: '1.1', cells: { content: 'Một nội dung' } })],
      approve: true,
    });
    const url = roundsUrl(own.planId);
    const first = ok<Round>(await api(monitoring, 'POST', url, { kind: 'year_end' }));
    const again = await api(t.principal, 'POST', url, { kind: 'year_end' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('đã có đợt rà soát “Cuối năm học”');
    expect(again.json().error.details).toEqual({ roundId: first.id });
    ok<Round>(await api(monitoring, 'POST', url, { kind: 'extra' }));
    ok<Round>(await api(monitoring, 'POST', url, { kind: 'extra' }));
    const list = ok<RoundList>(await api(monitoring, 'GET', url));
    expect(list.rounds.map((r) => r.kind)).toEqual(['year_end', 'extra', 'extra']);
  });

  it('two first reviews of one row at once: one is saved, the other gets 409 with the current round', async () => {
    const extra = ok<Round>(await api(monitoring, 'POST', roundsUrl(), { kind: 'extra' }));
    const url = `${roundsUrl()}/${extra.id}/rows/${extra.rows[1]?.row.trackId}`;
    const answers = await Promise.all([
      api(monitoring, 'PUT', url, { version: 0, result: 'Kết quả A' }),
      api(t.principal, 'PUT', url, { version: 0, result: 'Kết quả B' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409);
    expect(['Kết quả A', 'Kết quả B']).toContain(
      loser?.json().error.details.current.rows[1].result,
    );
    expect(extra.label).toBe('Rà soát bổ sung');
  });

  it('keeps the rounds through a revision of the plan', async () => {
    const current = await t.getPlan(plan.planId);
    const revision = ok<{ id: string }>(
      await api(t.principal, 'POST', `/api/plans/${plan.planId}/revisions`, {
        version: current.version,
        reason: 'Điều chỉnh sau đợt rà soát cuối học kỳ I',
      }),
    );
    const list = ok<RoundList>(await api(monitoring, 'GET', roundsUrl(revision.id)));
    expect(list.rounds.map((r) => r.kind)).toEqual(['semester1', 'year_end', 'extra']);
    const round = ok<Round>(
      await api(monitoring, 'GET', `${roundsUrl(revision.id)}/${list.rounds[0]?.id}`),
    );
    expect(round.rows[0]?.result).toContain('Đã ban hành');
  });

  it('hides another school’s rounds (404) from every role of this school', async () => {
    const foreign = await seedPlan(t.ctx.app, t.fx.adminSession, t.fx.foreign.schoolId, {
      schoolYear: '2026-2027',
      rows: [rowBody({ criterionCode: '1.1', cells: { content: 'Trường khác' } })],
      approve: true,
    });
    const round = ok<Round>(
      await api(t.fx.adminSession, 'POST', roundsUrl(foreign.planId), { kind: 'semester1' }),
    );
    const url = `${roundsUrl(foreign.planId)}/${round.id}`;
    for (const who of [t.principal, monitoring, staff]) {
      for (const [method, path, payload] of [
        ['GET', roundsUrl(foreign.planId), undefined],
        ['POST', roundsUrl(foreign.planId), { kind: 'extra' }],
        ['GET', url, undefined],
        ['PATCH', url, { version: 1, conclusions: 'x' }],
        ['PUT', `${url}/rows/${round.rows[0]?.row.trackId}`, { version: 0, result: 'x' }],
        ['GET', `${url}/report`, undefined],
      ] as const) {
        const res = await api(who, method, path, payload);
        expect(res.statusCode, `${method} ${path}`).toBe(404);
      }
    }
    // A round of one lineage is not found under another plan.
    const mine = await api(monitoring, 'GET', `${roundsUrl()}/${round.id}`);
    expect(mine.statusCode).toBe(404);
  });
});
