import { foldVietnamese } from '@caitien/core';
import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PlanDocumentService } from './plan-document.service.ts';

/**
 * `Content-Disposition` with the Vietnamese name (RFC 5987 `filename*`) and a plain-ASCII
 * fallback for old clients: "Kế hoạch … Định Phước.docx" / "Ke-hoach-…-Dinh-Phuoc.docx".
 */
export function attachmentHeader(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot) : '';
  const ascii =
    foldVietnamese(dot > 0 ? fileName.slice(0, dot) : fileName)
      .replace(/[^A-Za-z0-9._()-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'tai-lieu';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}${ext}"; filename*=UTF-8''${encoded}`;
}

/** Plan documents: DOCX, XLSX and PDF downloads. */
export function registerPlanDocumentRoutes(
  app: FastifyInstance,
  services: { planDocumentService: PlanDocumentService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
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
      return (
        reply
          .type(doc.contentType)
          .header('content-disposition', attachmentHeader(doc.fileName))
          .header('cache-control', 'private, no-store')
          // Binary body: the route's schemas cover only the JSON error answers.
          .send(doc.bytes as never)
      );
    },
  });
}
