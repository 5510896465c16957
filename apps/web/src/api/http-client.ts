import type { ErrorResponse, routes } from '@caitien/shared';
import { routePaths, type RouteName, type RoutePath } from '@caitien/shared/route-paths';
import type { z } from 'zod';
import { vi } from '../i18n/vi.ts';
import { ApiError, forbiddenReason } from './api-error.ts';

/*
 * The client is typed from the route table in @caitien/shared (CONVENTIONS.md §5): params and
 * query are the *input* types of the route's zod schemas, the result is the *output* type of its
 * 200 response schema. Those are type-only imports; at run time the client reads method, path and
 * access from `@caitien/shared/route-paths`, the zod-free list the route table itself is built
 * from, so neither zod nor the schemas reach the bundle and no path is written twice.
 */
type RouteTable = typeof routes;

/** Every route name of the contract. */
export type { RouteName };

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** Path parameters of a route (`never` when it has none). */
export type RouteParams<N extends RouteName> = RouteTable[N] extends { params: infer S }
  ? InputOf<S>
  : never;

/** Query-string of a route, as sent (`never` when it has none). */
export type RouteQuery<N extends RouteName> = RouteTable[N] extends { querystring: infer S }
  ? InputOf<S>
  : never;

/** JSON body of a route, as sent (`never` when it takes none). */
export type RouteBody<N extends RouteName> = RouteTable[N] extends { body: infer S }
  ? InputOf<S>
  : never;

/**
 * The body a route answers with on success (HTTP 200, or 202 for work accepted into the job
 * queue), as serialised by the server.
 */
export type RouteResponse<N extends RouteName> = RouteTable[N]['response'] extends {
  200: infer S extends z.ZodType;
}
  ? z.output<S>
  : RouteTable[N]['response'] extends { 202: infer S extends z.ZodType }
    ? z.output<S>
    : never;

/** Routes the web client can call: every route of the contract. */
export type ClientRouteName = RouteName;

/** What a call needs: `params` when the path has parameters, `query` and `body` when the route takes them. */
export type RequestOptions<N extends ClientRouteName> = ([RouteParams<N>] extends [never]
  ? { params?: undefined }
  : { params: RouteParams<N> }) &
  ([RouteQuery<N>] extends [never] ? { query?: undefined } : { query?: RouteQuery<N> }) &
  ([RouteBody<N>] extends [never] ? { body?: undefined } : { body: RouteBody<N> }) & {
    /** Raw bytes instead of a JSON body, for upload routes (the staff-list .xlsx). */
    upload?: { data: Blob | ArrayBuffer; contentType: string };
    /** Extra headers. The session's `x-csrf-token` is added by the client itself. */
    headers?: Record<string, string>;
    signal?: AbortSignal;
    /**
     * Do not ask the user to sign in again on a 401 (the session probe `me`, sign-out): the caller
     * handles "not signed in" itself.
     */
    skipSignInPrompt?: boolean;
  };

/** Fills `:name` segments of a route path with URL-encoded values. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_segment, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null)
      throw new Error(`Missing path parameter "${name}" for ${path}`);
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

/**
 * The address of a route, for links the browser follows itself (downloads, the print view): the
 * path of the route table filled with `params`, then `query`.
 */
export function routeUrl<N extends RouteName>(
  name: N,
  options: Pick<RequestOptions<N>, 'params' | 'query'>,
): string {
  return (
    buildPath(routePaths[name].path, options.params as Record<string, unknown> | undefined) +
    buildQueryString(options.query as Record<string, unknown> | undefined)
  );
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** How the client takes part in the session (set once by the app; tests may leave it unset). */
export interface SessionHooks {
  /** The CSRF token of the current session, sent as `x-csrf-token` on state-changing requests. */
  getCsrfToken(): string | null;
  /**
   * Asks the user to sign in again (a dialog over the current screen); resolves true once they
   * did, false when they gave up. Concurrent 401s share one prompt.
   */
  requestSignIn(): Promise<boolean>;
  /** Fetches a fresh CSRF token (after a 403 "csrf": the session was replaced in another tab). */
  refreshCsrfToken(): Promise<void>;
  /** The server refuses everything until the temporary password is changed. */
  onPasswordChangeRequired(): void;
}

let sessionHooks: SessionHooks | null = null;
let pendingSignIn: Promise<boolean> | null = null;

/** Connects the client to the app's session (CSRF token, sign-in prompt). */
export function configureSession(hooks: SessionHooks | null): void {
  sessionHooks = hooks;
  pendingSignIn = null;
}

function promptSignIn(hooks: SessionHooks): Promise<boolean> {
  pendingSignIn ??= hooks.requestSignIn().finally(() => {
    pendingSignIn = null;
  });
  return pendingSignIn;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls one route of the contract on the same origin and returns its typed 200 body.
 * Throws {@link ApiError} carrying the API's Vietnamese message on any failure.
 *
 * On a signed-in route, state-changing requests carry the session's CSRF token; a 401 asks the
 * user to sign in again over the current screen and then repeats the request (so nothing typed is
 * lost); a 403 "csrf" fetches a fresh token and repeats it once.
 */
export async function apiRequest<N extends ClientRouteName>(
  name: N,
  options: RequestOptions<N>,
): Promise<RouteResponse<N>> {
  const endpoint: RoutePath = routePaths[name];
  const hooks = sessionHooks;
  try {
    return await sendOnce<N>(endpoint, options);
  } catch (error) {
    if (!(error instanceof ApiError) || endpoint.access !== 'session' || !hooks) throw error;
    if (error.status === 401 && !options.skipSignInPrompt) {
      if (options.signal?.aborted) throw error;
      if (await promptSignIn(hooks)) return sendOnce<N>(endpoint, options);
      throw error;
    }
    const reason = forbiddenReason(error);
    if (reason === 'csrf' && STATE_CHANGING.has(endpoint.method)) {
      await hooks.refreshCsrfToken();
      return sendOnce<N>(endpoint, options);
    }
    if (reason === 'password_change_required') hooks.onPasswordChangeRequired();
    throw error;
  }
}

async function sendOnce<N extends ClientRouteName>(
  endpoint: RoutePath,
  options: RequestOptions<N>,
): Promise<RouteResponse<N>> {
  const url =
    buildPath(endpoint.path, options.params as Record<string, unknown> | undefined) +
    buildQueryString(options.query as Record<string, unknown> | undefined);
  const csrfToken =
    endpoint.access === 'session' && STATE_CHANGING.has(endpoint.method)
      ? (sessionHooks?.getCsrfToken() ?? null)
      : null;

  let response: Response;
  try {
    const hasBody = options.body !== undefined;
    const upload = options.upload;
    response = await fetch(url, {
      method: endpoint.method,
      headers: {
        accept: 'application/json',
        ...(upload ? { 'content-type': upload.contentType } : {}),
        ...(hasBody && !upload ? { 'content-type': 'application/json' } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...options.headers,
      },
      body: upload ? upload.data : hasBody ? JSON.stringify(options.body) : null,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: vi.errors.network, cause });
  }

  let body: unknown;
  try {
    const text = response.status === 204 ? '' : await response.text();
    body = text === '' ? undefined : JSON.parse(text);
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
    throw new ApiError({
      code: 'BAD_RESPONSE',
      status: response.status,
      message: vi.errors.badResponse(response.status),
    });
  }
  return body as RouteResponse<N>;
}
