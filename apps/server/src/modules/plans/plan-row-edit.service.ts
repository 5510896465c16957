import {
  POSITION_GAP,
  PROGRESS_FIELDS,
  ROW_TEXT_FIELDS,
  type RowGroup,
  type RowTextField,
} from '@caitien/core';
import type { Repositories, RowColumns } from '@caitien/db';
import type { PlanInterchange } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { assertContentEditable } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import { ROW_NOT_FOUND } from './plan-access.ts';
import type { PlanReader } from './plan-reader.ts';
import {
  columnOf,
  interchangeRowColumns,
  rowColumns,
  textsOf,
  toApiRow,
  type PlanDirectory,
} from './plan-rows.ts';

const emptyTexts = (): Record<RowTextField, string> =>
  Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])) as Record<RowTextField, string>;

/** Texts whose change re-runs the parsers (time, budget, people). */
const PARSED_FROM: readonly RowTextField[] = ['time', 'budget', 'lead', 'coordinators'];

/** A new row as the editor sends it. */
export interface NewRowInput extends Partial<Record<RowTextField, string>> {
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  afterRowId?: string | undefined;
  /** Set by "propose plan rows" (assessments module), never by the editor's body. */
  sourceAssessmentId?: string | null | undefined;
}

/**
 * Editing a plan's rows. Every write locks the plan row in its transaction and decides access and
 * the lifecycle again on the status read there, so no save is acknowledged after an approval
 * committed (the losing save gets the "approved, make a revision" 409, or 403 for progress by
 * someone whose right ended with the approval).
 */
