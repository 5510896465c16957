import {
  FRAMEWORK_CODES,
  FUNDING_SOURCES,
  parseSchoolYear,
  PLAN_LAYOUTS,
  PLAN_STATUSES,
  ROW_FIELD_MAX_LENGTH,
  ROW_GROUPS,
  REGIMES,
  ROW_TEXT_FIELDS,
} from '@caitien/core';
import { z } from 'zod';
import { idSchema, optionalName, requiredText, userText, versionSchema } from './common.schemas.ts';

const parseIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});

/** Parsed time of a row: the verbatim text and the month range understood (CONTRACTS.md). */
export const parsedTimeSchema = z
  .object({
    text: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    issues: z.array(parseIssueSchema),
  })
  .meta({ id: 'ParsedTime' });

/** Parsed budget of a row: the verbatim text, an amount in đồng and the funding source. */
export const parsedBudgetSchema = z
  .object({
    text: z.string(),
    amount: z.number().int().nullable(),
    source: z.enum(FUNDING_SOURCES),
    issues: z.array(parseIssueSchema),
  })
  .meta({ id: 'ParsedBudget' });

const personRefSchema = z.object({
  text: z.string(),
  kind: z.enum(['person', 'group', 'position', 'unit', 'unknown']),
  personIds: z.array(z.string()),
  groupId: z.string().nullable(),
});

export const parsedPeopleSchema = z
  .object({
    lead: personRefSchema.nullable(),
    coordinators: z.array(personRefSchema),
    issues: z.array(parseIssueSchema),
  })
  .meta({ id: 'ParsedPeople' });

const rowTextShape = Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, z.string()])) as Record<
  (typeof ROW_TEXT_FIELDS)[number],
  z.ZodString
>;

/** A plan row: every text as typed, the parsed fields beside them, and its version. */
export const planRowSchema = z
  .object({
    id: idSchema,
    position: z.number().int(),
    group: z.enum(ROW_GROUPS),
    standardCode: z.string().nullable(),
    criterionCode: z.string().nullable(),
    level4Key: z.string().nullable(),
    ...rowTextShape,
    parsed: z.object({
      time: parsedTimeSchema,
      budget: parsedBudgetSchema,
      people: parsedPeopleSchema,
    }),
    originRowId: idSchema.nullable(),
    carryCount: z.number().int(),
    version: versionSchema,
  })
  .meta({ id: 'PlanRow' });

export type PlanRow = z.infer<typeof planRowSchema>;

const headerSchema = z.object({
  governingBody: userText(300),
  schoolName: optionalName(300),
  documentNumber: userText(100),
  placeName: userText(200),
  documentDate: z.iso.date().nullable(),
  title: optionalName(200),
  subtitle: userText(500),
  signerPrefix: userText(50),
  signerTitle: userText(100),
  signerName: userText(200),
  recipients: z.array(userText(300)).max(30),
});

const sectionSchema = z.object({
  key: userText(50),
  heading: userText(300),
  body: userText(50_000),
});

/** A plan in lists. */
export const planSummarySchema = z
  .object({
    id: idSchema,
    lineageId: idSchema,
    revisionNumber: z.number().int(),
    schoolId: idSchema,
    schoolYear: z.string(),
    regime: z.enum(REGIMES),
    frameworkId: z.string().nullable(),
    frameworkCode: z.enum(FRAMEWORK_CODES).nullable(),
    status: z.enum(PLAN_STATUSES),
    layout: z.enum(PLAN_LAYOUTS),
    title: z.string(),
    rowCount: z.number().int(),
    approvedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: versionSchema,
  })
  .meta({ id: 'PlanSummary' });

