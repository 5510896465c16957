import { z } from 'zod';
import { PLAN_LAYOUTS } from '@caitien/core';
import { idSchema } from './common.schemas.ts';

/** Asks for a plan document made in the background (issue 15 "Background jobs"): the PDF. */
export const requestPlanExportBodySchema = z.object({
  format: z.literal('pdf'),
  layout: z.enum(PLAN_LAYOUTS).optional(),
});

/** The job made for an export: poll `GET /api/jobs/:jobId` until it is done. */
export const plannedJobSchema = z.object({ jobId: idSchema }).meta({ id: 'PlannedJob' });

export const jobParamsSchema = z.object({ jobId: idSchema });

/** A background job as its requester sees it. */
export const jobStatusSchema = z
  .object({
    jobId: idSchema,
    /** waiting (queued or waiting for a retry), running, done, failed (for good). */
    state: z.enum(['waiting', 'running', 'done', 'failed']),
    attempts: z.number().int(),
    /** Why the last attempt failed (Vietnamese), when it did. */
    error: z.string().nullable(),
    /** Where to download the result, once done. */
    downloadUrl: z.string().nullable(),
    fileName: z.string().nullable(),
  })
  .meta({ id: 'JobStatus' });
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** One job of the queue as the administrator sees it (failed or waiting for a retry). */
export const queuedJobSummarySchema = z.object({
  id: z.string(),
  /** The queue: reminders, mail, rollup-refresh, plan-export, … */
  name: z.string(),
  state: z.enum(['created', 'retry', 'active', 'completed', 'failed', 'cancelled']),
  attempts: z.number().int(),
  retryLimit: z.number().int(),
  lastError: z.string().nullable(),
  createdOn: z.string(),
  /** When it failed for good (failed) or when it is tried again (retry). */
  at: z.string().nullable(),
});

/** The job queue in the administrator's view: depth per queue, failed and retrying jobs. */
export const jobQueueOverviewSchema = z.object({
  engine: z.enum(['pg-boss', 'sqlite']),
  queues: z.array(
    z.object({
      name: z.string(),
      waiting: z.number().int(),
      active: z.number().int(),
      failed: z.number().int(),
    }),
  ),
  /** The latest 50 failed or retrying jobs, newest first. */
  problems: z.array(queuedJobSummarySchema),
});
