import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { buildNewPlan, buildRowColumns } from '../testing/plan-builders.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';
import { createRepositories, type Repositories } from './index.ts';

const NOW = '2026-11-23T08:00:00.000Z';

const columns = (tasks: string) =>
  buildRowColumns(tasks, {
    standardCode: '1',
    criterionCode: '1.1',
    parsed: { time: null },
    budgetSource: 'unknown',
  });

describe.each(testDialects())('plan content sequence on %s', (dialect) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  const schoolId = '0190a000-0000-7000-8000-000000000001';
  let planCount = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    repos = createRepositories(handle.db);
    await repos.units.insert({
      id: schoolId,
      kind: 'school',
      name: 'Trường Tiểu học A',
      parentId: null,
      path: `/${schoolId}/`,
      now: NOW,
    });
  });
  afterAll(async () => {
    await handle.close();
  });

  async function newPlan(): Promise<string> {
    planCount += 1;
    const id = `0190a000-0000-7000-8000-1000000000${String(planCount).padStart(2, '0')}`;
    await repos.plans.insertPlan(
      buildNewPlan({
        id,
        schoolId,
        now: NOW,
        schoolYear: `${2040 + planCount}-${2041 + planCount}`,
      }),
    );
    return id;
  }

  const seqOf = async (planId: string) => (await repos.plans.findPlanAccess(planId))?.contentSeq;

  /** Runs a write and asserts it moved the plan's content sequence forward. */
  async function expectBump(planId: string, write: () => Promise<unknown>) {
    const before = await seqOf(planId);
    await write();
    const after = await seqOf(planId);
    expect(before).toBeTypeOf('number');
    expect(after).toBeGreaterThan(before ?? Infinity);
  }

  it('answers access facts in one query: school path, status, sequence', async () => {
    const planId = await newPlan();
    expect(await repos.plans.findPlanAccess(planId)).toEqual({
      id: planId,
      schoolId,
      schoolPath: `/${schoolId}/`,
      status: 'draft',
      contentSeq: 1,
    });
    expect(
      await repos.plans.findPlanAccess('0190a000-0000-7000-8000-99999999ffff'),
    ).toBeUndefined();
    // The compiled-once query takes each call's value, not the first one's.
    const other = await newPlan();
    expect((await repos.plans.findPlanAccess(other))?.id).toBe(other);
  });

  it('every write to what the plan detail shows moves the sequence', async () => {
    const planId = await newPlan();
    const rowA = '0190a000-0000-7000-8000-2000000000a1';
    const rowB = '0190a000-0000-7000-8000-2000000000b1';
    const issue = '0190a000-0000-7000-8000-3000000000c1';
    const review = '0190a000-0000-7000-8000-4000000000d1';
    const insert = (id: string, position: number) =>
      repos.plans.insertRow({
        ...columns(`dòng ${position}`),
        id,
        planId,
        position,
        originRowId: null,
        carryCount: 0,
        now: NOW,
      });
    await expectBump(planId, () => insert(rowA, 0));
    await expectBump(planId, () => insert(rowB, 1));
    await expectBump(planId, () =>
      repos.plans.saveRowFields(planId, rowA, 1, ['tasks'], () => ({ tasks: 'mới' }), NOW),
    );
    await expectBump(planId, () => repos.plans.reorderRows(planId, [rowB, rowA]));
    await expectBump(planId, () => repos.plans.updatePlan(planId, 1, { layout: 'A' }, NOW));
    await expectBump(planId, () =>
      repos.plans.insertFocusIssue({
        id: issue,
        planId,
        position: 0,
        standardCode: null,
        criterionCode: null,
        currentState: '',
        limitation: '',
        cause: '',
      }),
    );
    await expectBump(planId, () =>
      repos.plans.updateFocusIssue(planId, issue, 1, { cause: 'Khó tuyển' }),
    );
    await expectBump(planId, () => repos.plans.deleteFocusIssue(planId, issue));
    await expectBump(planId, () =>
      repos.plans.insertReview({
        id: review,
        planId,
        position: 0,
        roundLabel: 'Cuối học kỳ I',
        content: '',
        result: '',
        adjustment: '',
        reviewer: '',
      }),
    );
    await expectBump(planId, () => repos.plans.updateReview(planId, review, 1, { result: 'Đạt' }));
    await expectBump(planId, () => repos.plans.deleteRow(planId, rowB));
    await expectBump(planId, () =>
      repos.plans.insertSnapshot({
        planId,
        contentJson: '{}',
        contentHash: 'x',
        approvedAt: NOW,
        approvedByUserId: 'u',
      }),
    );
  });

  it('refused writes leave the sequence alone; a transaction commits or rolls back with it', async () => {
    const planId = await newPlan();
    const before = await seqOf(planId);
    expect(await repos.plans.updatePlan(planId, 99, { layout: 'A' }, NOW)).toBe(false);
    expect(await repos.plans.deleteRow(planId, '0190a000-0000-7000-8000-5000000000e1')).toBe(false);
    expect(await seqOf(planId)).toBe(before);

    await expect(
      repos.transaction(async (tx) => {
        await tx.plans.updatePlan(planId, 1, { layout: 'A' }, NOW);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await seqOf(planId)).toBe(before);

    // Many writes in one transaction: one step is enough (nobody sees them before the commit).
    await repos.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1) {
        await tx.plans.insertRow({
          ...columns(`dòng ${i}`),
          id: `0190a000-0000-7000-8000-6000000000${i}0`,
          planId,
          position: i,
          originRowId: null,
          carryCount: 0,
          now: NOW,
        });
      }
    });
    expect(await seqOf(planId)).toBe((before ?? 0) + 1);
  });

  const rowIds = (n: number, tag: string) =>
    Array.from(
      { length: n },
      (_, i) => `0190a000-0000-7000-8000-7${tag}${String(i).padStart(9, '0')}`,
    );
  async function planWithRows(n: number) {
    const planId = await newPlan();
    const ids = rowIds(n, String(planCount % 10).padStart(2, '0'));
    await repos.transaction(async (tx) => {
      for (const [i, id] of ids.entries()) {
        const position = await tx.plans.positionAfter(
          planId,
          i === 0 ? null : (ids[i - 1] ?? null),
        );
        await tx.plans.insertRow({
          ...columns(`dòng ${i}`),
          id,
          planId,
          position: position as number,
          originRowId: null,
          carryCount: 0,
          now: NOW,
        });
      }
    });
    return { planId, ids };
  }
  const positions = async (planId: string) =>
    new Map((await repos.plans.listRows(planId)).map((r) => [r.id, r.position]));

  it('adds a row mid-plan by writing that row only, and keeps one order', async () => {
    const { planId, ids } = await planWithRows(6);
    const before = await positions(planId);
    const mid = '0190a000-0000-7000-8000-8000000000f1';
    await repos.transaction(async (tx) => {
      const position = await tx.plans.positionAfter(planId, ids[2] ?? null);
      await tx.plans.insertRow({
        ...columns('giữa'),
        id: mid,
        planId,
        position: position as number,
        originRowId: null,
        carryCount: 0,
        now: NOW,
      });
    });
    const after = await positions(planId);
    for (const id of ids) expect(after.get(id)).toBe(before.get(id));
    expect((await repos.plans.listRows(planId)).map((r) => r.id)).toEqual([
      ...ids.slice(0, 3),
      mid,
      ...ids.slice(3),
    ]);
    expect(await repos.transaction((tx) => tx.plans.positionAfter(planId, 'nope'))).toBe('missing');
  });

  it('respreads only when a gap is used up, keeping the order', async () => {
    const { planId, ids } = await planWithRows(3);
    const inserted: string[] = [];
    // Always insert right after the first row: the gap halves each time until it is used up.
    for (let i = 0; i < 12; i += 1) {
      const id = `0190a000-0000-7000-8000-9000000000${String(i).padStart(2, '0')}`;
      await repos.transaction(async (tx) => {
        const position = await tx.plans.positionAfter(planId, ids[0] ?? null);
        await tx.plans.insertRow({
          ...columns(`chen ${i}`),
          id,
          planId,
          position: position as number,
          originRowId: null,
          carryCount: 0,
          now: NOW,
        });
      });
      inserted.unshift(id);
    }
    expect((await repos.plans.listRows(planId)).map((r) => r.id)).toEqual([
      ids[0],
      ...inserted,
      ids[1],
      ids[2],
    ]);
  });

  it('reorders by writing only the rows that move', async () => {
    const { planId, ids } = await planWithRows(8);
    const before = await positions(planId);
    const order = [ids[0], ids[5], ids[1], ids[2], ids[3], ids[4], ids[6], ids[7]] as string[];
    expect(await repos.plans.reorderRows(planId, order)).toBe(1);
    const after = await positions(planId);
    expect(ids.filter((id) => after.get(id) !== before.get(id))).toEqual([ids[5]]);
    expect((await repos.plans.listRows(planId)).map((r) => r.id)).toEqual(order);
  });

  it('lists plans within a scope of statuses, in SQL', async () => {
    const draft = await newPlan();
    const approved = await newPlan();
    await repos.plans.updatePlan(approved, 1, { status: 'approved' }, NOW);
    const all = (await repos.plans.listPlans({ schoolId })).map((p) => p.id);
    expect(all).toEqual(expect.arrayContaining([draft, approved]));
    const visible = (
      await repos.plans.listPlans({ schoolId, statuses: ['submitted', 'approved'] })
    ).map((p) => p.id);
    expect(visible).toContain(approved);
    expect(visible).not.toContain(draft);
    expect(await repos.plans.listPlans({ schoolId, statuses: [] })).toEqual([]);
  });

  it('keeps one plan per school, year and revision number', async () => {
    const planId = await newPlan();
    const plan = await repos.plans.findPlan(planId);
    const copy = {
      ...plan!,
      id: '0190a000-0000-7000-8000-a00000000001',
      lineageId: 'other',
      now: NOW,
      createdByUserId: null,
    };
    await expect(repos.plans.insertPlan(copy)).rejects.toThrow();
    // A revision of the same year has its own number.
    await repos.plans.insertPlan({ ...copy, lineageId: planId, revisionNumber: 1 });
    expect((await repos.plans.listLineage(planId)).map((p) => p.revisionNumber)).toEqual([0, 1]);
  });
});
