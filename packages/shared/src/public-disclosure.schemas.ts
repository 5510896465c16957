import { z } from 'zod';
import { idSchema } from './common.schemas.ts';

/**
 * Public disclosure of an approved plan (issue 14, "công khai"): the school's principal publishes
 * an approved plan — and, if chosen, the summary of its approved self-assessment — on a read-only
 * page `/cong-khai/{slug}` that needs no sign-in. The page, the DOCX and the PDF are frozen at
 * publication; anyone may upload a copy to learn whether it is the document CaiTien produced.
 */

/** The random part of a public address: 10 letters and digits of Crockford's base32, lower case. */
export const PUBLIC_SLUG_PATTERN = /^[0-9a-hjkmnp-tv-z]{10}$/;

/** Largest copy accepted for verification (bytes): 10 MB. */
export const PUBLIC_VERIFY_MAX_BYTES = 10 * 1024 * 1024;

export const publicSlugParamsSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(PUBLIC_SLUG_PATTERN, 'Địa chỉ công khai không hợp lệ.'),
});

export const publishPlanBodySchema = z.object({
  /** Also publish the summary of the approved self-assessment the plan rests on. */
  includeAssessment: z.boolean().default(false),
});

const documentFileSchema = z.object({ bytes: z.number().int(), sha256: z.string() });

/** A publication as the school sees it on the plan screen. */
export const planPublicationSchema = z
  .object({
    slug: z.string(),
    /** The page's full address, as printed in the documents and the QR code. */
    url: z.string(),
    /** The QR code of `url` as SVG (the panel shows it). */
    qrSvg: z.string(),
    planId: idSchema,
    revisionNumber: z.number().int(),
    includeAssessment: z.boolean(),
    contentHash: z.string(),
    publishedAt: z.string(),
    publishedByName: z.string(),
    docx: documentFileSchema,
    /** Null when LibreOffice was not available at publication (only the DOCX is offered). */
    pdf: documentFileSchema.nullable(),
  })
  .meta({ id: 'PlanPublication' });

/** The plan's publication state: the live publication of its lineage, and whether it may publish. */
export const planPublicationStateSchema = z
  .object({
    live: planPublicationSchema.nullable(),
    /** The live publication shows an older revision than this plan (re-publish to update it). */
    liveIsOlderRevision: z.boolean(),
    /** An approved self-assessment exists that the page may summarise. */
    assessmentAvailable: z.boolean(),
    history: z.array(
      z.object({
        slug: z.string(),
        planId: idSchema,
        revisionNumber: z.number().int(),
        publishedAt: z.string(),
        publishedByName: z.string(),
        withdrawnAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PlanPublicationState' });

/** The assessment summary a school may publish with its plan. */
export const publicAssessmentSummarySchema = z.object({
  schoolYear: z.string(),
  approvedAt: z.string(),
  frameworkCode: z.string(),
  /** 0 = Mức 1 not reached. */
  schoolLevel: z.number().int(),
  schoolLevelReason: z.string(),
  summary: z.array(z.string()),
  standards: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      criteria: z.array(
        z.object({ code: z.string(), title: z.string(), level: z.number().int().nullable() }),
      ),
    }),
  ),
});

/** One row of the published plan, as the public page shows it. */
export const publicPlanRowSchema = z.object({
  ordinal: z.string(),
  standardCode: z.string().nullable(),
  criterionCode: z.string().nullable(),
  content: z.string(),
  target: z.string(),
  tasks: z.string(),
  indicator: z.string(),
  time: z.string(),
  lead: z.string(),
  coordinators: z.string(),
  budget: z.string(),
});

/** What the public page shows, frozen at publication. */
export const publicPlanPageSchema = z
  .object({
    slug: z.string(),
    url: z.string(),
    publishedAt: z.string(),
    school: z.object({ name: z.string(), governingBody: z.string(), placeName: z.string() }),
    plan: z.object({
      schoolYear: z.string(),
      regime: z.string(),
      revisionNumber: z.number().int(),
      title: z.string(),
      subtitle: z.string(),
      revisionLine: z.string(),
      numberLine: z.string(),
      dateLine: z.string(),
      signer: z.string(),
      approvedAt: z.string(),
      contentHash: z.string(),
    }),
    rows: z.array(publicPlanRowSchema),
    assessment: publicAssessmentSummarySchema.nullable(),
    documents: z.object({ docx: documentFileSchema, pdf: documentFileSchema.nullable() }),
  })
  .meta({ id: 'PublicPlanPage' });

export const publicPlanDocumentQuerySchema = z.object({
  format: z.enum(['docx', 'pdf'], 'Định dạng phải là docx hoặc pdf.'),
});

/** The answer to an uploaded copy. */
export const publicVerifyResultSchema = z
  .object({
    /** True: byte for byte the DOCX or PDF CaiTien produced when the plan was published. */
    match: z.boolean(),
    /** What the bytes are (by their signature, not the file name). */
    format: z.enum(['docx', 'pdf']),
    sha256: z.string(),
    bytes: z.number().int(),
    /** The answer in Vietnamese, for the page. */
    message: z.string(),
  })
  .meta({ id: 'PublicVerifyResult' });

export type PublishPlanBody = z.infer<typeof publishPlanBodySchema>;
export type PlanPublication = z.infer<typeof planPublicationSchema>;
export type PlanPublicationState = z.infer<typeof planPublicationStateSchema>;
export type PublicAssessmentSummary = z.infer<typeof publicAssessmentSummarySchema>;
export type PublicPlanRow = z.infer<typeof publicPlanRowSchema>;
export type PublicPlanPage = z.infer<typeof publicPlanPageSchema>;
export type PublicVerifyResult = z.infer<typeof publicVerifyResultSchema>;
