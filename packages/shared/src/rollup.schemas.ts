import { FUNDING_SOURCES, PLAN_STATUSES, PROGRESS_STATUSES, UNIT_KINDS } from '@caitien/core';
import { z } from 'zod';
import { idSchema } from './common.schemas.ts';
import { schoolYearSchema } from './plans.schemas.ts';

/**
 * The offices' roll-up over a unit's subtree for a school year (issue 14 "Roll-up"): schools with
 * and without an approved plan and assessment, school levels by regime, rows by status and overdue
 * per standard, budget planned and spent by funding source, the criteria most often weak and most
 * often planned, and the same counts per child unit (commune) or school for the drill-down.
 */

export const rollupParamsSchema = z.object({ unitId: idSchema });
export const rollupQuerySchema = z.object({ schoolYear: schoolYearSchema });

const count = z.number().int().nonnegative();
/** Amounts in đồng by funding source; every source present (0 when none). */
const bySourceSchema = z.record(z.enum(FUNDING_SOURCES), z.number().int());

/** School counts of a subtree. */
export const rollupSchoolCountsSchema = z
  .object({
    total: count,
    withApprovedPlan: count,
    /** A plan of the year exists but is not approved yet (dự thảo, đã trình). */
    withPlanNotApproved: count,
    /** No plan of the year at all. */
    withoutPlan: count,
    withApprovedAssessment: count,
  })
  .meta({ id: 'RollupSchoolCounts' });

/** One line of the drill-down: a child unit (commune) or a school directly under the unit. */
export const rollupChildSchema = z
  .object({
    unitId: idSchema,
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    schools: rollupSchoolCountsSchema,
    rows: z.object({ total: count, done: count, overdue: count }),
    budget: z.object({ planned: z.number().int(), spent: z.number().int() }),
    /** For a school: its plan of the year (the approved one, else the latest), to open it. */
    plan: z
      .object({ id: idSchema, status: z.enum(PLAN_STATUSES), schoolYear: z.string() })
      .nullable(),
    /** For a school: its approved self-assessment's level (null when none). */
    schoolLevel: z.number().int().nullable(),
  })
  .meta({ id: 'RollupChild' });

export const rollupSchema = z
  .object({
    unit: z.object({ id: idSchema, name: z.string(), kind: z.enum(UNIT_KINDS) }),
    ancestors: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(UNIT_KINDS) })),
    schoolYear: z.string(),
    /** The day (Asia/Ho_Chi_Minh) overdue rows are counted on. */
    today: z.string(),
    schools: rollupSchoolCountsSchema,
    /** School levels of the approved self-assessments, per regime (TT17/18/19 of 2018, TT57). */
    levels: z.array(
      z.object({
        regime: z.enum(['2018', '2026']),
        label: z.string(),
        assessed: count,
        /** Schools per level: key "0" (Mức 1 not reached) to "4". */
        byLevel: z.record(z.string(), count),
      }),
    ),
    rows: z.object({
      total: count,
      byStatus: z.record(z.enum(PROGRESS_STATUSES), count),
      overdue: count,
      byStandard: z.array(
        z.object({
          regime: z.enum(['2018', '2026']),
          standardCode: z.string(),
          total: count,
          done: count,
          overdue: count,
        }),
      ),
    }),
    budget: z.object({ planned: bySourceSchema, spent: bySourceSchema }),
    weakCriteria: z.array(
      z.object({
        frameworkCode: z.string(),
        criterionCode: z.string(),
        title: z.string(),
        /** Schools whose approved assessment finds the criterion weak. */
        schools: count,
      }),
    ),
    plannedCriteria: z.array(
      z.object({
        frameworkCode: z.string(),
        criterionCode: z.string(),
        title: z.string(),
        /** Schools whose approved plan has rows for the criterion, and those rows. */
        schools: count,
        rows: count,
      }),
    ),
    children: z.array(rollupChildSchema),
  })
  .meta({ id: 'Rollup' });

export type Rollup = z.infer<typeof rollupSchema>;
export type RollupChild = z.infer<typeof rollupChildSchema>;
