import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createFrameworkRepository, createRepositories, type DatabaseHandle } from '@caitien/db';
import {
  createOfficePool,
  legacyOfficeConverter,
  type ConvertLegacyOffice,
  type PdfConverter,
} from '@caitien/documents';
import { EVIDENCE_FILE_MAX_BYTES, routes } from '@caitien/shared';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock, type Clock } from './clock.ts';
import { createFrameworkService } from './modules/frameworks/framework.service.ts';
import { registerFrameworkRoutes } from './modules/frameworks/framework.routes.ts';
import { registerSystemRoutes } from './modules/system/system.routes.ts';
import { registerMetrics, type MetricsOptions } from './modules/system/metrics.ts';
import { withLegacyOfficeConversion, type DocumentParsers } from './documents/document-parsers.ts';
import { createParsePool } from './documents/parse-pool.ts';
import { randomIds, type IdGenerator } from './ids.ts';
import { registerBackgroundJobs, type BackgroundJobOptions } from './jobs/background-jobs.ts';
import { createJobQueue } from './jobs/create-job-queue.ts';
import { registerPlanExportJobRoutes } from './modules/plans/plan-export-job.routes.ts';
import { createPlanExportJobService } from './modules/plans/plan-export-job.service.ts';
import { registerNotificationRoutes } from './modules/notifications/notification.routes.ts';
import { createNotificationService } from './modules/notifications/notification.service.ts';
import { createAuditWriter } from './modules/audit/audit-writer.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService, type AuthSettings } from './modules/auth/auth.service.ts';
import { createPasswordHasher, type PasswordHasher } from './modules/auth/password-hasher.ts';
import { registerEvidenceRoutes } from './modules/evidence/evidence.routes.ts';
import { createEvidenceService } from './modules/evidence/evidence.service.ts';
import { createEvidenceDocuments } from './modules/evidence/evidence-document.service.ts';
import { createEvidenceFileStore } from './modules/evidence/evidence-file-store.ts';
import { registerPeopleRoutes } from './modules/people/people.routes.ts';
import { createProgressMonitoringService } from './modules/monitoring/progress-monitoring.service.ts';
import { registerProgressRoutes } from './modules/monitoring/progress.routes.ts';
import { registerAssessmentRoutes } from './modules/assessments/assessment.routes.ts';
import { createEvidenceRepositoryHooks } from './modules/assessments/assessment-hooks.ts';
import { createAssessmentService } from './modules/assessments/assessment.service.ts';
import { registerAssessmentDocumentRoutes } from './modules/assessments/assessment-document.routes.ts';
import { createAssessmentDocumentService } from './modules/assessments/assessment-document.service.ts';
import { createMonitoringReader } from './modules/monitoring/monitoring-reader.ts';
import { registerReviewRoundRoutes } from './modules/monitoring/review-round.routes.ts';
import { createReviewRoundService } from './modules/monitoring/review-round.service.ts';
import { registerRollupRoutes } from './modules/rollup/rollup.routes.ts';
import { createRollupService } from './modules/rollup/rollup.service.ts';
import { createVersionedWriter } from './kernel/versioned-write.ts';
import { registerPlanRoutes } from './modules/plans/plan.routes.ts';
import { registerPlanDocumentRoutes } from './modules/plans/plan-document.routes.ts';
import { createPlanDocumentService } from './modules/plans/plan-document.service.ts';
import { createPlanImportService } from './modules/plans/plan-import.service.ts';
import { createPlanService } from './modules/plans/plan.service.ts';
import { createPeopleService } from './modules/people/people.service.ts';
import { registerUnitRoutes } from './modules/units/unit.routes.ts';
import { createUnitService } from './modules/units/unit.service.ts';
import { registerUserRoutes } from './modules/users/user.routes.ts';
import { createPersonalDataService } from './modules/personal-data/personal-data.service.ts';
import { registerPersonalDataRoutes } from './modules/personal-data/personal-data.routes.ts';
import { createUserService } from './modules/users/user.service.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerWeb } from './plugins/web.ts';
import { registerSubmissionRoutes } from './modules/submissions/submission.routes.ts';
import { createSubmissionService } from './modules/submissions/submission.service.ts';
import { createSubmissionNotifier } from './modules/submissions/submission-notifier.ts';
import { reviewRoundSnapshotContent } from './modules/submissions/review-round-snapshot.ts';
import { registerCommentRoutes } from './modules/comments/comment.routes.ts';
import {
  createCommentService,
  type OfficeCommentInfo,
} from './modules/comments/comment.service.ts';
import { registerPublicDisclosureRoutes } from './modules/public-disclosure/public-disclosure.routes.ts';
import { createPublicDisclosureService } from './modules/public-disclosure/public-disclosure.service.ts';
import { registerSolutionLibraryRoutes } from './modules/library/solution-library.routes.ts';
import { createSolutionLibraryService } from './modules/library/solution-library.service.ts';
import { createPlanReader } from './modules/plans/plan-reader.ts';

