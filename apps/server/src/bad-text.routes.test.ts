import { testDialects } from '@caitien/db/testing';
import type { PlanDetail, PlanRow } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ok } from './testing/api-client.ts';
import { usePlanTestApp } from './testing/plan-test-app.ts';

/**
 * Issue 11, item 7: typed text that the database or the documents cannot hold — NUL (PostgreSQL
 * refuses it in text), other control characters, lone surrogates — and names made only of
 * invisible characters get a Vietnamese 400 naming the field on both engines, never a 500.
 */

const BAD_TEXTS = {
  nul: 'Nguyễn\u0000Văn',
  control: 'Trần\u0007Thị',
  'lone surrogate': 'Lê \uD83D Minh',
  'lone low surrogate': '\uDE00Ánh',
} as const;

const INVISIBLE_ONLY = ['\u200B', '\u00A0\u3000', '\u200C\u200D\u2060\uFEFF', ' \t '];

interface FieldError {
  field: string;
  message: string;
}

function fieldErrors(response: { statusCode: number; json(): unknown }): FieldError[] {
  expect(response.statusCode).toBe(400);
  const body = response.json() as { error: { code: string; details: { fields: FieldError[] } } };
  expect(body.error.code).toBe('VALIDATION_ERROR');
  return body.error.details.fields;
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe.each(testDialects())('bad typed text on %s', (dialect) => {
  const t = usePlanTestApp(dialect);
  let plan: PlanDetail;
  let row: PlanRow;
  beforeAll(async () => {
    plan = await t.createPlan('2026-2027');
    row = await t.addRow(plan.id, {
      group: 'tt57',
      criterionCode: '1.1',
      tasks: 'Bồi dưỡng giáo viên',
    });
  }, 60_000);

  it.each(Object.entries(BAD_TEXTS))('refuses a plan cell with a %s', async (_kind, text) => {
    const response = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}/rows/${row.id}`,
      payload: { tasks: text, version: row.version },
    });
    const [error] = fieldErrors(response);
    expect(error?.field).toBe('tasks');
    expect(error?.message).toMatch(VIETNAMESE);
    expect(error?.message).toMatch(/ký tự/);
  });

  it.each(Object.entries(BAD_TEXTS))('refuses a plan header with a %s', async (_kind, text) => {
    const response = await call(t.ctx.app, t.principal, {
      method: 'PATCH',
      url: `/api/plans/${plan.id}`,
      payload: { header: { ...plan.header, signerName: text }, version: plan.version },
    });
    const [error] = fieldErrors(response);
    expect(error?.field).toBe('header.signerName');
    expect(error?.message).toMatch(VIETNAMESE);
  });

  it('refuses a plan title made only of invisible characters, and accepts an empty one', async () => {
    for (const title of INVISIBLE_ONLY) {
      const response = await call(t.ctx.app, t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        payload: { header: { ...plan.header, title }, version: plan.version },
      });
      const [error] = fieldErrors(response);
      expect(error?.field).toBe('header.title');
      expect(error?.message).toMatch(/vô hình/);
    }
    const blank = ok<PlanDetail>(
      await call(t.ctx.app, t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        payload: { header: { ...plan.header, title: '' }, version: plan.version },
      }),
    );
    plan = blank;
    expect(blank.header.title).toBe('');
  });

  it('keeps text with invisible characters inside exactly as typed', async () => {
    const tasks = '\u200BBồi dưỡng\u00A0giáo viên\tcốt cán\r\nđợt 2 😀 ';
    const saved = ok<PlanRow>(
      await call(t.ctx.app, t.principal, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}/rows/${row.id}`,
        payload: { tasks, version: row.version },
      }),
    );
    expect(saved.tasks).toBe(tasks);
    row = saved;
  });

  it.each(Object.entries(BAD_TEXTS))('refuses a person name with a %s', async (_kind, text) => {
    const response = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/people`,
      payload: { fullName: text },
    });
    const [error] = fieldErrors(response);
    expect(error?.field).toBe('fullName');
    expect(error?.message).toMatch(VIETNAMESE);
  });

  it('refuses a person name made only of invisible characters', async () => {
    for (const fullName of INVISIBLE_ONLY) {
      const response = await call(t.ctx.app, t.principal, {
        method: 'POST',
        url: `/api/schools/${t.fx.own.schoolId}/people`,
        payload: { fullName },
      });
      const [error] = fieldErrors(response);
      expect(error?.field).toBe('fullName');
      expect(error?.message).toMatch(VIETNAMESE);
    }
  });

  it('refuses a unit name with bad or only invisible characters', async () => {
    for (const name of [...Object.values(BAD_TEXTS), ...INVISIBLE_ONLY]) {
      const response = await call(t.ctx.app, t.fx.adminSession, {
        method: 'POST',
        url: '/api/units',
        payload: { kind: 'school', name, parentId: t.fx.communeId },
      });
      const [error] = fieldErrors(response);
      expect(error?.field).toBe('name');
      expect(error?.message).toMatch(VIETNAMESE);
    }
  });

  it('refuses a sign-in name with NUL as a 400, not a 500', async () => {
    const response = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'admin\u0000', password: 'x' },
    });
    expect(fieldErrors(response)[0]?.field).toBe('login');
  });

  it('refuses interchange JSON whose text holds NUL, naming the row field', async () => {
    const exported = ok<Record<string, unknown> & { rows: Record<string, unknown>[] }>(
      await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/plans/${plan.id}/export.json`,
      }),
    );
    const rows = exported.rows.map((r, index) => (index === 0 ? { ...r, tasks: 'a\u0000b' } : r));
    const response = await call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-json`,
      payload: { ...exported, rows },
    });
    const [error] = fieldErrors(response);
    expect(error?.field).toBe('rows.0.tasks');
  });
});

describe.each(testDialects())('downloads with bad text already stored, on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  it('a lone surrogate in the stored header (JSON escape) never makes a download fail', async () => {
    const plan = await t.createPlan('2026-2027');
    // Data from before the typed-text rules: JSON keeps a lone surrogate as an escape ("\ud800"),
    // which both engines store, and JSON.parse gives back.
    const header = { ...plan.header, schoolName: 'THCS \uD800AN BÌNH', signerName: 'Lê\uDC00' };
    await t.ctx.database.db
      .updateTable('plans')
      .set({ header_json: JSON.stringify(header) })
      .where('id', '=', plan.id)
      .execute();
    for (const format of ['docx', 'xlsx', 'html'] as const) {
      const response = await call(t.ctx.app, t.principal, {
        method: 'GET',
        url: `/api/plans/${plan.id}/document?format=${format}`,
      });
      expect(response.statusCode, format).toBe(200);
      if (format !== 'html') {
        expect(response.headers['content-disposition']).toContain('thcs-an-binh');
      }
    }
  });
});
