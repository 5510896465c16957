import { z } from 'zod';
import { idSchema } from './common.schemas.ts';
import { schoolYearSchema } from './plans.schemas.ts';

/**
 * The solution library (thư viện giải pháp, issue 14): search over the rows of approved plans,
 * "Dùng trong kế hoạch của tôi", and sharing an approved plan with the schools under a unit.
 */

const criterionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{1,2}\.\d{1,2}$/, 'Mã tiêu chí có dạng 1.2');

export const solutionSearchQuerySchema = z
  .object({
    /** Words, with or without diacritics; each starts a word of the solution. */
    q: z.string().max(200, 'Từ khoá tối đa 200 ký tự').default(''),
    /** A framework code (TT17, TT57-PT, …): the level of the schools. */
    framework: z
      .string()
      .regex(/^[A-Z0-9-]{2,12}$/, 'Bộ tiêu chuẩn không hợp lệ')
      .optional(),
    criterion: criterionCodeSchema.optional(),
    schoolYear: schoolYearSchema.optional(),
    /** Keyset: the `nextCursor` of the previous page. */
    cursor: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => v.criterion === undefined || v.framework !== undefined, {
    message: 'Chọn bộ tiêu chuẩn khi tìm theo tiêu chí',
    path: ['framework'],
  });
export type SolutionSearchQuery = z.infer<typeof solutionSearchQuerySchema>;

export const solutionEntrySchema = z
  .object({
    rowId: z.string(),
    planId: z.string(),
    schoolId: z.string(),
    schoolName: z.string(),
    schoolYear: z.string(),
    regime: z.string(),
    frameworkId: z.string().nullable(),
    frameworkCode: z.string().nullable(),
    standardCode: z.string().nullable(),
    criterionCode: z.string().nullable(),
    level4Key: z.string().nullable(),
    texts: z.object({
      currentState: z.string(),
      content: z.string(),
      target: z.string(),
      tasks: z.string(),
      indicator: z.string(),
      time: z.string(),
      budget: z.string(),
      lead: z.string(),
      support: z.string(),
    }),
    approvedAt: z.string(),
    /** The actor's own school's solution. */
    own: z.boolean(),
    /** Found through the 2018 → TT57 criterion mapping (null: the criterion searched, or none). */
    mappedFrom: z
      .object({
        framework: z.string(),
        criterion: z.string(),
        confidence: z.string().nullable(),
        note: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'SolutionEntry' });
export type SolutionEntry = z.infer<typeof solutionEntrySchema>;

export const solutionSearchResultSchema = z
  .object({
    items: z.array(solutionEntrySchema),
    nextCursor: z.string().nullable(),
    /** Matches counted up to 1,000 on the first page (`capped`: more than that); null on later pages. */
    total: z.object({ count: z.number().int(), capped: z.boolean() }).nullable(),
    /** The 2018 criteria also searched for a TT57 criterion. */
    mappedCriteria: z.array(
      z.object({
        framework: z.string(),
        criterion: z.string(),
        title: z.string(),
        confidence: z.string().nullable(),
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'SolutionSearchResult' });
export type SolutionSearchResult = z.infer<typeof solutionSearchResultSchema>;

export const solutionParamsSchema = z.object({ rowId: idSchema });

export const useSolutionBodySchema = z.object({
  /** The school's draft plan to copy into. */
  planId: idSchema,
  /** The criterion of the new row in that plan (null: none). */
  criterionCode: criterionCodeSchema.nullable(),
});
export type UseSolutionBody = z.infer<typeof useSolutionBodySchema>;

export const useSolutionResultSchema = z
  .object({ planId: z.string(), rowId: z.string(), note: z.string() })
  .meta({ id: 'UseSolutionResult' });
export type UseSolutionResult = z.infer<typeof useSolutionResultSchema>;

export const planLibraryShareSchema = z
  .object({
    planId: z.string(),
    /** The unit whose schools see the plan's rows, or null when not shared. */
    shared: z
      .object({
        unitId: z.string(),
        unitName: z.string(),
        sharedAt: z.string(),
      })
      .nullable(),
    /** Units it may be shared with: the school's supervising units and its province. */
    options: z.array(z.object({ unitId: z.string(), name: z.string(), kind: z.string() })),
    /** The actor may change the share (the principal of an approved plan). */
    canChange: z.boolean(),
  })
  .meta({ id: 'PlanLibraryShare' });
export type PlanLibraryShare = z.infer<typeof planLibraryShareSchema>;

export const updatePlanLibraryShareBodySchema = z.object({ unitId: idSchema.nullable() });
