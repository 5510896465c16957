import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';
import { createRepositories, type Repositories } from './index.ts';
import type { RowColumns } from './plan.repository.ts';

const NOW = '2026-11-23T08:00:00.000Z';

const columns = (tasks: string): RowColumns => ({
  rowGroup: 'tt57',
  standardCode: '1',
  criterionCode: '1.1',
  level4Key: null,
  currentState: '',
  content: '',
  target: '',
  tasks,
  indicator: '',
  timeText: '',
  timeStart: null,
  timeEnd: null,
  leadText: '',
  coordinatorsText: '',
  parsed: { time: null },
  budgetText: '',
  budgetAmount: null,
  budgetSource: 'unknown',
  support: '',
  evidence: '',
  progress: '',
  result: '',
  note: '',
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
    await repos.plans.insertPlan({
      id,
      lineageId: id,
      revisionNumber: 0,
      schoolId,
      schoolYear: `${2040 + planCount}-${2041 + planCount}`,
      regime: '2026',
      frameworkId: null,
      frameworkReason: '',
      status: 'draft',
      layout: 'bieu2',
      hiddenColumns: [],
      header: {} as never,
      sections: [],
      carriedFromPlanId: null,
      submittedAt: null,
      approvedAt: null,
      approvedByUserId: null,
      now: NOW,
      createdByUserId: null,
    });
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
      repos.plans.saveRowFields(planId, rowA, 1, ['tasks'], { tasks: 'mới' }, NOW),
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
});
