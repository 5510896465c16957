export { ApiError, errorMessageOf } from './api-error.ts';
export type { ClientErrorCode } from './api-error.ts';
export { apiRequest } from './http-client.ts';
export type { ClientRouteName, RequestOptions, RouteName, RouteParams, RouteQuery, RouteResponse } from './http-client.ts';
export { queryKeys } from './query-keys.ts';
