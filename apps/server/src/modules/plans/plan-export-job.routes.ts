import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PlanExportJobService } from './plan-export-job.service.ts';

/** A plan's PDF made in the background: ask (202 + job), poll, download (issue 15). */
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
    ...routeOptions(routes.getJob),
    handler: async (request) => service.status(contextOf(request), request.params.jobId),
  });
  typed.route({
    ...routeOptions(routes.downloadJobResult),
    handler: async (request, reply) =>
      sendDocument(reply, await service.download(contextOf(request), request.params.jobId)),
  });
}
