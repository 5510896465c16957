import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { RollupService } from './rollup.service.ts';

/** The offices' roll-up and its XLSX export (issue 14). */
export function registerRollupRoutes(
  app: FastifyInstance,
  services: { rollupService: RollupService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { rollupService: rollup } = services;
  typed.route({
    ...routeOptions(routes.getUnitRollup),
    handler: async (request) =>
      rollup.getRollup(contextOf(request), request.params.unitId, request.query.schoolYear),
  });
  typed.route({
    ...routeOptions(routes.exportUnitRollup),
    handler: async (request, reply) =>
      sendDocument(
        reply,
        await rollup.exportRollup(
          contextOf(request),
          request.params.unitId,
          request.query.schoolYear,
        ),
      ),
  });
}
