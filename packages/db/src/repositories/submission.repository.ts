import { sql, type Kysely } from 'kysely';
import { inSubtree } from './subtree.ts';
import type { Database, SubmissionRecipientsTable, SubmissionsTable } from '../database.types.ts';

/**
 * All SQL about what schools send to their offices (issue 14): submissions (sealed snapshots),
 * their state at each receiving office, the offices' deadlines and the late/missing schools.
 * States only move forward (unread → read → commented → accepted) through conditional UPDATEs, so
 * two officers acting at once never move a recipient backwards.
 */

export interface SubmissionRecord {
  id: string;
  schoolId: string;
  kind: string;
  documentId: string;
  documentLineageId: string;
  schoolYear: string;
  title: string;
  contentHash: string;
  sentByUserId: string | null;
  sentByName: string;
  sentAt: string;
  supersedesSubmissionId: string | null;
}

export interface SubmissionRecipientRecord {
  submissionId: string;
  unitId: string;
  state: string;
  readAt: string | null;
  readByUserId: string | null;
  commentedAt: string | null;
  acceptedAt: string | null;
  acceptedByUserId: string | null;
  version: number;
}

/** One line of an office's inbox: a recipient row with its submission and school. */
export interface InboxItemRecord {
  submission: SubmissionRecord;
  recipient: SubmissionRecipientRecord;
  unitName: string;
  schoolName: string;
  schoolLevels: string[];
  communeId: string | null;
  communeName: string | null;
  superseded: boolean;
}

