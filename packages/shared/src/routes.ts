import { z } from 'zod';
import { errorResponseSchema } from './errors.ts';
import {
  frameworkDetailQuerySchema,
  frameworkDetailSchema,
  frameworkParamsSchema,
  listFrameworksQuerySchema,
  listFrameworksResponseSchema,
} from './frameworks.schemas.ts';
import { healthResponseSchema, readyResponseSchema } from './health.schemas.ts';

/** How a route is reached by its callers. */
export type RouteAccess = 'public' | 'session';

/** One API route: its HTTP shape and zod schemas. The server registers it; the web client is typed by it. */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  tags: string[];
  access: RouteAccess;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: Record<number, z.ZodType>;
}

/** Declares a route and keeps its literal types. */
function defineRoute<const T extends RouteDefinition>(route: T): T {
  return route;
}

/** The route table: every API route, in one place (permission matrix and client are generated from it). */
export const routes = {
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    summary: 'Process is up',
    tags: ['system'],
    access: 'public',
    response: { 200: healthResponseSchema },
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/readyz',
    summary: 'Database is reachable',
    tags: ['system'],
    access: 'public',
    response: { 200: readyResponseSchema, 503: errorResponseSchema },
  }),
  listFrameworks: defineRoute({
    method: 'GET',
    path: '/api/frameworks',
    summary: 'Framework catalogue: every framework (current versions by default) with counts',
    tags: ['frameworks'],
    access: 'public',
    querystring: listFrameworksQuerySchema,
    response: { 200: listFrameworksResponseSchema, 400: errorResponseSchema },
  }),
  getFramework: defineRoute({
    method: 'GET',
    path: '/api/frameworks/:id',
    summary: 'One framework version: standards → criteria → requirements by level',
    tags: ['frameworks'],
    access: 'public',
    params: frameworkParamsSchema,
    querystring: frameworkDetailQuerySchema,
    response: {
      200: frameworkDetailSchema,
      304: z.null().describe('Not modified: the ETag sent in If-None-Match is current'),
      400: errorResponseSchema,
      404: errorResponseSchema,
    },
  }),
} as const;

/** Route names. */
export type RouteName = keyof typeof routes;
