import { FRAMEWORK_CODES, LIFECYCLE_STATUSES, REGIMES } from '@caitien/core';
import { z } from 'zod';
import { withStorableStrings } from './common.schemas.ts';
import {
  assessmentSettingsSchema,
  councilSchema,
  criterionMarksSchema,
  reportTextsSchema,
  workPlanSchema,
} from './assessments.schemas.ts';

/** The version of the assessment interchange format; bumped on any incompatible change. */
export const ASSESSMENT_INTERCHANGE_FORMAT_VERSION = 1;

/**
 * One evidence's metadata in the interchange JSON (files are named by their SHA-256, not embedded).
 * Filled by the evidence module's export; an import re-creates the list through it.
 */
export const interchangeEvidenceSchema = z.object({
  code: z.string(),
  box: z.number().int().nullable(),
  primaryCriterionCode: z.string(),
  sequence: z.number().int(),
  name: z.string(),
  issued: z.string(),
  issuer: z.string(),
  note: z.string(),
  link: z.string(),
  criterionCodes: z.array(z.string()),
  previousCode: z.string().nullable(),
  files: z.array(
    z.object({
      fileName: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
    }),
  ),
});

/**
 * The assessment interchange JSON: a whole self-assessment, self-contained, for export and import.
 * Texts are verbatim; marks by indicator key ("1.a", "2"); evidence metadata with its citations.
 * Readers ignore fields they do not know.
 */
export const assessmentInterchangeSchema = z
  .object({
    formatVersion: z.literal(ASSESSMENT_INTERCHANGE_FORMAT_VERSION),
    generator: z.string(),
    exportedAt: z.string(),
    assessment: z.object({
      schoolYear: z.string(),
      regime: z.enum(REGIMES),
      frameworkCode: z.enum(FRAMEWORK_CODES),
      frameworkId: z.string(),
      status: z.enum(LIFECYCLE_STATUSES),
      revisionNumber: z.number().int(),
      snapshotHash: z.string().nullable(),
    }),
    school: z.object({ name: z.string() }),
    council: councilSchema,
    workPlan: workPlanSchema,
    settings: assessmentSettingsSchema,
    report: reportTextsSchema,
    standards: z.array(
      z.object({
        standardCode: z.string(),
        intro: z.string(),
        conclusion: z.string(),
        strengths: z.string(),
        limitations: z.string(),
        causes: z.string(),
        trend: z.string(),
        priorities: z.string(),
      }),
    ),
    criteria: z.array(
      z.object({
        criterionCode: z.string(),
        standardCode: z.string(),
        marks: criterionMarksSchema,
        description: z.string(),
        levelDescriptions: z.record(z.string(), z.string()),
        strengths: z.string(),
        weaknesses: z.string(),
        improvementPlan: z.string(),
        assigneeMemberId: z.string().nullable(),
        assigneeGroupId: z.string().nullable(),
      }),
    ),
    level4: z.array(
      z.object({ key: z.string(), met: z.boolean().nullable(), description: z.string() }),
    ),
    evidence: z.array(interchangeEvidenceSchema),
  })
  .meta({
    id: 'AssessmentInterchange',
    title: 'CaiTien self-assessment interchange format, version 1',
  });

export type AssessmentInterchange = z.infer<typeof assessmentInterchangeSchema>;
export type InterchangeEvidence = z.infer<typeof interchangeEvidenceSchema>;

/** Interchange JSON sent for import: refused with a 400 naming the field on unstorable text. */
export const importAssessmentJsonBodySchema = withStorableStrings(assessmentInterchangeSchema);

/** The JSON Schema of the format (checked into packages/shared/schemas/). */
export function assessmentInterchangeJsonSchema(): unknown {
  return z.toJSONSchema(assessmentInterchangeSchema, { target: 'draft-2020-12' });
}
