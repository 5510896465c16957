import type { RouteDefinition } from '@caitien/shared';

/** The fastify schema of a route-table entry, keeping each zod schema's exact type. */
type SchemaOf<R extends RouteDefinition> = {
  summary: string;
  tags: string[];
  response: R['response'];
} & (R extends { params: infer P } ? { params: P } : unknown) &
  (R extends { querystring: infer Q } ? { querystring: Q } : unknown) &
  (R extends { body: infer B } ? { body: B } : unknown);

/**
 * Fastify route options from an entry of the shared route table, so a route's method, path and zod
 * schemas are written once (CONVENTIONS.md §4). Spread it into `app.route({ ...routeOptions(r), handler })`.
 */
export function routeOptions<const R extends RouteDefinition>(route: R) {
  const schema = {
    summary: route.summary,
    tags: route.tags,
    response: route.response,
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
  } as SchemaOf<R>;
  return {
    method: route.method as R['method'],
    url: route.path as R['path'],
    schema,
    config: { access: route.access },
  };
}
