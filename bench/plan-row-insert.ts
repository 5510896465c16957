/**
 * Adding a row in the middle of a 1,000-row plan (issue 11, item 9), on SQLite and, when
 * TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL too:
 *   - before: the row inserted, then every row's position rewritten (one UPDATE per row, as the plan
 *     service did through `reorderRows` until issue 11);
 *   - after: sparse positions, one INSERT at a position between its neighbours (`positionAfter`).
 * Median and p90 of BENCH_INSERTS (default 30) inserts each, in one transaction per insert like the
 * service. Run: `npx tsx bench/plan-row-insert.ts`.
 */
import { spreadPosition } from '@caitien/core';
import {
  createRepositories,
  migrateToLatest,
  type DialectName,
  type Repositories,
} from '@caitien/db';
import { buildNewPlan, buildRowColumns, openTestDatabase } from '@caitien/db/testing';

const ROWS = 1000;
const INSERTS = Number(process.env.BENCH_INSERTS ?? 30);
const NOW = '2026-12-03T00:00:00.000Z';

const columns = (text: string) => buildRowColumns(text, { content: text });

let counter = 0;
const nextId = () => {
  counter += 1;
  return `0190b000-0000-7000-8000-${String(counter).padStart(12, '0')}`;
};

async function seedPlan(repos: Repositories): Promise<{ planId: string; rowIds: string[] }> {
  const schoolId = nextId();
  await repos.units.insert({
    id: schoolId,
    kind: 'school',
    name: 'Trường đo',
    parentId: null,
    path: `/${schoolId}/`,
    now: NOW,
  });
  const planId = nextId();
  await repos.plans.insertPlan(buildNewPlan({ id: planId, schoolId, now: NOW }));
  const rowIds: string[] = [];
  await repos.transaction(async (tx) => {
    for (let i = 0; i < ROWS; i += 1) {
      const id = nextId();
      rowIds.push(id);
      await tx.plans.insertRow({
        ...columns(`dòng ${i}`),
        id,
        planId,
        position: spreadPosition(i),
        originRowId: null,
        carryCount: 0,
        now: NOW,
      });
    }
  });
  return { planId, rowIds };
}

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: +at(0.5).toFixed(2), p90: +at(0.9).toFixed(2) };
};

async function measure(dialect: DialectName) {
  const handle = await openTestDatabase(dialect);
  try {
    await migrateToLatest(handle.db);
    const repos = createRepositories(handle.db);
    const results: Record<string, { median: number; p90: number; rowsWritten: number }> = {};
    for (const mode of ['before', 'after'] as const) {
      const { planId, rowIds } = await seedPlan(repos);
      const samples: number[] = [];
      let written = 0;
      for (let i = 0; i < INSERTS; i += 1) {
        const after = rowIds[ROWS / 2 + i] as string;
        const id = nextId();
        const started = performance.now();
        await repos.transaction(async (tx, trx) => {
          if (mode === 'after') {
            const position = (await tx.plans.positionAfter(planId, after)) as number;
            await tx.plans.insertRow({
              ...columns('mới'),
              id,
              planId,
              position,
              originRowId: null,
              carryCount: 0,
              now: NOW,
            });
            written = 1;
          } else {
            // The old way: insert, then write every row's position in the new order.
            const order = (await tx.plans.listRows(planId)).map((r) => r.id);
            const at = order.indexOf(after) + 1;
            order.splice(at, 0, id);
            await tx.plans.insertRow({
              ...columns('mới'),
              id,
              planId,
              position: at,
              originRowId: null,
              carryCount: 0,
              now: NOW,
            });
            for (const [position, rowId] of order.entries()) {
              await trx
                .updateTable('plan_rows')
                .set({ position })
                .where('id', '=', rowId)
                .execute();
            }
            written = order.length;
          }
        });
        samples.push(performance.now() - started);
      }
      results[mode] = { ...stats(samples), rowsWritten: written };
    }
    return results;
  } finally {
    await handle.close();
  }
}

const dialects = (process.env.BENCH_DIALECTS?.split(',') ??
  (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'])) as DialectName[];
for (const dialect of dialects) {
  const result = await measure(dialect);
  console.log(
    `${dialect}: add a row mid-plan at ${ROWS} rows (ms, ${INSERTS} inserts) ` +
      `before median ${result.before?.median} p90 ${result.before?.p90} (${result.before?.rowsWritten} rows written); ` +
      `after median ${result.after?.median} p90 ${result.after?.p90} (${result.after?.rowsWritten} row written)`,
  );
}
