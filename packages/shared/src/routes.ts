import { z } from 'zod';
import {
  changePasswordBodySchema,
  loginBodySchema,
  okSchema,
  resetPasswordWithTokenBodySchema,
  sessionListSchema,
  sessionParamsSchema,
  sessionResponseSchema,
  setupBodySchema,
  setupStatusSchema,
} from './auth.schemas.ts';
import { auditListSchema, auditQuerySchema } from './audit.schemas.ts';
import { schoolParamsSchema } from './common.schemas.ts';
import {
  carryOverBodySchema,
  createFocusIssueBodySchema,
  createPlanBodySchema,
  planFocusIssueParamsSchema,
  planReviewParamsSchema,
  updateFocusIssueBodySchema,
  updateReviewBodySchema,
  createRowBodySchema,
  lifecycleBodySchema,
  planChecksSchema,
  planDetailSchema,
  planDocumentQuerySchema,
  planListQuerySchema,
  planListSchema,
  planParamsSchema,
  planRowParamsSchema,
  planRowSchema,
  reorderRowsBodySchema,
  revisionBodySchema,
  updatePlanBodySchema,
  updateRowBodySchema,
} from './plans.schemas.ts';
import { errorResponseSchema } from './errors.ts';
import { importPlanJsonBodySchema, planInterchangeSchema } from './interchange.schemas.ts';
import {
  appendPlanRowsBodySchema,
  planImportPreviewSchema,
  planImportQuerySchema,
} from './plan-import.schemas.ts';
import {
  frameworkDetailQuerySchema,
  frameworkDetailSchema,
  frameworkParamsSchema,
  listFrameworksQuerySchema,
  listFrameworksResponseSchema,
} from './frameworks.schemas.ts';
import { healthResponseSchema, readyResponseSchema } from './health.schemas.ts';
import {
  createGroupBodySchema,
  createPersonBodySchema,
  groupListSchema,
  groupParamsSchema,
  groupSchema,
  personListSchema,
  personParamsSchema,
  personSchema,
  staffImportQuerySchema,
  staffImportResultSchema,
  updateGroupBodySchema,
  updatePersonBodySchema,
} from './people.schemas.ts';
import {
  createUnitBodySchema,
  schoolProfileSchema,
  unitListSchema,
  unitParamsSchema,
  unitSchema,
  updateSchoolProfileBodySchema,
  updateUnitBodySchema,
} from './units.schemas.ts';
import {
  createUserBodySchema,
  createUserResponseSchema,
  passwordResetBodySchema,
  passwordResetResponseSchema,
  updateUserBodySchema,
  userAccountSchema,
  userListQuerySchema,
  userListSchema,
  userParamsSchema,
} from './users.schemas.ts';

/**
 * How a route is reached: `public` needs no session; `session` needs a signed-in user (and, for
 * state-changing methods, the CSRF header); `setup` is public only while no account exists.
 */
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
  /** Request body types other than JSON (raw uploads), with the size limit in bytes. */
  upload?: { contentTypes: string[]; maxBytes: number };
}

