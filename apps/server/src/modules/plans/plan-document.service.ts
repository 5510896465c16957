import {
  buildPlanDocument,
  PdfConversionError,
  type PdfConverter,
  renderHtml,
  type DocumentFramework,
} from '@caitien/documents';
import type { PlanLayout } from '@caitien/core';
import { MEDIA_TYPES } from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../auth/request-context.ts';
import type { PlanService } from './plan.service.ts';
import {
  renderPlanDocument,
  type DocumentParsers,
  type RenderedPlan,
} from '../../documents/document-parsers.ts';

/**
 * Plans with more rows than this are rendered in a worker thread (issue 15): 1,000 rows take
 * 100–200 ms of CPU, which on the main thread every other request would wait for; a small plan
 * renders in a few milliseconds, less than the hop to a worker costs.
 */
export const OFF_THREAD_RENDER_ROWS = 150;

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
  /** The worker threads that render large plans (parse-pool.ts); absent: on this thread. */
  workers?: Pick<DocumentParsers, 'renderPlan'>;
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
      const buildOptions = { layout: options.layout, framework };
      if (options.format === 'html') {
        const model = buildPlanDocument(plan, buildOptions);
        return {
          bytes: Buffer.from(renderHtml(model), 'utf8'),
          contentType: CONTENT_TYPES.html,
          fileName: `${model.fileBaseName}.html`,
          warnings: model.warnings.map((w) => w.message),
        };
      }
      const input = {
        plan,
        options: buildOptions,
        format: options.format === 'xlsx' ? ('xlsx' as const) : ('docx' as const),
      };
      const rendered: RenderedPlan =
        deps.workers && plan.rows.length > OFF_THREAD_RENDER_ROWS
          ? await deps.workers.renderPlan(input)
          : await renderPlanDocument(input);
      let bytes = Buffer.from(
        rendered.bytes.buffer,
        rendered.bytes.byteOffset,
        rendered.bytes.byteLength,
      );
      if (options.format === 'pdf') {
        try {
          bytes = await deps.pdf.convert(bytes);
        } catch (error) {
          if (error instanceof PdfConversionError) {
            throw new AppError('SERVICE_UNAVAILABLE', error.message, { code: error.code });
          }
          throw error;
        }
      }
      return {
        bytes,
        contentType: CONTENT_TYPES[options.format],
        fileName: `${rendered.fileBaseName}.${options.format}`,
        warnings: rendered.warnings,
      };
    },
  };
}

export type PlanDocumentService = ReturnType<typeof createPlanDocumentService>;
