import { renderEvidenceListDocx, renderEvidenceListXlsx } from '@caitien/documents';
import { MEDIA_TYPES } from '@caitien/shared';
import type { AssessmentDocumentInputLoader } from '../../documents/assessment-document-input.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';

/**
 * The Danh mục minh chứng of an assessment as DOCX or XLSX (the renderers of @caitien/documents):
 * 2018 "DANH MỤC MÃ MINH CHỨNG" (6 columns), TT57 "DANH MỤC MINH CHỨNG" (5 columns), grouped by
 * standard and criterion, an evidence listed under each criterion citing it, the uncited ones at
 * the end; drafts carry "DỰ THẢO". Whoever may read the assessment may download it.
 */
export function createEvidenceDocuments(deps: { documentInput: AssessmentDocumentInputLoader }) {
  return {
    async renderEvidenceList(
      ctx: ServiceContext,
      assessmentId: string,
      format: 'docx' | 'xlsx',
    ): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
      const input = await deps.documentInput(ctx, assessmentId);
      const bytes =
        format === 'docx'
          ? await renderEvidenceListDocx(input)
          : await renderEvidenceListXlsx(input);
      const title = input.regime === '2026' ? 'Danh mục minh chứng' : 'Danh mục mã minh chứng';
      return {
        bytes,
        contentType: MEDIA_TYPES[format],
        fileName: `${title} ${input.school.name} ${input.schoolYear}.${format}`,
      };
    },
  };
}

export type EvidenceDocuments = ReturnType<typeof createEvidenceDocuments>;