/** A whole plan: header, sections, rows, focus issues (TT57 mục IV) and review rounds (mục VI). */
export const planDetailSchema = planSummarySchema
  .extend({
    frameworkReason: z.string(),
    hiddenColumns: z.array(z.string()),
    header: headerSchema,
    sections: z.array(sectionSchema),
    rows: z.array(planRowSchema),
    focusIssues: z.array(
      z.object({
        id: idSchema,
        version: versionSchema,
        standardCode: z.string().nullable(),
        criterionCode: z.string().nullable(),
        currentState: z.string(),
        limitation: z.string(),
        cause: z.string(),
      }),
    ),
    reviews: z.array(
      z.object({
        id: idSchema,
        version: versionSchema,
        roundLabel: z.string(),
        content: z.string(),
        result: z.string(),
        adjustment: z.string(),
        reviewer: z.string(),
      }),
    ),
    carriedFromPlanId: idSchema.nullable(),
    snapshotHash: z.string().nullable(),
  })
  .meta({ id: 'PlanDetail' });

export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planListSchema = z
  .object({ items: z.array(planSummarySchema) })
  .meta({ id: 'PlanList' });

/** A school year "YYYY-YYYY+1". */
export const schoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'Năm học có dạng 2026-2027')
  .refine((v) => parseSchoolYear(v) !== null, 'Năm học phải gồm hai năm liên tiếp, ví dụ 2026-2027')
  .refine(
    (v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100,
    'Năm học nằm ngoài khoảng cho phép',
  );

export const planListQuerySchema = z.object({
  schoolYear: schoolYearSchema.optional(),
});

export const planParamsSchema = z.object({ planId: idSchema });
export const planRowParamsSchema = z.object({ planId: idSchema, rowId: idSchema });

/** Formats of the official plan document (issue 6). */
/** `html` is the print view, shown in the browser. */
export const PLAN_DOCUMENT_FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;

/** `GET /api/plans/:planId/document?format=docx&layout=A`: layout defaults to the plan's own. */
export const planDocumentQuerySchema = z.object({
  format: z.enum(PLAN_DOCUMENT_FORMATS).default('docx'),
  layout: z.enum(PLAN_LAYOUTS).optional(),
});

export const createPlanBodySchema = z.object({
  schoolYear: schoolYearSchema,
  /** Override the framework chosen by school year and level; a reason is then required. */
  frameworkCode: z.enum(FRAMEWORK_CODES).optional(),
  frameworkReason: userText(1000).optional(),
  layout: z.enum(PLAN_LAYOUTS).optional(),
});

export const updatePlanBodySchema = z.object({
  header: headerSchema.optional(),
  sections: z.array(sectionSchema).max(30).optional(),
  layout: z.enum(PLAN_LAYOUTS).optional(),
  hiddenColumns: z.array(z.enum(ROW_TEXT_FIELDS)).optional(),
  version: versionSchema,
});

const rowFieldValues = Object.fromEntries(
  ROW_TEXT_FIELDS.map((f) => [f, userText(ROW_FIELD_MAX_LENGTH).optional()]),
) as Record<(typeof ROW_TEXT_FIELDS)[number], z.ZodOptional<z.ZodString>>;

export const createRowBodySchema = z.object({
  group: z.enum(ROW_GROUPS),
  standardCode: userText(10).nullable().default(null),
  criterionCode: userText(10).nullable().default(null),
  level4Key: userText(10).nullable().default(null),
  /** Insert after this row (default: at the end). */
  afterRowId: idSchema.optional(),
  ...rowFieldValues,
});

/** A per-cell save: the changed fields and the row version the client started from. */
export const updateRowBodySchema = z.object({
  standardCode: userText(10).nullable().optional(),
  criterionCode: userText(10).nullable().optional(),
  level4Key: userText(10).nullable().optional(),
  ...rowFieldValues,
  version: versionSchema,
});

export const reorderRowsBodySchema = z.object({
  rowIds: z.array(idSchema).min(1).max(2000),
  version: versionSchema,
});

/** A finding of "Kiểm tra kế hoạch". */
export const planCheckSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    rowId: idSchema.nullable(),
    field: z.string().nullable(),
  })
  .meta({ id: 'PlanCheck' });

