import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { AppError } from '../../errors.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PlanExportJobService } from './plan-export-job.service.ts';

/**
 * A plan's PDF, or the preview of a large Word/Excel plan, made in the background: ask (202 + job),
 * poll, download (issue 15).
 */
export function registerPlanExportJobRoutes(
  app: FastifyInstance,
  services: { planExportJobService: PlanExportJobService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const service = services.planExportJobService;
  typed.route({
    ...routeOptions(routes.requestPlanExport),
    handler: async (request, reply) =>
      reply
        .code(202)
        .send(await service.request(contextOf(request), request.params.planId, request.body)),
  });
  typed.route({
    ...routeOptions(routes.requestPlanImportPreview),
    bodyLimit: routes.requestPlanImportPreview.upload.maxBytes,
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Hãy gửi tệp Word (.docx) hoặc Excel (.xlsx) của kế hoạch, hoặc bảng đã dán (text/plain).',
        );
      }
      const pasted = /^text\/plain\b/i.test(request.headers['content-type'] ?? '');
      const planned = await service.requestImportPreview(
        contextOf(request),
        request.params.schoolId,
        pasted
          ? { kind: 'text', text: request.body.toString('utf8') }
          : { kind: 'file', bytes: new Uint8Array(request.body) },
        request.query,
      );
      return reply.code(202).send(planned);
    },
  });
  typed.route({
    ...routeOptions(routes.getJob),
    handler: async (request) => service.status(contextOf(request), request.params.jobId),
  });
  typed.route({
    ...routeOptions(routes.downloadJobResult),
    handler: async (request, reply) =>
      sendDocument(reply, await service.download(contextOf(request), request.params.jobId)),
  });
}
