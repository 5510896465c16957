import {
  decideCarryOver,
  PROGRESS_FIELDS,
  describeCarryOver,
  spreadPosition,
  type FrameworkCode,
} from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { IdGenerator } from '../../ids.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { PlanCreation } from './plan-creation.service.ts';
import type { PlanReader } from './plan-reader.ts';
import { rowColumns, textsOf } from './plan-rows.ts';

/** Carrying a plan's unfinished rows over to next year's new plan. */
export function createPlanCarryOver(deps: {
  repositories: Pick<Repositories, 'plans' | 'progress'>;
  reader: PlanReader;
  creation: Pick<PlanCreation, 'prepareNewPlan' | 'writeNewPlan' | 'createWith'>;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, creation, ids } = deps;
  return {
    /**
     * Next year's plan from this one: the unfinished rows (or those named; never a finished row)
     * come across with a link to their origin row and how many times they have moved. Texts are
     * kept as written; progress and result start empty. Which criterion each row gets is decided
     * in core (`decideCarryOver`): into another circular (2018 → TT57) through the criterion
     * mapping, rows without a counterpart without a criterion for the school to choose. The answer
     * carries the report the dialog shows.
     */
    async carryOver(
      ctx: ServiceContext,
      planId: string,
      input: { schoolYear: string; rowIds?: string[] | undefined },
    ) {
      const { plan } = await reader.loadPlan(ctx, planId, 'edit');
      const rows = await repos.plans.listRows(plan.id);
      // Rows with recorded progress (issue 13) are finished only when their status is "done".
      const progress = new Map(
        (await repos.progress.listProgressOfTracks(rows.map((r) => r.trackId))).map((p) => [
          p.trackId,
          p.status,
        ]),
      );
      const prepared = await creation.prepareNewPlan(ctx, plan.schoolId, {
        schoolYear: input.schoolYear,
      });
      const decision = decideCarryOver({
        rows: rows.map((r) => ({
          id: r.id,
          group: r.rowGroup,
          standardCode: r.standardCode,
          criterionCode: r.criterionCode,
          level4Key: r.level4Key,
          progress: r.progress,
          result: r.result,
          progressStatus: progress.get(r.trackId) ?? null,
        })),
        rowIds: input.rowIds,
        from: {
          regime: plan.regime,
          frameworkCode: (plan.frameworkId?.split('@')[0] as FrameworkCode | undefined) ?? null,
        },
        to: { regime: prepared.regime, frameworkCode: prepared.code },
      });
      if (decision.unknownRowIds.length > 0) {
        throw new AppError('VALIDATION_ERROR', 'Có dòng được chọn không thuộc kế hoạch này.');
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      const directory = await reader.directoryOf(plan.schoolId);
      const now = prepared.now;
      const written: { rowId: string; carried: (typeof decision.rows)[number] }[] = [];
      const created = await creation.createWith(ctx, prepared, async (tx, record) => {
        written.length = 0;
        await creation.writeNewPlan(tx, record, ctx, prepared, plan.id);
        for (const [index, carried] of decision.rows.entries()) {
          const row = byId.get(carried.sourceRowId);
          if (!row) continue;
          // Progress and result belong to the year they were written in: they start empty.
          const texts = {
            ...textsOf(row),
            ...Object.fromEntries(PROGRESS_FIELDS.map((f) => [f, ''])),
          };
          const columns = rowColumns(
            {
              group: carried.group,
              standardCode: carried.standardCode,
              criterionCode: carried.criterionCode,
              level4Key: carried.level4Key,
            },
            texts,
            { schoolYear: prepared.schoolYear, directory },
          );
          const rowId = ids.next();
          await tx.plans.insertRow({
            ...columns,
            id: rowId,
            planId: prepared.id,
            position: spreadPosition(index),
            originRowId: row.originRowId ?? row.id,
            carryCount: row.carryCount + 1,
            now,
          });
          written.push({ rowId, carried });
        }
        await record({
          action: 'plan.carry_over',
          entityType: 'plan',
          entityId: prepared.id,
          unit: { id: prepared.school.id, path: prepared.school.path },
          summary: `Chuyển ${decision.rows.length} dòng chưa hoàn thành từ kế hoạch năm học ${plan.schoolYear} sang năm học ${input.schoolYear}`,
          after: {
            from: plan.id,
            rows: decision.rows.map((r) => r.sourceRowId),
            mapping: decision.regimeChange?.mapping
              ? `${decision.regimeChange.mapping.from}→${decision.regimeChange.mapping.to}`
              : null,
            unmapped: decision.rows
              .filter((r) => r.outcome === 'unmapped')
              .map((r) => r.sourceRowId),
          },
        });
      });
      return {
        ...created,
        carryOver: {
          message: describeCarryOver(decision, prepared.schoolYear, prepared.regime),
          fromSchoolYear: plan.schoolYear,
          toSchoolYear: prepared.schoolYear,
          regimeChange: decision.regimeChange,
          finishedRowCount: decision.finished.length,
          rows: written.map(({ rowId, carried }) => {
            const source = byId.get(carried.sourceRowId);
            const about = (source?.content.trim() || source?.tasks.trim() || '').replace(
              /\s+/g,
              ' ',
            );
            return {
              sourceRowId: carried.sourceRowId,
              sourceNumber: carried.sourceNumber,
              rowId,
              outcome: carried.outcome,
              fromCriterionCode: carried.from.criterionCode,
              fromLevel4Key: carried.from.level4Key,
              fromTitle: carried.from.title,
              criterionCode: carried.criterionCode,
              toTitle: carried.toTitle,
              confidence: carried.confidence,
              note: carried.note,
              candidates: carried.candidates,
              summary: about.length > 120 ? `${about.slice(0, 119)}…` : about,
            };
          }),
        },
      };
    },
  };
}
