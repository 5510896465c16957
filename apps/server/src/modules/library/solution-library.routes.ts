import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { SolutionLibraryService } from './solution-library.service.ts';

/** The solution library (thư viện giải pháp, issue 14). */
export function registerSolutionLibraryRoutes(
  app: FastifyInstance,
  services: { solutionLibraryService: SolutionLibraryService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const service = services.solutionLibraryService;
  typed.route({
    ...routeOptions(routes.searchSolutions),
    handler: async (request) => service.search(contextOf(request), request.query),
  });
  typed.route({
    ...routeOptions(routes.useSolutionInPlan),
    handler: async (request) =>
      service.useInPlan(contextOf(request), request.params.rowId, request.body),
  });
  typed.route({
    ...routeOptions(routes.getPlanLibraryShare),
    handler: async (request) => service.getShare(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.updatePlanLibraryShare),
    handler: async (request) =>
      service.updateShare(contextOf(request), request.params.planId, request.body.unitId),
  });
}
