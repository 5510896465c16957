import type { Kysely } from 'kysely';
import type { Database, MailOutboxTable, NotificationsTable } from '../database.types.ts';

/**
 * All SQL about reminders (issue 13): in-app notifications, each person's preferences, the mail
 * outbox and the background jobs' schedule, plus the reads across schools the reminder job needs
 * beyond the progress and review-round repositories (monitored plans, who follows each school).
 *
 * Exactly-once rests on the database, not on the process: notifications and outbox items carry a
 * unique `dedupe_key` and are inserted with ON CONFLICT DO NOTHING; a job run and an outbox item
 * are taken with a conditional UPDATE (compare-and-set on the lease or the attempt count) whose
 * affected-row count says who won. Both statements are atomic on SQLite and PostgreSQL alike, so
 * two processes, or a process and its restarted successor, never both take the same work.
 */

export interface NotificationRecord {
  id: string;
  userId: string;
  schoolId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
  createdAt: string;
  readAt: string | null;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxRecord {
  id: string;
  notificationId: string | null;
  userId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  dedupeKey: string;
  messageId: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationPreferenceRecord {
  kind: string;
  inApp: boolean;
  email: boolean;
}

export interface JobRunRecord {
  name: string;
  nextRunAt: string;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  lockedUntil: string | null;
  lockedBy: string | null;
  lastError: string | null;
  version: number;
}

/** A plan the reminders follow: the latest approved revision of a lineage whose year is open. */
export interface MonitoredPlanRecord {
  planId: string;
  lineageId: string;
  schoolId: string;
  schoolName: string;
  schoolYear: string;
  regime: string;
}

const toNotification = (r: NotificationsTable): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  schoolId: r.school_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  dedupeKey: r.dedupe_key,
  createdAt: r.created_at,
  readAt: r.read_at,
});

