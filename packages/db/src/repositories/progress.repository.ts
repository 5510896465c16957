import type { Kysely } from 'kysely';
import type {
  Database,
  ProgressEntriesTable,
  ProgressFilesTable,
  RowProgressTable,
} from '../database.types.ts';
import { isPostgres } from './plan-records.ts';
import { chunks } from './chunks.ts';

/**
 * SQL about carrying out the plan (issue 13): a track's current progress (`row_progress`), the
 * dated log of its updates (`progress_entries`) with their files (`progress_files`), and the
 * record of a closed school year (`plan_year_closures`). Progress hangs on the row's track and the
 * plan's lineage, so a revision keeps it. bigint columns come back from `pg` as strings: converted
 * to numbers here, at the edge.
 */

/** A track's current state, versioned per field (status, percent, result). */
export interface RowProgressRecord {
  trackId: string;
  schoolId: string;
  lineageId: string;
  status: string;
  percent: number;
  result: string;
  fieldVersions: Record<string, number>;
  version: number;
  updatedByUserId: string | null;
  updatedAt: string;
}

/** One update of the log. */
export interface ProgressEntryRecord {
  id: string;
  trackId: string;
  schoolId: string;
  lineageId: string;
  planId: string;
  entryDate: string;
  recordedAt: string;
  authorUserId: string | null;
  authorName: string;
  status: string | null;
  percent: number | null;
  result: string | null;
  note: string;
  spentAmount: number | null;
  spentSource: string | null;
  spentText: string;
  clientId: string | null;
}

/** A file attached to an update (bytes in the evidence file store, by SHA-256). */
export interface ProgressFileRecord {
  id: string;
  entryId: string;
  trackId: string;
  schoolId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  assessmentId: string | null;
  evidenceId: string | null;
  createdAt: string;
}

/** Per track: how many updates, the last one, the spending by funding source. */
export interface TrackEntryAggregate {
  trackId: string;
  entryCount: number;
  lastEntryAt: string | null;
  spentBySource: Record<string, number>;
}

