import { testDialects } from '@caitien/db/testing';
import type { PlanImportPreview } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/api-client.ts';
import {
  LEGACY_FONT_ROW,
  LEGACY_FONT_ROW_TYPED,
  legacyFontDocx,
} from '../../testing/legacy-font-docx.ts';
import { usePlanTestApp } from '../../testing/plan-test-app.ts';

/** The import preview reads text typed in .VnTime as Unicode unless `legacyFonts=false` (issue 16). */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(testDialects())('previewing a plan typed in .VnTime on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  const preview = async (query: string) =>
    call(t.ctx.app, t.principal, {
      method: 'POST',
      url: `/api/schools/${t.fx.own.schoolId}/plans/import-file${query}`,
      headers: { 'content-type': DOCX },
      payload: await legacyFontDocx(),
    });
  const rowOf = (body: PlanImportPreview) => {
    const row = body.plan.rows[0];
    return row && { target: row.target, tasks: row.tasks, lead: row.lead, time: row.time.text };
  };

  it('converts by default and with legacyFonts=true, and says so in the report', async () => {
    for (const query of ['', '?legacyFonts=true']) {
      const res = await preview(query);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as PlanImportPreview;
      expect(rowOf(body)).toEqual(LEGACY_FONT_ROW);
      expect(body.report.warnings.map((w) => w.code)).toContain('legacy-font.converted');
    }
  });

  it('keeps the text as typed with legacyFonts=false', async () => {
    const res = await preview('?legacyFonts=false');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as PlanImportPreview;
    expect(rowOf(body)).toEqual(LEGACY_FONT_ROW_TYPED);
    expect(body.report.warnings.map((w) => w.code)).toContain('legacy-font.kept');
  });

  it('refuses a legacyFonts value that is not a boolean', async () => {
    const res = await preview('?legacyFonts=maybe');
    expect(res.statusCode).toBe(400);
  });
});