const toMail = (r: MailOutboxTable): MailOutboxRecord => ({
  id: r.id,
  notificationId: r.notification_id,
  userId: r.user_id,
  toAddress: r.to_address,
  subject: r.subject,
  bodyText: r.body_text,
  dedupeKey: r.dedupe_key,
  messageId: r.message_id,
  status: r.status as MailStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

const affected = (result: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint }) =>
  Number(result.numUpdatedRows ?? result.numInsertedOrUpdatedRows ?? 0n);

export function createNotificationRepository(db: Kysely<Database>) {
  return {
    // ——— Notifications ———

    /** Inserts the notification unless one with its dedupe key exists; true when inserted. */
    async insertNotificationIfAbsent(n: NotificationRecord): Promise<boolean> {
      const result = await db
        .insertInto('notifications')
        .values({
          id: n.id,
          user_id: n.userId,
          school_id: n.schoolId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          dedupe_key: n.dedupeKey,
          created_at: n.createdAt,
          read_at: n.readAt,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return affected(result) > 0;
    },

    async findNotificationIdByKey(dedupeKey: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('notifications')
        .select('id')
        .where('dedupe_key', '=', dedupeKey)
        .executeTakeFirst();
      return row?.id;
    },

    /** A user's notifications, newest first. */
    async listNotifications(
      userId: string,
      options: { unreadOnly: boolean; limit: number },
    ): Promise<NotificationRecord[]> {
      let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
      if (options.unreadOnly) query = query.where('read_at', 'is', null);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map(toNotification);
    },

    async countUnread(userId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Marks the user's own unread notifications read (`ids` undefined: all of them). */
    async markRead(userId: string, ids: readonly string[] | undefined, now: string) {
      if (ids !== undefined && ids.length === 0) return 0;
      let query = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids !== undefined) query = query.where('id', 'in', [...ids]);
      return affected(await query.executeTakeFirst());
    },

    // ——— Preferences ———

    /** The stored choices of the given users (kinds without a row are "on"). */
    async listPreferences(
      userIds: readonly string[],
    ): Promise<Map<string, NotificationPreferenceRecord[]>> {
      const map = new Map<string, NotificationPreferenceRecord[]>();
      if (userIds.length === 0) return map;
      for (let i = 0; i < userIds.length; i += 500) {
        const rows = await db
          .selectFrom('notification_preferences')
          .selectAll()
          .where('user_id', 'in', userIds.slice(i, i + 500))
          .execute();
        for (const r of rows) {
          const list = map.get(r.user_id) ?? [];
          list.push({ kind: r.kind, inApp: r.in_app === 1, email: r.email === 1 });
          map.set(r.user_id, list);
        }
      }
      return map;
    },

    async upsertPreferences(userId: string, prefs: readonly NotificationPreferenceRecord[]) {
      for (const p of prefs) {
        const values = { in_app: p.inApp ? 1 : 0, email: p.email ? 1 : 0 };
        await db
          .insertInto('notification_preferences')
          .values({ user_id: userId, kind: p.kind, ...values })
          .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet(values))
          .execute();
      }
    },

    // ——— Mail outbox ———

    /** Queues a mail unless one with its dedupe key exists; true when queued. */
    async enqueueMailIfAbsent(
      item: Omit<MailOutboxRecord, 'status' | 'attempts' | 'lastError' | 'sentAt'>,
    ): Promise<boolean> {
      const result = await db
        .insertInto('mail_outbox')
        .values({
          id: item.id,
          notification_id: item.notificationId,
          user_id: item.userId,
          to_address: item.toAddress,
          subject: item.subject,
          body_text: item.bodyText,
          dedupe_key: item.dedupeKey,
          message_id: item.messageId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: item.nextAttemptAt,
          last_error: null,
          created_at: item.createdAt,
          sent_at: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return affected(result) > 0;
    },

    /**
     * Takes up to `limit` mails that are due: pending ones whose next attempt has come, and
     * 'sending' ones whose lease ran out (their sender died mid-send). Each is taken by a
     * compare-and-set on its attempt count, so of two senders only one gets it; a taken mail is
     * 'sending' until `leaseUntil`, with its attempt counted.
     */
    async claimDueMail(now: string, leaseUntil: string, limit: number) {
      const candidates = await db
        .selectFrom('mail_outbox')
        .select(['id', 'attempts', 'status'])
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: MailOutboxRecord[] = [];
      for (const c of candidates) {
        const result = await db
          .updateTable('mail_outbox')
          .set({ status: 'sending', attempts: c.attempts + 1, next_attempt_at: leaseUntil })
          .where('id', '=', c.id)
          .where('status', '=', c.status)
          .where('attempts', '=', c.attempts)
          .where('next_attempt_at', '<=', now)
          .executeTakeFirst();
        if (affected(result) !== 1) continue;
        const row = await db
          .selectFrom('mail_outbox')
          .selectAll()
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow();
        claimed.push(toMail(row));
      }
      return claimed;
    },

    /** Records a delivery; only the holder of the claim (same attempt count) may. */
    async markMailSent(id: string, attempts: number, now: string): Promise<boolean> {
      const result = await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: now, last_error: null })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', attempts)
        .executeTakeFirst();
      return affected(result) === 1;
    },

    /** Records a failed attempt: back to pending at `nextAttemptAt`, or failed for good. */
    async markMailAttemptFailed(
      id: string,
      attempts: number,
      outcome: { status: 'pending' | 'failed'; nextAttemptAt: string; error: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('mail_outbox')
        .set({
          status: outcome.status,
          next_attempt_at: outcome.nextAttemptAt,
          last_error: outcome.error.slice(0, 2000),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', attempts)
        .executeTakeFirst();
      return affected(result) === 1;
    },

    /** The queue as the administrator sees it: unsent first (failed, pending), then the newest. */
    async listOutbox(limit: number): Promise<MailOutboxRecord[]> {
      const rows = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const rank: Record<string, number> = { failed: 0, sending: 1, pending: 2, sent: 3 };
      return rows.map(toMail).sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9));
    },

    /** How many e-mails wait in each state (pending, sending, failed, sent), for the metrics. */
    async outboxCountsByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('mail_outbox')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** Background jobs due now that nobody runs (a healthy runner keeps this at 0 or 1). */
    async overdueJobCount(now: string): Promise<number> {
      const row = await db
        .selectFrom('job_runs')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('next_run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findMail(id: string): Promise<MailOutboxRecord | undefined> {
      const row = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toMail(row) : undefined;
    },

    // ——— Job runs ———

    /** Creates the job's row (due at `nextRunAt`) unless it exists. */
    async ensureJob(name: string, nextRunAt: string): Promise<void> {
      await db
        .insertInto('job_runs')
        .values({
          name,
          next_run_at: nextRunAt,
          last_run_at: null,
          last_finished_at: null,
          locked_until: null,
          locked_by: null,
          last_error: null,
          version: 0,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },

    /**
     * Makes a job due at `now` if it was scheduled later (a job that runs at each start). Harmless
     * with several processes: the lease still lets one run it.
     */
    async makeJobDue(name: string, now: string): Promise<void> {
      await db
        .updateTable('job_runs')
        .set({ next_run_at: now })
        .where('name', '=', name)
        .where('next_run_at', '>', now)
        .execute();
    },

    /**
     * Takes the job's lease when it is due and nobody holds an unexpired lease: one conditional
     * UPDATE, so of two processes asking at once exactly one gets it. True when taken.
     */
    async acquireJob(
      name: string,
      options: { now: string; lockedUntil: string; owner: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('job_runs')
        .set((eb) => ({
          locked_until: options.lockedUntil,
          locked_by: options.owner,
          last_run_at: options.now,
          version: eb('version', '+', 1),
        }))
        .where('name', '=', name)
        .where('next_run_at', '<=', options.now)
        .where((eb) =>
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', options.now)]),
        )
        .executeTakeFirst();
      return affected(result) === 1;
    },

    /** Ends the owner's run: lease released, next run scheduled, the error (or none) kept. */
    async finishJob(
      name: string,
      owner: string,
      outcome: { now: string; nextRunAt: string; error: string | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('job_runs')
        .set({
          locked_until: null,
          locked_by: null,
          last_finished_at: outcome.now,
          next_run_at: outcome.nextRunAt,
          last_error: outcome.error,
        })
        .where('name', '=', name)
        .where('locked_by', '=', owner)
        .executeTakeFirst();
      return affected(result) === 1;
    },

    /** Every scheduled job's row, by name (the administrator's view of the background work). */
    async listJobs(): Promise<JobRunRecord[]> {
      const rows = await db.selectFrom('job_runs').selectAll().orderBy('name').execute();
      return rows.map((r) => ({
        name: r.name,
        nextRunAt: r.next_run_at,
        lastRunAt: r.last_run_at,
        lastFinishedAt: r.last_finished_at,
        lockedUntil: r.locked_until,
        lockedBy: r.locked_by,
        lastError: r.last_error,
        version: r.version,
      }));
    },

    async findJob(name: string): Promise<JobRunRecord | undefined> {
      const r = await db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return r
        ? {
            name: r.name,
            nextRunAt: r.next_run_at,
            lastRunAt: r.last_run_at,
            lastFinishedAt: r.last_finished_at,
            lockedUntil: r.locked_until,
            lockedBy: r.locked_by,
            lastError: r.last_error,
            version: r.version,
          }
        : undefined;
    },

    // ——— What the reminder job reads across schools ———

    /**
     * The plans the reminders follow: per lineage, its latest approved revision (an open draft
     * revision does not hide it), unless the year was closed (`plan_year_closures`).
     */
    async listMonitoredPlans(): Promise<MonitoredPlanRecord[]> {
      const rows = await db
        .selectFrom('plans as p')
        .innerJoin('units as u', 'u.id', 'p.school_id')
        .select([
          'p.id as planId',
          'p.lineage_id as lineageId',
          'p.school_id as schoolId',
          'u.name as schoolName',
          'p.school_year as schoolYear',
          'p.regime as regime',
        ])
        .where('p.status', '=', 'approved')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('plans as later')
                .select('later.id')
                .whereRef('later.lineage_id', '=', 'p.lineage_id')
                .where('later.status', '=', 'approved')
                .whereRef('later.revision_number', '>', 'p.revision_number'),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('plan_year_closures as c')
                .select('c.lineage_id')
                .whereRef('c.lineage_id', '=', 'p.lineage_id'),
            ),
          ),
        )
        .orderBy('p.school_id')
        .orderBy('p.school_year')
        .execute();
      return rows;
    },

    /** Enabled accounts holding `roles` at the given schools: `{ userId, schoolId, role }`. */
    async listSchoolRoleHolders(schoolIds: readonly string[], roles: readonly string[]) {
      if (schoolIds.length === 0) return [];
      const out: { userId: string; schoolId: string; role: string }[] = [];
      for (let i = 0; i < schoolIds.length; i += 500) {
        const rows = await db
          .selectFrom('role_assignments as a')
          .innerJoin('users as u', 'u.id', 'a.user_id')
          .select(['a.user_id as userId', 'a.unit_id as schoolId', 'a.role as role'])
          .where('a.unit_id', 'in', schoolIds.slice(i, i + 500))
          .where('a.role', 'in', [...roles])
          .where('u.is_disabled', '=', 0)
          .execute();
        for (const r of rows) if (r.schoolId) out.push({ ...r, schoolId: r.schoolId });
      }
      return out;
    },

    /** Enabled accounts linked to a directory person of the school: person id → user id. */
    async listLinkedUsersOfSchool(schoolId: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('people as p', 'p.id', 'u.person_id')
        .select(['u.id as userId', 'p.id as personId'])
        .where('p.school_id', '=', schoolId)
        .where('u.is_disabled', '=', 0)
        .execute();
      return new Map(rows.map((r) => [r.personId, r.userId]));
    },

    /** The address mail goes to, for enabled accounts that have one. */
    async listUserEmails(userIds: readonly string[]): Promise<Map<string, string>> {
      const map = new Map<string, string>();
      for (let i = 0; i < userIds.length; i += 500) {
        const rows = await db
          .selectFrom('users')
          .select(['id', 'email'])
          .where('id', 'in', userIds.slice(i, i + 500))
          .where('is_disabled', '=', 0)
          .execute();
        for (const r of rows) if (r.email) map.set(r.id, r.email);
      }
      return map;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