/** Everything the app needs, passed in (CONVENTIONS.md §2–3). */
export interface AppDependencies {
  database: DatabaseHandle;
  clock?: Clock;
  /** Fastify logger options; false silences it (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; when absent or not built, only the API is served. */
  webDistDir?: string;
  trustProxy?: boolean;
  ids?: IdGenerator;
  /** Password hashing (tests pass a cheap one). */
  hasher?: PasswordHasher;
  authSettings?: Partial<AuthSettings>;
  /**
   * Parsers of uploaded Word/Excel files; by default a pool of worker threads (parse-pool.ts)
   * started on first use. The app calls their `close()`, if they have one, when it closes.
   */
  documentParsers?: DocumentParsers;
  /**
   * Where evidence files are kept (`<dataDir>/evidence/…`, by content hash) and the largest file
   * accepted; by default ./data (DATA_DIR's default) and 20 MB.
   */
  evidenceFiles?: { dataDir: string; maxFileBytes?: number };
  /**
   * The background jobs (reminders, e-mail; issue 13). Always available as `app.jobs`; the timer
   * runs only with `enabled` (main.ts, REMINDERS_ENABLED), so tests run them by hand.
   */
  jobs?: BackgroundJobOptions;
  /**
   * Called after each office comment (issue 14); the submissions module marks the school's
   * submission "đã góp ý" here.
   */
  onOfficeComment?: (info: OfficeCommentInfo) => Promise<void> | void;
  /**
   * Public disclosure (issue 14): the public address printed in the documents (PUBLIC_URL; by
   * default the publishing request's origin) and LibreOffice for the PDF (null: none, the plan is
   * published with its DOCX only; absent: found on PATH).
   */
  publicDisclosure?: { publicUrl?: string | null; soffice?: string | null };
  /**
   * What makes the PDFs (issue 15): by default the app's own warm LibreOffice pool, closed with
   * the app; one passed here is the caller's to close.
   */
  pdfConverter?: PdfConverter;
  /**
   * What turns uploaded Word/Excel 97–2003 plans into DOCX/XLSX (issue 16): by default the app's
   * LibreOffice pool (above), bounded in time and output size; tests pass their own.
   */
  legacyOfficeConverter?: ConvertLegacyOffice;
  /** Prometheus metrics at /metrics (issue 15): the token that guards them, Node's own metrics. */
  metrics?: MetricsOptions;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Sent with every answer. */
const SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  // The SPA loads only its own scripts; the API docs page sets its own policy for its assets.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
});

/**
 * Request logs name the path, never the query string: searches carry names and e-mail addresses
 * (`?q=Nguyễn Văn A`), which must not reach the logs (NĐ 13/2023; issue 15).
 */
function withoutQueryStrings(
  logger: FastifyServerOptions['logger'] | undefined,
): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: {
      req: (request: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: request.method,
        url: request.url.split('?')[0],
        hostname: request.hostname,
        remoteAddress: request.ip,
      }),
      ...options.serializers,
    },
  };
}

