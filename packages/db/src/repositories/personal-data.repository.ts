import {
  erasedAccountName,
  erasedPersonName,
  erasedUsername,
  foldVietnamese,
  PERSONAL_DATA_REGISTER,
  type DataSubjectKind,
} from '@caitien/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.types.ts';

/** Where else a subject's id is recorded: one register column and how many rows name it. */
export interface PersonalDataReference {
  table: string;
  column: string;
  count: number;
}

/** The account and what hangs off it, as stored (password hash and token hashes never leave). */
export interface AccountPersonalData {
  account: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    personId: string | null;
    isDisabled: boolean;
    mustChangePassword: boolean;
    passwordChangedAt: string;
    lastLoginAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  roles: { role: string; unitId: string | null; unitName: string | null }[];
  sessions: {
    id: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    revokedAt: string | null;
    userAgent: string | null;
    ipAddress: string | null;
  }[];
  notificationPreferences: { kind: string; inApp: boolean; email: boolean }[];
  notifications: {
    id: string;
    kind: string;
    title: string;
    createdAt: string;
    readAt: string | null;
  }[];
  mailOutbox: {
    id: string;
    toAddress: string;
    subject: string;
    status: string;
    createdAt: string;
  }[];
  auditEntries: AuditLine[];
  comments: { id: string; threadId: string; authorName: string; body: string; createdAt: string }[];
  progressEntries: {
    id: string;
    planId: string;
    authorName: string;
    entryDate: string;
    recordedAt: string;
    status: string | null;
    percent: number | null;
    result: string | null;
    note: string;
  }[];
}

/** One audit line in an export: what was done, never the stored before/after payloads of others. */
export interface AuditLine {
  id: string;
  occurredAt: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
}

/** A staff-directory entry and its groups. */
export interface PersonPersonalData {
  id: string;
  schoolId: string;
  fullName: string;
  position: string;
  email: string;
  phone: string;
  note: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  groups: { groupId: string; name: string; memberRole: string }[];
}

const toAuditLine = (r: {
  id: string;
  occurred_at: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
}): AuditLine => ({
  id: r.id,
  occurredAt: r.occurred_at,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  summary: r.summary,
});

/**
 * All SQL of personal-data requests (NĐ 13/2023 Điều 14 access, Điều 16 erasure; issue 15). The
 * register in `@caitien/core` says which columns hold what; the reference counts read it, so a
 * newly registered column is counted without code here.
 */
