import { REGIMES } from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredText, userText, versionSchema } from './common.schemas.ts';

/**
 * The evidence (minh chứng) of a self-assessment (issue 12): one code per document, numbered under
 * its primary ("gốc") criterion — `[Hn-a.b-cc]` in the 2018 regime (box n), `MC.a.b.cc` under TT57 —
 * cited by one or more criteria, with files kept on the server by content hash, or a link.
 */

/** A criterion code as the frameworks write it ("1.1", "5.12"). */
export const evidenceCriterionCodeSchema = z
  .string()
  .regex(/^\d{1,2}\.\d{1,2}$/, 'Mã tiêu chí phải có dạng “tiêu chuẩn.tiêu chí”, ví dụ 1.1.');

/** The path of an assessment's evidence routes. */
export const evidenceAssessmentParamsSchema = z.object({ assessmentId: idSchema });
export const evidenceParamsSchema = z.object({ assessmentId: idSchema, evidenceId: idSchema });
export const evidenceFileParamsSchema = z.object({
  assessmentId: idSchema,
  evidenceId: idSchema,
  fileId: idSchema,
});
export const evidenceCitationParamsSchema = z.object({
  assessmentId: idSchema,
  evidenceId: idSchema,
  criterionCode: evidenceCriterionCodeSchema,
});

/** A file kept for an evidence (stored once per content: same bytes, same SHA-256). */
export const evidenceFileSchema = z
  .object({
    id: idSchema,
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'EvidenceFile' });

export type EvidenceFileItem = z.infer<typeof evidenceFileSchema>;

/** Where in the assessment a text is: a criterion's field, a standard's, a Mức 4 item's, the report's. */
export const evidenceTextLocationSchema = z
  .object({
    kind: z.enum(['criterion', 'standard', 'level4', 'report']),
    /** Criterion code, standard code, Mức 4 item key, or "" for the report. */
    key: z.string(),
    /** The field: description, levelDescriptions.1, strengths, weaknesses, improvementPlan… */
    field: z.string(),
  })
  .meta({ id: 'EvidenceTextLocation' });

export type EvidenceTextLocation = z.infer<typeof evidenceTextLocationSchema>;

/** One evidence of an assessment. */
export const evidenceItemSchema = z
  .object({
    id: idSchema,
    code: z.string(),
    /** 2018 box (hộp) number; null under TT57. */
    box: z.number().int().nullable(),
    primaryCriterionCode: z.string(),
    sequence: z.number().int(),
    name: z.string(),
    /** Số, ngày ban hành / thời điểm khảo sát… as typed. */
    issued: z.string(),
    /** Nơi ban hành hoặc nhóm, cá nhân thực hiện. */
    issuer: z.string(),
    note: z.string(),
    link: z.string(),
    /** Every criterion citing it, the primary first; empty when nothing cites it any more. */
    criterionCodes: z.array(z.string()),
    /** The code before a regime change or an import (mã cũ). */
    previousCode: z.string().nullable(),
    /** Carried over from last year's assessment. */
    carried: z.boolean(),
    files: z.array(evidenceFileSchema),
    version: versionSchema,
    updatedAt: z.string(),
  })
  .meta({ id: 'EvidenceItem' });

export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** `GET …/evidence`: `q` searches the name without diacritics ("quyet dinh" finds "Quyết định") and the code. */
export const evidenceListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  /** Only the evidence cited by this criterion. */
  criterionCode: evidenceCriterionCodeSchema.optional(),
});

export const evidenceListSchema = z
  .object({
    assessmentId: idSchema,
    regime: z.enum(REGIMES),
    /** Whether the caller may change the evidence now (council, and the assessment not approved). */
    editable: z.boolean(),
    items: z.array(evidenceItemSchema),
  })
  .meta({ id: 'EvidenceList' });

export type EvidenceList = z.infer<typeof evidenceListSchema>;

const evidenceTexts = {
  name: requiredText(1000),
  issued: userText(500),
  issuer: userText(500),
  note: userText(2000),
  /** An electronic link (đường dẫn điện tử) to the document, or "". */
  link: userText(2000),
};

/** `POST …/evidence`: a new evidence, cited by at least one criterion (the first is its primary). */
export const createEvidenceBodySchema = z.object({
  name: evidenceTexts.name,
  issued: evidenceTexts.issued.default(''),
  issuer: evidenceTexts.issuer.default(''),
  note: evidenceTexts.note.default(''),
  link: evidenceTexts.link.default(''),
  criterionCodes: z
    .array(evidenceCriterionCodeSchema)
    .min(1, 'Minh chứng phải được ít nhất một tiêu chí sử dụng.')
    .max(100),
  /** 2018 box number (hộp); default: the primary criterion's standard number. Ignored under TT57. */
  box: z.number().int().min(1).max(999).nullable().optional(),
});

export type CreateEvidenceBody = z.input<typeof createEvidenceBodySchema>;

/**
 * `PATCH …/evidence/:id`: the changed fields and the version the client started from
 * (CONTRACTS.md "Concurrent edits": 409 with the current evidence only when one of these fields
 * changed since). A new box (2018) changes the code, and every text citing it, in the same save.
 */
export const updateEvidenceBodySchema = z.object({
  version: versionSchema,
  name: evidenceTexts.name.optional(),
  issued: evidenceTexts.issued.optional(),
  issuer: evidenceTexts.issuer.optional(),
  note: evidenceTexts.note.optional(),
  link: evidenceTexts.link.optional(),
  box: z.number().int().min(1).max(999).optional(),
});

