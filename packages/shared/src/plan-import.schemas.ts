import { PLAN_LAYOUTS, ROW_TEXT_FIELDS } from '@caitien/core';
import { z } from 'zod';
import { userText, withStorableStrings } from './common.schemas.ts';
import { planInterchangeSchema } from './interchange.schemas.ts';
import { schoolYearSchema } from './plans.schemas.ts';

/**
 * Importing a Word/Excel plan (issue 7): the upload gives a preview — the plan in the interchange
 * format and the import report (what was understood, where every cell went). Confirming posts the
 * previewed plan to `importPlanJson` (a new draft) or its rows to `appendPlanRows` (added to a draft).
 */

/** What a column can feed: a row field, or a column that only places a row. */
export const IMPORT_FIELDS = [
  ...ROW_TEXT_FIELDS,
  'ordinal',
  'standard',
  'criterion',
  'timeStart',
  'timeEnd',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const positionSchema = z.object({
  table: z.number().int(),
  sheet: z.string().optional(),
  row: z.number().int(),
  column: z.number().int(),
  ref: z.string().optional(),
});

/** The import report (packages/documents plan-import.types.ts `PlanImportReport`). */
export const planImportReportSchema = z
  .object({
    fileName: z.string().nullable(),
    // doc/xls: converted to docx/xlsx by LibreOffice first; html: a web page saved as .doc (issue 16).
    fileKind: z.enum(['docx', 'xlsx', 'text', 'doc', 'xls', 'html', 'pdf']),
    layout: z.enum(PLAN_LAYOUTS),
    layoutReason: z.string(),
    schoolYear: z.object({
      value: z.string().nullable(),
      source: z.enum(['option', 'document']).nullable(),
      text: z.string().nullable(),
    }),
    frameworkReason: z.string(),
    table: z.object({
      parts: z.array(
        z.object({
          table: z.number().int(),
          sheet: z.string().optional(),
          headerRows: z.array(z.number().int()),
          bodyRows: z.number().int(),
        }),
      ),
      candidates: z.array(
        z.object({
          table: z.number().int(),
          sheet: z.string().optional(),
          score: z.number(),
          headerRows: z.array(z.number().int()),
        }),
      ),
    }),
    columns: z.array(
      z.object({
        column: z.number().int(),
        letter: z.string().optional(),
        header: z.string(),
        field: z.enum(IMPORT_FIELDS).nullable(),
        source: z.enum(['auto', 'override']),
      }),
    ),
    rows: z.array(
      z.object({
        index: z.number().int(),
        position: positionSchema,
        splitCells: z
          .object({ timeStart: z.string().optional(), timeEnd: z.string().optional() })
          .optional(),
        parseIssues: z.array(
          z.object({
            field: z.string(),
            code: z.string(),
            severity: z.enum(['info', 'warning', 'error']),
            message: z.string(),
          }),
        ),
        /** PDF: 0–1, how cleanly the row fit the rebuilt table (issue 16). */
        confidence: z.number().min(0).max(1).optional(),
        /** PDF: the row's place on the pages (points from the page top). */
        places: z
          .array(z.object({ page: z.number().int(), top: z.number(), bottom: z.number() }))
          .optional(),
      }),
    ),
    structureRows: z.array(
      z.object({
        position: positionSchema,
        text: z.string(),
        kind: z.string(),
        meaning: z.string(),
      }),
    ),
    unmappedCells: z.array(
      z.object({
        position: positionSchema,
        text: z.string(),
        header: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    duplicates: z.array(
      z.object({ rows: z.array(z.number().int()), kind: z.string(), message: z.string() }),
    ),
    warnings: z.array(
      z.object({ code: z.string(), message: z.string(), position: positionSchema.optional() }),
    ),
    headerFieldsFound: z.array(z.string()),
    summary: z.object({
      rows: z.number().int(),
      structureRows: z.number().int(),
      unmappedCells: z.number().int(),
      warnings: z.number().int(),
    }),
    /** PDF (issue 16): the pages' sizes in points; whether only the first pages were read. */
    pdf: z
      .object({
        pages: z.array(
          z.object({ number: z.number().int(), width: z.number(), height: z.number() }),
        ),
        truncated: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: 'PlanImportReport' });

/** Where a header field of the preview came from: the file, the school profile, or nowhere. */
const headerSourceSchema = z.enum(['file', 'profile', 'empty']);

export const planImportPreviewSchema = z
  .object({
    plan: planInterchangeSchema,
    report: planImportReportSchema,
    /**
     * Header fields the file leaves empty are filled from the school profile (governing body,
     * place name, document symbol, signer, recipients); this says which came from where.
     */
    headerSources: z.object({
      governingBody: headerSourceSchema,
      schoolName: headerSourceSchema,
      documentNumber: headerSourceSchema,
      placeName: headerSourceSchema,
      title: headerSourceSchema,
      subtitle: headerSourceSchema,
      signerTitle: headerSourceSchema,
      signerName: headerSourceSchema,
      recipients: headerSourceSchema,
    }),
  })
  .meta({ id: 'PlanImportPreview' });

/** A user's column choice: the grid column and the field it feeds (empty = not imported). */
const mappingSchema = z.array(
  z.object({ column: z.number().int().min(1).max(64), field: z.enum(IMPORT_FIELDS).nullable() }),
);

export const planImportQuerySchema = z.object({
  fileName: userText(300).optional(),
  schoolYear: schoolYearSchema.optional(),
  /**
   * `false` keeps text typed in legacy Vietnamese fonts (TCVN3 .VnTime…, VNI-…) as typed; by
   * default it is converted to Unicode (issue 16).
   */
  legacyFonts: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((text) => (text === undefined ? undefined : text === 'true' || text === '1')),
  /** JSON of `[{ column, field }]`, from the preview's column chooser. */
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Cách ghép cột không hợp lệ (cần JSON).' });
        return z.NEVER;
      }
      const parsed = mappingSchema.safeParse(json);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'Cách ghép cột không hợp lệ.' });
        return z.NEVER;
      }
      return parsed.data;
    }),
});

/** Rows of a previewed import added at the end of an existing draft plan. */
export const appendPlanRowsBodySchema = z.object({
  rows: withStorableStrings(planInterchangeSchema.shape.rows.min(1).max(1000)),
});

export type PlanImportPreview = z.infer<typeof planImportPreviewSchema>;
