import { frameworkDetailSchema, routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import type { FrameworkDetailResult, FrameworkService } from './framework.service.ts';

/**
 * Whole framework versions are large (~100 KB) and change only with their content hash, so their
 * JSON is produced once through the response schema (which strips unlisted fields, as the schema
 * serializer would) and then sent as bytes, with an ETag for conditional requests.
 */
function createSerializedDetailCache(limit = 64) {
  const cache = new Map<string, string>();
  return (result: FrameworkDetailResult): { etag: string; json: string } => {
    const { detail, contentHash } = result;
    const key = `${contentHash.slice(0, 32)}-${detail.isCurrent ? 'c' : 'o'}${detail.isLocked ? 'l' : 'u'}`;
    let json = cache.get(key);
    if (json === undefined) {
      json = JSON.stringify(frameworkDetailSchema.parse(detail));
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(key, json);
    }
    return { etag: `"${key}"`, json };
  };
}

/** GET /api/frameworks and GET /api/frameworks/:id. */
export function registerFrameworkRoutes(
  app: FastifyInstance,
  services: { frameworkService: FrameworkService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const serialize = createSerializedDetailCache();

  typed.route({
    ...routeOptions(routes.listFrameworks),
    handler: async (request) => ({
      items: await services.frameworkService.listFrameworks(request.query),
    }),
  });

  typed.route({
    ...routeOptions(routes.getFramework),
    handler: async (request, reply) => {
      const result = await services.frameworkService.getFramework(
        request.params.id,
        request.query.q,
      );
      if (result.isFiltered) return result.detail;
      const { etag, json } = serialize(result);
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      // The bytes were produced through the response schema once; a per-reply serializer sends them.
      return reply
        .type('application/json; charset=utf-8')
        .serializer(() => json)
        .send(result.detail);
    },
  });
}
