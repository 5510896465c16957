import { createSolutionLibraryRepository } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import { describe, expect, it } from 'vitest';
import { rowBody, seedPlan } from '../testing/builders.ts';
import { usePlanTestApp } from '../testing/plan-test-app.ts';
import { seedLibrary } from './seed-library.ts';

describe.each(testDialects())('demo extension seed-library on %s', (dialect) => {
  const t = usePlanTestApp(dialect);

  it('indexes the approved plans it is given, and only those', async () => {
    const approved = await seedPlan(t.ctx.app, t.principal, t.fx.own.schoolId, {
      schoolYear: '2025-2026',
      rows: [rowBody({ group: 'levels_1_3', cells: { content: 'Trồng cây xanh sân trường' } })],
      approve: true,
    });
    const db = t.ctx.database.db;
    // The approval indexed it already; the extension rebuilds the same entries (idempotent).
    const counts = await seedLibrary.seed({
      db,
      now: new Date('2026-01-01T00:00:00Z'),
      newId: () => 'x',
      random: () => 0.5,
      schools: [],
      plans: [
        {
          planId: approved.planId,
          schoolId: t.fx.own.schoolId,
          schoolYear: '2025-2026',
          status: 'approved',
          rowIds: approved.rows.map((r) => r.id),
        },
      ],
      assessments: [],
      officeUsers: [],
    });
    expect(counts).toEqual({ libraryEntries: 1 });
    const found = await createSolutionLibraryRepository(db).search({
      scope: { all: true, pathPrefixes: [], schoolIds: [], lineageIds: [] },
      words: ['cay', 'xanh'],
      criterionKeys: [],
      frameworkCodes: [],
      schoolYear: null,
      before: null,
      limit: 20,
      withTotal: true,
    });
    expect(found.items.map((i) => i.rowId)).toEqual([approved.rows[0]!.id]);
  });
});
