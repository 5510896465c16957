import { FRAMEWORK_CODES, REGIMES, SCHOOL_LEVELS } from '@caitien/core';
import { z } from 'zod';

/** Query-string boolean: only "true" / "false" are accepted, anything else is a 400 naming the field. */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

const titleVariantSchema = z.object({ source: z.string(), text: z.string() });

const legalInstrumentSchema = z.object({
  number: z.string(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  note: z.string().nullable(),
});

/** A framework version in the catalogue list, with its counts. */
export const frameworkSummarySchema = z
  .object({
    id: z.string().describe('Version id, e.g. "TT17@2"'),
    code: z.enum(FRAMEWORK_CODES),
    version: z.number().int(),
    name: z.string(),
    regime: z.enum(REGIMES),
    circularNumber: z.string(),
    schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
    levels: z.array(z.number().int()),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    changeNote: z.string(),
    isCurrent: z.boolean().describe('The newest version of its code (what the bare code means)'),
    isLocked: z.boolean().describe('Used by a plan or assessment: immutable'),
    standardCount: z.number().int(),
    criterionCount: z.number().int(),
    mandatoryCriterionCount: z.number().int(),
    unverifiedCriterionCount: z.number().int(),
    level4ItemCount: z.number().int(),
  })
  .meta({ id: 'FrameworkSummary' });

export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const listFrameworksQuerySchema = z.object({
  schoolLevel: z.enum(SCHOOL_LEVELS).optional(),
  allVersions: queryBoolean.optional().describe('Include superseded versions (default false)'),
});

export const listFrameworksResponseSchema = z
  .object({ items: z.array(frameworkSummarySchema) })
  .meta({ id: 'FrameworkList' });

export type ListFrameworksResponse = z.infer<typeof listFrameworksResponseSchema>;

const indicatorSchema = z.object({
  key: z.string().nullable(),
  text: z.string(),
  repealed: z
    .object({
      by: z.string(),
      provision: z.string(),
      effect: z.string(),
      mappingConfidence: z.string(),
      source: z.string(),
    })
    .nullable(),
});

export const criterionDetailSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    titleSource: z
      .string()
      .nullable()
      .describe('Source whose wording the title follows, when sources disagree'),
    titleVariants: z.array(titleVariantSchema),
    mandatory: z.boolean(),
    verified: z.boolean(),
    verificationNote: z.string().nullable(),
    source: z.string(),
    notes: z.array(z.string()),
    quantitative: z.array(z.string()),
    suggestedEvidence: z.array(z.string()),
    levels: z.array(
      z.object({
        level: z.number().int(),
        hasRequirements: z.boolean(),
        indicators: z.array(indicatorSchema),
      }),
    ),
  })
  .meta({ id: 'FrameworkCriterion' });

export type CriterionDetail = z.infer<typeof criterionDetailSchema>;

export const frameworkDetailSchema = frameworkSummarySchema
  .extend({
    circular: legalInstrumentSchema,
    amendments: z.array(legalInstrumentSchema),
    sources: z.array(z.object({ id: z.string(), ref: z.string(), note: z.string().nullable() })),
    standards: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        titleSource: z
          .string()
          .nullable()
          .describe('Source whose wording the title follows, when sources disagree'),
        titleVariants: z.array(titleVariantSchema),
        verificationNote: z.string().nullable(),
        criteria: z.array(criterionDetailSchema),
      }),
    ),
    level4Items: z.array(
      z.object({
        key: z.string(),
        ref: z.string(),
        text: z.string(),
        verified: z.boolean(),
        source: z.string(),
      }),
    ),
  })
  .meta({ id: 'FrameworkDetail' });

export type FrameworkDetail = z.infer<typeof frameworkDetailSchema>;

export const frameworkParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .describe('A framework code for its current version ("TT17") or a version id ("TT17@1")'),
});

export const frameworkDetailQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Keep only criteria whose title or requirements contain these words (diacritics ignored)',
    ),
});
