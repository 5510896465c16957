import { FRAMEWORK_CODES, SCHOOL_LEVELS, UNIT_KINDS } from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredName, userText, versionSchema } from './common.schemas.ts';

/** A unit of the administrative tree (Bộ, Sở, UBND xã/phường, legacy Phòng, school). */
export const unitSchema = z
  .object({
    id: idSchema,
    kind: z.enum(UNIT_KINDS),
    name: z.string(),
    parentId: idSchema.nullable(),
    /** Names from the root down to the parent, for breadcrumbs. */
    ancestors: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(UNIT_KINDS) })),
    childCount: z.number().int(),
    version: versionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Unit' });

export type Unit = z.infer<typeof unitSchema>;

/** The most units one answer of `GET /api/units` holds, and how many it holds by default. */
export const UNIT_PAGE_MAX = 500;
export const UNIT_PAGE_DEFAULT = 200;

/** One page of the unit tree: never the whole tree (it is 21 MB at national size). */
export const unitListSchema = z
  .object({
    items: z.array(unitSchema),
    /** How many units the same question matches in all. */
    total: z.number().int(),
    /** The `offset` of the next page; null on the last page. */
    nextOffset: z.number().int().nullable(),
  })
  .meta({ id: 'UnitList' });

/**
 * Which units `GET /api/units` answers, always within what the caller may see:
 * - nothing: the caller's roots (administrator: the top units; office staff and school roles:
 *   the units they are assigned to);
 * - `parentId`: that unit's direct children (404 if the caller may not see it);
 * - `q` and/or `kind` (one or several kinds): a search of every unit under `parentId` (or under the caller's roots),
 *   any depth; `q`: every word starts a word of the name, diacritics optional ("phuong" finds "Phường").
 * Ordered by kind (Bộ, Sở, xã/phường, Phòng, trường), then by name; each unit carries its
 * ancestors (for the trail) and its number of children (to expand it).
 */
export const unitListQuerySchema = z.object({
  parentId: idSchema.optional().describe('Children of this unit (with q/kind: its whole subtree)'),
  q: z.string().trim().max(200).optional().describe('Words of the name, diacritics optional'),
  kind: z
    .string()
    .max(100)
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(UNIT_KINDS)).min(1).optional())
    .describe('One kind or several, comma-separated ("province,commune")'),
  limit: z.coerce.number().int().min(1).max(UNIT_PAGE_MAX).default(UNIT_PAGE_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

export const unitParamsSchema = z.object({ unitId: idSchema });

export const createUnitBodySchema = z.object({
  kind: z.enum(UNIT_KINDS),
  name: requiredName(300),
  parentId: idSchema.nullable(),
});

export const updateUnitBodySchema = z.object({
  name: requiredName(300).optional(),
  parentId: idSchema.nullable().optional(),
  version: versionSchema,
});

const siteSchema = z.object({ name: requiredName(300), address: userText(500) });

/** The school profile: what the official documents need. */
export const schoolProfileSchema = z
  .object({
    schoolId: idSchema,
    officialName: z.string(),
    schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
    /** First header line, in capitals as printed: "UBND HUYỆN DẦU TIẾNG", "UBND XÃ …". */
    governingBody: z.string(),
    /** Place name of the date line: "Định Hiệp, ngày … tháng … năm …". */
    placeName: z.string(),
    /** Document symbol suffix: "THĐP" in "67/KH-THĐP". */
    documentSymbol: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    sites: z.array(siteSchema),
    /** Units that receive its plans besides its parent (e.g. the Sở, or a legacy Phòng). */
    supervisingUnitIds: z.array(idSchema),
    supervisingUnits: z.array(
      z.object({ id: idSchema, name: z.string(), kind: z.enum(UNIT_KINDS) }),
    ),
    /** The framework each level of the school follows in the current school year (Asia/Ho_Chi_Minh). */
    frameworks: z.array(
      z.object({
        schoolLevel: z.enum(SCHOOL_LEVELS),
        schoolYear: z.string(),
        frameworkCode: z.enum(FRAMEWORK_CODES).nullable(),
      }),
    ),
    version: versionSchema,
    updatedAt: z.string(),
  })
  .meta({ id: 'SchoolProfile' });

export type SchoolProfile = z.infer<typeof schoolProfileSchema>;

export const updateSchoolProfileBodySchema = z.object({
  officialName: requiredName(300),
  schoolLevels: z.array(z.enum(SCHOOL_LEVELS)).min(1).max(6),
  governingBody: userText(300),
  placeName: userText(200),
  documentSymbol: userText(50),
  address: userText(500),
  phone: userText(50),
  email: userText(200),
  sites: z.array(siteSchema).max(50),
  supervisingUnitIds: z.array(idSchema).max(10),
  version: versionSchema,
});