export interface InboxQuery {
  /** Recipient units must lie under one of these paths (null: any, for the administrator). */
  scopePaths: string[] | null;
  /** Only recipients under this unit's path. */
  unitPath?: string | undefined;
  /** Only schools under this path (a commune). */
  schoolPathPrefix?: string | undefined;
  schoolLevel?: string | undefined;
  schoolYear?: string | undefined;
  state?: string | undefined;
  kind?: string | undefined;
  /** Hide submissions a newer one of the same document superseded. */
  latestOnly?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface OfficeDeadlineRecord {
  unitId: string;
  schoolYear: string;
  kind: string;
  dueDate: string;
  setByUserId: string | null;
  updatedAt: string;
}

/** A school under an office with the first time it sent a kind of document for a school year. */
export interface SchoolSendRecord {
  schoolId: string;
  schoolName: string;
  schoolPath: string;
  schoolLevels: string[];
  communeId: string | null;
  communeName: string | null;
  firstSentAt: string | null;
}

const toSubmission = (r: SubmissionsTable): SubmissionRecord => ({
  id: r.id,
  schoolId: r.school_id,
  kind: r.kind,
  documentId: r.document_id,
  documentLineageId: r.document_lineage_id,
  schoolYear: r.school_year,
  title: r.title,
  contentHash: r.content_hash,
  sentByUserId: r.sent_by_user_id,
  sentByName: r.sent_by_name,
  sentAt: r.sent_at,
  supersedesSubmissionId: r.supersedes_submission_id,
});

const toRecipient = (r: SubmissionRecipientsTable): SubmissionRecipientRecord => ({
  submissionId: r.submission_id,
  unitId: r.unit_id,
  state: r.state,
  readAt: r.read_at,
  readByUserId: r.read_by_user_id,
  commentedAt: r.commented_at,
  acceptedAt: r.accepted_at,
  acceptedByUserId: r.accepted_by_user_id,
  version: r.version,
});

const affected = (result: { numUpdatedRows?: bigint }) => Number(result.numUpdatedRows ?? 0n);

const parseLevels = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

export function createSubmissionRepository(db: Kysely<Database>) {
  return {
    async insertSubmission(
      submission: SubmissionRecord & { snapshotJson: string },
      recipientUnitIds: readonly string[],
    ): Promise<void> {
      await db
        .insertInto('submissions')
        .values({
          id: submission.id,
          school_id: submission.schoolId,
          kind: submission.kind,
          document_id: submission.documentId,
          document_lineage_id: submission.documentLineageId,
          school_year: submission.schoolYear,
          title: submission.title,
          content_hash: submission.contentHash,
          snapshot_json: submission.snapshotJson,
          sent_by_user_id: submission.sentByUserId,
          sent_by_name: submission.sentByName,
          sent_at: submission.sentAt,
          supersedes_submission_id: submission.supersedesSubmissionId,
        })
        .execute();
      if (recipientUnitIds.length === 0) return;
      await db
        .insertInto('submission_recipients')
        .values(
          recipientUnitIds.map((unitId) => ({
            submission_id: submission.id,
            unit_id: unitId,
            state: 'unread',
            read_at: null,
            read_by_user_id: null,
            commented_at: null,
            accepted_at: null,
            accepted_by_user_id: null,
            version: 1,
          })),
        )
        .execute();
    },

    async findSubmission(id: string): Promise<SubmissionRecord | undefined> {
      const row = await db
        .selectFrom('submissions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSubmission(row) : undefined;
    },

    async findSnapshotJson(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('submissions')
        .select('snapshot_json')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.snapshot_json;
    },

    /** The newest submission of a document lineage (the one no other supersedes). */
    async findLatestInLineage(lineageId: string): Promise<SubmissionRecord | undefined> {
      const row = await db
        .selectFrom('submissions')
        .selectAll()
        .where('document_lineage_id', '=', lineageId)
        .orderBy('sent_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toSubmission(row) : undefined;
    },

    /** A school's submissions, newest first (optionally of one kind or one document lineage). */
    async listSchoolSubmissions(
      schoolId: string,
      filter: { kind?: string | undefined; lineageId?: string | undefined } = {},
    ): Promise<SubmissionRecord[]> {
      let query = db.selectFrom('submissions').selectAll().where('school_id', '=', schoolId);
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.lineageId) query = query.where('document_lineage_id', '=', filter.lineageId);
      const rows = await query.orderBy('sent_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toSubmission);
    },

    /** For each of the given submissions a newer one supersedes: its id → the newer one's id. */
    async listSupersedingIds(submissionIds: readonly string[]): Promise<Map<string, string>> {
      const map = new Map<string, string>();
      for (let i = 0; i < submissionIds.length; i += 500) {
        const rows = await db
          .selectFrom('submissions')
          .select(['id', 'supersedes_submission_id'])
          .where('supersedes_submission_id', 'in', submissionIds.slice(i, i + 500))
          .execute();
        for (const r of rows)
          if (r.supersedes_submission_id) map.set(r.supersedes_submission_id, r.id);
      }
      return map;
    },

    /** Enabled office staff accounts held at exactly these units (who a submission notifies). */
    async listOfficeStaff(unitIds: readonly string[]): Promise<string[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('role_assignments as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select('a.user_id as userId')
        .distinct()
        .where('a.role', '=', 'office_staff')
        .where('a.unit_id', 'in', [...unitIds])
        .where('u.is_disabled', '=', 0)
        .execute();
      return rows.map((r) => r.userId);
    },

    /** The recipients of the given submissions with their unit's name and path. */
    async listRecipients(
      submissionIds: readonly string[],
    ): Promise<Array<SubmissionRecipientRecord & { unitName: string; unitPath: string }>> {
      if (submissionIds.length === 0) return [];
      const out: Array<SubmissionRecipientRecord & { unitName: string; unitPath: string }> = [];
      for (let i = 0; i < submissionIds.length; i += 500) {
        const rows = await db
          .selectFrom('submission_recipients as r')
          .innerJoin('units as u', 'u.id', 'r.unit_id')
          .selectAll('r')
          .select(['u.name as unit_name', 'u.path as unit_path'])
          .where('r.submission_id', 'in', submissionIds.slice(i, i + 500))
          .orderBy('u.name')
          .execute();
        for (const r of rows)
          out.push({ ...toRecipient(r), unitName: r.unit_name, unitPath: r.unit_path });
      }
      return out;
    },

    /** The office's inbox page and the total matching it. */
    async listInbox(query: InboxQuery): Promise<{ items: InboxItemRecord[]; total: number }> {
      let base = db
        .selectFrom('submission_recipients as r')
        .innerJoin('submissions as s', 's.id', 'r.submission_id')
        .innerJoin('units as ru', 'ru.id', 'r.unit_id')
        .innerJoin('units as su', 'su.id', 's.school_id')
        .leftJoin('units as cu', (j) =>
          j.onRef('cu.id', '=', 'su.parent_id').on('cu.kind', '=', 'commune'),
        )
        .leftJoin('school_profiles as sp', 'sp.school_id', 's.school_id');
      if (query.scopePaths !== null) {
        const paths = query.scopePaths;
        if (paths.length === 0) return { items: [], total: 0 };
        base = base.where((eb) => eb.or(paths.map((p) => inSubtree(eb, 'r.unit_id', p))));
      }
      if (query.unitPath) {
        const unitPath = query.unitPath;
        base = base.where((eb) => inSubtree(eb, 'r.unit_id', unitPath));
      }
      if (query.schoolPathPrefix)
        base = base.where((eb) => inSubtree(eb, 's.school_id', query.schoolPathPrefix as string));
      if (query.schoolLevel)
        base = base.where('sp.school_levels_json', 'like', `%"${query.schoolLevel}"%`);
      if (query.schoolYear) base = base.where('s.school_year', '=', query.schoolYear);
      if (query.state) base = base.where('r.state', '=', query.state);
      if (query.kind) base = base.where('s.kind', '=', query.kind);
      if (query.latestOnly)
        base = base.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('submissions as n')
                .select('n.id')
                .whereRef('n.supersedes_submission_id', '=', 's.id'),
            ),
          ),
        );
      const totalRow = await base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll('r')
        .select([
          's.id as s_id',
          's.school_id as s_school_id',
          's.kind as s_kind',
          's.document_id as s_document_id',
          's.document_lineage_id as s_document_lineage_id',
          's.school_year as s_school_year',
          's.title as s_title',
          's.content_hash as s_content_hash',
          's.sent_by_user_id as s_sent_by_user_id',
          's.sent_by_name as s_sent_by_name',
          's.sent_at as s_sent_at',
          's.supersedes_submission_id as s_supersedes_submission_id',
          'ru.name as unit_name',
          'su.name as school_name',
          'sp.school_levels_json as school_levels_json',
          'cu.id as commune_id',
          'cu.name as commune_name',
          sql<number>`(SELECT count(*) FROM submissions n WHERE n.supersedes_submission_id = s.id)`.as(
            'superseded_count',
          ),
        ])
        .orderBy('s.sent_at', 'desc')
        .orderBy('s.id', 'desc')
        .orderBy('r.unit_id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return {
        total: Number(totalRow.n),
        items: rows.map((r) => ({
          submission: {
            id: r.s_id,
            schoolId: r.s_school_id,
            kind: r.s_kind,
            documentId: r.s_document_id,
            documentLineageId: r.s_document_lineage_id,
            schoolYear: r.s_school_year,
            title: r.s_title,
            contentHash: r.s_content_hash,
            sentByUserId: r.s_sent_by_user_id,
            sentByName: r.s_sent_by_name,
            sentAt: r.s_sent_at,
            supersedesSubmissionId: r.s_supersedes_submission_id,
          },
          recipient: toRecipient(r),
          unitName: r.unit_name,
          schoolName: r.school_name,
          schoolLevels: parseLevels(r.school_levels_json),
          communeId: r.commune_id,
          communeName: r.commune_name,
          superseded: Number(r.superseded_count) > 0,
        })),
      };
    },

    /** Opening a submission: its unread recipients among `unitIds` become read. */
    async markRead(input: {
      submissionId: string;
      unitIds: readonly string[];
      userId: string | null;
      at: string;
    }): Promise<number> {
      if (input.unitIds.length === 0) return 0;
      const result = await db
        .updateTable('submission_recipients')
        .set((eb) => ({
          state: 'read',
          read_at: input.at,
          read_by_user_id: input.userId,
          version: eb('version', '+', 1),
        }))
        .where('submission_id', '=', input.submissionId)
        .where('unit_id', 'in', [...input.unitIds])
        .where('state', '=', 'unread')
        .executeTakeFirst();
      return affected(result);
    },

    /**
     * An office commented (issue 14, part B calls this through its `onOfficeComment` hook): the
     * recipients not yet accepted become `commented`. Addressed by submission ids, or by the
     * document (every submission of that document id); `officePath` limits it to the recipients
     * under the commenting office. Returns how many recipients changed.
     */
    async markCommented(input: {
      submissionIds?: readonly string[] | undefined;
      documentId?: string | undefined;
      officePath?: string | undefined;
      /** Only the recipient that is this unit (the office that commented). */
      unitId?: string | undefined;
      at: string;
    }): Promise<number> {
      const ids = input.submissionIds ? [...input.submissionIds] : [];
      if (ids.length === 0 && !input.documentId) return 0;
      let query = db
        .updateTable('submission_recipients')
        .set((eb) => ({
          state: 'commented',
          commented_at: input.at,
          // A comment implies the office opened it.
          read_at: eb.fn.coalesce('read_at', eb.val(input.at)),
          version: eb('version', '+', 1),
        }))
        .where('state', 'in', ['unread', 'read']);
      if (ids.length > 0) query = query.where('submission_id', 'in', ids);
      if (input.documentId) {
        const documentId = input.documentId;
        query = query.where('submission_id', 'in', (eb) =>
          eb.selectFrom('submissions').select('id').where('document_id', '=', documentId),
        );
      }
      if (input.unitId) query = query.where('unit_id', '=', input.unitId);
      if (input.officePath) {
        const officePath = input.officePath;
        query = query.where((eb) => inSubtree(eb, 'unit_id', officePath));
      }
      return affected(await query.executeTakeFirst());
    },

    /** Accepts a recipient when its version is still `version`; false on a stale version. */
    async accept(input: {
      submissionId: string;
      unitId: string;
      version: number;
      userId: string | null;
      at: string;
    }): Promise<boolean> {
      const result = await db
        .updateTable('submission_recipients')
        .set((eb) => ({
          state: 'accepted',
          accepted_at: input.at,
          accepted_by_user_id: input.userId,
          read_at: eb.fn.coalesce('read_at', eb.val(input.at)),
          version: eb('version', '+', 1),
        }))
        .where('submission_id', '=', input.submissionId)
        .where('unit_id', '=', input.unitId)
        .where('version', '=', input.version)
        .where('state', '!=', 'accepted')
        .executeTakeFirst();
      return affected(result) > 0;
    },

    // ——— Deadlines ———

    async listDeadlines(
      unitIds: readonly string[],
      schoolYear?: string,
    ): Promise<OfficeDeadlineRecord[]> {
      if (unitIds.length === 0) return [];
      let query = db
        .selectFrom('office_deadlines')
        .selectAll()
        .where('unit_id', 'in', [...unitIds]);
      if (schoolYear) query = query.where('school_year', '=', schoolYear);
      const rows = await query.orderBy('school_year', 'desc').orderBy('kind').execute();
      return rows.map((r) => ({
        unitId: r.unit_id,
        schoolYear: r.school_year,
        kind: r.kind,
        dueDate: r.due_date,
        setByUserId: r.set_by_user_id,
        updatedAt: r.updated_at,
      }));
    },

    async upsertDeadline(d: OfficeDeadlineRecord): Promise<void> {
      const values = {
        due_date: d.dueDate,
        set_by_user_id: d.setByUserId,
        updated_at: d.updatedAt,
      };
      await db
        .insertInto('office_deadlines')
        .values({ unit_id: d.unitId, school_year: d.schoolYear, kind: d.kind, ...values })
        .onConflict((oc) => oc.columns(['unit_id', 'school_year', 'kind']).doUpdateSet(values))
        .execute();
    },

    async deleteDeadline(unitId: string, schoolYear: string, kind: string): Promise<number> {
      const result = await db
        .deleteFrom('office_deadlines')
        .where('unit_id', '=', unitId)
        .where('school_year', '=', schoolYear)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /**
     * Every school under `path` with the first time it sent `kind` for `schoolYear` (null: never),
     * ordered by commune then name.
     */
    async listSchoolSends(input: {
      path: string;
      schoolYear: string;
      kind: string;
    }): Promise<SchoolSendRecord[]> {
      const rows = await db
        .selectFrom('units as su')
        .leftJoin('units as cu', (j) =>
          j.onRef('cu.id', '=', 'su.parent_id').on('cu.kind', '=', 'commune'),
        )
        .leftJoin('school_profiles as sp', 'sp.school_id', 'su.id')
        .select([
          'su.id as id',
          'su.name as name',
          'su.path as path',
          'sp.school_levels_json as levels',
          'cu.id as commune_id',
          'cu.name as commune_name',
        ])
        .select((eb) =>
          eb
            .selectFrom('submissions as s')
            .select((e) => e.fn.min('s.sent_at').as('first'))
            .whereRef('s.school_id', '=', 'su.id')
            .where('s.kind', '=', input.kind)
            .where('s.school_year', '=', input.schoolYear)
            .as('first_sent_at'),
        )
        .where('su.kind', '=', 'school')
        .where((eb) => inSubtree(eb, 'su.id', input.path))
        .orderBy('cu.name')
        .orderBy('su.name')
        .execute();
      return rows.map((r) => ({
        schoolId: r.id,
        schoolName: r.name,
        schoolPath: r.path,
        schoolLevels: parseLevels(r.levels),
        communeId: r.commune_id,
        communeName: r.commune_name,
        firstSentAt: (r.first_sent_at as string | null) ?? null,
      }));
    },
  };
}

export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;