/** The composition root: builds the Fastify app on the given database. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withoutQueryStrings(deps.logger),
    trustProxy: deps.trustProxy ?? false,
    // Keep a caller's request id (behind a proxy) when it is sane; otherwise make one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
        ? incoming
        : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Graceful shutdown: close idle keep-alive sockets at once, let in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // A callback hook, not an async one: it runs on every request and has nothing to wait for.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).headers(SECURITY_HEADERS);
    done();
  });

  await registerOpenApi(app);

  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const repositories = createRepositories(deps.database.db);
  const audit = createAuditWriter({ clock, ids });
  const frameworkRepository = createFrameworkRepository(deps.database.db);
  const frameworkService = createFrameworkService({ frameworkRepository, clock });
  const authService = createAuthService({
    repositories,
    clock,
    ids,
    hasher: deps.hasher ?? createPasswordHasher(),
    audit,
    settings: deps.authSettings,
  });
  const unitService = createUnitService({
    repositories,
    clock,
    ids,
    audit,
    sessions: authService,
  });
  const rawParsers = deps.documentParsers ?? createParsePool({ logger: app.log });
  // Ends the worker threads with the app, so a stopped server leaves none behind.
  app.addHook('onClose', async () => rawParsers.close?.());
  // One warm LibreOffice for every PDF the app makes (issue 15), started on the first one; it
  // also turns uploaded .doc/.xls plans into .docx/.xlsx (issue 16).
  const office = createOfficePool({ logger: app.log });
  app.addHook('onClose', async () => office.close());
  const pdf = deps.pdfConverter ?? office;
  const parsers = withLegacyOfficeConversion(
    rawParsers,
    deps.legacyOfficeConverter ?? legacyOfficeConverter(office),
  );
  // The job queue (issue 15 "Background jobs"); stopped with the app (registerBackgroundJobs).
  const jobOptions = deps.jobs ?? {};
  const jobQueue = createJobQueue({
    database: deps.database,
    clock,
    logger: jobOptions.logger ?? app.log,
    maintenance: Boolean(jobOptions.enabled || jobOptions.runQueue),
    owner: jobOptions.owner,
    pollMs: jobOptions.queuePollMs ?? Math.min(jobOptions.tickMs ?? 5_000, 5_000),
  });
  const peopleService = createPeopleService({
    repositories,
    unitService,
    clock,
    ids,
    audit,
    parsers,
  });
  const userService = createUserService({ repositories, authService, clock, ids, audit });
  const personalDataService = createPersonalDataService({
    repositories,
    authService,
    clock,
    audit,
  });
  const auditService = createAuditService({ repositories });
  const planService = createPlanService({
    repositories,
    frameworkRepository,
    unitService,
    clock,
    ids,
    audit,
    // The check "weak criterion with no row" reads the self-assessment (created just below).
    weakCriteriaForPlan: (ctx, plan) => assessmentService.weakCriteriaForPlan(ctx, plan),
    // A new plan's Căn cứ names the approved self-assessment and gives its results.
    approvedAssessmentForPlan: (schoolId, schoolYear) =>
      assessmentService.approvedAssessmentForPlan(schoolId, schoolYear),
  });

  const assessmentService = createAssessmentService({
    repositories,
    frameworkRepository,
    unitService,
    planService,
    clock,
    ids,
    audit,
    // The evidence list as the assessment reads, seals, exports, imports and revises it; "start
    // from last year" carries it through the evidence module's carryEvidence (created below).
    evidence: createEvidenceRepositoryHooks({
      repositories,
      ids,
      clock,
      carryOver: (tx, input) =>
        evidenceService.carryEvidence(tx, input.fromId, input.toId, clock.now().toISOString(), {
          criterionMap: input.criterionMap,
        }),
    }),
  });

  const evidenceStore = createEvidenceFileStore(
    deps.evidenceFiles?.dataDir ?? path.resolve('data'),
  );
  const evidenceMaxBytes = deps.evidenceFiles?.maxFileBytes ?? EVIDENCE_FILE_MAX_BYTES;
  const evidenceService = createEvidenceService({
    repositories,
    clock,
    ids,
    audit,
    store: evidenceStore,
    maxFileBytes: evidenceMaxBytes,
    parsers,
  });
  // Carrying out the plan (issue 13): progress files are kept in the evidence file store.
  const progressService = createProgressMonitoringService({
    repositories,
    clock,
    ids,
    audit,
    store: evidenceStore,
    maxFileBytes: evidenceMaxBytes,
  });
  const assessmentDocumentService = createAssessmentDocumentService({
    assessmentService,
    repositories,
    frameworkRepository,
    pdf,
  });

  const planDocumentService = createPlanDocumentService({
    planService,
    pdf,
    workers: parsers,
    // A plan whose framework version is gone still renders, with criterion codes only.
    frameworkTitles: async (id) =>
      frameworkService.getFramework(id).then(
        (found) => found.detail,
        () => null,
      ),
  });

  await registerAuth(app, { authService });
  // Raw uploads (Excel files) arrive as bytes; each upload route sets its own size limit.
  const uploadTypes = [
    ...new Set(Object.values(routes).flatMap((r) => ('upload' in r ? r.upload.contentTypes : []))),
  ];
  app.addContentTypeParser(
    uploadTypes,
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  registerSystemRoutes(app, { database: deps.database });
  registerMetrics(app, {
    database: deps.database,
    repositories,
    clock,
    options: deps.metrics ?? {},
    jobQueue,
  });
  registerFrameworkRoutes(app, { frameworkService });
  registerAuthRoutes(app, { authService });
  registerUnitRoutes(app, { unitService });
  registerPeopleRoutes(app, { peopleService });
  registerUserRoutes(app, { userService });
  registerPersonalDataRoutes(app, { personalDataService });
  registerAuditRoutes(app, { auditService });
  registerPlanRoutes(app, { planService });
  registerAssessmentRoutes(app, { assessmentService });
  registerAssessmentDocumentRoutes(app, {
    assessmentDocumentService,
  });
  const planImportService = createPlanImportService({ unitService, repositories, parsers });
  registerPlanExportJobRoutes(app, {
    planExportJobService: createPlanExportJobService({
      queue: jobQueue,
      planService,
      planDocumentService,
      planImportService,
      dataDir: deps.evidenceFiles?.dataDir ?? path.resolve('data'),
      clock,
    }),
  });
  registerPlanDocumentRoutes(app, {
    planDocumentService,
    planImportService,
  });

  // Review rounds of the monitoring team and their report (issue 13).
  registerReviewRoundRoutes(app, {
    reviewRoundService: createReviewRoundService({
      repositories,
      reader: createMonitoringReader({ repositories, clock }),
      write: createVersionedWriter({ repositories, audit }),
      pdf,
      clock,
      ids,
    }),
  });

  registerBackgroundJobs(app, { repositories, clock, ids, queue: jobQueue, options: jobOptions });
  registerNotificationRoutes(app, {
    notificationService: createNotificationService({
      repositories,
      clock,
      emailAvailable: Boolean(deps.jobs?.mailTransport),
      jobQueue,
    }),
  });

  await registerEvidenceRoutes(app, {
    evidenceService,
    evidenceDocuments: createEvidenceDocuments({ assessmentDocumentService }),
  });

  await registerProgressRoutes(app, { progressService });

  // Submissions to the offices, inbox, deadlines (issue 14, part A).
  const submissionRoundService = createReviewRoundService({
    repositories,
    reader: createMonitoringReader({ repositories, clock }),
    write: createVersionedWriter({ repositories, audit }),
    pdf,
    clock,
    ids,
  });
  const submissionTransport = deps.jobs?.mailTransport ?? null;
  registerSubmissionRoutes(app, {
    submissionService: createSubmissionService({
      repositories,
      clock,
      ids,
      audit,
      notify: createSubmissionNotifier({
        repositories,
        clock,
        ids,
        mail: submissionTransport
          ? { from: submissionTransport.from, publicUrl: deps.jobs?.publicUrl ?? null }
          : null,
      }),
      renderers: {
        plan: (ctx, planId) => planDocumentService.render(ctx, planId, { format: 'docx' }),
        assessment: (ctx, assessmentId) =>
          assessmentDocumentService.render(ctx, assessmentId, {
            document: 'report',
            format: 'docx',
          }),
        monitoringReport: (ctx, planId, roundId) =>
          submissionRoundService.report(ctx, planId, roundId, 'docx'),
        reviewRoundContent: async (ctx, planId, roundId) =>
          reviewRoundSnapshotContent(await submissionRoundService.get(ctx, planId, roundId)),
      },
    }),
  });

  // The offices' comments (issue 14). An office's comment marks what the school sent to that
  // office "đã góp ý" (never one it already accepted); a test may watch the callback.
  registerCommentRoutes(app, {
    commentService: createCommentService({
      repositories,
      clock,
      ids,
      audit,
      mail: deps.jobs?.mailTransport
        ? { from: deps.jobs.mailTransport.from, publicUrl: deps.jobs.publicUrl ?? null }
        : null,
      onOfficeComment: async (info) => {
        await repositories.submissions.markCommented({
          documentId: info.documentId,
          unitId: info.officeUnitId,
          at: info.at,
        });
        await deps.onOfficeComment?.(info);
      },
    }),
  });

  // Public disclosure of approved plans (issue 14): published files kept in the file store.
  registerPublicDisclosureRoutes(app, {
    publicDisclosureService: createPublicDisclosureService({
      repositories,
      planService,
      frameworkTitles: async (id) =>
        frameworkService.getFramework(id).then(
          (found) => found.detail,
          () => null,
        ),
      assessmentSummary: (schoolId, schoolYear) =>
        assessmentService.publicAssessmentSummary(schoolId, schoolYear),
      store: evidenceStore,
      write: createVersionedWriter({ repositories, audit }),
      pdf,
      clock,
      ids,
      publicUrl: deps.publicDisclosure?.publicUrl ?? null,
      ...(deps.publicDisclosure && 'soffice' in deps.publicDisclosure
        ? { soffice: deps.publicDisclosure.soffice }
        : {}),
    }),
  });

  // The solution library (issue 14): search, "use in my plan" through the plan-row service, sharing.
  registerSolutionLibraryRoutes(app, {
    solutionLibraryService: createSolutionLibraryService({
      repositories,
      reader: createPlanReader({ repositories }),
      write: createVersionedWriter({ repositories, audit }),
      addRow: (ctx, planId, input) => planService.addRow(ctx, planId, input),
      clock,
    }),
  });

  // Issue 14: the offices' roll-up.
  registerRollupRoutes(app, {
    rollupService: createRollupService({ repositories, clock }),
  });

  if (deps.webDistDir) await registerWeb(app, deps.webDistDir);
  else {
    const { sendError } = await import('./plugins/error-handler.ts');
    app.setNotFoundHandler((request, reply) =>
      sendError(
        reply,
        request,
        'NOT_FOUND',
        `Không tìm thấy đường dẫn ${request.method} ${request.url.split('?')[0]}.`,
      ),
    );
  }
  return app;
}
