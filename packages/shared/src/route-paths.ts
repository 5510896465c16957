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

/** Declares a route's HTTP shape and keeps its literal types; `session` unless said otherwise. */
function route<
  const M extends RouteMethod,
  const P extends string,
  const A extends RouteAccess = 'session',
>(method: M, path: P, access: A = 'session' as A): { method: M; path: P; access: A } {
  return { method, path, access };
}

/** Every API route by name: the single list of methods and paths. */
export const routePaths = {
  health: route('GET', '/healthz', 'public'),
  ready: route('GET', '/readyz', 'public'),
  metrics: route('GET', '/metrics', 'public'),
  listFrameworks: route('GET', '/api/frameworks', 'public'),
  getFramework: route('GET', '/api/frameworks/:id', 'public'),
  setupStatus: route('GET', '/api/setup', 'public'),
  setup: route('POST', '/api/setup', 'public'),
  login: route('POST', '/api/auth/login', 'public'),
  resetPasswordWithToken: route('POST', '/api/auth/reset-password', 'public'),
  me: route('GET', '/api/auth/me'),
  logout: route('POST', '/api/auth/logout'),
  logoutEverywhere: route('POST', '/api/auth/logout-all'),
  changePassword: route('POST', '/api/auth/change-password'),
  listSessions: route('GET', '/api/auth/sessions'),
  revokeSession: route('DELETE', '/api/auth/sessions/:sessionId'),
  listUnits: route('GET', '/api/units'),
  createUnit: route('POST', '/api/units'),
  getUnit: route('GET', '/api/units/:unitId'),
  updateUnit: route('PATCH', '/api/units/:unitId'),
  deleteUnit: route('DELETE', '/api/units/:unitId'),
  getSchoolProfile: route('GET', '/api/schools/:schoolId/profile'),
  updateSchoolProfile: route('PUT', '/api/schools/:schoolId/profile'),
  listPeople: route('GET', '/api/schools/:schoolId/people'),
  createPerson: route('POST', '/api/schools/:schoolId/people'),
  updatePerson: route('PATCH', '/api/schools/:schoolId/people/:personId'),
  deletePerson: route('DELETE', '/api/schools/:schoolId/people/:personId'),
  importPeople: route('POST', '/api/schools/:schoolId/people/import'),
  downloadStaffTemplate: route('GET', '/api/schools/:schoolId/people/import-template'),
  listGroups: route('GET', '/api/schools/:schoolId/groups'),
  createGroup: route('POST', '/api/schools/:schoolId/groups'),
  updateGroup: route('PATCH', '/api/schools/:schoolId/groups/:groupId'),
  deleteGroup: route('DELETE', '/api/schools/:schoolId/groups/:groupId'),
  listUsers: route('GET', '/api/users'),
  createUser: route('POST', '/api/users'),
  getUser: route('GET', '/api/users/:userId'),
  updateUser: route('PATCH', '/api/users/:userId'),
  resetUserPassword: route('POST', '/api/users/:userId/password-reset'),
  exportUserPersonalData: route('GET', '/api/users/:userId/personal-data'),
  eraseUserPersonalData: route('POST', '/api/users/:userId/personal-data/erase'),
  exportPersonPersonalData: route('GET', '/api/schools/:schoolId/people/:personId/personal-data'),
  erasePersonPersonalData: route(
    'POST',
    '/api/schools/:schoolId/people/:personId/personal-data/erase',
  ),
  listAudit: route('GET', '/api/audit'),
  listPlans: route('GET', '/api/schools/:schoolId/plans'),
  createPlan: route('POST', '/api/schools/:schoolId/plans'),
  getPlan: route('GET', '/api/plans/:planId'),
  updatePlan: route('PATCH', '/api/plans/:planId'),
  addPlanRow: route('POST', '/api/plans/:planId/rows'),
  updatePlanRow: route('PATCH', '/api/plans/:planId/rows/:rowId'),
  deletePlanRow: route('DELETE', '/api/plans/:planId/rows/:rowId'),
  duplicatePlanRow: route('POST', '/api/plans/:planId/rows/:rowId/duplicate'),
  reorderPlanRows: route('PUT', '/api/plans/:planId/row-order'),
  checkPlan: route('GET', '/api/plans/:planId/checks'),
  submitPlan: route('POST', '/api/plans/:planId/submit'),
  approvePlan: route('POST', '/api/plans/:planId/approve'),
  verifyPlan: route('GET', '/api/plans/:planId/integrity'),
  createRevision: route('POST', '/api/plans/:planId/revisions'),
  listRevisions: route('GET', '/api/plans/:planId/revisions'),
  carryOverPlan: route('POST', '/api/plans/:planId/carry-over'),
  updatePlanReview: route('PATCH', '/api/plans/:planId/reviews/:reviewId'),
  addFocusIssue: route('POST', '/api/plans/:planId/focus-issues'),
  updateFocusIssue: route('PATCH', '/api/plans/:planId/focus-issues/:issueId'),
  deleteFocusIssue: route('DELETE', '/api/plans/:planId/focus-issues/:issueId'),
  exportPlanJson: route('GET', '/api/plans/:planId/export.json'),
  downloadPlanDocument: route('GET', '/api/plans/:planId/document'),
  previewPlanImport: route('POST', '/api/schools/:schoolId/plans/import-file'),
  appendPlanRows: route('POST', '/api/plans/:planId/rows/import'),
  importPlanJson: route('POST', '/api/schools/:schoolId/plans/import-json'),
  listAssessments: route('GET', '/api/schools/:schoolId/assessments'),
  createAssessment: route('POST', '/api/schools/:schoolId/assessments'),
  importAssessmentJson: route('POST', '/api/schools/:schoolId/assessments/import-json'),
  getAssessment: route('GET', '/api/assessments/:assessmentId'),
  updateAssessmentCriterion: route(
    'PATCH',
    '/api/assessments/:assessmentId/criteria/:criterionCode',
  ),
  getCriterionHistory: route(
    'GET',
    '/api/assessments/:assessmentId/criteria/:criterionCode/history',
  ),
  updateAssessmentStandard: route(
    'PATCH',
    '/api/assessments/:assessmentId/standards/:standardCode',
  ),
  updateAssessmentLevel4: route('PATCH', '/api/assessments/:assessmentId/level4/:itemKey'),
  updateAssessmentCouncil: route('PUT', '/api/assessments/:assessmentId/council'),
  updateAssessmentWorkPlan: route('PUT', '/api/assessments/:assessmentId/work-plan'),
  updateAssessmentSettings: route('PUT', '/api/assessments/:assessmentId/settings'),
  updateAssessmentReport: route('PATCH', '/api/assessments/:assessmentId/report'),
  submitAssessment: route('POST', '/api/assessments/:assessmentId/submit'),
  approveAssessment: route('POST', '/api/assessments/:assessmentId/approve'),
  verifyAssessment: route('GET', '/api/assessments/:assessmentId/integrity'),
  reviseAssessment: route('POST', '/api/assessments/:assessmentId/revisions'),
  listAssessmentRevisions: route('GET', '/api/assessments/:assessmentId/revisions'),
  whatIfAssessment: route('POST', '/api/assessments/:assessmentId/what-if'),
  proposeAssessmentPlanRows: route('POST', '/api/assessments/:assessmentId/plan-rows'),
  exportAssessmentJson: route('GET', '/api/assessments/:assessmentId/export.json'),
  downloadAssessmentDocument: route('GET', '/api/assessments/:assessmentId/document'),
  getPlanAssessmentBasis: route('GET', '/api/plans/:planId/assessment-basis'),
  applyPlanAssessmentBasis: route('POST', '/api/plans/:planId/assessment-basis/apply'),
  listEvidence: route('GET', '/api/assessments/:assessmentId/evidence'),
  createEvidence: route('POST', '/api/assessments/:assessmentId/evidence'),
  evidenceMentions: route('GET', '/api/assessments/:assessmentId/evidence/mentions'),
  renumberEvidence: route('POST', '/api/assessments/:assessmentId/evidence/renumber'),
  importEvidenceList: route('POST', '/api/assessments/:assessmentId/evidence/import'),
  downloadEvidenceList: route('GET', '/api/assessments/:assessmentId/evidence/document'),
  getEvidence: route('GET', '/api/assessments/:assessmentId/evidence/:evidenceId'),
  updateEvidence: route('PATCH', '/api/assessments/:assessmentId/evidence/:evidenceId'),
  deleteEvidence: route('DELETE', '/api/assessments/:assessmentId/evidence/:evidenceId'),
  citeEvidence: route('POST', '/api/assessments/:assessmentId/evidence/:evidenceId/citations'),
  unciteEvidence: route(
    'DELETE',
    '/api/assessments/:assessmentId/evidence/:evidenceId/citations/:criterionCode',
  ),
  uploadEvidenceFile: route('POST', '/api/assessments/:assessmentId/evidence/:evidenceId/files'),
  downloadEvidenceFile: route(
    'GET',
    '/api/assessments/:assessmentId/evidence/:evidenceId/files/:fileId',
  ),
  deleteEvidenceFile: route(
    'DELETE',
    '/api/assessments/:assessmentId/evidence/:evidenceId/files/:fileId',
  ),
  // Carrying out and monitoring the plan (issue 13)
  getPlanProgress: route('GET', '/api/plans/:planId/progress'),
  getRowProgress: route('GET', '/api/plans/:planId/rows/:rowId/progress'),
  addRowProgress: route('POST', '/api/plans/:planId/rows/:rowId/progress'),
  uploadProgressFile: route('POST', '/api/plans/:planId/rows/:rowId/progress/:entryId/files'),
  downloadProgressFile: route('GET', '/api/plans/:planId/progress-files/:fileId'),
  getPlanDashboard: route('GET', '/api/plans/:planId/dashboard'),
  closePlanYear: route('POST', '/api/plans/:planId/close-year'),
  listMyTasks: route('GET', '/api/me/tasks'),
  listReviewRounds: route('GET', '/api/plans/:planId/review-rounds'),
  createReviewRound: route('POST', '/api/plans/:planId/review-rounds'),
  getReviewRound: route('GET', '/api/plans/:planId/review-rounds/:roundId'),
  updateReviewRound: route('PATCH', '/api/plans/:planId/review-rounds/:roundId'),
  saveReviewRoundRow: route('PUT', '/api/plans/:planId/review-rounds/:roundId/rows/:trackId'),
  downloadMonitoringReport: route('GET', '/api/plans/:planId/review-rounds/:roundId/report'),
  listNotifications: route('GET', '/api/me/notifications'),
  markNotificationsRead: route('POST', '/api/me/notifications/read'),
  getNotificationPreferences: route('GET', '/api/me/notification-preferences'),
  updateNotificationPreferences: route('PUT', '/api/me/notification-preferences'),
  getMailOutbox: route('GET', '/api/admin/mail-outbox'),
  // Background jobs (issue 15): a plan's PDF made by the job queue.
  requestPlanExport: route('POST', '/api/plans/:planId/exports'),
  requestPlanImportPreview: route('POST', '/api/schools/:schoolId/plans/import-jobs'),
  getJob: route('GET', '/api/jobs/:jobId'),
  downloadJobResult: route('GET', '/api/jobs/:jobId/download'),
  // Submissions to the offices, inbox, deadlines (issue 14, part A)
  sendSubmission: route('POST', '/api/schools/:schoolId/submissions'),
  listSchoolSubmissions: route('GET', '/api/schools/:schoolId/submissions'),
  getSubmission: route('GET', '/api/submissions/:submissionId'),
  openSubmission: route('POST', '/api/submissions/:submissionId/open'),
  acceptSubmission: route('POST', '/api/submissions/:submissionId/recipients/:unitId/accept'),
  downloadSubmissionSnapshot: route('GET', '/api/submissions/:submissionId/snapshot'),
  downloadSubmissionDocument: route('GET', '/api/submissions/:submissionId/document'),
  listOfficeInbox: route('GET', '/api/office/submissions'),
  listOfficeDeadlines: route('GET', '/api/units/:unitId/deadlines'),
  setOfficeDeadline: route('PUT', '/api/units/:unitId/deadlines'),
  listLateSchools: route('GET', '/api/units/:unitId/late-schools'),
  // The offices' comments (issue 14)
  listCommentThreads: route('GET', '/api/comments/:documentKind/:documentId'),
  createCommentThread: route('POST', '/api/comments/:documentKind/:documentId'),
  replyCommentThread: route('POST', '/api/comment-threads/:threadId/comments'),
  updateCommentThread: route('PATCH', '/api/comment-threads/:threadId'),
  // Public disclosure of an approved plan (issue 14)
  getPlanPublication: route('GET', '/api/plans/:planId/publication'),
  publishPlan: route('POST', '/api/plans/:planId/publication'),
  withdrawPlanPublication: route('DELETE', '/api/plans/:planId/publication'),
  getPublicPlan: route('GET', '/api/public/plans/:slug', 'public'),
  downloadPublicPlan: route('GET', '/api/public/plans/:slug/document', 'public'),
  verifyPublicPlan: route('POST', '/api/public/plans/:slug/verify', 'public'),
  searchSolutions: route('GET', '/api/solutions'),
  useSolutionInPlan: route('POST', '/api/solutions/:rowId/use'),
  getPlanLibraryShare: route('GET', '/api/plans/:planId/library-share'),
  updatePlanLibraryShare: route('PUT', '/api/plans/:planId/library-share'),
  // Issue 14, the offices' roll-up.
  getUnitRollup: route('GET', '/api/units/:unitId/rollup'),
  exportUnitRollup: route('GET', '/api/units/:unitId/rollup/xlsx'),
} as const satisfies Record<string, RoutePath>;

/** Route names. */
export type RouteName = keyof typeof routePaths;
