import type { RouteDefinition } from '@caitien/shared';

/**
 * Fastify route options from an entry of the shared route table, so a route's method, path and zod
 * schemas are written once (CONVENTIONS.md §4). Spread it into `app.route({ ...routeOptions(r), handler })`.
 */
export function routeOptions<const R extends RouteDefinition>(route: R) {
  return {
    method: route.method,
    url: route.path,
    schema: {
      summary: route.summary,
      tags: route.tags,
      ...(route.params ? { params: route.params as R['params'] & {} } : {}),
      ...(route.querystring ? { querystring: route.querystring as R['querystring'] & {} } : {}),
      ...(route.body ? { body: route.body as R['body'] & {} } : {}),
      response: route.response as R['response'],
    },
    config: { access: route.access },
  } as const;
}
