import { pingDatabase, type DatabaseHandle } from '@caitien/db';
import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendError } from '../../plugins/error-handler.ts';
import { routeOptions } from '../../plugins/route-table.ts';

/** Liveness (process up) and readiness (database answers) probes. */
export function registerSystemRoutes(
  app: FastifyInstance,
  deps: { database: DatabaseHandle },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.route({
    ...routeOptions(routes.health),
    logLevel: 'warn',
    handler: async () => ({ status: 'ok' as const }),
  });
  typed.route({
    ...routeOptions(routes.ready),
    logLevel: 'warn',
    handler: async (request, reply) => {
      try {
        await pingDatabase(deps.database.db);
        return { status: 'ready' as const, database: deps.database.dialect };
      } catch (error) {
        request.log.error({ err: error }, 'database not reachable');
        return sendError(
          reply,
          request,
          'SERVICE_UNAVAILABLE',
          'Không kết nối được cơ sở dữ liệu.',
        );
      }
    },
  });
}
