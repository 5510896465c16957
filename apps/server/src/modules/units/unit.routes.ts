import { routes } from '@caitien/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../../plugins/auth.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { userContext, type ServiceContext } from '../../kernel/service-context.ts';
import type { UnitService } from './unit.service.ts';

/** The service context of a signed-in request. */
export function contextOf(request: FastifyRequest): ServiceContext {
  const auth = requireAuth(request);
  return userContext(auth.user, auth.actor, String(request.id));
}

/** Units and school profiles. */
export function registerUnitRoutes(
  app: FastifyInstance,
  services: { unitService: UnitService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { unitService } = services;

  typed.route({
    ...routeOptions(routes.listUnits),
    handler: async (request) => unitService.listUnits(contextOf(request), request.query),
  });
  typed.route({
    ...routeOptions(routes.createUnit),
    handler: async (request) => unitService.createUnit(contextOf(request), request.body),
  });
  typed.route({
    ...routeOptions(routes.getUnit),
    handler: async (request) => unitService.getUnit(contextOf(request), request.params.unitId),
  });
  typed.route({
    ...routeOptions(routes.updateUnit),
    handler: async (request) =>
      unitService.updateUnit(contextOf(request), request.params.unitId, request.body),
  });
  typed.route({
    ...routeOptions(routes.deleteUnit),
    handler: async (request) => {
      await unitService.deleteUnit(contextOf(request), request.params.unitId);
      return { ok: true as const };
    },
  });
  typed.route({
    ...routeOptions(routes.getSchoolProfile),
    handler: async (request) =>
      unitService.getSchoolProfile(contextOf(request), request.params.schoolId),
  });
  typed.route({
    ...routeOptions(routes.updateSchoolProfile),
    handler: async (request) =>
      unitService.updateSchoolProfile(contextOf(request), request.params.schoolId, request.body),
  });
}
