import type { NotificationKind } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';
import { messageIdFor } from '../../jobs/reminder-job.ts';

/** The e-mail text: the message, the link, and where to turn it off (as the reminders'). */
function mailText(notice: { body: string; link: string }, publicUrl: string | null): string {
  const where = publicUrl ? `${publicUrl}${notice.link}` : `CaiTien, đường dẫn ${notice.link}`;
  return [
    notice.body,
    '',
    `Xem chi tiết: ${where}`,
    '',
    '—',
    'Thư này do CaiTien gửi tự động. Bạn có thể tắt từng loại thông báo trong mục “Thông báo” của tài khoản.',
  ].join('\n');
}

/** One event notification to a set of users. */
export interface SubmissionNotice {
  kind: Extract<NotificationKind, 'submission_received' | 'submission_state'>;
  userIds: readonly string[];
  schoolId: string | null;
  title: string;
  body: string;
  link: string;
  /** Unique per event; the user id is appended, so an event notifies each person once. */
  dedupeKey: string;
}

/**
 * Notifications of the submission events (issue 14): in the app, and by e-mail through the mail
 * outbox when SMTP is configured, each as the person's preferences say (a kind without a stored
 * choice is on). Exactly once per person and event, by the dedupe key (as the reminder job).
 */
export function createSubmissionNotifier(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  mail: { from: string; publicUrl: string | null } | null;
}) {
  const repo = deps.repositories.notifications;
  return async function notify(notice: SubmissionNotice): Promise<number> {
    const userIds = [...new Set(notice.userIds)];
    if (userIds.length === 0) return 0;
    const now = deps.clock.now().toISOString();
    const prefs = await repo.listPreferences(userIds);
    const emails = deps.mail ? await repo.listUserEmails(userIds) : new Map<string, string>();
    let sent = 0;
    for (const userId of userIds) {
      const pref = prefs.get(userId)?.find((p) => p.kind === notice.kind);
      const inApp = pref?.inApp ?? true;
      const email = pref?.email ?? true;
      const dedupeKey = `${notice.dedupeKey}:${userId}`;
      let notificationId: string | null = null;
      if (inApp) {
        const id = deps.ids.next();
        const inserted = await repo.insertNotificationIfAbsent({
          id,
          userId,
          schoolId: notice.schoolId,
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          link: notice.link,
          dedupeKey,
          createdAt: now,
          readAt: null,
        });
        if (inserted) sent += 1;
        notificationId = inserted ? id : ((await repo.findNotificationIdByKey(dedupeKey)) ?? null);
      }
      const address = emails.get(userId);
      if (deps.mail && email && address) {
        await repo.enqueueMailIfAbsent({
          id: deps.ids.next(),
          notificationId,
          userId,
          toAddress: address,
          subject: `[CaiTien] ${notice.title}`,
          bodyText: mailText(notice, deps.mail.publicUrl),
          dedupeKey,
          messageId: messageIdFor(dedupeKey, deps.mail.from),
          nextAttemptAt: now,
          createdAt: now,
        });
      }
    }
    return sent;
  };
}

export type SubmissionNotifier = ReturnType<typeof createSubmissionNotifier>;
