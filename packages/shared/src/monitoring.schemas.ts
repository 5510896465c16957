import {
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  NOTIFICATION_KINDS,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  REVIEW_ROUND_KINDS,
  REVIEW_ROUND_STATUSES,
} from '@caitien/core';
import { z } from 'zod';
import { idSchema, userText, versionSchema } from './common.schemas.ts';
import { jobQueueOverviewSchema } from './jobs.schemas.ts';

/**
 * Carrying out and monitoring the plan (issue 13): progress per row with its dated log, "Việc của
 * tôi", review rounds, the dashboard, notifications and their preferences, year end. Progress
 * lives outside the seal; it hangs on the row's `trackId`, which a revision keeps.
 */

const PROGRESS_TEXT_MAX = 10_000;

/** A calendar date, YYYY-MM-DD (Việt Nam). */
export const calendarDateSchema = z.iso.date(
  'Ngày phải có dạng YYYY-MM-DD và là một ngày có thật.',
);

const choices = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} (${label})`)
    .join(', ');

export const progressStatusSchema = z.enum(PROGRESS_STATUSES, {
  error: `Trạng thái không hợp lệ; chọn một trong: ${choices(PROGRESS_STATUS_LABELS)}.`,
});
/** The funding source of an amount spent (a clear Vietnamese message when it is not one). */
const spentSourceSchema = z.enum(FUNDING_SOURCES, {
  error: `Nguồn kinh phí không hợp lệ; chọn một trong: ${choices(FUNDING_SOURCE_LABELS)}.`,
});
export const reviewRoundKindSchema = z.enum(REVIEW_ROUND_KINDS);
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** Where a row stands against its time today (core `rowSchedule`). */
export const rowScheduleSchema = z
  .object({
    startMonth: z.string().nullable(),
    dueMonth: z.string().nullable(),
    dueDate: z.string().nullable(),
    noDate: z.boolean(),
    overdue: z.boolean(),
    dueSoon: z.boolean(),
    startsThisMonth: z.boolean(),
    dueThisMonth: z.boolean(),
    daysLeft: z.number().int().nullable(),
  })
  .meta({ id: 'RowSchedule' });

/** Amounts in đồng by funding source (the parser's sources). */
export const amountsBySourceSchema = z
  .record(z.enum(FUNDING_SOURCES), z.number().int())
  .meta({ id: 'AmountsBySource' });

/** A file attached to a progress update; `evidenceCode` once it became a minh chứng. */
export const progressFileSchema = z
  .object({
    id: idSchema,
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    evidenceId: idSchema.nullable(),
    evidenceCode: z.string().nullable(),
    assessmentId: idSchema.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProgressFile' });

/** One dated update of a row's progress (the log; never overwritten). */
export const progressEntrySchema = z
  .object({
    id: idSchema,
    trackId: idSchema,
    planId: idSchema,
    entryDate: z.string(),
    recordedAt: z.string(),
    authorUserId: idSchema.nullable(),
    authorName: z.string(),
    status: progressStatusSchema.nullable(),
    percent: z.number().int().nullable(),
    result: z.string().nullable(),
    note: z.string(),
    spent: z
      .object({
        amount: z.number().int(),
        source: z.enum(FUNDING_SOURCES),
        text: z.string(),
      })
      .nullable(),
    files: z.array(progressFileSchema),
    /** The `clientId` the update was sent with (a phone's offline queue finds its entry by it). */
    clientId: z.string().nullable().optional(),
  })
  .meta({ id: 'ProgressEntry' });

/** A row of a plan as the monitoring screens show it: what was planned, and where the work is. */
export const rowProgressSchema = z
  .object({
    rowId: idSchema,
    trackId: idSchema,
    planId: idSchema,
    ordinal: z.string(),
    position: z.number().int(),
    standardCode: z.string().nullable(),
    criterionCode: z.string().nullable(),
    /** Nội dung (or tasks when the layout has no content column), as typed. */
    content: z.string(),
    timeText: z.string(),
    leadText: z.string(),
    coordinatorsText: z.string(),
    plannedBudget: z.object({
      amount: z.number().int().nullable(),
      source: z.enum(FUNDING_SOURCES),
      bySource: amountsBySourceSchema,
    }),
    schedule: rowScheduleSchema,
    status: progressStatusSchema,
    percent: z.number().int().min(0).max(100),
    result: z.string(),
    spent: z.object({ total: z.number().int(), bySource: amountsBySourceSchema }),
    entryCount: z.number().int(),
    lastEntryAt: z.string().nullable(),
    /** The version of the row's progress (0 before its first update): sent back with an update. */
    version: z.number().int().min(0),
    /** Field → progress version at which it last changed (status, percent, result). */
    fieldVersions: z.record(z.string(), z.number().int()),
    /** The signed-in user's part in the row, and whether they may update it. */
    myRole: z.enum(['lead', 'coordinator']).nullable(),
    canUpdate: z.boolean(),
  })
  .meta({ id: 'RowProgress' });

export type RowProgress = z.infer<typeof rowProgressSchema>;

/** Counts of rows by status, plus the overdue and the no-date ones. */
export const statusCountsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.record(progressStatusSchema, z.number().int()),
    overdue: z.number().int(),
    noDate: z.number().int(),
    dueThisMonth: z.number().int(),
    startsThisMonth: z.number().int(),
  })
  .meta({ id: 'StatusCounts' });

/** The year's closing record. */
export const yearClosureSchema = z
  .object({
    planId: idSchema,
    schoolYear: z.string(),
    closedAt: z.string(),
    closedByUserId: idSchema.nullable(),
    counts: statusCountsSchema,
    unfinishedTrackIds: z.array(idSchema),
  })
  .meta({ id: 'YearClosure' });

/** The progress of every row of a plan (the lineage's approved content, its progress today). */
export const planProgressSchema = z
  .object({
    planId: idSchema,
    lineageId: idSchema,
    schoolYear: z.string(),
    /** The day the answer is computed for (Việt Nam; `CAITIEN_NOW` fixes it). */
    today: z.string(),
    /** Progress can be recorded (the lineage has an approved revision and the year is open). */
    open: z.boolean(),
    canMonitor: z.boolean(),
    rows: z.array(rowProgressSchema),
    summary: statusCountsSchema,
    closure: yearClosureSchema.nullable(),
  })
  .meta({ id: 'PlanProgress' });

/** One row's progress with its whole log, and the logs of the rows it was carried from. */
export const rowProgressDetailSchema = z
  .object({
    today: z.string(),
    row: rowProgressSchema,
    entries: z.array(progressEntrySchema),
    earlierYears: z.array(
      z.object({
        schoolYear: z.string(),
        planId: idSchema,
        rowId: idSchema,
        status: progressStatusSchema,
        percent: z.number().int(),
        result: z.string(),
        entries: z.array(progressEntrySchema),
      }),
    ),
  })
  .meta({ id: 'RowProgressDetail' });

export const progressRowParamsSchema = z.object({ planId: idSchema, rowId: idSchema });
export const progressEntryParamsSchema = z.object({
  planId: idSchema,
  rowId: idSchema,
  entryId: idSchema,
});
export const progressFileParamsSchema = z.object({ planId: idSchema, fileId: idSchema });
export const progressFileUploadQuerySchema = z.object({
  fileName: z.string().min(1).max(255),
});

/**
 * An update of a row's progress. `version` is the row progress version the client started from
 * (0 before the first update): a change of status, percent or result that another update changed
 * since is refused with 409 and the current state; a note alone is always appended. `clientId`
 * makes a resend from a phone that was offline harmless.
 */
export const addProgressBodySchema = z.object({
  version: z.number().int().min(0),
  entryDate: calendarDateSchema,
  status: progressStatusSchema.optional(),
  percent: z
    .number({ error: 'Phần trăm phải là một số từ 0 đến 100.' })
    .int('Phần trăm phải là số nguyên từ 0 đến 100.')
    .min(0, 'Phần trăm phải từ 0 đến 100.')
    .max(100, 'Phần trăm phải từ 0 đến 100.')
    .optional(),
  result: userText(PROGRESS_TEXT_MAX).optional(),
  note: userText(PROGRESS_TEXT_MAX).default(''),
  spent: z
    .object({
      amount: z.number().int().min(0).max(1e15),
      source: spentSourceSchema,
      text: userText(500).default(''),
    })
    .optional(),
  clientId: z.string().min(8).max(64).optional(),
});

export type AddProgressBody = z.infer<typeof addProgressBodySchema>;

/** "Việc của tôi": the rows a staff member leads or coordinates, across the plans they see. */
export const myTaskSchema = rowProgressSchema
  .extend({
    schoolId: idSchema,
    schoolName: z.string(),
    schoolYear: z.string(),
    planTitle: z.string(),
  })
  .meta({ id: 'MyTask' });

export const myTasksQuerySchema = z.object({
  /** open (default): not done nor given up; all: every row. */
  show: z.enum(['open', 'all']).default('open'),
});

export const myTasksSchema = z
  .object({
    today: z.string(),
    /** False when the account is not linked to a person of a school's directory. */
    linked: z.boolean(),
    tasks: z.array(myTaskSchema),
  })
  .meta({ id: 'MyTasks' });

// ——— Review rounds ———

export const reviewRoundParamsSchema = z.object({ planId: idSchema, roundId: idSchema });
export const reviewRoundRowParamsSchema = z.object({
  planId: idSchema,
  roundId: idSchema,
  trackId: idSchema,
});

export const reviewRoundSchema = z
  .object({
    id: idSchema,
    lineageId: idSchema,
    planId: idSchema,
    position: z.number().int(),
    kind: reviewRoundKindSchema,
    label: z.string(),
    status: z.enum(REVIEW_ROUND_STATUSES),
    plannedDate: z.string().nullable(),
    openedAt: z.string().nullable(),
    conclusions: z.string(),
    recommendations: z.string(),
    closedAt: z.string().nullable(),
    reviewedRows: z.number().int(),
    totalRows: z.number().int(),
    version: versionSchema,
    fieldVersions: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'ReviewRound' });

/** A row as reviewed in a round: its progress then, and the reviewer's result and adjustment. */
export const reviewRoundRowSchema = z
  .object({
    row: rowProgressSchema,
    status: progressStatusSchema.nullable(),
    percent: z.number().int().nullable(),
    result: z.string(),
    adjustment: z.string(),
    reviewer: z.string(),
    /** 0 before the row was reviewed in this round. */
    version: z.number().int().min(0),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ReviewRoundRow' });

export const reviewRoundDetailSchema = reviewRoundSchema
  .extend({ today: z.string(), canEdit: z.boolean(), rows: z.array(reviewRoundRowSchema) })
  .meta({ id: 'ReviewRoundDetail' });

export const reviewRoundListSchema = z
  .object({
    today: z.string(),
    canManage: z.boolean(),
    rounds: z.array(reviewRoundSchema),
    /** The rounds the regime asks for that are not created yet, with their usual dates. */
    suggested: z.array(
      z.object({ kind: reviewRoundKindSchema, label: z.string(), plannedDate: z.string() }),
    ),
  })
  .meta({ id: 'ReviewRoundList' });

export const createReviewRoundBodySchema = z.object({
  kind: reviewRoundKindSchema,
  label: userText(200).optional(),
  plannedDate: calendarDateSchema.nullable().optional(),
  /** Open it now (default) or only schedule it. */
  open: z.boolean().default(true),
});

export const updateReviewRoundBodySchema = z.object({
  version: versionSchema,
  label: userText(200).optional(),
  plannedDate: calendarDateSchema.nullable().optional(),
  conclusions: userText(PROGRESS_TEXT_MAX).optional(),
  recommendations: userText(PROGRESS_TEXT_MAX).optional(),
  status: z.enum(REVIEW_ROUND_STATUSES).optional(),
});

export const saveReviewRoundRowBodySchema = z.object({
  version: z.number().int().min(0),
  result: userText(PROGRESS_TEXT_MAX).optional(),
  adjustment: userText(PROGRESS_TEXT_MAX).optional(),
  reviewer: userText(300).optional(),
});

export const monitoringReportQuerySchema = z.object({
  format: z.enum(['docx', 'pdf']).default('docx'),
  /** Who signs: the principal (default) or the head of the monitoring team (TM. Tổ giám sát). */
  signer: z.enum(['principal', 'monitoring_lead']).default('principal'),
});

// ——— Dashboard ———

export const planDashboardSchema = z
  .object({
    planId: idSchema,
    schoolYear: z.string(),
    today: z.string(),
    summary: statusCountsSchema,
    byStandard: z.array(
      z.object({
        standardCode: z.string().nullable(),
        label: z.string(),
        counts: statusCountsSchema,
      }),
    ),
    overdue: z.array(rowProgressSchema),
    noDate: z.array(rowProgressSchema),
    budget: z.object({ planned: amountsBySourceSchema, spent: amountsBySourceSchema }),
    timeline: z.object({
      months: z.array(z.string()),
      rows: z.array(
        z.object({
          rowId: idSchema,
          ordinal: z.string(),
          label: z.string(),
          startMonth: z.string().nullable(),
          dueMonth: z.string().nullable(),
          status: progressStatusSchema,
          percent: z.number().int(),
          overdue: z.boolean(),
        }),
      ),
    }),
    rounds: z.array(reviewRoundSchema),
  })
  .meta({ id: 'PlanDashboard' });

// ——— Notifications ———

export const notificationSchema = z
  .object({
    id: idSchema,
    kind: notificationKindSchema,
    title: z.string(),
    body: z.string(),
    link: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const notificationListQuerySchema = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationListSchema = z
  .object({ unread: z.number().int(), items: z.array(notificationSchema) })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const markNotificationsReadBodySchema = z.object({
  /** The notifications to mark read; omitted: all of them. */
  ids: z.array(idSchema).max(500).optional(),
});

export const notificationPreferencesSchema = z
  .object({
    /** The address mail goes to (the account's e-mail), or null. */
    email: z.string().nullable(),
    /** Whether the server can send e-mail (SMTP configured). */
    emailAvailable: z.boolean(),
    kinds: z.array(
      z.object({
        kind: notificationKindSchema,
        label: z.string(),
        inApp: z.boolean(),
        email: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const updateNotificationPreferencesBodySchema = z.object({
  kinds: z
    .array(z.object({ kind: notificationKindSchema, inApp: z.boolean(), email: z.boolean() }))
    .max(NOTIFICATION_KINDS.length),
});

/** The mail queue as the administrator sees it (pending, failed and recent sends). */
export const mailOutboxSchema = z
  .object({
    smtpConfigured: z.boolean(),
    /**
     * The scheduled background jobs (issue 15): when each last ran and finished, when it runs
     * next, which instance holds it now, and the error of its last run (null: it succeeded).
     */
    jobs: z.array(
      z.object({
        name: z.string(),
        nextRunAt: z.string(),
        lastRunAt: z.string().nullable(),
        lastFinishedAt: z.string().nullable(),
        lockedBy: z.string().nullable(),
        lockedUntil: z.string().nullable(),
        lastError: z.string().nullable(),
        /** Due for over ten minutes and no instance holds it: no runner is running it. */
        overdue: z.boolean(),
      }),
    ),
    /** The job queue (issue 15 "Background jobs"): depths, failed and retrying jobs. */
    queue: jobQueueOverviewSchema,
    /** Mails by status over the whole queue (the items are the latest 200). */
    counts: z.object({
      pending: z.number().int(),
      sending: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
    }),
    items: z.array(
      z.object({
        id: idSchema,
        toAddress: z.string(),
        subject: z.string(),
        status: z.enum(['pending', 'sending', 'sent', 'failed']),
        attempts: z.number().int(),
        nextAttemptAt: z.string(),
        lastError: z.string().nullable(),
        createdAt: z.string(),
        sentAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MailOutbox' });
export type MailOutbox = z.infer<typeof mailOutboxSchema>;

export const closeYearBodySchema = z.object({
  /** Confirms closing with unfinished rows (they go to next year through the carry-over). */
  confirm: z.literal(true, { error: 'Hãy xác nhận kết thúc năm học.' }),
});
