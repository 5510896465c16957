import type { FrameworkDefinition } from '@caitien/core';
import type { FrameworkRepository, Repositories } from '@caitien/db';
import {
  PdfConversionError,
  type PdfConverter,
  renderAssessmentReportDocx,
  renderAssessmentSummaryXlsx,
  renderCouncilDecisionDocx,
  renderWorkPlanDocx,
  type AssessmentDocumentInput,
} from '@caitien/documents';
import {
  ASSESSMENT_DOCUMENT_FORMATS_OF,
  MEDIA_TYPES,
  type AssessmentDocument,
} from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { RenderedDocument } from '../plans/plan-document.service.ts';
import {
  assessmentDocumentBaseName,
  buildAssessmentDocumentInput,
  documentSchool,
  reportDateOf,
} from './assessment-document-input.ts';
import type { AssessmentService } from './assessment.service.ts';
import { evidenceFromRecord } from '../evidence/evidence-reader.ts';

const RENDERERS: Record<AssessmentDocument, (input: AssessmentDocumentInput) => Promise<Buffer>> = {
  report: renderAssessmentReportDocx,
  'council-decision': renderCouncilDecisionDocx,
  'work-plan': renderWorkPlanDocx,
  summary: renderAssessmentSummaryXlsx,
};

const FORMAT_NAMES = { docx: 'Word (.docx)', pdf: 'PDF', xlsx: 'Excel (.xlsx)' } as const;

/**
 * The official documents of a self-assessment (issue 12 "Reports"): the assessment is read through
 * the assessment service (its read access: staff only the approved one, another school 404), its
 * evidence list from the evidence repository, the school's header from its profile; mapped once to
 * the documents' input with the core's computed levels, and rendered. PDF goes through LibreOffice
 * (two conversions at a time), refused with a 503 naming what to install when it is missing.
 */
export function createAssessmentDocumentService(deps: {
  assessmentService: Pick<AssessmentService, 'getAssessment'>;
  repositories: Pick<Repositories, 'evidence' | 'units' | 'people'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersion'>;
  /** The warm LibreOffice pool (office-pool.ts), shared by every document service. */
  pdf: PdfConverter;
}) {
  const frameworks = new Map<string, FrameworkDefinition>();

  async function frameworkOf(id: string): Promise<FrameworkDefinition> {
    const held = frameworks.get(id);
    if (held) return held;
    const stored = await deps.frameworkRepository.findVersion(id);
    if (!stored) throw new AppError('NOT_FOUND', `Không tìm thấy bộ tiêu chuẩn “${id}”.`);
    // A version an assessment uses is locked (immutable), so it may be kept.
    frameworks.set(id, stored.definition);
    return stored.definition;
  }

  /** The documents' input of an assessment the caller may read. */
  async function documentInput(
    ctx: ServiceContext,
    assessmentId: string,
  ): Promise<AssessmentDocumentInput> {
    const detail = await deps.assessmentService.getAssessment(ctx, assessmentId);
    const [framework, school, profile, people, evidence] = await Promise.all([
      frameworkOf(detail.frameworkId),
      deps.repositories.units.findById(detail.schoolId),
      deps.repositories.units.findProfile(detail.schoolId),
      deps.repositories.people.listPeople(detail.schoolId),
      deps.repositories.evidence.listEvidence(detail.id),
    ]);
    return buildAssessmentDocumentInput({
      content: detail,
      framework,
      school: documentSchool({ name: school?.name ?? '', framework, profile, people }),
      evidence: evidence.map(evidenceFromRecord),
      reportDate: detail.status === 'approved' ? reportDateOf(detail.approvedAt) : '',
    });
  }

  return {
    documentInput,

    async render(
      ctx: ServiceContext,
      assessmentId: string,
      options: { document: AssessmentDocument; format?: 'docx' | 'pdf' | 'xlsx' | undefined },
    ): Promise<RenderedDocument> {
      const formats = ASSESSMENT_DOCUMENT_FORMATS_OF[options.document];
      const format = options.format ?? formats[0] ?? 'docx';
      if (!formats.includes(format)) {
        const allowed = formats.map((f) => FORMAT_NAMES[f]).join(' hoặc ');
        throw new AppError('VALIDATION_ERROR', `Văn bản này chỉ tải được dạng ${allowed}.`, {
          fields: [{ field: 'format', message: `Chọn ${formats.join(' hoặc ')}` }],
        });
      }
      const input = await documentInput(ctx, assessmentId);
      const rendered = await RENDERERS[options.document](input);
      let bytes = rendered;
      if (format === 'pdf') {
        try {
          bytes = await deps.pdf.convert(rendered, {
            // The report's Mục lục gets its page numbers only when LibreOffice updates it.
            updateIndexes: options.document === 'report',
          });
        } catch (error) {
          if (error instanceof PdfConversionError) {
            throw new AppError('SERVICE_UNAVAILABLE', error.message, { code: error.code });
          }
          throw error;
        }
      }
      return {
        bytes,
        contentType: MEDIA_TYPES[format],
        fileName: `${assessmentDocumentBaseName(options.document, input)}.${format}`,
        warnings: [],
      };
    },
  };
}

export type AssessmentDocumentService = ReturnType<typeof createAssessmentDocumentService>;