export type UpdateEvidenceBody = z.infer<typeof updateEvidenceBodySchema>;

/** `POST …/evidence/:id/citations`: one more criterion cites the evidence (its code stays). */
export const citeEvidenceBodySchema = z.object({ criterionCode: evidenceCriterionCodeSchema });

/** The 409 details of a refused delete: who still cites the evidence. */
export const evidenceInUseSchema = z.object({
  criterionCodes: z.array(z.string()),
  mentions: z.array(evidenceTextLocationSchema),
});

/** One code change of a renumbering, and the texts it rewrote. */
export const evidenceRenumberChangeSchema = z.object({
  evidenceId: idSchema,
  oldCode: z.string(),
  newCode: z.string(),
});

/** `POST …/evidence/renumber`: `dryRun` answers the changes without writing. */
export const renumberEvidenceBodySchema = z.object({ dryRun: z.boolean().default(false) });

export const renumberEvidenceResponseSchema = z
  .object({
    applied: z.boolean(),
    changes: z.array(evidenceRenumberChangeSchema),
    /** The texts whose citations were (or would be) rewritten. */
    rewrittenTexts: z.array(evidenceTextLocationSchema),
  })
  .meta({ id: 'EvidenceRenumbering' });

export type EvidenceRenumbering = z.infer<typeof renumberEvidenceResponseSchema>;

/** A code written in a text, linked to its evidence (null: no evidence has that code). */
export const citedCodeSchema = z.object({
  code: z.string(),
  evidenceId: idSchema.nullable(),
  fields: z.array(z.string()),
});

/**
 * `GET …/evidence/mentions`: the codes written inside the assessment's texts, per criterion (and
 * per standard, Mức 4 item, report), linked to the evidence; unknown codes and evidence a criterion
 * mentions without citing come back as warnings (the texts are never changed).
 */
export const evidenceMentionsSchema = z
  .object({
    criteria: z.array(z.object({ criterionCode: z.string(), codes: z.array(citedCodeSchema) })),
    others: z.array(
      z.object({
        kind: z.enum(['standard', 'level4', 'report']),
        key: z.string(),
        codes: z.array(citedCodeSchema),
      }),
    ),
    warnings: z.array(
      z.object({
        location: evidenceTextLocationSchema,
        code: z.string(),
        /**
         * unknown_code: no evidence has it; not_cited: the criterion mentions an evidence it does
         * not cite; wrong_regime: a 2018 code in a TT57 assessment or the reverse;
         * nonstandard_form: written loosely ("H1-1.01-1"), read as the canonical code.
         */
        kind: z.enum(['unknown_code', 'not_cited', 'wrong_regime', 'nonstandard_form']),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'EvidenceMentions' });

export type EvidenceMentions = z.infer<typeof evidenceMentionsSchema>;

/** `POST …/evidence/:id/files?fileName=…`: the raw file; the name (Vietnamese kept) in the query. */
export const evidenceFileUploadQuerySchema = z.object({
  fileName: requiredText(255),
});

/** `GET …/evidence/document?format=docx|xlsx`: the Danh mục minh chứng. */
export const evidenceDocumentQuerySchema = z.object({
  format: z.enum(['docx', 'xlsx']).default('docx'),
});

/** `POST …/evidence/import?fileName=…&apply=…`: a Word/Excel evidence list; preview unless apply. */
export const evidenceImportQuerySchema = z.object({
  fileName: requiredText(255),
  apply: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** One entry of an imported list, and what the import does (or would do) with it. */
export const evidenceImportEntrySchema = z.object({
  /** The code as the file writes it (numbers turned back to text), or "". */
  sourceCode: z.string(),
  /** The code the evidence gets (or has, when it exists already). */
  code: z.string(),
  name: z.string(),
  issued: z.string(),
  issuer: z.string(),
  note: z.string(),
  /** The criteria of the file citing it, in the file's order. */
  criterionCodes: z.array(z.string()),
  /**
   * `create`: a new evidence; `merge`: an evidence with this code exists — only citations are added,
   * its texts are kept; `uncited`: created, but none of its criteria is in the framework (kept with
   * its code and cited by nothing, so nothing is lost; cite it by hand); `skip`: a row with neither
   * a code nor a criterion (nothing to number it under): listed with its warning, not written.
   */
  action: z.enum(['create', 'merge', 'uncited', 'skip']),
  evidenceId: idSchema.nullable(),
  warnings: z.array(z.string()),
});

export const evidenceImportResultSchema = z
  .object({
    applied: z.boolean(),
    entries: z.array(evidenceImportEntrySchema),
    warnings: z.array(z.string()),
    counts: z.object({
      create: z.number().int(),
      merge: z.number().int(),
      uncited: z.number().int(),
      skip: z.number().int(),
    }),
  })
  .meta({ id: 'EvidenceImportResult' });

export type EvidenceImportResult = z.infer<typeof evidenceImportResultSchema>;

/** Media types an evidence file may have: checked on the bytes (magic numbers), not the name. */
export const EVIDENCE_FILE_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/octet-stream',
] as const;

/** The default limit of one evidence file (the server's EVIDENCE_MAX_FILE_MB may change it). */
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;
