import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanLayout } from '@caitien/core';
import { MEDIA_TYPES, routePaths, type JobStatus } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue, QueuedJob } from '../../jobs/job-queue.ts';
import { systemContext, type ServiceContext } from '../../kernel/service-context.ts';
import type { PlanPreviewInput } from '../../documents/document-parsers.ts';
import type { PlanDocumentService } from './plan-document.service.ts';
import type { PlanImportService } from './plan-import.service.ts';
import type { PlanService } from './plan.service.ts';

/** What a 'plan-export' job carries: the plan, the layout and who asked (the only one who sees it). */
interface PlanExportJobData {
  planId: string;
  format: 'pdf';
  layout: PlanLayout | null;
  userId: string;
}

/** What a 'plan-import-preview' job carries: the school, the stored upload, its options, who asked. */
interface PlanImportJobData {
  schoolId: string;
  /** The upload's file under `<DATA_DIR>/imports/`, and whether it is a file or pasted text. */
  upload: string;
  kind: 'file' | 'text';
  fileName: string | null;
  schoolYear: string | null;
  mapping: Array<{ column: number; field: string | null }> | null;
  /** false: legacy-font text kept as typed (absent in jobs queued before the option). */
  legacyFonts?: boolean;
  userId: string;
}

/** What a finished job keeps: where its file is (`<dir>/<file>`) and how to name and type it. */
interface JobFileOutput {
  dir: 'exports' | 'imports';
  file: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

const JOB_NOT_FOUND = 'Không tìm thấy tác vụ này (hoặc bạn không có quyền xem).';
/** How long a made file is kept before the cleanup deletes it. */
export const EXPORT_RETENTION_MS = 24 * 60 * 60_000;

/** The two queues of the exports and their retry policies (README "Tác vụ nền"). */
export const EXPORT_QUEUE_POLICIES = {
  'plan-export': { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 600 },
  'plan-import-preview': {
    retryLimit: 2,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 600,
  },
  'export-cleanup': {
    retryLimit: 3,
    retryDelaySeconds: 300,
    retryBackoff: true,
    expireInSeconds: 600,
  },
} as const;

/**
 * An error the service meant for the user (a malformed or unreadable file, a plan they may no
 * longer read): another attempt would answer the same, so the job fails for good at once and the
 * user reads the reason now. A busy or crashed LibreOffice or worker (503) and anything unexpected
 * are retried with backoff.
 */
const isAnswerForTheUser = (e: unknown): boolean =>
  e instanceof AppError && e.code !== 'SERVICE_UNAVAILABLE' && e.code !== 'INTERNAL_ERROR';

const isOutput = (o: unknown): o is JobFileOutput =>
  typeof o === 'object' &&
  o !== null &&
  typeof (o as JobFileOutput).file === 'string' &&
  ((o as JobFileOutput).dir === 'exports' || (o as JobFileOutput).dir === 'imports');

/** Writes the bytes under a temporary name, then renames: a file is complete or absent. */
async function writeAtomically(full: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(`${full}.part`, bytes);
  await rename(`${full}.part`, full);
}

/**
 * A plan's PDF made by the job queue (issue 15 "Background jobs"): LibreOffice can take seconds on
 * a large plan, so `POST /api/plans/:planId/exports` checks the caller may read the plan, enqueues
 * a 'plan-export' job and answers 202 at once; the job renders the document (plan-document.service)
 * and keeps the file under `<DATA_DIR>/exports/<jobId>.pdf`, so it survives a restart. The job is
 * its requester's alone — anyone else, whatever their role, gets 404 for it and its file — and
 * the plan's access is checked again on each read (a user moved to another school loses it). The
 * handler is idempotent (the same job writes the same file, by rename). An 'export-cleanup' job,
 * delayed by a day, deletes files older than that and schedules itself again while any remain.
 */
export function createPlanExportJobService(deps: {
  queue: JobQueue;
  planService: Pick<PlanService, 'readPlan'>;
  planDocumentService: Pick<PlanDocumentService, 'render'>;
  planImportService: Pick<PlanImportService, 'checkAccess' | 'preview'>;
  dataDir: string;
  clock: Clock;
  retentionMs?: number;
}) {
  const dir = path.join(deps.dataDir, 'exports');
  const importsDir = path.join(deps.dataDir, 'imports');
  const retentionMs = deps.retentionMs ?? EXPORT_RETENTION_MS;

  async function scheduleCleanup(at: number): Promise<void> {
    await deps.queue.send(
      'export-cleanup',
      {},
      { singletonKey: 'exports', startAfter: new Date(at) },
    );
  }

  deps.queue.work<PlanExportJobData>({
    name: 'plan-export',
    ...EXPORT_QUEUE_POLICIES['plan-export'],
    isPermanent: isAnswerForTheUser,
    handler: async (data, job): Promise<JobFileOutput> => {
      // Access was decided when the job was asked for; the run reads as the system, for that user.
      const doc = await deps.planDocumentService.render(
        systemContext('Tác vụ nền (xuất PDF)', data.userId),
        data.planId,
        { format: data.format, layout: data.layout ?? undefined },
      );
      const file = `${job.id}.pdf`;
      await writeAtomically(path.join(dir, file), doc.bytes);
      return {
        dir: 'exports',
        file,
        fileName: doc.fileName,
        contentType: MEDIA_TYPES.pdf,
        sizeBytes: doc.bytes.length,
      };
    },
  });

  deps.queue.work<PlanImportJobData>({
    name: 'plan-import-preview',
    ...EXPORT_QUEUE_POLICIES['plan-import-preview'],
    isPermanent: isAnswerForTheUser,
    handler: async (data, job): Promise<JobFileOutput> => {
      const bytes = await readFile(path.join(importsDir, path.basename(data.upload)));
      const input: PlanPreviewInput =
        data.kind === 'text'
          ? { kind: 'text', text: bytes.toString('utf8') }
          : { kind: 'file', bytes: new Uint8Array(bytes) };
      const json = await deps.planImportService.preview(
        systemContext('Tác vụ nền (đọc kế hoạch)', data.userId),
        data.schoolId,
        input,
        {
          fileName: data.fileName ?? undefined,
          schoolYear: data.schoolYear ?? undefined,
          mapping: (data.mapping ?? undefined) as Parameters<
            PlanImportService['preview']
          >[3]['mapping'],
          legacyFonts: data.legacyFonts,
        },
      );
      const file = `${job.id}.json`;
      await writeAtomically(path.join(importsDir, file), json);
      // The upload is no longer needed once its preview is kept (a retry never gets here).
      await unlink(path.join(importsDir, path.basename(data.upload))).catch(() => undefined);
      return {
        dir: 'imports',
        file,
        fileName: 'xem-truoc-nhap-ke-hoach.json',
        contentType: 'application/json; charset=utf-8',
        sizeBytes: json.length,
      };
    },
  });

  deps.queue.work({
    name: 'export-cleanup',
    ...EXPORT_QUEUE_POLICIES['export-cleanup'],
    handler: async () => {
      const now = deps.clock.now().getTime();
      let deleted = 0;
      let oldestKept: number | null = null;
      const files = [];
      for (const folder of [dir, importsDir]) {
        const names = await readdir(folder).catch(() => [] as string[]);
        files.push(...names.map((name) => path.join(folder, name)));
      }
      for (const full of files) {
        const made = (await stat(full).catch(() => null))?.mtimeMs;
        if (made === undefined) continue;
        if (made <= now - retentionMs) {
          await unlink(full).catch(() => undefined);
          deleted += 1;
        } else if (oldestKept === null || made < oldestKept) {
          oldestKept = made;
        }
      }
      if (oldestKept !== null) await scheduleCleanup(oldestKept + retentionMs);
      return { deleted };
    },
  });

  /**
   * The caller's own export or import job, else 404 (also when the plan or school is no longer
   * theirs: access is decided again on each read).
   */
  async function ownJob(ctx: ServiceContext, jobId: string): Promise<QueuedJob> {
    const job = await deps.queue.getJob(jobId);
    const data = job?.data as Partial<PlanExportJobData & PlanImportJobData> | undefined;
    const notFound = () => new AppError('NOT_FOUND', JOB_NOT_FOUND);
    if (!job || !data || data.userId !== ctx.actor.userId) throw notFound();
    if (job.name === 'plan-export' && data.planId) {
      await deps.planService.readPlan(ctx, data.planId).catch(() => {
        throw notFound();
      });
    } else if (job.name === 'plan-import-preview' && data.schoolId) {
      await deps.planImportService.checkAccess(ctx, data.schoolId).catch(() => {
        throw notFound();
      });
    } else {
      throw notFound();
    }
    return job;
  }

  return {
    async request(
      ctx: ServiceContext,
      planId: string,
      body: { format: 'pdf'; layout?: PlanLayout | undefined },
    ): Promise<{ jobId: string }> {
      // Who may download the plan's documents may ask for them (404/403 as the plan read answers).
      await deps.planService.readPlan(ctx, planId);
      const data: PlanExportJobData = {
        planId,
        format: body.format,
        layout: body.layout ?? null,
        userId: ctx.actor.userId,
      };
      // Asking twice while one is waiting gives the same job.
      const jobId = await deps.queue.send('plan-export', data, {
        singletonKey: `${ctx.actor.userId}:${planId}:${body.format}:${body.layout ?? ''}`,
      });
      await scheduleCleanup(deps.clock.now().getTime() + retentionMs);
      return { jobId };
    },

    /**
     * A large Word/Excel plan read in the background: the upload is kept under
     * `<DATA_DIR>/imports/` and a 'plan-import-preview' job makes the same preview JSON as
     * `POST …/plans/import-file`, fetched from the job's download once done.
     */
    async requestImportPreview(
      ctx: ServiceContext,
      schoolId: string,
      input: PlanPreviewInput,
      options: {
        fileName?: string | undefined;
        schoolYear?: string | undefined;
        mapping?: Array<{ column: number; field: string | null }> | undefined;
        legacyFonts?: boolean | undefined;
      },
    ): Promise<{ jobId: string }> {
      await deps.planImportService.checkAccess(ctx, schoolId);
      const upload = `${randomUUID()}.upload`;
      await writeAtomically(
        path.join(importsDir, upload),
        input.kind === 'text' ? Buffer.from(input.text, 'utf8') : Buffer.from(input.bytes),
      );
      const data: PlanImportJobData = {
        schoolId,
        upload,
        kind: input.kind,
        fileName: options.fileName ?? null,
        schoolYear: options.schoolYear ?? null,
        mapping: options.mapping ?? null,
        ...(options.legacyFonts === false ? { legacyFonts: false } : {}),
        userId: ctx.actor.userId,
      };
      const jobId = await deps.queue.send('plan-import-preview', data);
      await scheduleCleanup(deps.clock.now().getTime() + retentionMs);
      return { jobId };
    },

    async status(ctx: ServiceContext, jobId: string): Promise<JobStatus> {
      const job = await ownJob(ctx, jobId);
      const done = job.state === 'completed' && isOutput(job.output);
      return {
        jobId: job.id,
        state: done
          ? 'done'
          : job.state === 'active'
            ? 'running'
            : job.state === 'failed' || job.state === 'cancelled' || job.state === 'completed'
              ? 'failed'
              : 'waiting',
        attempts: job.attempts,
        error:
          job.state === 'failed' || job.state === 'retry'
            ? (job.lastError ?? 'Không tạo được tệp.')
            : null,
        downloadUrl: done
          ? routePaths.downloadJobResult.path.replace(':jobId', encodeURIComponent(job.id))
          : null,
        fileName: done && isOutput(job.output) ? job.output.fileName : null,
      };
    },

    async download(
      ctx: ServiceContext,
      jobId: string,
    ): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
      const job = await ownJob(ctx, jobId);
      if (job.state !== 'completed' || !isOutput(job.output)) {
        throw new AppError('CONFLICT', 'Tệp chưa sẵn sàng: hãy chờ tác vụ hoàn thành.');
      }
      const folder = job.output.dir === 'imports' ? importsDir : dir;
      const bytes = await readFile(path.join(folder, path.basename(job.output.file))).catch(
        () => null,
      );
      if (!bytes) {
        throw new AppError('NOT_FOUND', 'Tệp đã quá hạn lưu và đã được xoá: hãy làm lại.');
      }
      return { bytes, contentType: job.output.contentType, fileName: job.output.fileName };
    },
  };
}

export type PlanExportJobService = ReturnType<typeof createPlanExportJobService>;
