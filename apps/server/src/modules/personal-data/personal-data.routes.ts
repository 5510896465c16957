import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PersonalDataService } from './personal-data.service.ts';

/** Data subjects' requests: export and erasure of personal data (NĐ 13/2023; issue 15). */
export function registerPersonalDataRoutes(
  app: FastifyInstance,
  services: { personalDataService: PersonalDataService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { personalDataService: service } = services;

  typed.route({
    ...routeOptions(routes.exportUserPersonalData),
    handler: async (request) => service.exportAccount(contextOf(request), request.params.userId),
  });
  typed.route({
    ...routeOptions(routes.eraseUserPersonalData),
    handler: async (request) =>
      service.eraseAccount(contextOf(request), request.params.userId, request.body.reason),
  });
  typed.route({
    ...routeOptions(routes.exportPersonPersonalData),
    handler: async (request) =>
      service.exportPerson(contextOf(request), request.params.schoolId, request.params.personId),
  });
  typed.route({
    ...routeOptions(routes.erasePersonPersonalData),
    handler: async (request) =>
      service.erasePerson(
        contextOf(request),
        request.params.schoolId,
        request.params.personId,
        request.body.reason,
      ),
  });
}