export function createPersonalDataRepository(db: Kysely<Database>) {
  /** Counts, for every registered key column of the subject kind, the rows naming `id`. */
  async function references(
    subject: DataSubjectKind,
    id: string,
  ): Promise<PersonalDataReference[]> {
    const keys = new Map<string, { table: string; column: string }>();
    for (const f of PERSONAL_DATA_REGISTER) {
      if (f.subject !== subject || f.subjectKey === null) continue;
      // The subject's own row (users.id, people.id) is exported in full, not counted.
      if (f.subjectKey === 'id') continue;
      keys.set(`${f.table}.${f.subjectKey}`, { table: f.table, column: f.subjectKey });
    }
    const out: PersonalDataReference[] = [];
    for (const { table, column } of [...keys.values()].sort((a, b) =>
      `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`),
    )) {
      const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
        table,
      )} where ${sql.ref(column)} = ${id}`.execute(db);
      const count = Number(row.rows[0]?.n ?? 0);
      if (count > 0) out.push({ table, column, count });
    }
    return out;
  }

  return {
    references,

    async findAccount(userId: string) {
      return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    },

    /** Everything held about an account, except what `references` only counts. */
    async accountData(userId: string): Promise<AccountPersonalData | undefined> {
      const u = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!u) return undefined;
      const [roles, sessions, prefs, notifications, outbox, audit, comments, progress] =
        await Promise.all([
          db
            .selectFrom('role_assignments as r')
            .leftJoin('units as u', 'u.id', 'r.unit_id')
            .select(['r.role', 'r.unit_id', 'u.name as unit_name'])
            .where('r.user_id', '=', userId)
            .orderBy('r.created_at')
            .orderBy('r.id')
            .execute(),
          db
            .selectFrom('sessions')
            .select([
              'id',
              'created_at',
              'last_seen_at',
              'expires_at',
              'revoked_at',
              'user_agent',
              'ip_address',
            ])
            .where('user_id', '=', userId)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('notification_preferences')
            .selectAll()
            .where('user_id', '=', userId)
            .orderBy('kind')
            .execute(),
          db
            .selectFrom('notifications')
            .select(['id', 'kind', 'title', 'created_at', 'read_at'])
            .where('user_id', '=', userId)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('mail_outbox')
            .select(['id', 'to_address', 'subject', 'status', 'created_at'])
            .where('user_id', '=', userId)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('audit_log')
            .select([
              'id',
              'occurred_at',
              'actor_name',
              'action',
              'entity_type',
              'entity_id',
              'summary',
            ])
            .where('actor_user_id', '=', userId)
            .orderBy('occurred_at')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('comments')
            .select(['id', 'thread_id', 'author_name', 'body', 'created_at'])
            .where('author_user_id', '=', userId)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('progress_entries')
            .select([
              'id',
              'plan_id',
              'author_name',
              'entry_date',
              'recorded_at',
              'status',
              'percent',
              'result',
              'note',
            ])
            .where('author_user_id', '=', userId)
            .orderBy('recorded_at')
            .orderBy('id')
            .execute(),
        ]);
      return {
        account: {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          email: u.email,
          personId: u.person_id,
          isDisabled: u.is_disabled === 1,
          mustChangePassword: u.must_change_password === 1,
          passwordChangedAt: u.password_changed_at,
          lastLoginAt: u.last_login_at,
          createdAt: u.created_at,
          updatedAt: u.updated_at,
        },
        roles: roles.map((r) => ({ role: r.role, unitId: r.unit_id, unitName: r.unit_name })),
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          expiresAt: s.expires_at,
          revokedAt: s.revoked_at,
          userAgent: s.user_agent,
          ipAddress: s.ip_address,
        })),
        notificationPreferences: prefs.map((p) => ({
          kind: p.kind,
          inApp: p.in_app === 1,
          email: p.email === 1,
        })),
        notifications: notifications.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          createdAt: n.created_at,
          readAt: n.read_at,
        })),
        mailOutbox: outbox.map((m) => ({
          id: m.id,
          toAddress: m.to_address,
          subject: m.subject,
          status: m.status,
          createdAt: m.created_at,
        })),
        auditEntries: audit.map(toAuditLine),
        comments: comments.map((c) => ({
          id: c.id,
          threadId: c.thread_id,
          authorName: c.author_name,
          body: c.body,
          createdAt: c.created_at,
        })),
        progressEntries: progress.map((p) => ({
          id: p.id,
          planId: p.plan_id,
          authorName: p.author_name,
          entryDate: p.entry_date,
          recordedAt: p.recorded_at,
          status: p.status,
          percent: p.percent === null ? null : Number(p.percent),
          result: p.result,
          note: p.note,
        })),
      };
    },

    /** Audit entries about an account or a directory entry (their own records), oldest first. */
    async auditAbout(entityType: 'user' | 'person', id: string): Promise<AuditLine[]> {
      const rows = await db
        .selectFrom('audit_log')
        .select([
          'id',
          'occurred_at',
          'actor_name',
          'action',
          'entity_type',
          'entity_id',
          'summary',
        ])
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', id)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();
      return rows.map(toAuditLine);
    },

    async personData(personId: string): Promise<PersonPersonalData | undefined> {
      const p = await db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!p) return undefined;
      const groups = await db
        .selectFrom('group_members as m')
        .innerJoin('school_groups as g', 'g.id', 'm.group_id')
        .select(['m.group_id', 'g.name', 'm.member_role'])
        .where('m.person_id', '=', personId)
        .orderBy('g.name')
        .execute();
      return {
        id: p.id,
        schoolId: p.school_id,
        fullName: p.full_name,
        position: p.position,
        email: p.email,
        phone: p.phone,
        note: p.note,
        isActive: p.is_active === 1,
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        groups: groups.map((g) => ({
          groupId: g.group_id,
          name: g.name,
          memberRole: g.member_role,
        })),
      };
    },

    /**
     * Serialises erasures: moves the auth epoch inside the erasing transaction, which locks its one
     * row until commit. A second erasure waits there, and its "is there another active principal or
     * administrator" count (a new statement, so a new snapshot on PostgreSQL's read committed) then
     * sees the first one's result: two requests cannot erase a school's last two principals at once.
     * Moving the epoch is also what every ended session needs (the service moves it again after).
     */
    async lockForErasure(): Promise<void> {
      await db
        .updateTable('auth_epoch')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .execute();
    },

    /**
     * Active accounts other than `exceptUserId` that hold `role` at `unitId` (null: the system-wide
     * administrator role): an erasure must not leave a school or the system without one.
     */
    async countOtherActiveHolders(
      role: string,
      unitId: string | null,
      exceptUserId: string,
    ): Promise<number> {
      const row = await db
        .selectFrom('role_assignments as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select((eb) => eb.fn.count<number | string>('r.user_id').distinct().as('n'))
        .where('r.role', '=', role)
        .where((eb) =>
          unitId === null ? eb('r.unit_id', 'is', null) : eb('r.unit_id', '=', unitId),
        )
        .where('u.is_disabled', '=', 0)
        .where('u.id', '!=', exceptUserId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** The school of a directory entry (the CLI names people by id alone). */
    async schoolOfPerson(personId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('people')
        .select('school_id')
        .where('id', '=', personId)
        .executeTakeFirst();
      return row?.school_id;
    },

    /** The account linked to a directory entry, if any. */
    async accountOfPerson(personId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row?.id;
    },

    /**
     * Erases an account (Điều 16): pseudonymous name and username, no e-mail, no password, disabled,
     * no roles; sessions, reset links, throttles, notifications and queued mail deleted; its name in
     * the audit log, comments and progress entries replaced; the audit entries about the account
     * lose their stored payloads. Sealed and sent documents (snapshots, submissions, publications)
     * are not touched. Run inside the caller's transaction.
     */
    async eraseAccount(userId: string, now: string): Promise<void> {
      const name = erasedAccountName(userId);
      await db
        .updateTable('users')
        .set((eb) => ({
          username: erasedUsername(userId),
          display_name: name,
          email: null,
          password_hash: '',
          person_id: null,
          last_login_at: null,
          is_disabled: 1,
          must_change_password: 0,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', userId)
        .execute();
      await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await db.deleteFrom('password_reset_tokens').where('user_id', '=', userId).execute();
      await db.deleteFrom('auth_throttle').where('key', '=', `account:${userId}`).execute();
      await db.deleteFrom('mail_outbox').where('user_id', '=', userId).execute();
      await db.deleteFrom('notifications').where('user_id', '=', userId).execute();
      await db.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
      await db
        .updateTable('audit_log')
        .set({ actor_name: name })
        .where('actor_user_id', '=', userId)
        .execute();
      await db
        .updateTable('comments')
        .set({ author_name: name })
        .where('author_user_id', '=', userId)
        .execute();
      await db
        .updateTable('progress_entries')
        .set({ author_name: name })
        .where('author_user_id', '=', userId)
        .execute();
      await redactAuditAbout(db, 'user', userId, name);
    },

    /**
     * Erases a directory entry: pseudonymous name, no position or contact, inactive, out of every
     * group. The row (and its id) stays, so plans and assessments that point at it keep working.
     */
    async erasePerson(personId: string, now: string): Promise<void> {
      const name = erasedPersonName(personId);
      await db.deleteFrom('group_members').where('person_id', '=', personId).execute();
      await db
        .updateTable('people')
        .set((eb) => ({
          full_name: name,
          full_name_folded: foldVietnamese(name),
          position: '',
          email: '',
          phone: '',
          note: '',
          is_active: 0,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', personId)
        .execute();
      await redactAuditAbout(db, 'person', personId, name);
    },
  };
}

/** Audit entries about the erased subject keep what happened and when, not the erased values. */
async function redactAuditAbout(
  db: Kysely<Database>,
  entityType: 'user' | 'person',
  id: string,
  name: string,
): Promise<void> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'action'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('audit_log')
      .set({
        summary: `${row.action}: ${name} (dữ liệu cá nhân đã xoá theo yêu cầu)`,
        before_json: null,
        after_json: null,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
