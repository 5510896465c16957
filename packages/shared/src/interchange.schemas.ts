import {
  FUNDING_SOURCES,
  PLAN_LAYOUTS,
  PLAN_STATUSES,
  PROGRESS_STATUSES,
  REGIMES,
  REVIEW_ROUND_KINDS,
  REVIEW_ROUND_STATUSES,
  ROW_GROUPS,
  ROW_TEXT_FIELDS,
  type RowTextField,
} from '@caitien/core';
import { z } from 'zod';
import { withStorableStrings } from './common.schemas.ts';
import { parsedBudgetSchema, parsedPeopleSchema, parsedTimeSchema } from './plans.schemas.ts';

/**
 * The version of the interchange format written by exports; bumped on any incompatible change.
 * Version 2 (issue 13) adds each row's `monitoring` (progress and its log) and the plan's
 * `reviewRounds`; both are optional, so a version 1 file still reads (it has no progress).
 */
export const PLAN_INTERCHANGE_FORMAT_VERSION = 2;

/** The versions readers accept. */
export const PLAN_INTERCHANGE_READABLE_VERSIONS = [1, 2] as const;

const percentSchema = z.number().int().min(0).max(100);

/** One dated update of a row's progress, as the log keeps it (author by name: ids stay home). */
export const interchangeProgressEntrySchema = z.object({
  /** The day the work was done or seen (YYYY-MM-DD, Việt Nam). */
  entryDate: z.string(),
  /** When the update was recorded (ISO-8601). */
  recordedAt: z.string(),
  authorName: z.string(),
  /** The status set by this update; null when it left the status as it was. */
  status: z.enum(PROGRESS_STATUSES).nullable(),
  percent: percentSchema.nullable(),
  result: z.string().nullable(),
  note: z.string(),
  /** Actual spending reported with the update: đồng, funding source, the text as written. */
  spent: z
    .object({ amount: z.number().int(), source: z.enum(FUNDING_SOURCES), text: z.string() })
    .nullable(),
});

/**
 * A row's progress (version 2): where the work stands and its dated log, oldest first. Named
 * `monitoring` because `progress` is the plan's own "Tiến độ thực hiện" text column (layout B).
 */
export const interchangeRowMonitoringSchema = z.object({
  status: z.enum(PROGRESS_STATUSES),
  percent: percentSchema,
  result: z.string(),
  entries: z.array(interchangeProgressEntrySchema),
});

/** A review round of the monitoring team (version 2), with its result for each row reviewed. */
export const interchangeReviewRoundSchema = z.object({
  kind: z.enum(REVIEW_ROUND_KINDS),
  label: z.string(),
  status: z.enum(REVIEW_ROUND_STATUSES),
  plannedDate: z.string().nullable(),
  conclusions: z.string(),
  recommendations: z.string(),
  rows: z.array(
    z.object({
      /** Index of the row in the file's `rows` (0-based). */
      rowIndex: z.number().int().min(0),
      /** The row's TT as the plan prints it (for a reader; `rowIndex` is what points). */
      ordinal: z.string(),
      status: z.enum(PROGRESS_STATUSES).nullable(),
      percent: percentSchema.nullable(),
      result: z.string(),
      adjustment: z.string(),
      reviewer: z.string(),
    }),
  ),
});

/** Row texts except time and budget, whose verbatim text lives in `time.text` / `budget.text`. */
const INTERCHANGE_TEXT_FIELDS = ROW_TEXT_FIELDS.filter((f) => f !== 'time' && f !== 'budget');
const rowTexts = Object.fromEntries(INTERCHANGE_TEXT_FIELDS.map((f) => [f, z.string()])) as Record<
  Exclude<(typeof ROW_TEXT_FIELDS)[number], 'time' | 'budget'>,
  z.ZodString
>;

/**
 * The plan interchange JSON: a whole plan, self-contained, for export, import and the CLI
 * (`render`, `import`). Texts are verbatim; parsed cells keep the shape CONTRACTS.md names:
 * `time { text, start, end, issues }`, `budget { text, amount, source, issues }`.
 * Readers ignore fields they do not know (e.g. an importer's `importReport`).
 */
