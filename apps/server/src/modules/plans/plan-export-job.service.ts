import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanLayout } from '@caitien/core';
import { MEDIA_TYPES, routePaths, type JobStatus } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue, QueuedJob } from '../../jobs/job-queue.ts';
import { systemContext, type ServiceContext } from '../../kernel/service-context.ts';
import type { PlanDocumentService } from './plan-document.service.ts';
import type { PlanService } from './plan.service.ts';

/** What a 'plan-export' job carries: the plan, the layout and who asked (the only one who sees it). */
interface PlanExportJobData {
  planId: string;
  format: 'pdf';
  layout: PlanLayout | null;
  userId: string;
}

/** What a finished 'plan-export' job keeps: where its file is and how to name it. */
interface PlanExportOutput {
  file: string;
  fileName: string;
  sizeBytes: number;
}

const JOB_NOT_FOUND = 'Không tìm thấy tác vụ này (hoặc bạn không có quyền xem).';
/** How long a made file is kept before the cleanup deletes it. */
export const EXPORT_RETENTION_MS = 24 * 60 * 60_000;

/** The two queues of the exports and their retry policies (README "Tác vụ nền"). */
export const EXPORT_QUEUE_POLICIES = {
  'plan-export': { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 600 },
  'export-cleanup': {
    retryLimit: 3,
    retryDelaySeconds: 300,
    retryBackoff: true,
    expireInSeconds: 600,
  },
} as const;

const isOutput = (o: unknown): o is PlanExportOutput =>
  typeof o === 'object' && o !== null && typeof (o as PlanExportOutput).file === 'string';

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
  dataDir: string;
  clock: Clock;
  retentionMs?: number;
}) {
  const dir = path.join(deps.dataDir, 'exports');
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
    handler: async (data, job): Promise<PlanExportOutput> => {
      // Access was decided when the job was asked for; the run reads as the system, for that user.
      const doc = await deps.planDocumentService.render(
        systemContext('Tác vụ nền (xuất PDF)', data.userId),
        data.planId,
        { format: data.format, layout: data.layout ?? undefined },
      );
      await mkdir(dir, { recursive: true });
      const file = `${job.id}.pdf`;
      const temporary = path.join(dir, `${file}.part`);
      await writeFile(temporary, doc.bytes);
      await rename(temporary, path.join(dir, file));
      return { file, fileName: doc.fileName, sizeBytes: doc.bytes.length };
    },
  });

  deps.queue.work({
    name: 'export-cleanup',
    ...EXPORT_QUEUE_POLICIES['export-cleanup'],
    handler: async () => {
      const now = deps.clock.now().getTime();
      let deleted = 0;
      let oldestKept: number | null = null;
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const full = path.join(dir, name);
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

  /** The caller's own export job, else 404 (also when the plan is no longer theirs to read). */
  async function ownJob(ctx: ServiceContext, jobId: string): Promise<QueuedJob> {
    const job = await deps.queue.getJob(jobId);
    const data = job?.data as Partial<PlanExportJobData> | undefined;
    if (!job || job.name !== 'plan-export' || data?.userId !== ctx.actor.userId || !data.planId) {
      throw new AppError('NOT_FOUND', JOB_NOT_FOUND);
    }
    await deps.planService.readPlan(ctx, data.planId).catch(() => {
      throw new AppError('NOT_FOUND', JOB_NOT_FOUND);
    });
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
      const bytes = await readFile(path.join(dir, path.basename(job.output.file))).catch(
        () => null,
      );
      if (!bytes) {
        throw new AppError('NOT_FOUND', 'Tệp đã quá hạn lưu và đã được xoá: hãy xuất lại.');
      }
      return { bytes, contentType: MEDIA_TYPES.pdf, fileName: job.output.fileName };
    },
  };
}

export type PlanExportJobService = ReturnType<typeof createPlanExportJobService>;
