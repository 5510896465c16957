import { createHash } from 'node:crypto';
import {
  computeReminders,
  isSchoolYearRunning,
  NOTIFICATION_KINDS,
  parsePeople,
  parseTime,
  PROGRESS_STATUSES,
  REGULAR_REVIEW_ROUND_KINDS,
  REVIEW_ROUND_KINDS,
  reminderRowLabel,
  reviewRoundLabel,
  rowSchedule,
  schoolDateOf,
  usualReviewRoundDate,
  type NotificationKind,
  type PeopleDirectory,
  type ProgressStatus,
  type Reminder,
  type ReminderPreference,
  type ReminderRound,
  type ReminderRow,
  type ReminderSchool,
  type ReviewRoundKind,
} from '@caitien/core';
import type { MonitoredPlanRecord, Repositories } from '@caitien/db';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { JobLogger } from './job-runner.ts';

const isStatus = (s: string): s is ProgressStatus =>
  (PROGRESS_STATUSES as readonly string[]).includes(s);
const isRoundKind = (s: string): s is ReviewRoundKind =>
  (REVIEW_ROUND_KINDS as readonly string[]).includes(s);
const isKind = (s: string): s is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(s);

/** The Message-ID of an outbox item: from its dedupe key, so it is the same on every attempt. */
export function messageIdFor(dedupeKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/u.exec(from)?.[1] ?? 'caitien.local';
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/** The text of a reminder's e-mail: the message, the link, and where to turn it off. */
export function mailTextOf(reminder: Reminder, publicUrl: string | null): string {
  const where = publicUrl ? `${publicUrl}${reminder.link}` : `CaiTien, đường dẫn ${reminder.link}`;
  return [
    reminder.body,
    '',
    `Xem chi tiết: ${where}`,
    '',
    '—',
    'Thư này do CaiTien gửi tự động. Bạn có thể tắt từng loại nhắc việc trong mục “Thông báo” của tài khoản.',
  ].join('\n');
}

/**
 * The "reminders" job: reads every school's monitored plans (the latest approved revision of each
 * lineage of a running year), their rows' progress, the review rounds and who follows them, asks
 * the core which reminders are due today, and records each one — a notification (insert-if-absent
 * by its dedupe key) and, when the person wants e-mail, has an address and SMTP is configured, an
 * outbox item (enqueue-if-absent by the same key). Running it twice changes nothing.
 */
export function createReminderJob(deps: {
  repositories: Pick<
    Repositories,
    'notifications' | 'plans' | 'people' | 'progress' | 'reviewRounds'
  >;
  clock: Clock;
  ids: IdGenerator;
  logger: JobLogger;
  /** Null: no SMTP configured, so no mail is queued. */
  mail: { from: string; publicUrl: string | null } | null;
}) {
  const repos = deps.repositories;
  const repo = repos.notifications;

  async function directoryOf(schoolId: string): Promise<PeopleDirectory> {
    const [people, groups] = await Promise.all([
      repos.people.listPeople(schoolId),
      repos.people.listGroups(schoolId),
    ]);
    return {
      people: people.map((p) => ({ id: p.id, fullName: p.fullName, position: p.position })),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind,
        memberIds: g.members.map((m) => m.personId),
      })),
    };
  }

  async function gather(today: string) {
    const plans = (await repo.listMonitoredPlans()).filter((p) =>
      isSchoolYearRunning(p.schoolYear, today),
    );
    const lineageIds = plans.map((p) => p.lineageId);
    const [progress, storedRounds] = await Promise.all([
      repos.progress.listProgress(lineageIds),
      repos.reviewRounds.listRounds(lineageIds),
    ]);
    const statuses = new Map(progress.map((p) => [p.trackId, p.status]));
    const bySchool = new Map<string, MonitoredPlanRecord[]>();
    for (const p of plans) bySchool.set(p.schoolId, [...(bySchool.get(p.schoolId) ?? []), p]);
    const schoolIds = [...bySchool.keys()];
    const holders = await repo.listSchoolRoleHolders(schoolIds, ['principal', 'monitoring_member']);

    const schools: ReminderSchool[] = schoolIds.map((schoolId) => ({
      schoolId,
      schoolName: bySchool.get(schoolId)?.[0]?.schoolName ?? '',
      principalUserIds: holders
        .filter((h) => h.schoolId === schoolId && h.role === 'principal')
        .map((h) => h.userId),
      monitoringUserIds: holders
        .filter((h) => h.schoolId === schoolId && h.role === 'monitoring_member')
        .map((h) => h.userId),
    }));

    const rows: ReminderRow[] = [];
    for (const [schoolId, schoolPlans] of bySchool) {
      const [directory, linked] = await Promise.all([
        directoryOf(schoolId),
        repo.listLinkedUsersOfSchool(schoolId),
      ]);
      for (const plan of schoolPlans) {
        for (const r of await repos.plans.listRows(plan.planId)) {
          const stored = statuses.get(r.trackId);
          const status: ProgressStatus = stored && isStatus(stored) ? stored : 'not_started';
          const time = parseTime(r.timeText, { schoolYear: plan.schoolYear }).value;
          // Re-parsed against the current directory: a teacher added after approval counts.
          const people = parsePeople(r.leadText, directory, {
            ...(r.coordinatorsText.trim() ? { coordinatorsText: r.coordinatorsText } : {}),
          }).value;
          const personIds = [
            ...(people?.lead?.personIds ?? []),
            ...(people?.coordinators.flatMap((c) => c.personIds) ?? []),
          ];
          const assigneeUserIds = [
            ...new Set(personIds.flatMap((id) => (linked.has(id) ? [linked.get(id)!] : []))),
          ];
          rows.push({
            trackId: r.trackId,
            planId: plan.planId,
            schoolId,
            schoolYear: plan.schoolYear,
            label: reminderRowLabel(r),
            schedule: rowSchedule(time, status, today),
            status,
            assigneeUserIds,
          });
        }
      }
    }

    const rounds: ReminderRound[] = [];
    for (const plan of plans) {
      const regime = plan.regime === '2026' ? 'TT57' : '2018';
      const own = storedRounds.filter((r) => r.lineageId === plan.lineageId);
      for (const r of own) {
        if (!isRoundKind(r.kind) || !r.plannedDate) continue;
        rounds.push({
          lineageId: plan.lineageId,
          planId: plan.planId,
          schoolId: plan.schoolId,
          schoolYear: plan.schoolYear,
          kind: r.kind,
          roundId: r.id,
          label: r.label || reviewRoundLabel(r.kind, regime),
          date: r.plannedDate,
          closed: r.status === 'closed',
        });
      }
      // The customary rounds the team has not created yet, at their suggested dates.
      for (const kind of REGULAR_REVIEW_ROUND_KINDS) {
        if (own.some((r) => r.kind === kind)) continue;
        const date = usualReviewRoundDate(kind, plan.schoolYear);
        if (!date) continue;
        rounds.push({
          lineageId: plan.lineageId,
          planId: plan.planId,
          schoolId: plan.schoolId,
          schoolYear: plan.schoolYear,
          kind,
          roundId: null,
          label: reviewRoundLabel(kind, regime),
          date,
          closed: false,
        });
      }
    }

    const userIds = new Set<string>();
    for (const r of rows) for (const u of r.assigneeUserIds) userIds.add(u);
    for (const s of schools)
      for (const u of [...s.principalUserIds, ...s.monitoringUserIds]) userIds.add(u);
    const stored = await repo.listPreferences([...userIds]);
    const preferences = new Map<string, Partial<Record<NotificationKind, ReminderPreference>>>();
    for (const [userId, list] of stored) {
      const byKind: Partial<Record<NotificationKind, ReminderPreference>> = {};
      for (const p of list) if (isKind(p.kind)) byKind[p.kind] = { inApp: p.inApp, email: p.email };
      preferences.set(userId, byKind);
    }
    return { rows, rounds, schools, preferences };
  }

  return async function runReminderJob(): Promise<{
    reminders: number;
    notifications: number;
    mails: number;
  }> {
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const today = schoolDateOf(now);
    const reminders = computeReminders({ today, ...(await gather(today)) });
    const emails = deps.mail
      ? await repo.listUserEmails([
          ...new Set(reminders.filter((r) => r.email).map((r) => r.userId)),
        ])
      : new Map<string, string>();
    let notifications = 0;
    let mails = 0;
    for (const reminder of reminders) {
      let notificationId: string | null = null;
      if (reminder.inApp) {
        const id = deps.ids.next();
        const inserted = await repo.insertNotificationIfAbsent({
          id,
          userId: reminder.userId,
          schoolId: reminder.schoolId,
          kind: reminder.kind,
          title: reminder.title,
          body: reminder.body,
          link: reminder.link,
          dedupeKey: reminder.dedupeKey,
          createdAt: nowIso,
          readAt: null,
        });
        if (inserted) notifications += 1;
        notificationId = inserted
          ? id
          : ((await repo.findNotificationIdByKey(reminder.dedupeKey)) ?? null);
      }
      const address = emails.get(reminder.userId);
      if (deps.mail && reminder.email && address) {
        const queued = await repo.enqueueMailIfAbsent({
          id: deps.ids.next(),
          notificationId,
          userId: reminder.userId,
          toAddress: address,
          subject: `[CaiTien] ${reminder.title}`,
          bodyText: mailTextOf(reminder, deps.mail.publicUrl),
          dedupeKey: reminder.dedupeKey,
          messageId: messageIdFor(reminder.dedupeKey, deps.mail.from),
          nextAttemptAt: nowIso,
          createdAt: nowIso,
        });
        if (queued) mails += 1;
      }
    }
    if (notifications > 0 || mails > 0) {
      deps.logger.info(
        { today, reminders: reminders.length, notifications, mails },
        'reminders recorded',
      );
    }
    return { reminders: reminders.length, notifications, mails };
  };
}
