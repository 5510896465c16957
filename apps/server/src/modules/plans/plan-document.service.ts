import {
  buildPlanDocument,
  PdfConversionError,
  type PdfConverter,
  renderDocx,
  renderHtml,
  renderXlsx,
  type DocumentFramework,
} from '@caitien/documents';
import type { PlanLayout } from '@caitien/core';
import { MEDIA_TYPES } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../auth/request-context.ts';
import type { PlanService } from './plan.service.ts';

/** What the route streams: the bytes, their type and the file name (Vietnamese, RFC 5987). */
export interface RenderedDocument {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  /** Texts the export had to change (XML-illegal characters removed), for a response header. */
  warnings: string[];
}

const CONTENT_TYPES = { ...MEDIA_TYPES, html: 'text/html; charset=utf-8' } as const;

/**
 * The official documents of a plan (issue 6): the plan is read through the plan service (so its
 * access rules apply), turned into the document view model with its framework's titles, and
 * rendered. PDF goes through the warm LibreOffice pool.
 */
export function createPlanDocumentService(deps: {
  planService: PlanService;
  frameworkTitles: (frameworkId: string) => Promise<DocumentFramework | null>;
  /** The warm LibreOffice pool (office-pool.ts), shared by every document service. */
  pdf: PdfConverter;
}) {
  return {
    async render(
      ctx: ServiceContext,
      planId: string,
      options: { format: 'docx' | 'xlsx' | 'pdf' | 'html'; layout?: PlanLayout | undefined },
    ): Promise<RenderedDocument> {
      const plan = await deps.planService.exportPlan(ctx, planId);
      const framework = plan.plan.frameworkId
        ? await deps.frameworkTitles(plan.plan.frameworkId)
        : null;
      const model = buildPlanDocument(plan, { layout: options.layout, framework });
      let bytes: Buffer;
      if (options.format === 'xlsx') bytes = await renderXlsx(model);
      else if (options.format === 'html') bytes = Buffer.from(renderHtml(model), 'utf8');
      else {
        const docx = await renderDocx(model);
        if (options.format === 'docx') bytes = docx;
        else {
          try {
            bytes = await deps.pdf.convert(docx);
          } catch (error) {
            if (error instanceof PdfConversionError) {
              throw new AppError('SERVICE_UNAVAILABLE', error.message, { code: error.code });
            }
            throw error;
          }
        }
      }
      return {
        bytes,
        contentType: CONTENT_TYPES[options.format],
        fileName: `${model.fileBaseName}.${options.format}`,
        warnings: model.warnings.map((w) => w.message),
      };
    },
  };
}

export type PlanDocumentService = ReturnType<typeof createPlanDocumentService>;
