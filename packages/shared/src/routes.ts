import { PLAN_STATUSES } from '@caitien/core';
import { z } from 'zod';
import { MEDIA_TYPES } from './media-types.ts';
import {
  commentDocumentParamsSchema,
  commentThreadListSchema,
  commentThreadParamsSchema,
  commentThreadSchema,
  createCommentThreadBodySchema,
  replyCommentThreadBodySchema,
  updateCommentThreadBodySchema,
} from './comments.schemas.ts';
import { routePaths, type RouteName, type RoutePath } from './route-paths.ts';
import {
  jobParamsSchema,
  jobStatusSchema,
  plannedJobSchema,
  requestPlanExportBodySchema,
} from './jobs.schemas.ts';
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
import {
  assessmentCriterionParamsSchema,
  assessmentDetailSchema,
  assessmentIntegritySchema,
  assessmentLevel4ParamsSchema,
  assessmentLevel4Schema,
  assessmentLifecycleBodySchema,
  assessmentListQuerySchema,
  assessmentListSchema,
  assessmentParamsSchema,
  assessmentResultsSchema,
  assessmentRevisionBodySchema,
  assessmentRevisionListSchema,
  assessmentStandardParamsSchema,
  assessmentStandardSchema,
  assessmentCriterionSchema,
  createAssessmentBodySchema,
  createAssessmentResponseSchema,
  criterionHistorySchema,
  planAssessmentBasisSchema,
  proposePlanRowsBodySchema,
  proposePlanRowsResponseSchema,
  updateCouncilBodySchema,
  updateCriterionBodySchema,
  updateLevel4BodySchema,
  updateReportBodySchema,
  updateSettingsBodySchema,
  updateStandardBodySchema,
  updateWorkPlanBodySchema,
  whatIfBodySchema,
} from './assessments.schemas.ts';
import {
  assessmentInterchangeSchema,
  importAssessmentJsonBodySchema,
} from './assessment-interchange.schemas.ts';
import {
  addProgressBodySchema,
  closeYearBodySchema,
  createReviewRoundBodySchema,
  mailOutboxSchema,
  markNotificationsReadBodySchema,
  monitoringReportQuerySchema,
  myTasksQuerySchema,
  myTasksSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  planDashboardSchema,
  planProgressSchema,
  progressEntrySchema,
  progressEntryParamsSchema,
  progressFileParamsSchema,
  progressFileUploadQuerySchema,
  progressRowParamsSchema,
  reviewRoundDetailSchema,
  reviewRoundListSchema,
  reviewRoundParamsSchema,
  reviewRoundRowParamsSchema,
  rowProgressDetailSchema,
  saveReviewRoundRowBodySchema,
  updateNotificationPreferencesBodySchema,
  updateReviewRoundBodySchema,
  yearClosureSchema,
} from './monitoring.schemas.ts';
import { auditListSchema, auditQuerySchema } from './audit.schemas.ts';
import {
  acceptSubmissionBodySchema,
  lateSchoolsQuerySchema,
  lateSchoolsSchema,
  officeDeadlineListSchema,
  officeDeadlinesQuerySchema,
  officeInboxQuerySchema,
  officeInboxSchema,
  schoolSubmissionListSchema,
  schoolSubmissionsQuerySchema,
  sendSubmissionBodySchema,
  setOfficeDeadlineBodySchema,
  submissionParamsSchema,
  submissionRecipientParamsSchema,
  submissionSchema,
} from './submissions.schemas.ts';
import { schoolParamsSchema } from './common.schemas.ts';
import {
  carryOverBodySchema,
  carryOverResponseSchema,
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
import { assessmentDocumentQuerySchema } from './assessment-documents.schemas.ts';
import {
  evidenceAssessmentParamsSchema,
  citeEvidenceBodySchema,
  createEvidenceBodySchema,
  EVIDENCE_FILE_MAX_BYTES,
  EVIDENCE_FILE_MEDIA_TYPES,
  evidenceCitationParamsSchema,
  evidenceDocumentQuerySchema,
  evidenceFileParamsSchema,
  evidenceFileUploadQuerySchema,
  evidenceImportQuerySchema,
  evidenceImportResultSchema,
  evidenceItemSchema,
  evidenceListQuerySchema,
  evidenceListSchema,
  evidenceMentionsSchema,
  evidenceParamsSchema,
  renumberEvidenceBodySchema,
  renumberEvidenceResponseSchema,
  updateEvidenceBodySchema,
} from './evidence.schemas.ts';
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
  unitListQuerySchema,
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
import {
  planLibraryShareSchema,
  solutionParamsSchema,
  solutionSearchQuerySchema,
  solutionSearchResultSchema,
  updatePlanLibraryShareBodySchema,
  useSolutionBodySchema,
  useSolutionResultSchema,
} from './solution-library.schemas.ts';

import {
  planPublicationStateSchema,
  PUBLIC_VERIFY_MAX_BYTES,
  publicPlanDocumentQuerySchema,
  publicPlanPageSchema,
  publicSlugParamsSchema,
  publicVerifyResultSchema,
  publishPlanBodySchema,
} from './public-disclosure.schemas.ts';
import { rollupParamsSchema, rollupQuerySchema, rollupSchema } from './rollup.schemas.ts';
import {
  erasePersonalDataBodySchema,
  personalDataErasureSchema,
  personalDataExportSchema,
} from './personal-data.schemas.ts';

/**
 * One API route: its HTTP shape (from {@link routePaths}) and zod schemas. The server registers it;
 * the web client is typed by it.
 */
export interface RouteDefinition extends RoutePath {
  summary: string;
  tags: string[];
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

/** What a route-table entry adds to its zod-free entry in {@link routePaths}: schemas and docs. */
type RouteSchemas = Omit<RouteDefinition, keyof RoutePath>;

/**
 * Declares a route: method, path and access come from its entry in {@link routePaths} (the one
 * list the web client also reads), the schemas from here. Keeps the literal types of both.
 */
function defineRoute<const N extends RouteName, const T extends RouteSchemas>(
  name: N,
  route: T,
): (typeof routePaths)[N] & T {
  return { ...route, ...routePaths[name] };
}

/**
 * The route table: every API route with its schemas (permission matrix, OpenAPI and the client's
 * types come from it). It has exactly the names of {@link routePaths}: a route missing from either
 * list fails to compile.
 */
/**
 * What a plan file upload may be sent as (preview and background import): Word/Excel, their
 * 97–2003 forms, HTML saved as .doc, a PDF with a text layer (issue 16), a table pasted as text;
 * the server reads what the bytes are.
 */
const PLAN_UPLOAD_TYPES = [
  MEDIA_TYPES.docx,
  MEDIA_TYPES.xlsx,
  MEDIA_TYPES.doc,
  MEDIA_TYPES.xls,
  MEDIA_TYPES.html,
  MEDIA_TYPES.pdf,
  'application/octet-stream',
  'text/plain',
];

export const routes = {
  health: defineRoute('health', {
    summary: 'Process is up',
    tags: ['system'],
    response: { 200: healthResponseSchema },
  }),
  ready: defineRoute('ready', {
    summary: 'Database is reachable',
    tags: ['system'],
    response: { 200: readyResponseSchema, 503: errorResponseSchema },
  }),
  metrics: defineRoute('metrics', {
    summary:
      'Prometheus metrics (text exposition format): requests, latencies, job queue, database pool. ' +
      'With METRICS_TOKEN set, only for Authorization: Bearer <token>',
    tags: ['system'],
    // 200 is Prometheus text, not JSON.
    response: { 401: errorResponseSchema },
  }),
  listFrameworks: defineRoute('listFrameworks', {
    summary: 'Framework catalogue: every framework (current versions by default) with counts',
    tags: ['frameworks'],
    querystring: listFrameworksQuerySchema,
    response: { 200: listFrameworksResponseSchema, 400: errorResponseSchema },
  }),
  getFramework: defineRoute('getFramework', {
    summary: 'One framework version: standards → criteria → requirements by level',
    tags: ['frameworks'],
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
  setupStatus: defineRoute('setupStatus', {
    summary: 'Whether the first administrator still has to be created',
    tags: ['auth'],
    response: { 200: setupStatusSchema },
  }),
  setup: defineRoute('setup', {
    summary: 'First run: create the first administrator (only while no account exists) and sign in',
    tags: ['auth'],
    body: setupBodySchema,
    response: { 200: sessionResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
  }),
  login: defineRoute('login', {
    summary: 'Sign in with username or e-mail and password',
    tags: ['auth'],
    body: loginBodySchema,
    response: {
      200: sessionResponseSchema,
      400: errorResponseSchema,
      401: errorResponseSchema,
      429: errorResponseSchema,
    },
  }),
  resetPasswordWithToken: defineRoute('resetPasswordWithToken', {
    summary: 'Set a new password with a one-time reset link token',
    tags: ['auth'],
    body: resetPasswordWithTokenBodySchema,
    response: { 200: okSchema, 400: errorResponseSchema, 429: errorResponseSchema },
  }),

  // ——— Own account ———
  me: defineRoute('me', {
    summary: 'The signed-in user, roles and CSRF token',
    tags: ['auth'],
    response: { 200: sessionResponseSchema, 401: errorResponseSchema },
  }),
  logout: defineRoute('logout', {
    summary: 'Sign out of this session',
    tags: ['auth'],
    response: { 200: okSchema, 401: errorResponseSchema, 403: errorResponseSchema },
  }),
  logoutEverywhere: defineRoute('logoutEverywhere', {
    summary: 'Sign out of every session of this account',
    tags: ['auth'],
    response: { 200: okSchema, 401: errorResponseSchema, 403: errorResponseSchema },
  }),
  changePassword: defineRoute('changePassword', {
    summary: 'Change own password (other sessions are signed out)',
    tags: ['auth'],
    body: changePasswordBodySchema,
    response: { 200: okSchema, ...sessionErrors },
  }),
  listSessions: defineRoute('listSessions', {
    summary: 'Active sessions of this account',
    tags: ['auth'],
    response: { 200: sessionListSchema, 401: errorResponseSchema },
  }),
  revokeSession: defineRoute('revokeSession', {
    summary: 'Sign out one session of this account',
    tags: ['auth'],
    params: sessionParamsSchema,
    response: { 200: okSchema, ...sessionErrors },
  }),

  // ——— Units and schools ———
  listUnits: defineRoute('listUnits', {
    summary:
      'One page of the units the user can see: their roots, the children of a unit, or a search by name',
    tags: ['units'],
    querystring: unitListQuerySchema,
    response: { 200: unitListSchema, 401: errorResponseSchema },
  }),
  createUnit: defineRoute('createUnit', {
    summary: 'Create a unit (administrator)',
    tags: ['units'],
    body: createUnitBodySchema,
    response: { 200: unitSchema, ...writeErrors },
  }),
  getUnit: defineRoute('getUnit', {
    summary: 'One unit with its ancestors (breadcrumb) and number of children',
    tags: ['units'],
    params: unitParamsSchema,
    response: { 200: unitSchema, ...sessionErrors },
  }),
  updateUnit: defineRoute('updateUnit', {
    summary: 'Rename or move a unit (administrator)',
    tags: ['units'],
    params: unitParamsSchema,
    body: updateUnitBodySchema,
    response: { 200: unitSchema, ...writeErrors },
  }),
  deleteUnit: defineRoute('deleteUnit', {
    summary: 'Delete an empty unit (administrator)',
    tags: ['units'],
    params: unitParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  getSchoolProfile: defineRoute('getSchoolProfile', {
    summary: 'The school profile (header lines, levels, place name, document symbol, sites)',
    tags: ['schools'],
    params: schoolParamsSchema,
    response: { 200: schoolProfileSchema, ...sessionErrors },
  }),
  updateSchoolProfile: defineRoute('updateSchoolProfile', {
    summary: 'Update the school profile',
    tags: ['schools'],
    params: schoolParamsSchema,
    body: updateSchoolProfileBodySchema,
    response: { 200: schoolProfileSchema, ...writeErrors },
  }),

  // ——— People directory ———
  listPeople: defineRoute('listPeople', {
    summary: 'People of the school, sorted by given name',
    tags: ['people'],
    params: schoolParamsSchema,
    response: { 200: personListSchema, ...sessionErrors },
  }),
  createPerson: defineRoute('createPerson', {
    summary: 'Add a person',
    tags: ['people'],
    params: schoolParamsSchema,
    body: createPersonBodySchema,
    response: { 200: personSchema, ...writeErrors },
  }),
  updatePerson: defineRoute('updatePerson', {
    summary: 'Change a person',
    tags: ['people'],
    params: personParamsSchema,
    body: updatePersonBodySchema,
    response: { 200: personSchema, ...writeErrors },
  }),
  deletePerson: defineRoute('deletePerson', {
    summary: 'Remove a person (and their group memberships)',
    tags: ['people'],
    params: personParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  importPeople: defineRoute('importPeople', {
    summary: 'Import the staff list from an .xlsx file (dryRun=true previews, false creates)',
    tags: ['people'],
    params: schoolParamsSchema,
    querystring: staffImportQuerySchema,
    upload: {
      contentTypes: [MEDIA_TYPES.xlsx, 'application/octet-stream'],
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      200: staffImportResultSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  downloadStaffTemplate: defineRoute('downloadStaffTemplate', {
    summary: 'The staff-list Excel template (.xlsx) that the import reads',
    tags: ['people'],
    params: schoolParamsSchema,
    // 200 is the .xlsx file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
  listGroups: defineRoute('listGroups', {
    summary: 'Groups of the school with their members',
    tags: ['people'],
    params: schoolParamsSchema,
    response: { 200: groupListSchema, ...sessionErrors },
  }),
  createGroup: defineRoute('createGroup', {
    summary: 'Create a group (e.g. the Hội đồng tự đánh giá)',
    tags: ['people'],
    params: schoolParamsSchema,
    body: createGroupBodySchema,
    response: { 200: groupSchema, ...writeErrors },
  }),
  updateGroup: defineRoute('updateGroup', {
    summary: 'Rename a group or set its members',
    tags: ['people'],
    params: groupParamsSchema,
    body: updateGroupBodySchema,
    response: { 200: groupSchema, ...writeErrors },
  }),
  deleteGroup: defineRoute('deleteGroup', {
    summary: 'Delete a group',
    tags: ['people'],
    params: groupParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),

  // ——— Accounts ———
  listUsers: defineRoute('listUsers', {
    summary:
      'Accounts the user may manage (all for the administrator; the school’s for a principal)',
    tags: ['users'],
    querystring: userListQuerySchema,
    response: { 200: userListSchema, ...sessionErrors },
  }),
  createUser: defineRoute('createUser', {
    summary: 'Create an account with roles; answers a temporary password to hand over',
    tags: ['users'],
    body: createUserBodySchema,
    response: { 200: createUserResponseSchema, ...writeErrors },
  }),
  getUser: defineRoute('getUser', {
    summary: 'One account',
    tags: ['users'],
    params: userParamsSchema,
    response: { 200: userAccountSchema, ...sessionErrors },
  }),
  updateUser: defineRoute('updateUser', {
    summary: 'Change an account: name, e-mail, person, roles, disabled',
    tags: ['users'],
    params: userParamsSchema,
    body: updateUserBodySchema,
    response: { 200: userAccountSchema, ...writeErrors },
  }),
  resetUserPassword: defineRoute('resetUserPassword', {
    summary: 'Reset a password: a temporary password (forced change) or a one-time link',
    tags: ['users'],
    params: userParamsSchema,
    body: passwordResetBodySchema,
    response: { 200: passwordResetResponseSchema, ...writeErrors },
  }),

  // ——— Personal data (NĐ 13/2023; issue 15) ———
  exportUserPersonalData: defineRoute('exportUserPersonalData', {
    summary:
      'Everything held about an account and its directory entry (the person, or an administrator or principal); audited',
    tags: ['personal-data'],
    params: userParamsSchema,
    response: { 200: personalDataExportSchema, ...sessionErrors },
  }),
  eraseUserPersonalData: defineRoute('eraseUserPersonalData', {
    summary: 'Erase an account and its directory entry on request; sealed documents stay; audited',
    tags: ['personal-data'],
    params: userParamsSchema,
    body: erasePersonalDataBodySchema,
    response: { 200: personalDataErasureSchema, ...writeErrors },
  }),
  exportPersonPersonalData: defineRoute('exportPersonPersonalData', {
    summary: 'Everything held about a directory entry (and its account, if any); audited',
    tags: ['personal-data'],
    params: personParamsSchema,
    response: { 200: personalDataExportSchema, ...sessionErrors },
  }),
  erasePersonPersonalData: defineRoute('erasePersonPersonalData', {
    summary: 'Erase a directory entry (and its account, if any) on request; sealed documents stay',
    tags: ['personal-data'],
    params: personParamsSchema,
    body: erasePersonalDataBodySchema,
    response: { 200: personalDataErasureSchema, ...writeErrors },
  }),

  // ——— Audit ———
  listAudit: defineRoute('listAudit', {
    summary: 'Audit log: the administrator sees everything; a principal the school',
    tags: ['audit'],
    querystring: auditQuerySchema,
    response: { 200: auditListSchema, ...sessionErrors },
  }),

  // ——— Improvement plans ———
  listPlans: defineRoute('listPlans', {
    summary: 'Plans of a school (all revisions), newest school year first',
    tags: ['plans'],
    params: schoolParamsSchema,
    querystring: planListQuerySchema,
    response: { 200: planListSchema, ...sessionErrors },
  }),
  createPlan: defineRoute('createPlan', {
    summary:
      'Create the plan of a school year (framework by level and year; override with a reason)',
    tags: ['plans'],
    params: schoolParamsSchema,
    body: createPlanBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  getPlan: defineRoute('getPlan', {
    summary: 'A whole plan with its rows and their parsed fields (with an ETag)',
    tags: ['plans'],
    params: planParamsSchema,
    response: {
      200: planDetailSchema,
      304: z.null().describe('Not modified: the ETag sent in If-None-Match is current'),
      ...sessionErrors,
    },
  }),
  updatePlan: defineRoute('updatePlan', {
    summary: 'Change the header, sections, layout or hidden columns',
    tags: ['plans'],
    params: planParamsSchema,
    body: updatePlanBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  addPlanRow: defineRoute('addPlanRow', {
    summary: 'Add a row (at the end or after a row)',
    tags: ['plans'],
    params: planParamsSchema,
    body: createRowBodySchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  updatePlanRow: defineRoute('updatePlanRow', {
    summary:
      'Save changed cells of a row (409 with the current row when one of them changed meanwhile)',
    tags: ['plans'],
    params: planRowParamsSchema,
    body: updateRowBodySchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  deletePlanRow: defineRoute('deletePlanRow', {
    summary: 'Delete a row',
    tags: ['plans'],
    params: planRowParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  duplicatePlanRow: defineRoute('duplicatePlanRow', {
    summary: 'Duplicate a row below itself',
    tags: ['plans'],
    params: planRowParamsSchema,
    response: { 200: planRowSchema, ...writeErrors },
  }),
  reorderPlanRows: defineRoute('reorderPlanRows', {
    summary: 'Reorder all rows',
    tags: ['plans'],
    params: planParamsSchema,
    body: reorderRowsBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  checkPlan: defineRoute('checkPlan', {
    summary: 'Kiểm tra kế hoạch: findings with severity and row, budget totals by source',
    tags: ['plans'],
    params: planParamsSchema,
    response: { 200: planChecksSchema, ...sessionErrors },
  }),
  submitPlan: defineRoute('submitPlan', {
    summary: 'Submit (trình) a draft to the principal',
    tags: ['plans'],
    params: planParamsSchema,
    body: lifecycleBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  approvePlan: defineRoute('approvePlan', {
    summary: 'Approve (principal): freezes an immutable snapshot with its content hash',
    tags: ['plans'],
    params: planParamsSchema,
    body: lifecycleBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  verifyPlan: defineRoute('verifyPlan', {
    summary: 'Compare an approved plan with its snapshot hash (detects direct database edits)',
    tags: ['plans'],
    params: planParamsSchema,
    response: {
      200: z.object({
        status: z.enum(['not_approved', 'intact', 'tampered']),
        details: z.array(z.string()),
      }),
      ...sessionErrors,
    },
  }),
  createRevision: defineRoute('createRevision', {
    summary: 'Create a revision (điều chỉnh, bổ sung) of an approved plan',
    tags: ['plans'],
    params: planParamsSchema,
    body: revisionBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  listRevisions: defineRoute('listRevisions', {
    summary: 'The revisions of a plan, oldest first',
    tags: ['plans'],
    params: planParamsSchema,
    response: {
      200: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            revisionNumber: z.number().int(),
            status: z.enum(PLAN_STATUSES),
            approvedAt: z.string().nullable(),
            updatedAt: z.string(),
          }),
        ),
      }),
      ...sessionErrors,
    },
  }),
  carryOverPlan: defineRoute('carryOverPlan', {
    summary:
      'Create next year’s plan from this one: unfinished rows come across linked to their origin',
    tags: ['plans'],
    params: planParamsSchema,
    body: carryOverBodySchema,
    response: { 200: carryOverResponseSchema, ...writeErrors },
  }),
  updatePlanReview: defineRoute('updatePlanReview', {
    summary:
      'Record a review round (mục VI); also after approval, by the monitoring team or principal',
    tags: ['plans'],
    params: planReviewParamsSchema,
    body: updateReviewBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  addFocusIssue: defineRoute('addFocusIssue', {
    summary: 'Add a focus issue (mục IV)',
    tags: ['plans'],
    params: planParamsSchema,
    body: createFocusIssueBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  updateFocusIssue: defineRoute('updateFocusIssue', {
    summary: 'Change a focus issue (mục IV)',
    tags: ['plans'],
    params: planFocusIssueParamsSchema,
    body: updateFocusIssueBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  deleteFocusIssue: defineRoute('deleteFocusIssue', {
    summary: 'Remove a focus issue (mục IV)',
    tags: ['plans'],
    params: planFocusIssueParamsSchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  exportPlanJson: defineRoute('exportPlanJson', {
    summary:
      "The plan in the interchange JSON format (formatVersion 2: with each row's progress and the review rounds)",
    tags: ['plans'],
    params: planParamsSchema,
    response: { 200: planInterchangeSchema, ...sessionErrors },
  }),
  downloadPlanDocument: defineRoute('downloadPlanDocument', {
    summary:
      'The official plan document: DOCX (NĐ 30/2020 layout A, B or Biểu 2), XLSX, or PDF via LibreOffice',
    tags: ['plans'],
    params: planParamsSchema,
    querystring: planDocumentQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors, 503: errorResponseSchema },
  }),
  previewPlanImport: defineRoute('previewPlanImport', {
    summary:
      'Read a Word (.docx, .doc) or Excel (.xlsx, .xls) plan, a PDF with a text layer, an HTML page saved as .doc, or a table pasted as text/plain, and answer what was understood (nothing is written)',
    tags: ['plans'],
    params: schoolParamsSchema,
    querystring: planImportQuerySchema,
    upload: {
      contentTypes: PLAN_UPLOAD_TYPES,
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      200: planImportPreviewSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  appendPlanRows: defineRoute('appendPlanRows', {
    summary: 'Add imported rows (texts kept, cells parsed again) at the end of a draft plan',
    tags: ['plans'],
    params: planParamsSchema,
    body: appendPlanRowsBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  importPlanJson: defineRoute('importPlanJson', {
    summary:
      'Create a draft plan from interchange JSON (texts kept; time, budget, people parsed again)',
    tags: ['plans'],
    params: schoolParamsSchema,
    body: importPlanJsonBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  // ——— Self-assessment (issue 12) ———
  listAssessments: defineRoute('listAssessments', {
    summary:
      'Self-assessments of a school (all revisions), newest year first; staff see only approved ones',
    tags: ['assessments'],
    params: schoolParamsSchema,
    querystring: assessmentListQuerySchema,
    response: { 200: assessmentListSchema, ...sessionErrors },
  }),
  createAssessment: defineRoute('createAssessment', {
    summary:
      'Start the year’s self-assessment (framework by level and year; override with a reason), optionally from last year’s',
    tags: ['assessments'],
    params: schoolParamsSchema,
    body: createAssessmentBodySchema,
    response: { 200: createAssessmentResponseSchema, ...writeErrors },
  }),
  importAssessmentJson: defineRoute('importAssessmentJson', {
    summary: 'Create a draft self-assessment from interchange JSON (with its evidence metadata)',
    tags: ['assessments'],
    params: schoolParamsSchema,
    body: importAssessmentJsonBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  getAssessment: defineRoute('getAssessment', {
    summary:
      'A whole self-assessment: council, work plan, standards, criteria, Mức 4, computed results, deadline',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    response: {
      200: assessmentDetailSchema,
      304: z.null().describe('Not modified: the ETag sent in If-None-Match is current'),
      ...sessionErrors,
    },
  }),
  updateAssessmentCriterion: defineRoute('updateAssessmentCriterion', {
    summary:
      'Save some fields of a criterion (marks, texts, assignee) against the version it was read at',
    tags: ['assessments'],
    params: assessmentCriterionParamsSchema,
    body: updateCriterionBodySchema,
    response: { 200: assessmentCriterionSchema, ...writeErrors },
  }),
  getCriterionHistory: defineRoute('getCriterionHistory', {
    summary:
      'The same criterion across the school’s earlier assessments and revisions, newest first',
    tags: ['assessments'],
    params: assessmentCriterionParamsSchema,
    response: { 200: criterionHistorySchema, ...sessionErrors },
  }),
  updateAssessmentStandard: defineRoute('updateAssessmentStandard', {
    summary: 'Save what is written for a standard (2018 Mở đầu/Kết luận; TT57 general assessment)',
    tags: ['assessments'],
    params: assessmentStandardParamsSchema,
    body: updateStandardBodySchema,
    response: { 200: assessmentStandardSchema, ...writeErrors },
  }),
  updateAssessmentLevel4: defineRoute('updateAssessmentLevel4', {
    summary: 'Mark a Mức 4 item and describe it (2018 frameworks)',
    tags: ['assessments'],
    params: assessmentLevel4ParamsSchema,
    body: updateLevel4BodySchema,
    response: { 200: assessmentLevel4Schema, ...writeErrors },
  }),
  updateAssessmentCouncil: defineRoute('updateAssessmentCouncil', {
    summary: 'The Hội đồng tự đánh giá, its working groups and decision',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: updateCouncilBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  updateAssessmentWorkPlan: defineRoute('updateAssessmentWorkPlan', {
    summary: 'The self-assessment plan (kế hoạch tự đánh giá) and its timeline',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: updateWorkPlanBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  updateAssessmentSettings: defineRoute('updateAssessmentSettings', {
    summary: 'Settings of the assessment (evidence required for Đạt)',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: updateSettingsBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  updateAssessmentReport: defineRoute('updateAssessmentReport', {
    summary: 'The report’s general texts (context, purpose, process, conclusion, recommendations)',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: updateReportBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  submitAssessment: defineRoute('submitAssessment', {
    summary: 'Submit (trình) a draft self-assessment to the principal',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: assessmentLifecycleBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  approveAssessment: defineRoute('approveAssessment', {
    summary:
      'Approve (the chủ tịch, the principal): seals the whole content with evidence metadata',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: assessmentLifecycleBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  verifyAssessment: defineRoute('verifyAssessment', {
    summary: 'Compare an approved self-assessment with its sealed snapshot',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    response: { 200: assessmentIntegritySchema, ...sessionErrors },
  }),
  reviseAssessment: defineRoute('reviseAssessment', {
    summary: 'Create a revision of an approved self-assessment (everything copied)',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: assessmentRevisionBodySchema,
    response: { 200: assessmentDetailSchema, ...writeErrors },
  }),
  listAssessmentRevisions: defineRoute('listAssessmentRevisions', {
    summary: 'The revisions of a self-assessment, oldest first',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    response: { 200: assessmentRevisionListSchema, ...sessionErrors },
  }),
  whatIfAssessment: defineRoute('whatIfAssessment', {
    summary: 'Computed results with some marks changed; nothing is saved',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: whatIfBodySchema,
    response: { 200: assessmentResultsSchema, ...sessionErrors },
  }),
  proposeAssessmentPlanRows: defineRoute('proposeAssessmentPlanRows', {
    summary:
      'Propose plan rows from weak criteria into the year’s draft plan (preview with dryRun, or apply)',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    body: proposePlanRowsBodySchema,
    response: { 200: proposePlanRowsResponseSchema, ...writeErrors },
  }),
  exportAssessmentJson: defineRoute('exportAssessmentJson', {
    summary: 'The self-assessment in the interchange JSON format (formatVersion 1)',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    response: { 200: assessmentInterchangeSchema, ...sessionErrors },
  }),
  downloadAssessmentDocument: defineRoute('downloadAssessmentDocument', {
    summary:
      'A self-assessment document: the report (CV 5932/5942 or TT57 Biểu 1) as DOCX or PDF via LibreOffice, the council decision or the kế hoạch tự đánh giá as DOCX or PDF, the summary as XLSX',
    tags: ['assessments'],
    params: assessmentParamsSchema,
    querystring: assessmentDocumentQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors, 503: errorResponseSchema },
  }),
  getPlanAssessmentBasis: defineRoute('getPlanAssessmentBasis', {
    summary:
      'What the plan takes from the self-assessment: Căn cứ and summary counts (approved), weak criteria (latest)',
    tags: ['plans', 'assessments'],
    params: planParamsSchema,
    response: { 200: planAssessmentBasisSchema, ...sessionErrors },
  }),
  applyPlanAssessmentBasis: defineRoute('applyPlanAssessmentBasis', {
    summary:
      'Replace the Căn cứ lines about the self-assessment and the results paragraph of a draft plan with the approved assessment’s (this year’s, else last year’s); the school’s own lines are kept (409: stale version with the current plan, approved plan, no approved assessment)',
    tags: ['plans', 'assessments'],
    params: planParamsSchema,
    body: lifecycleBodySchema,
    response: { 200: planDetailSchema, ...writeErrors },
  }),
  listEvidence: defineRoute('listEvidence', {
    summary:
      'The evidence (minh chứng) of an assessment with citing criteria and files; q searches names without diacritics',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    querystring: evidenceListQuerySchema,
    response: { 200: evidenceListSchema, ...sessionErrors },
  }),
  createEvidence: defineRoute('createEvidence', {
    summary:
      'Add an evidence cited by one or more criteria; its code is generated for the regime under the first',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    body: createEvidenceBodySchema,
    response: { 200: evidenceItemSchema, ...writeErrors },
  }),
  evidenceMentions: defineRoute('evidenceMentions', {
    summary:
      'The evidence codes written inside the assessment’s texts, linked to the evidence, with warnings for unknown codes',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    response: { 200: evidenceMentionsSchema, ...sessionErrors },
  }),
  renumberEvidence: defineRoute('renumberEvidence', {
    summary:
      'Recompute the evidence codes and rewrite every citation in every text of the assessment, in one transaction',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    body: renumberEvidenceBodySchema,
    response: { 200: renumberEvidenceResponseSchema, ...writeErrors },
  }),
  importEvidenceList: defineRoute('importEvidenceList', {
    summary:
      'Import a Word (.docx) or Excel (.xlsx) evidence list: a preview, or (apply=true) the evidence written',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    querystring: evidenceImportQuerySchema,
    upload: {
      // .doc: the HTML pages "export to Word" tools save under a Word name.
      contentTypes: [
        MEDIA_TYPES.docx,
        MEDIA_TYPES.xlsx,
        'application/msword',
        'application/octet-stream',
      ],
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      200: evidenceImportResultSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  downloadEvidenceList: defineRoute('downloadEvidenceList', {
    summary: 'The Danh mục minh chứng as DOCX or XLSX',
    tags: ['evidence'],
    params: evidenceAssessmentParamsSchema,
    querystring: evidenceDocumentQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
  getEvidence: defineRoute('getEvidence', {
    summary: 'One evidence with its citing criteria and files',
    tags: ['evidence'],
    params: evidenceParamsSchema,
    response: { 200: evidenceItemSchema, ...sessionErrors },
  }),
  updateEvidence: defineRoute('updateEvidence', {
    summary:
      'Change an evidence’s fields (409 with the current evidence when one of them changed meanwhile)',
    tags: ['evidence'],
    params: evidenceParamsSchema,
    body: updateEvidenceBodySchema,
    response: { 200: evidenceItemSchema, ...writeErrors },
  }),
  deleteEvidence: defineRoute('deleteEvidence', {
    summary:
      'Delete an evidence; refused (409) while a criterion cites it or a text mentions its code',
    tags: ['evidence'],
    params: evidenceParamsSchema,
    response: { 200: okSchema, ...writeErrors },
  }),
  citeEvidence: defineRoute('citeEvidence', {
    summary: 'One more criterion cites the evidence (the code stays that of its primary criterion)',
    tags: ['evidence'],
    params: evidenceParamsSchema,
    body: citeEvidenceBodySchema,
    response: { 200: evidenceItemSchema, ...writeErrors },
  }),
  unciteEvidence: defineRoute('unciteEvidence', {
    summary: 'A criterion no longer cites the evidence (the code stays until a renumbering)',
    tags: ['evidence'],
    params: evidenceCitationParamsSchema,
    response: { 200: evidenceItemSchema, ...writeErrors },
  }),
  uploadEvidenceFile: defineRoute('uploadEvidenceFile', {
    summary:
      'Attach a file (raw bytes; PDF, photo, Word, Excel, OpenDocument) to an evidence; the type is checked on the bytes',
    tags: ['evidence'],
    params: evidenceParamsSchema,
    querystring: evidenceFileUploadQuerySchema,
    upload: {
      contentTypes: [...EVIDENCE_FILE_MEDIA_TYPES],
      maxBytes: EVIDENCE_FILE_MAX_BYTES,
    },
    response: {
      200: evidenceItemSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  downloadEvidenceFile: defineRoute('downloadEvidenceFile', {
    summary: 'Download an evidence file with its name and media type',
    tags: ['evidence'],
    params: evidenceFileParamsSchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
  deleteEvidenceFile: defineRoute('deleteEvidenceFile', {
    summary: 'Remove a file from an evidence',
    tags: ['evidence'],
    params: evidenceFileParamsSchema,
    response: { 200: evidenceItemSchema, ...writeErrors },
  }),
  // ——— Carrying out and monitoring the plan (issue 13) ———
  getPlanProgress: defineRoute('getPlanProgress', {
    summary:
      'Every row of the plan with its progress, schedule (due, overdue, no date) and spending, today',
    tags: ['monitoring'],
    params: planParamsSchema,
    response: { 200: planProgressSchema, ...sessionErrors },
  }),
  getRowProgress: defineRoute('getRowProgress', {
    summary: 'One row’s progress with its dated log and the logs of the rows it was carried from',
    tags: ['monitoring'],
    params: progressRowParamsSchema,
    response: { 200: rowProgressDetailSchema, ...sessionErrors },
  }),
  addRowProgress: defineRoute('addRowProgress', {
    summary:
      'Record a progress update (status, percent, result, note, spending); the row’s lead and coordinators, the monitoring team, the principal',
    tags: ['monitoring'],
    params: progressRowParamsSchema,
    body: addProgressBodySchema,
    response: { 200: rowProgressDetailSchema, ...writeErrors },
  }),
  uploadProgressFile: defineRoute('uploadProgressFile', {
    summary:
      'Attach a file (photo, PDF, document) to a progress update; it becomes a minh chứng of the row’s criterion',
    tags: ['monitoring'],
    params: progressEntryParamsSchema,
    querystring: progressFileUploadQuerySchema,
    upload: {
      contentTypes: [...EVIDENCE_FILE_MEDIA_TYPES],
      maxBytes: EVIDENCE_FILE_MAX_BYTES,
    },
    response: {
      200: progressEntrySchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  downloadProgressFile: defineRoute('downloadProgressFile', {
    summary: 'Download a file attached to a progress update',
    tags: ['monitoring'],
    params: progressFileParamsSchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
  getPlanDashboard: defineRoute('getPlanDashboard', {
    summary:
      'The school’s dashboard of a plan: rows by status per standard, overdue, budget planned vs spent, timeline, rounds',
    tags: ['monitoring'],
    params: planParamsSchema,
    response: { 200: planDashboardSchema, ...sessionErrors },
  }),
  closePlanYear: defineRoute('closePlanYear', {
    summary:
      'Close the school year: record what is finished; unfinished rows go to next year through the carry-over',
    tags: ['monitoring'],
    params: planParamsSchema,
    body: closeYearBodySchema,
    response: { 200: yearClosureSchema, ...writeErrors },
  }),
  listMyTasks: defineRoute('listMyTasks', {
    summary: 'Việc của tôi: the rows the signed-in user leads or coordinates, across plans',
    tags: ['monitoring'],
    querystring: myTasksQuerySchema,
    response: { 200: myTasksSchema, ...sessionErrors },
  }),
  listReviewRounds: defineRoute('listReviewRounds', {
    summary: 'The plan’s review rounds (cuối học kỳ I, cuối năm học; sơ kết, tổng kết)',
    tags: ['monitoring'],
    params: planParamsSchema,
    response: { 200: reviewRoundListSchema, ...sessionErrors },
  }),
  createReviewRound: defineRoute('createReviewRound', {
    summary: 'Open (or schedule) a review round; the monitoring team or the principal',
    tags: ['monitoring'],
    params: planParamsSchema,
    body: createReviewRoundBodySchema,
    response: { 200: reviewRoundDetailSchema, ...writeErrors },
  }),
  getReviewRound: defineRoute('getReviewRound', {
    summary: 'A review round with every row’s progress and review',
    tags: ['monitoring'],
    params: reviewRoundParamsSchema,
    response: { 200: reviewRoundDetailSchema, ...sessionErrors },
  }),
  updateReviewRound: defineRoute('updateReviewRound', {
    summary: 'Change a round: its conclusions, recommendations, date; open or close it',
    tags: ['monitoring'],
    params: reviewRoundParamsSchema,
    body: updateReviewRoundBodySchema,
    response: { 200: reviewRoundDetailSchema, ...writeErrors },
  }),
  saveReviewRoundRow: defineRoute('saveReviewRoundRow', {
    summary: 'Record a row’s result, adjustment and reviewer in a round',
    tags: ['monitoring'],
    params: reviewRoundRowParamsSchema,
    body: saveReviewRoundRowBodySchema,
    response: { 200: reviewRoundDetailSchema, ...writeErrors },
  }),
  downloadMonitoringReport: defineRoute('downloadMonitoringReport', {
    summary:
      'The monitoring report (báo cáo kết quả thực hiện kế hoạch cải tiến) of a round, DOCX (NĐ 30) or PDF',
    tags: ['monitoring'],
    params: reviewRoundParamsSchema,
    querystring: monitoringReportQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors, 503: errorResponseSchema },
  }),
  listNotifications: defineRoute('listNotifications', {
    summary: 'The signed-in user’s notifications, newest first, with the unread count',
    tags: ['notifications'],
    querystring: notificationListQuerySchema,
    response: { 200: notificationListSchema, ...sessionErrors },
  }),
  markNotificationsRead: defineRoute('markNotificationsRead', {
    summary: 'Mark notifications read (all when no ids are given)',
    tags: ['notifications'],
    body: markNotificationsReadBodySchema,
    response: { 200: notificationListSchema, ...sessionErrors },
  }),
  getNotificationPreferences: defineRoute('getNotificationPreferences', {
    summary: 'Which kinds of reminder the user receives in the app and by e-mail',
    tags: ['notifications'],
    response: { 200: notificationPreferencesSchema, ...sessionErrors },
  }),
  updateNotificationPreferences: defineRoute('updateNotificationPreferences', {
    summary: 'Turn kinds of reminder on or off, in the app and by e-mail',
    tags: ['notifications'],
    body: updateNotificationPreferencesBodySchema,
    response: { 200: notificationPreferencesSchema, ...sessionErrors },
  }),
  getMailOutbox: defineRoute('getMailOutbox', {
    summary:
      'The background work: scheduled jobs (last run, next run, holder, last error) and the e-mail queue (pending, failed with the error, recent sends); administrator',
    tags: ['notifications'],
    response: { 200: mailOutboxSchema, ...sessionErrors },
  }),
  requestPlanExport: defineRoute('requestPlanExport', {
    summary:
      'Make the plan’s PDF in the background (job queue): answers 202 with the job to poll; the synchronous download stays',
    tags: ['plans'],
    params: planParamsSchema,
    body: requestPlanExportBodySchema,
    response: { 202: plannedJobSchema, ...sessionErrors },
  }),
  requestPlanImportPreview: defineRoute('requestPlanImportPreview', {
    summary:
      'Read a large Word/Excel plan in the background (job queue): answers 202 with the job to poll; its result is the preview JSON of import-file',
    tags: ['plans'],
    params: schoolParamsSchema,
    querystring: planImportQuerySchema,
    upload: {
      contentTypes: PLAN_UPLOAD_TYPES,
      maxBytes: 10 * 1024 * 1024,
    },
    response: {
      202: plannedJobSchema,
      ...writeErrors,
      413: errorResponseSchema,
      415: errorResponseSchema,
    },
  }),
  getJob: defineRoute('getJob', {
    summary:
      'A background job the caller asked for: waiting, running, done (with the download address) or failed (with the reason)',
    tags: ['plans'],
    params: jobParamsSchema,
    response: { 200: jobStatusSchema, ...sessionErrors },
  }),
  downloadJobResult: defineRoute('downloadJobResult', {
    summary:
      'What a finished background job made, kept for a day: the PDF of an export, the preview JSON of an import',
    tags: ['plans'],
    params: jobParamsSchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors, 409: errorResponseSchema },
  }),
  // ——— Submissions to the offices (issue 14, part A) ———
  sendSubmission: defineRoute('sendSubmission', {
    summary:
      'Send the sealed snapshot of an approved plan, approved self-assessment or closed review round’s report to the school’s supervising units',
    tags: ['submissions'],
    params: schoolParamsSchema,
    body: sendSubmissionBodySchema,
    response: { 200: submissionSchema, ...writeErrors },
  }),
  listSchoolSubmissions: defineRoute('listSchoolSubmissions', {
    summary: 'What the school sent (“Văn bản đã gửi”), newest first, with the state per recipient',
    tags: ['submissions'],
    params: schoolParamsSchema,
    querystring: schoolSubmissionsQuerySchema,
    response: { 200: schoolSubmissionListSchema, ...sessionErrors },
  }),
  getSubmission: defineRoute('getSubmission', {
    summary: 'One submission with its recipients’ states',
    tags: ['submissions'],
    params: submissionParamsSchema,
    response: { 200: submissionSchema, ...sessionErrors },
  }),
  openSubmission: defineRoute('openSubmission', {
    summary: 'An office opens a submission: its unread recipients under the caller become read',
    tags: ['submissions'],
    params: submissionParamsSchema,
    response: { 200: submissionSchema, ...writeErrors },
  }),
  acceptSubmission: defineRoute('acceptSubmission', {
    summary: 'An office accepts a submission (đã tiếp nhận) for one recipient unit',
    tags: ['submissions'],
    params: submissionRecipientParamsSchema,
    body: acceptSubmissionBodySchema,
    response: { 200: submissionSchema, ...writeErrors },
  }),
  downloadSubmissionSnapshot: defineRoute('downloadSubmissionSnapshot', {
    summary: 'The sealed snapshot of a submission as JSON (its SHA-256 is the submission’s hash)',
    tags: ['submissions'],
    params: submissionParamsSchema,
    response: { ...sessionErrors },
  }),
  downloadSubmissionDocument: defineRoute('downloadSubmissionDocument', {
    summary: 'The official document (DOCX) of a submission, rendered by the document services',
    tags: ['submissions'],
    params: submissionParamsSchema,
    response: { ...writeErrors, 503: errorResponseSchema },
  }),
  listOfficeInbox: defineRoute('listOfficeInbox', {
    summary:
      'The office inbox: submissions addressed to the caller’s units or below, filtered and paged',
    tags: ['submissions'],
    querystring: officeInboxQuerySchema,
    response: { 200: officeInboxSchema, ...sessionErrors },
  }),
  listOfficeDeadlines: defineRoute('listOfficeDeadlines', {
    summary: 'An office’s deadlines per school year and kind of document',
    tags: ['submissions'],
    params: unitParamsSchema,
    querystring: officeDeadlinesQuerySchema,
    response: { 200: officeDeadlineListSchema, ...sessionErrors },
  }),
  setOfficeDeadline: defineRoute('setOfficeDeadline', {
    summary: 'Set (or remove, with dueDate null) an office’s deadline for a school year and kind',
    tags: ['submissions'],
    params: unitParamsSchema,
    body: setOfficeDeadlineBodySchema,
    response: { 200: officeDeadlineListSchema, ...writeErrors },
  }),
  listLateSchools: defineRoute('listLateSchools', {
    summary:
      'The schools under an office late or missing for its deadline of a school year and kind',
    tags: ['submissions'],
    params: unitParamsSchema,
    querystring: lateSchoolsQuerySchema,
    response: { 200: lateSchoolsSchema, ...sessionErrors },
  }),
  listCommentThreads: defineRoute('listCommentThreads', {
    summary:
      'The comment threads of a document (plan, assessment, monitoring report) with counts per row and criterion',
    tags: ['comments'],
    params: commentDocumentParamsSchema,
    response: { 200: commentThreadListSchema, ...sessionErrors },
  }),
  createCommentThread: defineRoute('createCommentThread', {
    summary:
      'Start a thread on the document, one plan row or one criterion; office staff of the school’s subtree',
    tags: ['comments'],
    params: commentDocumentParamsSchema,
    body: createCommentThreadBodySchema,
    response: { 200: commentThreadSchema, ...writeErrors },
  }),
  replyCommentThread: defineRoute('replyCommentThread', {
    summary:
      'Answer in a thread (office staff, or the school’s principal, council, monitoring team); reopens it',
    tags: ['comments'],
    params: commentThreadParamsSchema,
    body: replyCommentThreadBodySchema,
    response: { 200: commentThreadSchema, ...writeErrors },
  }),
  updateCommentThread: defineRoute('updateCommentThread', {
    summary:
      'Mark a thread resolved or open again; 409 with the current thread when the version is stale',
    tags: ['comments'],
    params: commentThreadParamsSchema,
    body: updateCommentThreadBodySchema,
    response: { 200: commentThreadSchema, ...writeErrors },
  }),
  // ——— Public disclosure of an approved plan (issue 14) ———
  getPlanPublication: defineRoute('getPlanPublication', {
    summary: 'The public disclosure of a plan: its lineage’s live publication and history',
    tags: ['public'],
    params: planParamsSchema,
    response: { 200: planPublicationStateSchema, ...sessionErrors },
  }),
  publishPlan: defineRoute('publishPlan', {
    summary:
      'Publish an approved plan (and, if chosen, its approved self-assessment’s summary) on a public page; principal. Replaces the lineage’s live publication',
    tags: ['public'],
    params: planParamsSchema,
    body: publishPlanBodySchema,
    response: { 200: planPublicationStateSchema, ...writeErrors },
  }),
  withdrawPlanPublication: defineRoute('withdrawPlanPublication', {
    summary: 'Withdraw the public page of a plan’s lineage (the page answers 404); principal',
    tags: ['public'],
    params: planParamsSchema,
    response: { 200: planPublicationStateSchema, ...writeErrors },
  }),
  getPublicPlan: defineRoute('getPublicPlan', {
    summary:
      'A published plan’s public page (no sign-in): school, plan header, rows, assessment summary',
    tags: ['public'],
    params: publicSlugParamsSchema,
    response: { 200: publicPlanPageSchema, 400: errorResponseSchema, 404: errorResponseSchema },
  }),
  downloadPublicPlan: defineRoute('downloadPublicPlan', {
    summary:
      'The DOCX or PDF of a published plan (no sign-in), the very bytes produced at publication, with its QR code and address',
    tags: ['public'],
    params: publicSlugParamsSchema,
    querystring: publicPlanDocumentQuerySchema,
    // 200 is the file itself (binary), so only the error answers have a JSON schema.
    response: { 400: errorResponseSchema, 404: errorResponseSchema },
  }),
  verifyPublicPlan: defineRoute('verifyPublicPlan', {
    summary:
      'Check an uploaded copy (raw bytes, DOCX or PDF, at most 10 MB) against the published plan’s documents; nothing is stored',
    tags: ['public'],
    params: publicSlugParamsSchema,
    upload: {
      contentTypes: [MEDIA_TYPES.docx, MEDIA_TYPES.pdf, 'application/octet-stream'],
      maxBytes: PUBLIC_VERIFY_MAX_BYTES,
    },
    response: { 200: publicVerifyResultSchema, 400: errorResponseSchema, 404: errorResponseSchema },
  }),
  searchSolutions: defineRoute('searchSolutions', {
    summary:
      'Solution library: rows of approved plans the user may see, by words (without diacritics), criterion (with the 2018 → TT57 mapping), framework and school year; keyset pages',
    tags: ['library'],
    querystring: solutionSearchQuerySchema,
    response: { 200: solutionSearchResultSchema, ...sessionErrors },
  }),
  useSolutionInPlan: defineRoute('useSolutionInPlan', {
    summary: 'Copy a library solution into one of the school’s draft plans, its source in the note',
    tags: ['library'],
    params: solutionParamsSchema,
    body: useSolutionBodySchema,
    response: { 200: useSolutionResultSchema, ...writeErrors },
  }),
  getPlanLibraryShare: defineRoute('getPlanLibraryShare', {
    summary: 'Whom an approved plan’s rows are shared with in the solution library',
    tags: ['library'],
    params: planParamsSchema,
    response: { 200: planLibraryShareSchema, ...sessionErrors },
  }),
  updatePlanLibraryShare: defineRoute('updatePlanLibraryShare', {
    summary:
      'Share an approved plan with the schools under a supervising unit or the province (principal)',
    tags: ['library'],
    params: planParamsSchema,
    body: updatePlanLibraryShareBodySchema,
    response: { 200: planLibraryShareSchema, ...writeErrors },
  }),
  // ——— Issue 14: the offices' roll-up ———
  getUnitRollup: defineRoute('getUnitRollup', {
    summary:
      'The roll-up of a unit’s subtree for a school year: schools with and without an approved plan and assessment, school levels by regime, rows by status and overdue per standard, budget planned and spent by source, weak and planned criteria, the same per child unit or school (office staff of the unit or above, administrator)',
    tags: ['rollup'],
    params: rollupParamsSchema,
    querystring: rollupQuerySchema,
    response: { 200: rollupSchema, ...sessionErrors },
  }),
  exportUnitRollup: defineRoute('exportUnitRollup', {
    summary: 'The roll-up as an Excel workbook (.xlsx)',
    tags: ['rollup'],
    params: rollupParamsSchema,
    querystring: rollupQuerySchema,
    // 200 is the .xlsx file itself (binary), so only the error answers have a JSON schema.
    response: { ...sessionErrors },
  }),
} as const satisfies { [N in RouteName]: RouteDefinition & (typeof routePaths)[N] };
