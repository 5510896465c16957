export {
  ApiError,
  conflictCurrentOf,
  errorMessageOf,
  fieldErrorsOf,
  forbiddenReason,
  isAccessDenied,
  isConflict,
  isUnauthenticated,
} from './api-error.ts';
export type { ClientErrorCode } from './api-error.ts';
export { apiRequest, configureSession, routeUrl } from './http-client.ts';
export type {
  ClientRouteName,
  RequestOptions,
  RouteBody,
  RouteName,
  RouteParams,
  RouteQuery,
  RouteResponse,
  SessionHooks,
} from './http-client.ts';
export { queryKeys } from './query-keys.ts';