export function createPlanRowEdit(deps: {
  repositories: Pick<Repositories, 'plans'>;
  reader: PlanReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, write, clock, ids } = deps;

  async function addRow(ctx: ServiceContext, planId: string, input: NewRowInput) {
    const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
    assertContentEditable(plan.status);
    const texts = {
      ...emptyTexts(),
      ...Object.fromEntries(
        ROW_TEXT_FIELDS.flatMap((f) => (input[f] !== undefined ? [[f, input[f]]] : [])),
      ),
    };
    const directory = await reader.directoryOf(school.id);
    const id = ids.next();
    await write(ctx, async (tx, record) => {
      const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
      assertContentEditable(locked.status);
      const position = await tx.plans.positionAfter(plan.id, input.afterRowId ?? null);
      if (position === 'missing') throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      await tx.plans.insertRow({
        ...rowColumns(input, texts, { schoolYear: locked.schoolYear, directory }),
        id,
        planId: plan.id,
        position,
        originRowId: null,
        sourceAssessmentId: input.sourceAssessmentId ?? null,
        carryCount: 0,
        now: clock.now().toISOString(),
      });
      await record({
        action: 'plan.row.create',
        entityType: 'plan_row',
        entityId: id,
        unit: school,
        summary: `Thêm dòng vào kế hoạch năm học ${plan.schoolYear}${input.criterionCode ? ` (tiêu chí ${input.criterionCode})` : ''}`,
        after: { ...texts, criterionCode: input.criterionCode },
      });
    });
    const row = await repos.plans.findRow(plan.id, id);
    if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
    return toApiRow(row);
  }

  /**
   * Adds the rows `choose` picks from the rows the plan holds, read under the plan's lock in the
   * write's transaction: all chosen rows or none, appended at the end, each audited like a row the
   * editor adds. Two simultaneous calls (two tabs, two servers) cannot both see "no row yet": the
   * second waits for the first's lock and chooses from the rows it added. Used by "propose plan
   * rows" (assessments module).
   */
  async function addChosenRows<T extends NewRowInput>(
    ctx: ServiceContext,
    planId: string,
    choose: (existing: { criterionCode: string | null; level4Key: string | null }[]) => T[],
  ): Promise<{ input: T; id: string }[]> {
    const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
    assertContentEditable(plan.status);
    const directory = await reader.directoryOf(school.id);
    const now = clock.now().toISOString();
    return write(ctx, async (tx, record) => {
      const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
      assertContentEditable(locked.status);
      const existing = await tx.plans.listRows(plan.id);
      const chosen = choose(
        existing.map((r) => ({ criterionCode: r.criterionCode, level4Key: r.level4Key })),
      );
      if (chosen.length === 0) return [];
      const first = (await tx.plans.positionAfter(plan.id, null)) as number;
      const added: { input: T; id: string }[] = [];
      for (const [i, input] of chosen.entries()) {
        const texts = {
          ...emptyTexts(),
          ...Object.fromEntries(
            ROW_TEXT_FIELDS.flatMap((f) => (input[f] !== undefined ? [[f, input[f]]] : [])),
          ),
        };
        const id = ids.next();
        await tx.plans.insertRow({
          ...rowColumns(input, texts, { schoolYear: locked.schoolYear, directory }),
          id,
          planId: plan.id,
          position: first + i * POSITION_GAP,
          originRowId: null,
          sourceAssessmentId: input.sourceAssessmentId ?? null,
          carryCount: 0,
          now,
        });
        await record({
          action: 'plan.row.create',
          entityType: 'plan_row',
          entityId: id,
          unit: school,
          summary: `Thêm dòng vào kế hoạch năm học ${plan.schoolYear}${input.criterionCode ? ` (tiêu chí ${input.criterionCode})` : ''}`,
          after: { ...texts, criterionCode: input.criterionCode },
        });
        added.push({ input, id });
      }
      return added;
    });
  }

  return {
    addRow,
    addChosenRows,

    /**
     * Adds imported rows (a previewed Word/Excel plan, issue 7) at the end of a draft plan. Texts are
     * taken as they are; time, budget and people are parsed again against this plan's school year
     * and the school's directory. One transaction: all rows or none.
     */
    async appendRows(ctx: ServiceContext, planId: string, rows: PlanInterchange['rows']) {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      const directory = await reader.directoryOf(school.id);
      const now = clock.now().toISOString();
      await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
        assertContentEditable(locked.status);
        const first = (await tx.plans.positionAfter(plan.id, null)) as number;
        for (const [i, row] of rows.entries()) {
          await tx.plans.insertRow({
            ...interchangeRowColumns(row, { schoolYear: locked.schoolYear, directory }),
            id: ids.next(),
            planId: plan.id,
            position: first + i * POSITION_GAP,
            originRowId: null,
            carryCount: 0,
            now,
          });
        }
        await record({
          action: 'plan.rows.import',
          entityType: 'plan',
          entityId: plan.id,
          unit: school,
          summary: `Nhập ${rows.length} dòng từ tệp vào kế hoạch năm học ${plan.schoolYear}`,
          after: { rows: rows.length },
        });
      });
      return reader.reloadDetail(plan.id);
    },

    /**
     * Saves the changed cells of a row (CONTRACTS.md "Concurrent edits"): accepted when none of these
     * fields changed since the version the client started from, else 409 with the current row.
     * After approval only progress and result may change, by those who own them (`decidePlan`).
     * Derived values are parsed inside the transaction from the row as it will be committed: the
     * stored row with this save's cells merged in.
     */
    async updateRow(
      ctx: ServiceContext,
      planId: string,
      rowId: string,
      input: {
        standardCode?: string | null | undefined;
        criterionCode?: string | null | undefined;
        level4Key?: string | null | undefined;
        version: number;
      } & Partial<Record<RowTextField, string | undefined>>,
    ) {
      const changedTexts = ROW_TEXT_FIELDS.filter((f) => input[f] !== undefined);
      const changedKeys = (['standardCode', 'criterionCode', 'level4Key'] as const).filter(
        (k) => input[k] !== undefined,
      );
      const onlyProgress =
        changedKeys.length === 0 && changedTexts.every((f) => PROGRESS_FIELDS.includes(f));
      const operation = onlyProgress ? 'progress' : 'edit';
      const { plan, school } = await reader.loadPlan(ctx, planId, operation);
      if (!onlyProgress) assertContentEditable(plan.status);
      const reparse = changedTexts.some((f) => PARSED_FROM.includes(f));
      const directory: PlanDirectory | undefined = reparse
        ? await reader.directoryOf(school.id)
        : undefined;
      const outcome = await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, operation, school.path);
        if (!onlyProgress) assertContentEditable(locked.status);
        let audit: { before: Record<string, unknown>; after: Record<string, unknown> } | undefined;
        const saved = await tx.plans.saveRowFields(
          plan.id,
          rowId,
          input.version,
          [...changedTexts, ...changedKeys],
          (current) => {
            const before = textsOf(current);
            const texts = {
              ...before,
              ...Object.fromEntries(changedTexts.map((f) => [f, input[f] as string])),
            };
            const keys = {
              group: current.rowGroup,
              standardCode:
                input.standardCode !== undefined ? input.standardCode : current.standardCode,
              criterionCode:
                input.criterionCode !== undefined ? input.criterionCode : current.criterionCode,
              level4Key: input.level4Key !== undefined ? input.level4Key : current.level4Key,
            };
            const values: Partial<RowColumns> = {};
            for (const f of changedTexts)
              (values as Record<string, unknown>)[columnOf(f)] = texts[f];
            for (const k of changedKeys) (values as Record<string, unknown>)[k] = keys[k];
            if (directory) {
              const all = rowColumns(keys, texts, { schoolYear: locked.schoolYear, directory });
              Object.assign(values, {
                timeStart: all.timeStart,
                timeEnd: all.timeEnd,
                budgetAmount: all.budgetAmount,
                budgetSource: all.budgetSource,
                parsed: all.parsed,
              });
            }
            audit = {
              before: Object.fromEntries([
                ...changedTexts.map((f) => [f, before[f]]),
                ...changedKeys.map((k) => [k, current[k]]),
              ]),
              after: Object.fromEntries([
                ...changedTexts.map((f) => [f, texts[f]]),
                ...changedKeys.map((k) => [k, keys[k]]),
              ]),
            };
            return values;
          },
          clock.now().toISOString(),
        );
        if (saved.outcome !== 'saved') return saved.outcome;
        await record({
          action: onlyProgress ? 'plan.row.progress' : 'plan.row.update',
          entityType: 'plan_row',
          entityId: rowId,
          unit: school,
          summary: `Sửa ${changedTexts.length + changedKeys.length} ô của một dòng kế hoạch năm học ${plan.schoolYear}`,
          ...audit,
        });
        return saved.outcome;
      });
      const current = await repos.plans.findRow(plan.id, rowId);
      if (outcome === 'missing' || !current) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      if (outcome === 'conflict') {
        throw new AppError(
          'CONFLICT',
          'Ô này vừa được người khác sửa. Hãy xem nội dung hiện tại và sửa lại.',
          { current: toApiRow(current) },
        );
      }
      return toApiRow(current);
    },

    async deleteRow(ctx: ServiceContext, planId: string, rowId: string): Promise<void> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      await write(ctx, async (tx, record) => {
        const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
        assertContentEditable(locked.status);
        const row = await tx.plans.findRow(plan.id, rowId);
        if (!row || !(await tx.plans.deleteRow(plan.id, row.id)))
          throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
        await record({
          action: 'plan.row.delete',
          entityType: 'plan_row',
          entityId: row.id,
          unit: school,
          summary: `Xóa một dòng của kế hoạch năm học ${plan.schoolYear}`,
          before: { ...textsOf(row), criterionCode: row.criterionCode },
        });
      });
    },

    async duplicateRow(ctx: ServiceContext, planId: string, rowId: string) {
      const { plan } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      const row = await repos.plans.findRow(plan.id, rowId);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      return addRow(ctx, planId, {
        group: row.rowGroup,
        standardCode: row.standardCode,
        criterionCode: row.criterionCode,
        level4Key: row.level4Key,
        afterRowId: row.id,
        ...textsOf(row),
      });
    },

    /** Puts the rows in the given order: only the rows whose place changes are written. */
    async reorderRows(
      ctx: ServiceContext,
      planId: string,
      input: { rowIds: string[]; version: number },
    ) {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'edit');
      assertContentEditable(plan.status);
      await write(
        ctx,
        async (tx, record) => {
          const locked = await reader.lockPlan(tx, ctx, plan.id, 'edit', school.path);
          assertContentEditable(locked.status);
          const rows = await tx.plans.listRows(plan.id);
          const known = new Set(rows.map((r) => r.id));
          if (
            input.rowIds.length !== rows.length ||
            input.rowIds.some((id) => !known.has(id)) ||
            new Set(input.rowIds).size !== rows.length
          ) {
            throw new AppError(
              'VALIDATION_ERROR',
              'Danh sách dòng để sắp xếp không khớp với kế hoạch hiện tại; hãy tải lại.',
            );
          }
          if (!(await tx.plans.updatePlan(plan.id, input.version, {}, clock.now().toISOString())))
            throw new StaleWrite();
          await tx.plans.reorderRows(plan.id, input.rowIds);
          await record({
            action: 'plan.rows.reorder',
            entityType: 'plan',
            entityId: plan.id,
            unit: school,
            summary: `Sắp xếp lại các dòng của kế hoạch năm học ${plan.schoolYear}`,
          });
        },
        () => reader.currentDetail(plan.id),
      );
      return reader.reloadDetail(plan.id);
    },
  };
}
