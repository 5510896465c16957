import {
  isAdmin,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { MailOutbox, NotificationList, NotificationPreferences } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';

const isKind = (s: string): s is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(s);

/**
 * A person's own reminders and their choices (issue 13 "Reminders"): every signed-in user sees and
 * marks only their own notifications — another user's ids are simply not theirs, so nothing of
 * another school can be read or touched — and the administrator sees the mail queue.
 */
/** A job due longer than this (ten one-minute ticks) with no holder is shown as overdue. */
const OVERDUE_AFTER_MS = 10 * 60_000;

export function createNotificationService(deps: {
  repositories: Pick<Repositories, 'notifications' | 'users'>;
  clock: Clock;
  /** Whether e-mail can go out (SMTP configured). */
  emailAvailable: boolean;
  /** The job queue, whose failed and retrying jobs the administrator sees (issue 15). */
  jobQueue: Pick<JobQueue, 'engine' | 'depths' | 'listJobs'>;
}) {
  const repo = deps.repositories.notifications;

  async function list(
    ctx: ServiceContext,
    query: { unreadOnly: boolean; limit: number },
  ): Promise<NotificationList> {
    const userId = ctx.actor.userId;
    const [items, unread] = await Promise.all([
      repo.listNotifications(userId, query),
      repo.countUnread(userId),
    ]);
    return {
      unread,
      items: items.flatMap((n) =>
        isKind(n.kind)
          ? [
              {
                id: n.id,
                kind: n.kind,
                title: n.title,
                body: n.body,
                link: n.link,
                createdAt: n.createdAt,
                readAt: n.readAt,
              },
            ]
          : [],
      ),
    };
  }

  async function preferences(ctx: ServiceContext): Promise<NotificationPreferences> {
    const userId = ctx.actor.userId;
    const [user, stored] = await Promise.all([
      deps.repositories.users.findById(userId),
      repo.listPreferences([userId]),
    ]);
    const mine = new Map((stored.get(userId) ?? []).map((p) => [p.kind, p]));
    return {
      email: user?.email ?? null,
      emailAvailable: deps.emailAvailable,
      kinds: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: NOTIFICATION_KIND_LABELS[kind],
        inApp: mine.get(kind)?.inApp ?? true,
        email: mine.get(kind)?.email ?? true,
      })),
    };
  }

  return {
    list,

    async markRead(ctx: ServiceContext, body: { ids?: string[] | undefined }) {
      await repo.markRead(ctx.actor.userId, body.ids, deps.clock.now().toISOString());
      return list(ctx, { unreadOnly: false, limit: 50 });
    },

    preferences,

    async updatePreferences(
      ctx: ServiceContext,
      body: { kinds: { kind: NotificationKind; inApp: boolean; email: boolean }[] },
    ): Promise<NotificationPreferences> {
      const kinds = new Set(body.kinds.map((k) => k.kind));
      if (kinds.size !== body.kinds.length) {
        throw new AppError('VALIDATION_ERROR', 'Mỗi loại thông báo chỉ được nêu một lần.');
      }
      await repo.upsertPreferences(ctx.actor.userId, body.kinds);
      return preferences(ctx);
    },

    /** The background jobs and the mail queue: the administrator only (others 403; nothing school-scoped to hide). */
    async outbox(ctx: ServiceContext): Promise<MailOutbox> {
      if (!isAdmin(ctx.actor)) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
      const [items, jobs, counts, depths, problems] = await Promise.all([
        repo.listOutbox(200),
        repo.listJobs(),
        repo.outboxCountsByStatus(),
        deps.jobQueue.depths(),
        deps.jobQueue.listJobs({ states: ['failed', 'retry'], limit: 50 }),
      ]);
      const nowMs = deps.clock.now().getTime();
      const now = new Date(nowMs).toISOString();
      // Overdue: due for longer than ten ticks of the runner, and nobody holds it.
      const overdueBefore = new Date(nowMs - OVERDUE_AFTER_MS).toISOString();
      return {
        smtpConfigured: deps.emailAvailable,
        jobs: jobs.map((j) => ({
          name: j.name,
          nextRunAt: j.nextRunAt,
          lastRunAt: j.lastRunAt,
          lastFinishedAt: j.lastFinishedAt,
          lockedBy: j.lockedBy,
          lockedUntil: j.lockedUntil,
          lastError: j.lastError,
          overdue: j.nextRunAt < overdueBefore && (j.lockedUntil === null || j.lockedUntil < now),
        })),
        queue: {
          engine: deps.jobQueue.engine,
          queues: depths,
          problems: problems.map((j) => ({
            id: j.id,
            name: j.name,
            state: j.state,
            attempts: j.attempts,
            retryLimit: j.retryLimit,
            lastError: j.lastError,
            createdOn: j.createdOn,
            at: j.state === 'retry' ? j.startAfter : j.completedOn,
          })),
        },
        counts: {
          pending: counts['pending'] ?? 0,
          sending: counts['sending'] ?? 0,
          sent: counts['sent'] ?? 0,
          failed: counts['failed'] ?? 0,
        },
        items: items.map((m) => ({
          id: m.id,
          toAddress: m.toAddress,
          subject: m.subject,
          status: m.status,
          attempts: m.attempts,
          nextAttemptAt: m.nextAttemptAt,
          lastError: m.lastError,
          createdAt: m.createdAt,
          sentAt: m.sentAt,
        })),
      };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