export const planInterchangeSchema = z
  .object({
    formatVersion: z.union(PLAN_INTERCHANGE_READABLE_VERSIONS.map((v) => z.literal(v))),
    generator: z.string(),
    exportedAt: z.string(),
    plan: z.object({
      schoolYear: z.string().nullable(),
      regime: z.enum(REGIMES),
      frameworkId: z.string().nullable(),
      status: z.enum(PLAN_STATUSES),
      revisionNumber: z.number().int(),
      layout: z.enum(PLAN_LAYOUTS),
      hiddenColumns: z.array(z.string()),
      snapshotHash: z.string().nullable(),
    }),
    school: z.object({
      name: z.string(),
      governingBody: z.string(),
      placeName: z.string(),
      documentSymbol: z.string(),
    }),
    header: z.object({
      governingBody: z.string(),
      schoolName: z.string(),
      documentNumber: z.string(),
      placeName: z.string(),
      documentDate: z.string().nullable(),
      title: z.string(),
      subtitle: z.string(),
      signerPrefix: z.string(),
      signerTitle: z.string(),
      signerName: z.string(),
      recipients: z.array(z.string()),
    }),
    sections: z.array(z.object({ key: z.string(), heading: z.string(), body: z.string() })),
    rows: z.array(
      z.object({
        group: z.enum(ROW_GROUPS),
        standardCode: z.string().nullable(),
        criterionCode: z.string().nullable(),
        level4Key: z.string().nullable(),
        ...rowTexts,
        time: parsedTimeSchema,
        budget: parsedBudgetSchema,
        people: parsedPeopleSchema,
        carryCount: z.number().int(),
        /** Version 2: the row's progress; absent in version 1 and in a plan not yet carried out. */
        monitoring: interchangeRowMonitoringSchema.optional(),
      }),
    ),
    focusIssues: z.array(
      z.object({
        standardCode: z.string().nullable(),
        criterionCode: z.string().nullable(),
        currentState: z.string(),
        limitation: z.string(),
        cause: z.string(),
      }),
    ),
    reviews: z.array(
      z.object({
        roundLabel: z.string(),
        content: z.string(),
        result: z.string(),
        adjustment: z.string(),
        reviewer: z.string(),
      }),
    ),
    /** Version 2: the monitoring team's review rounds (issue 13); absent in version 1. */
    reviewRounds: z.array(interchangeReviewRoundSchema).optional(),
  })
  .superRefine((doc, ctx) => {
    // A round row points into `rows`; a pointer past the end is a broken file, not a guess.
    for (const [r, round] of (doc.reviewRounds ?? []).entries()) {
      for (const [i, row] of round.rows.entries()) {
        if (row.rowIndex >= doc.rows.length) {
          ctx.addIssue({
            code: 'custom',
            message: `Dòng ${row.rowIndex} không có trong kế hoạch (chỉ có ${doc.rows.length} dòng).`,
            path: ['reviewRounds', r, 'rows', i, 'rowIndex'],
          });
        }
      }
    }
  })
  .meta({ id: 'PlanInterchange', title: 'CaiTien plan interchange format, versions 1 and 2' });

export type PlanInterchange = z.infer<typeof planInterchangeSchema>;

/**
 * Interchange JSON sent for import (`POST …/plans/import-json`): refused with a 400 naming the
 * field when a text holds NUL, another control character or a lone surrogate (our exports never
 * do; a hand-edited file may), since the database and the documents cannot hold them.
 */
export const importPlanJsonBodySchema = withStorableStrings(planInterchangeSchema);
export type PlanInterchangeRow = PlanInterchange['rows'][number];

/** A row text as written: time and budget keep theirs in `time.text` / `budget.text`. */
export function interchangeRowText(row: PlanInterchangeRow, field: RowTextField): string {
  return field === 'time' ? row.time.text : field === 'budget' ? row.budget.text : row[field];
}

/** Every text of an interchange row by field name. */
export function interchangeRowTexts(row: PlanInterchangeRow): Record<RowTextField, string> {
  return Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, interchangeRowText(row, f)])) as Record<
    RowTextField,
    string
  >;
}

/** The JSON Schema of the interchange format (checked into packages/shared/schemas/). */
export function planInterchangeJsonSchema(): unknown {
  return z.toJSONSchema(planInterchangeSchema, { target: 'draft-2020-12' });
}
