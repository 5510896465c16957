import type { ErrorResponse, routes } from '@caitien/shared';
import type { z } from 'zod';
import { vi } from '../i18n/vi.ts';
import { ApiError } from './api-error.ts';

/*
 * The client is typed from the route table in @caitien/shared (CONVENTIONS.md §5): params and
 * query are the *input* types of the route's zod schemas, the result is the *output* type of its
 * 200 response schema. Only types are imported, so neither zod nor the schemas reach the bundle;
 * the method and path of each route the web uses are repeated below and checked against the
 * table's literal types, so a renamed path fails `tsc` instead of failing at run time.
 */

type RouteTable = typeof routes;

/** Every route name of the contract. */
export type RouteName = keyof RouteTable;

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** Path parameters of a route (`never` when it has none). */
export type RouteParams<N extends RouteName> = RouteTable[N] extends { params: infer S } ? InputOf<S> : never;

/** Query-string of a route, as sent (`never` when it has none). */
export type RouteQuery<N extends RouteName> = RouteTable[N] extends { querystring: infer S } ? InputOf<S> : never;

/** The body a route answers with on success (HTTP 200), as serialised by the server. */
export type RouteResponse<N extends RouteName> = RouteTable[N]['response'] extends { 200: infer S extends z.ZodType }
  ? z.output<S>
  : never;

type Endpoint<N extends RouteName> = { method: RouteTable[N]['method']; path: RouteTable[N]['path'] };

/** Method and path of the routes this app calls, checked against the route table. */
const endpoints = {
  health: { method: 'GET', path: '/healthz' },
  ready: { method: 'GET', path: '/readyz' },
  listFrameworks: { method: 'GET', path: '/api/frameworks' },
  getFramework: { method: 'GET', path: '/api/frameworks/:id' },
} as const satisfies { [N in RouteName]?: Endpoint<N> };

/** Routes the web client can call. */
export type ClientRouteName = keyof typeof endpoints;

/** What a call needs: `params` when the path has parameters, `query` when the route takes one. */
export type RequestOptions<N extends ClientRouteName> = ([RouteParams<N>] extends [never]
  ? { params?: undefined }
  : { params: RouteParams<N> }) &
  ([RouteQuery<N>] extends [never] ? { query?: undefined } : { query?: RouteQuery<N> }) & {
    signal?: AbortSignal;
  };

/** Fills `:name` segments of a route path with URL-encoded values. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_segment, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** Serialises a query object, leaving out undefined values; returns "" or "?a=b". */
export function buildQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/**
 * Calls one route of the contract on the same origin and returns its typed 200 body.
 * Throws {@link ApiError} carrying the API's Vietnamese message on any failure.
 */
export async function apiRequest<N extends ClientRouteName>(
  name: N,
  options: RequestOptions<N>,
): Promise<RouteResponse<N>> {
  const endpoint: { method: string; path: string } = endpoints[name];
  const url =
    buildPath(endpoint.path, options.params as Record<string, unknown> | undefined) +
    buildQueryString(options.query as Record<string, unknown> | undefined);

  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers: { accept: 'application/json' },
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: vi.errors.network, cause });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new ApiError({
      code: 'BAD_RESPONSE',
      status: response.status,
      message: vi.errors.badResponse(response.status),
      cause,
    });
  }

  if (!response.ok) {
    if (isErrorResponse(body)) {
      throw new ApiError({
        code: body.error.code,
        status: response.status,
        message: body.error.message,
        requestId: body.requestId,
        details: body.error.details,
      });
    }
    throw new ApiError({ code: 'BAD_RESPONSE', status: response.status, message: vi.errors.badResponse(response.status) });
  }
  return body as RouteResponse<N>;
}
