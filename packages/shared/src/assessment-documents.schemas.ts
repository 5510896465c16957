import { z } from 'zod';

/**
 * The official documents of a self-assessment (issue 12 "Reports"; "Council and work"): the report
 * (CV 5932/5942 under 2018, Biểu 1 under TT57), the council decision, the self-assessment plan
 * (kế hoạch tự đánh giá) and the summary workbook. The Danh mục minh chứng has its own route
 * (`downloadEvidenceList`).
 */
export const ASSESSMENT_DOCUMENTS = ['report', 'council-decision', 'work-plan', 'summary'] as const;
export type AssessmentDocument = (typeof ASSESSMENT_DOCUMENTS)[number];

export const ASSESSMENT_DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;

/** The formats each document comes in: the Word documents as DOCX or PDF, the summary as XLSX. */
export const ASSESSMENT_DOCUMENT_FORMATS_OF: Record<
  AssessmentDocument,
  readonly (typeof ASSESSMENT_DOCUMENT_FORMATS)[number][]
> = {
  report: ['docx', 'pdf'],
  'council-decision': ['docx', 'pdf'],
  'work-plan': ['docx', 'pdf'],
  summary: ['xlsx'],
};

/** `GET /api/assessments/:assessmentId/document?document=report&format=docx`. */
export const assessmentDocumentQuerySchema = z.object({
  document: z.enum(ASSESSMENT_DOCUMENTS).default('report'),
  /** Defaults to the document's first format (DOCX, or XLSX for the summary). */
  format: z.enum(ASSESSMENT_DOCUMENT_FORMATS).optional(),
});