/** The error answers every signed-in route may give. */
const sessionErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const;
const writeErrors = { ...sessionErrors, 409: errorResponseSchema } as const;

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

  // ——— First run and sign-in (public) ———
  setupStatus: defineRoute({
    method: 'GET',
    path: '/api/setup',
    summary: 'Whether the first administrator still has to be created',
    tags: ['auth'],
    access: 'public',
    response: { 200: setupStatusSchema },
  }),
  setup: defineRoute({
    method: 'POST',
    path: '/api/setup',
    summary: 'First run: create the first administrator (only while no account exists) and sign in',
    tags: ['auth'],
    access: 'public',
    body: setupBodySchema,
    response: { 200: sessionResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
  }),
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in with username or e-mail and password',
    tags: ['auth'],
    access: 'public',
    body: loginBodySchema,
    response: {
      200: sessionResponseSchema,
      400: errorResponseSchema,
      401: errorResponseSchema,
      429: errorResponseSchema,
    },
  }),
  resetPasswordWithToken: defineRoute({
    method: 'POST',
    path: '/api/auth/reset-password',
    summary: 'Set a new password with a one-time reset link token',
    tags: ['auth'],
    access: 'public',
    body: resetPasswordWithTokenBodySchema,
    response: { 200: okSchema, 400: errorResponseSchema, 429: errorResponseSchema },
  }),

  // ——— Own account ———
  me: defineRoute({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user, roles and CSRF token',
    tags: ['auth'],
    access: 'session',
    response: { 200: sessionResponseSchema, 401: errorResponseSchema },
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Sign out of this session',
    tags: ['auth'],
    access: 'session',
    response: { 200: okSchema, 401: errorResponseSchema, 403: errorResponseSchema },
  }),
  logoutEverywhere: defineRoute({
    method: 'POST',
    path: '/api/auth/logout-all',
    summary: 'Sign out of every session of this account',
    tags: ['auth'],
    access: 'session',
    response: { 200: okSchema, 401: errorResponseSchema, 403: errorResponseSchema },
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/change-password',
    summary: 'Change own password (other sessions are signed out)',
    tags: ['auth'],
    access: 'session',
    body: changePasswordBodySchema,
    response: { 200: okSchema, ...sessionErrors },
  }),
  listSessions: defineRoute({
    method: 'GET',
    path: '/api/auth/sessions',
    summary: 'Active sessions of this account',
    tags: ['auth'],
    access: 'session',
    response: { 200: sessionListSchema, 401: errorResponseSchema },
  }),
  revokeSession: defineRoute({
    method: 'DELETE',
    path: '/api/auth/sessions/:sessionId',
    summary: 'Sign out one session of this account',
    tags: ['auth'],
    access: 'session',
    params: sessionParamsSchema,
    response: { 200: okSchema, ...sessionErrors },
  }),

  // ——— Units and schools ———
  listUnits: defineRoute({
    method: 'GET',
    path: '/api/units',
    summary: 'Units the user can see (the whole tree for the administrator)',
    tags: ['units'],
    access: 'session',
    response: { 200: unitListSchema, 401: errorResponseSchema },
  }),
  createUnit: defineRoute({
    method: 'POST',
    path: '/api/units',
    summary: 'Create a unit (administrator)',
    tags: ['units'],
    access: 'session',
    body: createUnitBodySchema,
    response: { 200: unitSchema, ...writeErrors },
  }),
  getUnit: defineRoute({
    method: 'GET',
    path: '/api/units/:unitId',
    summary: 'One unit',
    tags: ['units'],
    access: 'session',
    params: unitParamsSchema,
    response: { 200: unitSchema, ...sessionErrors },
  }),
  updateUnit: defineRoute({
    method: 'PATCH',
    path: '/api/units/:unitId',
    summary: 'Rename or move a unit (administrator)',
    tags: ['units'],
    access: 'session',
    params: unitParamsSchema,
    body: updateUnitBodySchema,
    response: { 200: unitSchema, ...writeErrors },
  }),
  deleteUnit: defineRoute({
    method: 'DELETE',
    path: '/api/units/:unitId',
    summary: 'Delete an empty unit (administrator)',
    tags: ['units'],
    access: 'session',
    params: unitParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  getSchoolProfile: defineRoute({
    method: 'GET',
    path: '/api/schools/:schoolId/profile',
    summary: 'The school profile (header lines, levels, place name, document symbol, sites)',
    tags: ['schools'],
    access: 'session',
    params: schoolParamsSchema,
    response: { 200: schoolProfileSchema, ...sessionErrors },
  }),
  updateSchoolProfile: defineRoute({
    method: 'PUT',
    path: '/api/schools/:schoolId/profile',
    summary: 'Update the school profile',
    tags: ['schools'],
    access: 'session',
    params: schoolParamsSchema,
    body: updateSchoolProfileBodySchema,
    response: { 200: schoolProfileSchema, ...writeErrors },
  }),

  // ——— People directory ———
  listPeople: defineRoute({
    method: 'GET',
    path: '/api/schools/:schoolId/people',
    summary: 'People of the school, sorted by given name',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    response: { 200: personListSchema, ...sessionErrors },
  }),
  createPerson: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/people',
    summary: 'Add a person',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    body: createPersonBodySchema,
    response: { 200: personSchema, ...writeErrors },
  }),
  updatePerson: defineRoute({
    method: 'PATCH',
    path: '/api/schools/:schoolId/people/:personId',
    summary: 'Change a person',
    tags: ['people'],
    access: 'session',
    params: personParamsSchema,
    body: updatePersonBodySchema,
    response: { 200: personSchema, ...writeErrors },
  }),
  deletePerson: defineRoute({
    method: 'DELETE',
    path: '/api/schools/:schoolId/people/:personId',
    summary: 'Remove a person (and their group memberships)',
    tags: ['people'],
    access: 'session',
    params: personParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  importPeople: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/people/import',
    summary: 'Import the staff list from an .xlsx file (dryRun=true previews, false creates)',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    querystring: staffImportQuerySchema,
    upload: {
      contentTypes: [
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/octet-stream',
      ],
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      200: staffImportResultSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  downloadStaffTemplate: defineRoute({
    method: 'GET',
    path: '/api/schools/:schoolId/people/import-template',
    summary: 'The staff-list Excel template (.xlsx) that the import reads',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    // 200 is the .xlsx file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
  listGroups: defineRoute({
    method: 'GET',
    path: '/api/schools/:schoolId/groups',
    summary: 'Groups of the school with their members',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    response: { 200: groupListSchema, ...sessionErrors },
  }),
  createGroup: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/groups',
    summary: 'Create a group (e.g. the Hội đồng tự đánh giá)',
    tags: ['people'],
    access: 'session',
    params: schoolParamsSchema,
    body: createGroupBodySchema,
    response: { 200: groupSchema, ...writeErrors },
  }),
  updateGroup: defineRoute({
    method: 'PATCH',
    path: '/api/schools/:schoolId/groups/:groupId',
    summary: 'Rename a group or set its members',
    tags: ['people'],
    access: 'session',
    params: groupParamsSchema,
    body: updateGroupBodySchema,
    response: { 200: groupSchema, ...writeErrors },
  }),
  deleteGroup: defineRoute({
    method: 'DELETE',
    path: '/api/schools/:schoolId/groups/:groupId',
    summary: 'Delete a group',
    tags: ['people'],
    access: 'session',
    params: groupParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),

  // ——— Accounts ———
  listUsers: defineRoute({
    method: 'GET',
    path: '/api/users',
    summary:
      'Accounts the user may manage (all for the administrator; the school’s for a principal)',
    tags: ['users'],
    access: 'session',
    querystring: userListQuerySchema,
    response: { 200: userListSchema, ...sessionErrors },
  }),
  createUser: defineRoute({
    method: 'POST',
    path: '/api/users',
    summary: 'Create an account with roles; answers a temporary password to hand over',
    tags: ['users'],
    access: 'session',
    body: createUserBodySchema,
    response: { 200: createUserResponseSchema, ...writeErrors },
  }),
  getUser: defineRoute({
    method: 'GET',
    path: '/api/users/:userId',
    summary: 'One account',
    tags: ['users'],
    access: 'session',
    params: userParamsSchema,
    response: { 200: userAccountSchema, ...sessionErrors },
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    path: '/api/users/:userId',
    summary: 'Change an account: name, e-mail, person, roles, disabled',
    tags: ['users'],
    access: 'session',
    params: userParamsSchema,
    body: updateUserBodySchema,
    response: { 200: userAccountSchema, ...writeErrors },
  }),
  resetUserPassword: defineRoute({
    method: 'POST',
    path: '/api/users/:userId/password-reset',
    summary: 'Reset a password: a temporary password (forced change) or a one-time link',
    tags: ['users'],
    access: 'session',
    params: userParamsSchema,
    body: passwordResetBodySchema,
    response: { 200: passwordResetResponseSchema, ...writeErrors },
  }),

  // ——— Audit ———
  listAudit: defineRoute({
    method: 'GET',
    path: '/api/audit',
    summary: 'Audit log: the administrator sees everything; a principal the school',
    tags: ['audit'],
    access: 'session',
    querystring: auditQuerySchema,
    response: { 200: auditListSchema, ...sessionErrors },
  }),

  // ——— Improvement plans ———
  listPlans: defineRoute({
    method: 'GET',
    path: '/api/schools/:schoolId/plans',
    summary: 'Plans of a school (all revisions), newest school year first',
    tags: ['plans'],
    access: 'session',
    params: schoolParamsSchema,
    querystring: planListQuerySchema,
    response: { 200: planListSchema, ...sessionErrors },
  }),
  createPlan: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/plans',
    summary:
      'Create the plan of a school year (framework by level and year; override with a reason)',
    tags: ['plans'],
    access: 'session',
    params: schoolParamsSchema,
    body: createPlanBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  getPlan: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId',
    summary: 'A whole plan with its rows and their parsed fields (with an ETag)',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    response: {
      200: planDetailSchema,
      304: z.null().describe('Not modified: the ETag sent in If-None-Match is current'),
      ...sessionErrors,
    },
  }),
  updatePlan: defineRoute({
    method: 'PATCH',
    path: '/api/plans/:planId',
    summary: 'Change the header, sections, layout or hidden columns',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: updatePlanBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  addPlanRow: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/rows',
    summary: 'Add a row (at the end or after a row)',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: createRowBodySchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  updatePlanRow: defineRoute({
    method: 'PATCH',
    path: '/api/plans/:planId/rows/:rowId',
    summary:
      'Save changed cells of a row (409 with the current row when one of them changed meanwhile)',
    tags: ['plans'],
    access: 'session',
    params: planRowParamsSchema,
    body: updateRowBodySchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  deletePlanRow: defineRoute({
    method: 'DELETE',
    path: '/api/plans/:planId/rows/:rowId',
    summary: 'Delete a row',
    tags: ['plans'],
    access: 'session',
    params: planRowParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  duplicatePlanRow: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/rows/:rowId/duplicate',
    summary: 'Duplicate a row below itself',
    tags: ['plans'],
    access: 'session',
    params: planRowParamsSchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  reorderPlanRows: defineRoute({
    method: 'PUT',
    path: '/api/plans/:planId/row-order',
    summary: 'Reorder all rows',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: reorderRowsBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  checkPlan: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId/checks',
    summary: 'Kiểm tra kế hoạch: findings with severity and row, budget totals by source',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    response: { 200: planChecksSchema, ...sessionErrors },
  }),
  submitPlan: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/submit',
    summary: 'Submit (trình) a draft to the principal',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: lifecycleBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  approvePlan: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/approve',
    summary: 'Approve (principal): freezes an immutable snapshot with its content hash',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: lifecycleBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  verifyPlan: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId/integrity',
    summary: 'Compare an approved plan with its snapshot hash (detects direct database edits)',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    response: {
      200: z.object({
        status: z.enum(['not_approved', 'intact', 'tampered']),
        details: z.array(z.string()),
      }),
      ...sessionErrors,
    },
  }),
  createRevision: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/revisions',
    summary: 'Create a revision (điều chỉnh, bổ sung) of an approved plan',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: revisionBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  listRevisions: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId/revisions',
    summary: 'The revisions of a plan, oldest first',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    response: {
      200: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            revisionNumber: z.number().int(),
            status: z.enum(['draft', 'submitted', 'approved']),
            approvedAt: z.string().nullable(),
            updatedAt: z.string(),
          }),
        ),
      }),
      ...sessionErrors,
    },
  }),
  carryOverPlan: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/carry-over',
    summary:
      'Create next year’s plan from this one: unfinished rows come across linked to their origin',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: carryOverBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  updatePlanReview: defineRoute({
    method: 'PATCH',
    path: '/api/plans/:planId/reviews/:reviewId',
    summary:
      'Record a review round (mục VI); also after approval, by the monitoring team or principal',
    tags: ['plans'],
    access: 'session',
    params: planReviewParamsSchema,
    body: updateReviewBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  addFocusIssue: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/focus-issues',
    summary: 'Add a focus issue (mục IV)',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: createFocusIssueBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  updateFocusIssue: defineRoute({
    method: 'PATCH',
    path: '/api/plans/:planId/focus-issues/:issueId',
    summary: 'Change a focus issue (mục IV)',
    tags: ['plans'],
    access: 'session',
    params: planFocusIssueParamsSchema,
    body: updateFocusIssueBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  deleteFocusIssue: defineRoute({
    method: 'DELETE',
    path: '/api/plans/:planId/focus-issues/:issueId',
    summary: 'Remove a focus issue (mục IV)',
    tags: ['plans'],
    access: 'session',
    params: planFocusIssueParamsSchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  exportPlanJson: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId/export.json',
    summary: 'The plan in the interchange JSON format (formatVersion 1)',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    response: { 200: planInterchangeSchema, ...sessionErrors },
  }),
  downloadPlanDocument: defineRoute({
    method: 'GET',
    path: '/api/plans/:planId/document',
    summary:
      'The official plan document: DOCX (NĐ 30/2020 layout A, B or Biểu 2), XLSX, or PDF via LibreOffice',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    querystring: planDocumentQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors, 503: errorResponseSchema },
  }),
  previewPlanImport: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/plans/import-file',
    summary:
      'Read a Word (.docx) or Excel (.xlsx) plan, or a table pasted as text/plain, and answer what was understood (nothing is written)',
    tags: ['plans'],
    access: 'session',
    params: schoolParamsSchema,
    querystring: planImportQuerySchema,
    upload: {
      contentTypes: [
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/octet-stream',
        'text/plain',
      ],
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      200: planImportPreviewSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  appendPlanRows: defineRoute({
    method: 'POST',
    path: '/api/plans/:planId/rows/import',
    summary: 'Add imported rows (texts kept, cells parsed again) at the end of a draft plan',
    tags: ['plans'],
    access: 'session',
    params: planParamsSchema,
    body: appendPlanRowsBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  importPlanJson: defineRoute({
    method: 'POST',
    path: '/api/schools/:schoolId/plans/import-json',
    summary:
      'Create a draft plan from interchange JSON (texts kept; time, budget, people parsed again)',
    tags: ['plans'],
    access: 'session',
    params: schoolParamsSchema,
    body: importPlanJsonBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
} as const;

/** Route names. */
export type RouteName = keyof typeof routes;
