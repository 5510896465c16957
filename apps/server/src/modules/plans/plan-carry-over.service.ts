import { isRowFinished, spreadPosition } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { IdGenerator } from '../../ids.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { PlanCreation } from './plan-creation.service.ts';
import type { PlanReader } from './plan-reader.ts';
import { rowColumns, textsOf } from './plan-rows.ts';

/** Carrying a plan's unfinished rows over to next year's new plan. */
export function createPlanCarryOver(deps: {
  repositories: Pick<Repositories, 'plans'>;
  reader: PlanReader;
  creation: Pick<PlanCreation, 'prepareNewPlan' | 'writeNewPlan' | 'createWith'>;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, creation, ids } = deps;
  return {
    /**
     * Next year's plan from this one: the unfinished rows (or those named) come across with a link
     * to their origin row and how many times they have moved. Texts are kept as written; progress
     * and result start empty. The new plan's framework follows its own school year, so a criterion
     * code from a 2018 plan stays as written and the checks flag it for the school to re-map.
     */
    async carryOver(
      ctx: ServiceContext,
      planId: string,
      input: { schoolYear: string; rowIds?: string[] | undefined },
    ) {
      const { plan } = await reader.loadPlan(ctx, planId, 'edit');
      const rows = await repos.plans.listRows(plan.id);
      const chosen = input.rowIds
        ? rows.filter((r) => input.rowIds?.includes(r.id))
        : rows.filter((r) => !isRowFinished(r.progress, r.result));
      if (input.rowIds && chosen.length !== new Set(input.rowIds).size) {
        throw new AppError('VALIDATION_ERROR', 'Có dòng được chọn không thuộc kế hoạch này.');
      }
      const prepared = await creation.prepareNewPlan(ctx, plan.schoolId, {
        schoolYear: input.schoolYear,
      });
      const directory = await reader.directoryOf(plan.schoolId);
      const now = prepared.now;
      const target = { id: prepared.id, regime: prepared.regime, schoolYear: prepared.schoolYear };
      return creation.createWith(ctx, prepared, async (tx, record) => {
        await creation.writeNewPlan(tx, record, ctx, prepared, plan.id);
        for (const [index, row] of chosen.entries()) {
          const texts = { ...textsOf(row), progress: '', result: '' };
          const group =
            target.regime === '2026'
              ? 'tt57'
              : row.rowGroup === 'tt57'
                ? 'levels_1_3'
                : row.rowGroup;
          const columns = rowColumns(
            {
              group,
              standardCode: row.standardCode,
              criterionCode: row.criterionCode,
              level4Key: row.level4Key,
            },
            texts,
            { schoolYear: target.schoolYear, directory },
          );
          await tx.plans.insertRow({
            ...columns,
            id: ids.next(),
            planId: target.id,
            position: spreadPosition(index),
            originRowId: row.originRowId ?? row.id,
            carryCount: row.carryCount + 1,
            now,
          });
        }
        await record({
          action: 'plan.carry_over',
          entityType: 'plan',
          entityId: target.id,
          unit: { id: prepared.school.id, path: prepared.school.path },
          summary: `Chuyển ${chosen.length} dòng chưa hoàn thành từ kế hoạch năm học ${plan.schoolYear} sang năm học ${input.schoolYear}`,
          after: { from: plan.id, rows: chosen.map((r) => r.id) },
        });
      });
    },
  };
}
