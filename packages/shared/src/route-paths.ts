/*
 * The HTTP shape of every API route — name, method, path and who may call it — without zod, so the
 * web client can import it at run time and keep zod and the schemas out of its bundle. The route
 * table (`routes.ts`) builds each entry from the one here and adds the schemas; nothing else keeps
 * a method or a path (ARCHITECTURE.md "The route table is the contract").
 *
 * This module imports nothing: the web reaches it as `@caitien/shared/route-paths`.
 */

/**
 * How a route is reached: `public` needs no session; `session` needs a signed-in user (and, for
 * state-changing methods, the CSRF header).
 */
export type RouteAccess = 'public' | 'session';

/** HTTP methods the API uses. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Method, path (Fastify syntax, `:name` parameters) and access of one route. */
export interface RoutePath {
  method: RouteMethod;
  path: string;
  access: RouteAccess;
}

/** Every API route by name: the single list of methods and paths. */
export const routePaths = {
  health: { method: 'GET', path: '/healthz', access: 'public' },
  ready: { method: 'GET', path: '/readyz', access: 'public' },
  listFrameworks: { method: 'GET', path: '/api/frameworks', access: 'public' },
  getFramework: { method: 'GET', path: '/api/frameworks/:id', access: 'public' },
  setupStatus: { method: 'GET', path: '/api/setup', access: 'public' },
  setup: { method: 'POST', path: '/api/setup', access: 'public' },
  login: { method: 'POST', path: '/api/auth/login', access: 'public' },
  resetPasswordWithToken: { method: 'POST', path: '/api/auth/reset-password', access: 'public' },
  me: { method: 'GET', path: '/api/auth/me', access: 'session' },
  logout: { method: 'POST', path: '/api/auth/logout', access: 'session' },
  logoutEverywhere: { method: 'POST', path: '/api/auth/logout-all', access: 'session' },
  changePassword: { method: 'POST', path: '/api/auth/change-password', access: 'session' },
  listSessions: { method: 'GET', path: '/api/auth/sessions', access: 'session' },
  revokeSession: { method: 'DELETE', path: '/api/auth/sessions/:sessionId', access: 'session' },
  listUnits: { method: 'GET', path: '/api/units', access: 'session' },
  createUnit: { method: 'POST', path: '/api/units', access: 'session' },
  getUnit: { method: 'GET', path: '/api/units/:unitId', access: 'session' },
  updateUnit: { method: 'PATCH', path: '/api/units/:unitId', access: 'session' },
  deleteUnit: { method: 'DELETE', path: '/api/units/:unitId', access: 'session' },
  getSchoolProfile: { method: 'GET', path: '/api/schools/:schoolId/profile', access: 'session' },
  updateSchoolProfile: { method: 'PUT', path: '/api/schools/:schoolId/profile', access: 'session' },
  listPeople: { method: 'GET', path: '/api/schools/:schoolId/people', access: 'session' },
  createPerson: { method: 'POST', path: '/api/schools/:schoolId/people', access: 'session' },
  updatePerson: {
    method: 'PATCH',
    path: '/api/schools/:schoolId/people/:personId',
    access: 'session',
  },
  deletePerson: {
    method: 'DELETE',
    path: '/api/schools/:schoolId/people/:personId',
    access: 'session',
  },
  importPeople: { method: 'POST', path: '/api/schools/:schoolId/people/import', access: 'session' },
  downloadStaffTemplate: {
    method: 'GET',
    path: '/api/schools/:schoolId/people/import-template',
    access: 'session',
  },
  listGroups: { method: 'GET', path: '/api/schools/:schoolId/groups', access: 'session' },
  createGroup: { method: 'POST', path: '/api/schools/:schoolId/groups', access: 'session' },
  updateGroup: {
    method: 'PATCH',
    path: '/api/schools/:schoolId/groups/:groupId',
    access: 'session',
  },
  deleteGroup: {
    method: 'DELETE',
    path: '/api/schools/:schoolId/groups/:groupId',
    access: 'session',
  },
  listUsers: { method: 'GET', path: '/api/users', access: 'session' },
  createUser: { method: 'POST', path: '/api/users', access: 'session' },
  getUser: { method: 'GET', path: '/api/users/:userId', access: 'session' },
  updateUser: { method: 'PATCH', path: '/api/users/:userId', access: 'session' },
  resetUserPassword: {
    method: 'POST',
    path: '/api/users/:userId/password-reset',
    access: 'session',
  },
  listAudit: { method: 'GET', path: '/api/audit', access: 'session' },
  listPlans: { method: 'GET', path: '/api/schools/:schoolId/plans', access: 'session' },
  createPlan: { method: 'POST', path: '/api/schools/:schoolId/plans', access: 'session' },
  getPlan: { method: 'GET', path: '/api/plans/:planId', access: 'session' },
  updatePlan: { method: 'PATCH', path: '/api/plans/:planId', access: 'session' },
  addPlanRow: { method: 'POST', path: '/api/plans/:planId/rows', access: 'session' },
  updatePlanRow: { method: 'PATCH', path: '/api/plans/:planId/rows/:rowId', access: 'session' },
  deletePlanRow: { method: 'DELETE', path: '/api/plans/:planId/rows/:rowId', access: 'session' },
  duplicatePlanRow: {
    method: 'POST',
    path: '/api/plans/:planId/rows/:rowId/duplicate',
    access: 'session',
  },
  reorderPlanRows: { method: 'PUT', path: '/api/plans/:planId/row-order', access: 'session' },
  checkPlan: { method: 'GET', path: '/api/plans/:planId/checks', access: 'session' },
  submitPlan: { method: 'POST', path: '/api/plans/:planId/submit', access: 'session' },
  approvePlan: { method: 'POST', path: '/api/plans/:planId/approve', access: 'session' },
  verifyPlan: { method: 'GET', path: '/api/plans/:planId/integrity', access: 'session' },
  createRevision: { method: 'POST', path: '/api/plans/:planId/revisions', access: 'session' },
  listRevisions: { method: 'GET', path: '/api/plans/:planId/revisions', access: 'session' },
  carryOverPlan: { method: 'POST', path: '/api/plans/:planId/carry-over', access: 'session' },
  updatePlanReview: {
    method: 'PATCH',
    path: '/api/plans/:planId/reviews/:reviewId',
    access: 'session',
  },
  addFocusIssue: { method: 'POST', path: '/api/plans/:planId/focus-issues', access: 'session' },
  updateFocusIssue: {
    method: 'PATCH',
    path: '/api/plans/:planId/focus-issues/:issueId',
    access: 'session',
  },
  deleteFocusIssue: {
    method: 'DELETE',
    path: '/api/plans/:planId/focus-issues/:issueId',
    access: 'session',
  },
  exportPlanJson: { method: 'GET', path: '/api/plans/:planId/export.json', access: 'session' },
  downloadPlanDocument: { method: 'GET', path: '/api/plans/:planId/document', access: 'session' },
  previewPlanImport: {
    method: 'POST',
    path: '/api/schools/:schoolId/plans/import-file',
    access: 'session',
  },
  appendPlanRows: { method: 'POST', path: '/api/plans/:planId/rows/import', access: 'session' },
  importPlanJson: {
    method: 'POST',
    path: '/api/schools/:schoolId/plans/import-json',
    access: 'session',
  },
} as const satisfies Record<string, RoutePath>;

/** Route names. */
export type RouteName = keyof typeof routePaths;