export const planChecksSchema = z
  .object({
    checks: z.array(planCheckSchema),
    budgetTotals: z.object({
      state: z.number().int(),
      socialized: z.number().int(),
      mixed: z.number().int(),
      total: z.number().int(),
      rowsWithoutAmount: z.number().int(),
    }),
  })
  .meta({ id: 'PlanChecks' });

export const lifecycleBodySchema = z.object({ version: versionSchema });

export const revisionBodySchema = z.object({ reason: requiredText(2000) });

/** Carry over to next year's plan: unfinished rows by default, or the rows named. */
export const carryOverBodySchema = z.object({
  schoolYear: schoolYearSchema,
  rowIds: z.array(idSchema).max(2000).optional(),
});

/**
 * What carry-over did (the dialog shows it): the sentence to read, the circular change and the
 * mapping used, and each carried row with the criterion it had and the one it got. Rows marked
 * `unmapped` came across without a criterion for the school to choose (the checks flag them).
 */
export const carryOverReportSchema = z
  .object({
    message: z.string(),
    fromSchoolYear: z.string(),
    toSchoolYear: z.string(),
    regimeChange: z
      .object({
        from: z.enum(FRAMEWORK_CODES).nullable(),
        to: z.enum(FRAMEWORK_CODES).nullable(),
        mapping: z
          .object({
            from: z.enum(FRAMEWORK_CODES),
            to: z.enum(FRAMEWORK_CODES),
            provenance: z.string(),
          })
          .nullable(),
      })
      .nullable(),
    rows: z.array(
      z.object({
        sourceRowId: idSchema,
        sourceNumber: z.number().int(),
        rowId: idSchema,
        outcome: z.enum(['kept', 'mapped', 'unmapped']),
        fromCriterionCode: z.string().nullable(),
        fromLevel4Key: z.string().nullable(),
        fromTitle: z.string().nullable(),
        criterionCode: z.string().nullable(),
        toTitle: z.string().nullable(),
        confidence: z.enum(['sourced', 'inferred']).nullable(),
        note: z.string(),
        candidates: z.array(z.string()),
        /** What the row is about (its content or tasks, shortened), to recognise it. */
        summary: z.string(),
      }),
    ),
    finishedRowCount: z.number().int(),
  })
  .meta({ id: 'CarryOverReport' });

/** The new plan, with what carry-over did. */
export const carryOverResponseSchema = planDetailSchema
  .extend({ carryOver: carryOverReportSchema })
  .meta({ id: 'CarriedOverPlan' });

export const planReviewParamsSchema = z.object({ planId: idSchema, reviewId: idSchema });
export const planFocusIssueParamsSchema = z.object({ planId: idSchema, issueId: idSchema });

/** A review round (mục VI): editable after approval by those who follow progress. */
export const updateReviewBodySchema = z.object({
  content: userText(ROW_FIELD_MAX_LENGTH).optional(),
  result: userText(ROW_FIELD_MAX_LENGTH).optional(),
  adjustment: userText(ROW_FIELD_MAX_LENGTH).optional(),
  reviewer: userText(300).optional(),
  version: versionSchema,
});

const focusIssueFields = {
  standardCode: userText(10).nullable().optional(),
  criterionCode: userText(10).nullable().optional(),
  currentState: userText(ROW_FIELD_MAX_LENGTH).optional(),
  limitation: userText(ROW_FIELD_MAX_LENGTH).optional(),
  cause: userText(ROW_FIELD_MAX_LENGTH).optional(),
};

/** A focus issue (mục IV: tiêu chuẩn/tiêu chí, hiện trạng, hạn chế, nguyên nhân). */
export const createFocusIssueBodySchema = z.object(focusIssueFields);
export const updateFocusIssueBodySchema = z.object({ ...focusIssueFields, version: versionSchema });
