import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { AuditService } from './audit.service.ts';

/** The audit log. */
export function registerAuditRoutes(
  app: FastifyInstance,
  services: { auditService: AuditService },
): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...routeOptions(routes.listAudit),
    handler: async (request) => services.auditService.list(contextOf(request), request.query),
  });
}
