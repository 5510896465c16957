import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import type { Database } from '../database.types.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { buildNewPlan, buildRowColumns } from '../testing/plan-builders.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';

const NOW = '2026-12-03T00:00:00.000Z';
const id = (n: number) => `0190d000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const SO = id(1);
const XA = id(2);
const XB = id(3);
const SCHOOL = id(4);
const THPT = id(5);

async function rawUnit(db: Kysely<Database>, unitId: string, path: string, kind: string) {
  const parts = path.split('/').filter(Boolean);
  await db
    .insertInto('units')
    .values({
      id: unitId,
      kind,
      name: unitId,
      name_folded: unitId,
      parent_id: parts.length > 1 ? parts[parts.length - 2]! : null,
      path,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
}

/** The closure as it follows from the paths: what the table must always equal. */
async function closureFromPaths(db: Kysely<Database>) {
  const units = await db.selectFrom('units').select(['id', 'path']).execute();
  return units
    .flatMap((u) => {
      const ids = u.path.split('/').filter(Boolean);
      return ids.map((a, i) => `${a}>${u.id}@${ids.length - 1 - i}`);
    })
    .sort();
}
async function storedClosure(db: Kysely<Database>) {
  const rows = await db.selectFrom('unit_ancestors').selectAll().execute();
  return rows.map((r) => `${r.ancestor_id}>${r.unit_id}@${Number(r.depth)}`).sort();
}

async function partsOf(db: Kysely<Database>, rowId: string) {
  const rows = await db
    .selectFrom('plan_row_budget_parts')
    .select(['source', 'amount'])
    .where('row_id', '=', rowId)
    .orderBy('part_index')
    .execute();
  return rows.map((r) => ({
    source: r.source,
    amount: r.amount === null ? null : Number(r.amount),
  }));
}

describe.each(testDialects())('migration 0009 (office roll-up) on %s', (dialect) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('backfills the closure from the paths and the budget parts of existing rows', async () => {
    handle = await openTestDatabase(dialect);
    const db = handle.db;
    await migrateTo(db, '0008-monitoring');
    await rawUnit(db, SO, `/${SO}/`, 'province');
    await rawUnit(db, XA, `/${SO}/${XA}/`, 'commune');
    await rawUnit(db, SCHOOL, `/${SO}/${XA}/${SCHOOL}/`, 'school');
    const planId = id(100);
    await db
      .insertInto('plans')
      .values({
        id: planId,
        lineage_id: planId,
        revision_number: 0,
        school_id: SCHOOL,
        school_year: '2026-2027',
        regime: '2026',
        framework_id: null,
        framework_reason: '',
        status: 'draft',
        layout: 'bieu2',
        hidden_columns_json: '[]',
        header_json: '{}',
        sections_json: '[]',
        carried_from_plan_id: null,
        submitted_at: null,
        approved_at: null,
        approved_by_user_id: null,
        version: 1,
        content_seq: 0,
        created_by_user_id: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const budgets: [string, number | null, string][] = [
      ['Ngân sách: 20.000.000; XHH: 10.000.000', 30_000_000, 'mixed'],
      ['5 triệu', 5_000_000, 'unknown'],
      ['', null, 'unknown'],
    ];
    for (const [i, [text, amount, source]] of budgets.entries()) {
      await db
        .insertInto('plan_rows')
        .values({
          id: id(200 + i),
          plan_id: planId,
          position: i,
          row_group: 'tt57',
          standard_code: null,
          criterion_code: null,
          level4_key: null,
          current_state: '',
          content: '',
          target: '',
          tasks: `dòng ${i}`,
          indicator: '',
          time_text: '',
          time_start: null,
          time_end: null,
          lead_text: '',
          coordinators_text: '',
          parsed_json: '{}',
          budget_text: text,
          budget_amount: amount,
          budget_source: source,
          support: '',
          evidence: '',
          progress: '',
          result: '',
          note: '',
          field_versions_json: '{}',
          origin_row_id: null,
          source_assessment_id: null,
          track_id: id(200 + i),
          carry_count: 0,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }
    await migrateToLatest(db);
    expect(await storedClosure(db)).toEqual(await closureFromPaths(db));
    expect(await storedClosure(db)).toHaveLength(6);
    expect(await partsOf(db, id(200))).toEqual([
      { source: 'state', amount: 20_000_000 },
      { source: 'socialized', amount: 10_000_000 },
    ]);
    expect(await partsOf(db, id(201))).toEqual([{ source: 'unknown', amount: 5_000_000 }]);
    expect(await partsOf(db, id(202))).toEqual([]);
  });

  describe('kept by the repositories', () => {
    let repos: Repositories;
    async function tree(db: Kysely<Database>) {
      await migrateToLatest(db);
      repos = createRepositories(db);
      const add = (
        unitId: string,
        kind: 'province' | 'commune' | 'school',
        parent: string | null,
        path: string,
      ) => repos.units.insert({ id: unitId, kind, name: unitId, parentId: parent, path, now: NOW });
      await add(SO, 'province', null, `/${SO}/`);
      await add(XA, 'commune', SO, `/${SO}/${XA}/`);
      await add(XB, 'commune', SO, `/${SO}/${XB}/`);
      await add(SCHOOL, 'school', XA, `/${SO}/${XA}/${SCHOOL}/`);
      await add(THPT, 'school', SO, `/${SO}/${THPT}/`);
    }

    it('on create, move and delete, and lists subtrees through it', async () => {
      handle = await openTestDatabase(dialect);
      const db = handle.db;
      await tree(db);
      expect(await storedClosure(db)).toEqual(await closureFromPaths(db));
      const under = async (prefix: string) =>
        (await repos.units.listUnder([prefix])).map((u) => u.id).sort();
      expect(await under(`/${SO}/${XA}/`)).toEqual([XA, SCHOOL].sort());

      // Move the commune with its school under the other commune (a subtree move).
      expect(
        await repos.transaction((tx) =>
          tx.units.update(XA, 1, { parentId: XB, path: `/${SO}/${XB}/${XA}/` }, NOW),
        ),
      ).toBe(true);
      expect(await storedClosure(db)).toEqual(await closureFromPaths(db));
      expect(await under(`/${SO}/${XB}/`)).toEqual([XB, XA, SCHOOL].sort());
      expect((await repos.units.findById(SCHOOL))?.path).toBe(`/${SO}/${XB}/${XA}/${SCHOOL}/`);
      expect(await repos.units.isInSubtree(XB, SCHOOL)).toBe(true);

      // Back to the top level (no parent).
      expect(await repos.units.update(XA, 2, { parentId: null, path: `/${XA}/` }, NOW)).toBe(true);
      expect(await storedClosure(db)).toEqual(await closureFromPaths(db));
      expect(await repos.units.isInSubtree(SO, SCHOOL)).toBe(false);

      await repos.units.delete(THPT);
      expect(await storedClosure(db)).toEqual(await closureFromPaths(db));
      expect(await under(`/${SO}/`)).toEqual([SO, XB].sort());
    });

    it('keeps the budget parts on every row write', async () => {
      handle = await openTestDatabase(dialect);
      const db = handle.db;
      await tree(db);
      const planId = id(300);
      await repos.plans.insertPlan(buildNewPlan({ id: planId, schoolId: SCHOOL, now: NOW }));
      const rowId = id(301);
      await repos.plans.insertRow({
        ...buildRowColumns('dòng', {
          budgetText: 'Ngân sách: 20.000.000; XHH: 10.000.000',
          budgetAmount: 30_000_000,
          budgetSource: 'mixed',
        }),
        id: rowId,
        planId,
        position: 1,
        originRowId: null,
        carryCount: 0,
        now: NOW,
      });
      expect(await partsOf(db, rowId)).toEqual([
        { source: 'state', amount: 20_000_000 },
        { source: 'socialized', amount: 10_000_000 },
      ]);
      const saved = await repos.plans.saveRowFields(
        planId,
        rowId,
        1,
        ['budgetText'],
        () => ({
          budgetText: '3 triệu (XHH)',
          budgetAmount: 3_000_000,
          budgetSource: 'socialized',
        }),
        NOW,
      );
      expect(saved.outcome).toBe('saved');
      expect(await partsOf(db, rowId)).toEqual([{ source: 'socialized', amount: 3_000_000 }]);
      // A write of another field leaves the parts as they are.
      await repos.plans.saveRowFields(planId, rowId, 2, ['tasks'], () => ({ tasks: 'khác' }), NOW);
      expect(await partsOf(db, rowId)).toEqual([{ source: 'socialized', amount: 3_000_000 }]);
      expect(await repos.plans.deleteRow(planId, rowId)).toBe(true);
      expect(await partsOf(db, rowId)).toEqual([]);
    });
  });
});
