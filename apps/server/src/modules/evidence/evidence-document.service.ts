import { renderEvidenceListDocx, renderEvidenceListXlsx } from '@caitien/documents';
import { MEDIA_TYPES } from '@caitien/shared';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assessmentDocumentBaseName } from '../assessments/assessment-document-input.ts';
import type { AssessmentDocumentService } from '../assessments/assessment-document.service.ts';

/**
 * The Danh mục minh chứng of an assessment as DOCX or XLSX (the renderers of @caitien/documents),
 * from the assessment documents' input (read access of the assessment: staff only the approved
 * one, another school 404): 2018 "DANH MỤC MÃ MINH CHỨNG", TT57 "DANH MỤC MINH CHỨNG", grouped by
 * standard and criterion, an evidence under each criterion citing it, the uncited at the end;
 * drafts carry "DỰ THẢO".
 */
export function createEvidenceDocuments(deps: {
  assessmentDocumentService: Pick<AssessmentDocumentService, 'documentInput'>;
}) {
  return {
    async renderEvidenceList(
      ctx: ServiceContext,
      assessmentId: string,
      format: 'docx' | 'xlsx',
    ): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
      const input = await deps.assessmentDocumentService.documentInput(ctx, assessmentId);
      const bytes =
        format === 'docx'
          ? await renderEvidenceListDocx(input)
          : await renderEvidenceListXlsx(input);
      return {
        bytes,
        contentType: MEDIA_TYPES[format],
        fileName: `${assessmentDocumentBaseName('evidence-list', input)}.${format}`,
      };
    },
  };
}

export type EvidenceDocuments = ReturnType<typeof createEvidenceDocuments>;
