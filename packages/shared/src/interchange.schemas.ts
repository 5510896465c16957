import {
  PLAN_LAYOUTS,
  PLAN_STATUSES,
  REGIMES,
  ROW_GROUPS,
  ROW_TEXT_FIELDS,
  type RowTextField,
} from '@caitien/core';
import { z } from 'zod';
import { withStorableStrings } from './common.schemas.ts';
import { parsedBudgetSchema, parsedPeopleSchema, parsedTimeSchema } from './plans.schemas.ts';

/** The version of the interchange format; bumped on any incompatible change. */
export const PLAN_INTERCHANGE_FORMAT_VERSION = 1;

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
    formatVersion: z.literal(PLAN_INTERCHANGE_FORMAT_VERSION),
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
  })
  .meta({ id: 'PlanInterchange', title: 'CaiTien plan interchange format, version 1' });

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