/** The record of a closed school year. */
export interface YearClosureRecord {
  lineageId: string;
  planId: string;
  schoolId: string;
  schoolYear: string;
  summary: unknown;
  closedAt: string;
  closedByUserId: string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toProgress(row: RowProgressTable): RowProgressRecord {
  return {
    trackId: row.track_id,
    schoolId: row.school_id,
    lineageId: row.lineage_id,
    status: row.status,
    percent: Number(row.percent),
    result: row.result,
    fieldVersions: JSON.parse(row.field_versions_json) as Record<string, number>,
    version: Number(row.version),
    updatedByUserId: row.updated_by_user_id,
    updatedAt: row.updated_at,
  };
}

function toEntry(row: ProgressEntriesTable): ProgressEntryRecord {
  return {
    id: row.id,
    trackId: row.track_id,
    schoolId: row.school_id,
    lineageId: row.lineage_id,
    planId: row.plan_id,
    entryDate: row.entry_date,
    recordedAt: row.recorded_at,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    status: row.status,
    percent: num(row.percent),
    result: row.result,
    note: row.note,
    spentAmount: num(row.spent_amount),
    spentSource: row.spent_source,
    spentText: row.spent_text,
    clientId: row.client_id,
  };
}

function toFile(row: ProgressFilesTable): ProgressFileRecord {
  return {
    id: row.id,
    entryId: row.entry_id,
    trackId: row.track_id,
    schoolId: row.school_id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    assessmentId: row.assessment_id,
    evidenceId: row.evidence_id,
    createdAt: row.created_at,
  };
}

export function createProgressRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);

  return {
    async findProgress(trackId: string): Promise<RowProgressRecord | undefined> {
      const row = await db
        .selectFrom('row_progress')
        .selectAll()
        .where('track_id', '=', trackId)
        .executeTakeFirst();
      return row ? toProgress(row) : undefined;
    },

    /** The track's progress under its row lock (PostgreSQL), inside a transaction. */
    async lockProgress(trackId: string): Promise<RowProgressRecord | undefined> {
      let query = db.selectFrom('row_progress').selectAll().where('track_id', '=', trackId);
      if (postgres) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toProgress(row) : undefined;
    },

    /** The progress of every track of the lineages. */
    async listProgress(lineageIds: readonly string[]): Promise<RowProgressRecord[]> {
      const out: RowProgressRecord[] = [];
      for (const part of chunks(lineageIds)) {
        const rows = await db
          .selectFrom('row_progress')
          .selectAll()
          .where('lineage_id', 'in', part)
          .execute();
        out.push(...rows.map(toProgress));
      }
      return out;
    },

    /** The progress of the given tracks. */
    async listProgressOfTracks(trackIds: readonly string[]): Promise<RowProgressRecord[]> {
      const out: RowProgressRecord[] = [];
      for (const part of chunks(trackIds)) {
        const rows = await db
          .selectFrom('row_progress')
          .selectAll()
          .where('track_id', 'in', part)
          .execute();
        out.push(...rows.map(toProgress));
      }
      return out;
    },

    async insertProgress(record: RowProgressRecord): Promise<void> {
      await db
        .insertInto('row_progress')
        .values({
          track_id: record.trackId,
          school_id: record.schoolId,
          lineage_id: record.lineageId,
          status: record.status,
          percent: record.percent,
          result: record.result,
          field_versions_json: JSON.stringify(record.fieldVersions),
          version: record.version,
          updated_by_user_id: record.updatedByUserId,
          updated_at: record.updatedAt,
        })
        .execute();
    },

    /** Saves a track's state if its version is still `version`; false when it moved on. */
    async updateProgress(
      trackId: string,
      version: number,
      changes: Pick<
        RowProgressRecord,
        | 'status'
        | 'percent'
        | 'result'
        | 'fieldVersions'
        | 'version'
        | 'updatedByUserId'
        | 'updatedAt'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('row_progress')
        .set({
          status: changes.status,
          percent: changes.percent,
          result: changes.result,
          field_versions_json: JSON.stringify(changes.fieldVersions),
          version: changes.version,
          updated_by_user_id: changes.updatedByUserId,
          updated_at: changes.updatedAt,
        })
        .where('track_id', '=', trackId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertEntry(entry: ProgressEntryRecord): Promise<void> {
      await db
        .insertInto('progress_entries')
        .values({
          id: entry.id,
          track_id: entry.trackId,
          school_id: entry.schoolId,
          lineage_id: entry.lineageId,
          plan_id: entry.planId,
          entry_date: entry.entryDate,
          recorded_at: entry.recordedAt,
          author_user_id: entry.authorUserId,
          author_name: entry.authorName,
          status: entry.status,
          percent: entry.percent,
          result: entry.result,
          note: entry.note,
          spent_amount: entry.spentAmount,
          spent_source: entry.spentSource,
          spent_text: entry.spentText,
          client_id: entry.clientId,
        })
        .execute();
    },

    async findEntry(id: string): Promise<ProgressEntryRecord | undefined> {
      const row = await db
        .selectFrom('progress_entries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    async findEntryByClientId(clientId: string): Promise<ProgressEntryRecord | undefined> {
      const row = await db
        .selectFrom('progress_entries')
        .selectAll()
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    /** The log of the tracks, oldest first. */
    async listEntries(trackIds: readonly string[]): Promise<ProgressEntryRecord[]> {
      const out: ProgressEntryRecord[] = [];
      for (const part of chunks(trackIds)) {
        const rows = await db
          .selectFrom('progress_entries')
          .selectAll()
          .where('track_id', 'in', part)
          .orderBy('recorded_at')
          .orderBy('id')
          .execute();
        out.push(...rows.map(toEntry));
      }
      return out.sort(
        (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id),
      );
    },

    /** Per track of the lineages: update count, last update, spending by source (SQL aggregates). */
    async aggregateEntries(lineageIds: readonly string[]): Promise<TrackEntryAggregate[]> {
      const byTrack = new Map<string, TrackEntryAggregate>();
      const of = (trackId: string) => {
        let found = byTrack.get(trackId);
        if (!found) {
          found = { trackId, entryCount: 0, lastEntryAt: null, spentBySource: {} };
          byTrack.set(trackId, found);
        }
        return found;
      };
      for (const part of chunks(lineageIds)) {
        // One pass over the entries (count, latest, spending by source), not two.
        const groups = await db
          .selectFrom('progress_entries')
          .select((eb) => [
            'track_id',
            'spent_source',
            eb.fn.countAll<number | string>().as('n'),
            eb.fn.max('recorded_at').as('last_at'),
            eb.fn.sum<number | string | null>('spent_amount').as('total'),
          ])
          .where('lineage_id', 'in', part)
          .groupBy(['track_id', 'spent_source'])
          .execute();
        for (const g of groups) {
          const agg = of(g.track_id);
          agg.entryCount += Number(g.n);
          if (agg.lastEntryAt === null || g.last_at > agg.lastEntryAt) agg.lastEntryAt = g.last_at;
          // SUM is NULL when no entry of the group records an amount: no spending by that source.
          if (g.total === null) continue;
          const source = g.spent_source ?? 'unknown';
          agg.spentBySource[source] = (agg.spentBySource[source] ?? 0) + Number(g.total);
        }
      }
      return [...byTrack.values()];
    },

    async insertFile(file: ProgressFileRecord): Promise<void> {
      await db
        .insertInto('progress_files')
        .values({
          id: file.id,
          entry_id: file.entryId,
          track_id: file.trackId,
          school_id: file.schoolId,
          sha256: file.sha256,
          file_name: file.fileName,
          media_type: file.mediaType,
          size_bytes: file.sizeBytes,
          assessment_id: file.assessmentId,
          evidence_id: file.evidenceId,
          created_at: file.createdAt,
        })
        .execute();
    },

    async findFile(id: string): Promise<ProgressFileRecord | undefined> {
      const row = await db
        .selectFrom('progress_files')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toFile(row) : undefined;
    },

    /** The files of the entries, oldest first. */
    async listFiles(entryIds: readonly string[]): Promise<ProgressFileRecord[]> {
      const out: ProgressFileRecord[] = [];
      for (const part of chunks(entryIds)) {
        const rows = await db
          .selectFrom('progress_files')
          .selectAll()
          .where('entry_id', 'in', part)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        out.push(...rows.map(toFile));
      }
      return out;
    },

    /** A school's files not yet a minh chứng (picked up when an assessment is started). */
    async listUnlinkedFiles(schoolId: string): Promise<ProgressFileRecord[]> {
      const rows = await db
        .selectFrom('progress_files')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('evidence_id', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toFile);
    },

    /** Records the minh chứng a file became. */
    async linkFileEvidence(fileId: string, assessmentId: string, evidenceId: string) {
      await db
        .updateTable('progress_files')
        .set({ assessment_id: assessmentId, evidence_id: evidenceId })
        .where('id', '=', fileId)
        .execute();
    },

    /** The codes of the evidence the files became (id → code). */
    async evidenceCodes(evidenceIds: readonly string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const part of chunks(evidenceIds)) {
        const rows = await db
          .selectFrom('assessment_evidence')
          .select(['id', 'code'])
          .where('id', 'in', part)
          .execute();
        for (const r of rows) out.set(r.id, r.code);
      }
      return out;
    },

    async findClosure(lineageId: string): Promise<YearClosureRecord | undefined> {
      const row = await db
        .selectFrom('plan_year_closures')
        .selectAll()
        .where('lineage_id', '=', lineageId)
        .executeTakeFirst();
      return row
        ? {
            lineageId: row.lineage_id,
            planId: row.plan_id,
            schoolId: row.school_id,
            schoolYear: row.school_year,
            summary: JSON.parse(row.summary_json) as unknown,
            closedAt: row.closed_at,
            closedByUserId: row.closed_by_user_id,
          }
        : undefined;
    },

    /** The lineages of the list that are closed. */
    async closedLineages(lineageIds: readonly string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const part of chunks(lineageIds)) {
        const rows = await db
          .selectFrom('plan_year_closures')
          .select('lineage_id')
          .where('lineage_id', 'in', part)
          .execute();
        for (const r of rows) out.add(r.lineage_id);
      }
      return out;
    },

    async insertClosure(closure: YearClosureRecord): Promise<void> {
      await db
        .insertInto('plan_year_closures')
        .values({
          lineage_id: closure.lineageId,
          plan_id: closure.planId,
          school_id: closure.schoolId,
          school_year: closure.schoolYear,
          summary_json: JSON.stringify(closure.summary),
          closed_at: closure.closedAt,
          closed_by_user_id: closure.closedByUserId,
        })
        .execute();
    },

    /** The school of a directory person (null when the person is gone). */
    async schoolOfPerson(personId: string): Promise<string | null> {
      const row = await db
        .selectFrom('people')
        .select('school_id')
        .where('id', '=', personId)
        .executeTakeFirst();
      return row?.school_id ?? null;
    },

    /**
     * The rows whose origin family is `originId` (the row itself and every row carried from it),
     * with their plan's lineage and year: a carried row's earlier years.
     */
    async listOriginFamily(originId: string) {
      const rows = await db
        .selectFrom('plan_rows')
        .innerJoin('plans', 'plans.id', 'plan_rows.plan_id')
        .select([
          'plan_rows.id as row_id',
          'plan_rows.track_id',
          'plans.id as plan_id',
          'plans.lineage_id',
          'plans.school_year',
        ])
        .where((eb) =>
          eb.or([eb('plan_rows.id', '=', originId), eb('plan_rows.origin_row_id', '=', originId)]),
        )
        .execute();
      return rows.map((r) => ({
        rowId: r.row_id,
        trackId: r.track_id ?? r.row_id,
        planId: r.plan_id,
        lineageId: r.lineage_id,
        schoolYear: r.school_year,
      }));
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
