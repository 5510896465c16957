import { createHash } from 'node:crypto';
import { PRINT_SCRIPT } from '@caitien/documents';
import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import { AppError } from '../../errors.ts';
import type { PlanDocumentService } from './plan-document.service.ts';
import type { PlanImportService } from './plan-import.service.ts';

/** The print view runs one script, allowed by its hash and nothing else. */
const PRINT_VIEW_CSP =
  `default-src 'none'; script-src 'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'; ` +
  "style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Plan documents: DOCX, XLSX and PDF downloads, the print view, and Word/Excel import. */
export function registerPlanDocumentRoutes(
  app: FastifyInstance,
  services: { planDocumentService: PlanDocumentService; planImportService: PlanImportService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.route({
    ...routeOptions(routes.previewPlanImport),
    bodyLimit: routes.previewPlanImport.upload.maxBytes,
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Hãy gửi tệp Word (.docx) hoặc Excel (.xlsx) của kế hoạch, hoặc bảng đã dán (text/plain).',
        );
      }
      const pasted = /^text\/plain\b/i.test(request.headers['content-type'] ?? '');
      const json = await services.planImportService.preview(
        contextOf(request),
        request.params.schoolId,
        pasted
          ? { kind: 'text', text: request.body.toString('utf8') }
          : { kind: 'file', bytes: new Uint8Array(request.body) },
        request.query,
      );
      // Already checked against the response schema and serialised (plan-import.service.ts):
      // bytes are sent as they are.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });
  typed.route({
    ...routeOptions(routes.downloadPlanDocument),
    handler: async (request, reply) => {
      const doc = await services.planDocumentService.render(
        contextOf(request),
        request.params.planId,
        { format: request.query.format, layout: request.query.layout },
      );
      if (doc.warnings.length > 0) {
        reply.header('x-caitien-warnings', encodeURIComponent(doc.warnings.join('\n')));
      }
      if (request.query.format === 'html') {
        return reply
          .type(doc.contentType)
          .header('content-security-policy', PRINT_VIEW_CSP)
          .header('x-frame-options', 'SAMEORIGIN')
          .header('cache-control', 'private, no-store')
          .send(doc.bytes.toString('utf8') as never);
      }
      return sendDocument(reply, doc);
    },
  });
}
