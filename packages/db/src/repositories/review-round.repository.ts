import { decideFieldSave } from '@caitien/core';
import type { Kysely } from 'kysely';
import type { Database, ReviewRoundRowsTable, ReviewRoundsTable } from '../database.types.ts';
import { isPostgres } from './plan-records.ts';

/**
 * SQL of the monitoring team's review rounds (issue 13): a lineage's rounds (`review_rounds`,
 * numbered by `position` within the lineage) and each row's review in a round
 * (`review_round_rows`, keyed by the row's track so a revision of the plan keeps it). Both are
 * versioned per field like plan rows: a save names the fields it changes and the version it
 * started from, and is refused when one of them changed since.
 */

export interface ReviewRoundRecord {
  id: string;
  lineageId: string;
  schoolId: string;
  /** The plan the round was opened on (a revision of the lineage). */
  planId: string;
  position: number;
  kind: string;
  label: string;
  status: string;
  plannedDate: string | null;
  openedAt: string | null;
  openedByUserId: string | null;
  conclusions: string;
  recommendations: string;
  closedAt: string | null;
  closedByUserId: string | null;
  fieldVersions: Record<string, number>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewRoundRowRecord {
  roundId: string;
  trackId: string;
  /** The row's progress when the review was saved. */
  status: string | null;
  percent: number | null;
  result: string;
  adjustment: string;
  reviewer: string;
  reviewerUserId: string | null;
  fieldVersions: Record<string, number>;
  version: number;
  updatedAt: string;
}

/** The columns of a round a save may change. */
export type ReviewRoundChanges = Partial<
  Pick<
    ReviewRoundRecord,
    | 'label'
    | 'status'
    | 'plannedDate'
    | 'openedAt'
    | 'openedByUserId'
    | 'conclusions'
    | 'recommendations'
    | 'closedAt'
    | 'closedByUserId'
  >
>;

/** The columns of a row's review a save may change. */
export type ReviewRoundRowChanges = Partial<
  Pick<
    ReviewRoundRowRecord,
    'status' | 'percent' | 'result' | 'adjustment' | 'reviewer' | 'reviewerUserId'
  >
>;

export type VersionedSave<T> =
  { outcome: 'saved'; before: T | null; after: T } | { outcome: 'conflict' | 'missing' };

/** A save's answer: the next version and field versions (see `decideFieldSave`). */
type AcceptedSave = Extract<ReturnType<typeof decideFieldSave>, { ok: true }>;

/** The version columns an accepted field save writes, beside the changed values. */
function versionColumns(decision: AcceptedSave, now: string) {
  return {
    field_versions_json: JSON.stringify(decision.fieldVersions),
    version: decision.next,
    updated_at: now,
  };
}

/** The answer of an accepted save: the record before, and after with the changes applied. */
function savedRecord<
  T extends { fieldVersions: Record<string, number>; version: number; updatedAt: string },
>(current: T, changes: NoInfer<Partial<T>>, decision: AcceptedSave, now: string): VersionedSave<T> {
  return {
    outcome: 'saved',
    before: current,
    after: {
      ...current,
      ...changes,
      fieldVersions: decision.fieldVersions,
      version: decision.next,
      updatedAt: now,
    },
  };
}

function parseVersions(json: string): Record<string, number> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function toRound(row: ReviewRoundsTable): ReviewRoundRecord {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    schoolId: row.school_id,
    planId: row.plan_id,
    position: Number(row.position),
    kind: row.kind,
    label: row.label,
    status: row.status,
    plannedDate: row.planned_date,
    openedAt: row.opened_at,
    openedByUserId: row.opened_by_user_id,
    conclusions: row.conclusions,
    recommendations: row.recommendations,
    closedAt: row.closed_at,
    closedByUserId: row.closed_by_user_id,
    fieldVersions: parseVersions(row.field_versions_json),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRoundRow(row: ReviewRoundRowsTable): ReviewRoundRowRecord {
  return {
    roundId: row.round_id,
    trackId: row.track_id,
    status: row.status,
    percent: row.percent === null ? null : Number(row.percent),
    result: row.result,
    adjustment: row.adjustment,
    reviewer: row.reviewer,
    reviewerUserId: row.reviewer_user_id,
    fieldVersions: parseVersions(row.field_versions_json),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

function roundColumns(changes: ReviewRoundChanges): Partial<ReviewRoundsTable> {
  const out: Partial<ReviewRoundsTable> = {};
  if (changes.label !== undefined) out.label = changes.label;
  if (changes.status !== undefined) out.status = changes.status;
  if (changes.plannedDate !== undefined) out.planned_date = changes.plannedDate;
  if (changes.openedAt !== undefined) out.opened_at = changes.openedAt;
  if (changes.openedByUserId !== undefined) out.opened_by_user_id = changes.openedByUserId;
  if (changes.conclusions !== undefined) out.conclusions = changes.conclusions;
  if (changes.recommendations !== undefined) out.recommendations = changes.recommendations;
  if (changes.closedAt !== undefined) out.closed_at = changes.closedAt;
  if (changes.closedByUserId !== undefined) out.closed_by_user_id = changes.closedByUserId;
  return out;
}

function roundRowColumns(changes: ReviewRoundRowChanges): Partial<ReviewRoundRowsTable> {
  const out: Partial<ReviewRoundRowsTable> = {};
  if (changes.status !== undefined) out.status = changes.status;
  if (changes.percent !== undefined) out.percent = changes.percent;
  if (changes.result !== undefined) out.result = changes.result;
  if (changes.adjustment !== undefined) out.adjustment = changes.adjustment;
  if (changes.reviewer !== undefined) out.reviewer = changes.reviewer;
  if (changes.reviewerUserId !== undefined) out.reviewer_user_id = changes.reviewerUserId;
  return out;
}

export function createReviewRoundRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);

  async function lockRound(id: string): Promise<ReviewRoundRecord | null> {
    let query = db.selectFrom('review_rounds').selectAll().where('id', '=', id);
    if (postgres) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRound(row) : null;
  }

  return {
    /** The rounds of some lineages, by lineage then position. */
    async listRounds(lineageIds: readonly string[]): Promise<ReviewRoundRecord[]> {
      if (lineageIds.length === 0) return [];
      const rows = await db
        .selectFrom('review_rounds')
        .selectAll()
        .where('lineage_id', 'in', [...lineageIds])
        .orderBy('lineage_id')
        .orderBy('position')
        .execute();
      return rows.map(toRound);
    },

    async findRound(id: string): Promise<ReviewRoundRecord | null> {
      const row = await db
        .selectFrom('review_rounds')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRound(row) : null;
    },

    /** The rows reviewed in each round (round id → count). */
    async countReviewedRows(roundIds: readonly string[]): Promise<Map<string, number>> {
      if (roundIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('review_round_rows')
        .select(['round_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('round_id', 'in', [...roundIds])
        .groupBy('round_id')
        .execute();
      return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
    },

    async listRoundRows(roundId: string): Promise<ReviewRoundRowRecord[]> {
      const rows = await db
        .selectFrom('review_round_rows')
        .selectAll()
        .where('round_id', '=', roundId)
        .orderBy('track_id')
        .execute();
      return rows.map(toRoundRow);
    },

    /**
     * A new round after the lineage's last one (position = last + 1), inside the caller's
     * transaction. Two rounds created at once collide on (lineage, position): the loser's
     * transaction fails with a unique violation.
     */
    async insertRound(
      round: Omit<ReviewRoundRecord, 'position' | 'fieldVersions' | 'version'>,
    ): Promise<ReviewRoundRecord> {
      const last = await db
        .selectFrom('review_rounds')
        .select((eb) => eb.fn.max<number | string | null>('position').as('p'))
        .where('lineage_id', '=', round.lineageId)
        .executeTakeFirst();
      const position = Number(last?.p ?? 0) + 1;
      const row: ReviewRoundsTable = {
        id: round.id,
        lineage_id: round.lineageId,
        school_id: round.schoolId,
        plan_id: round.planId,
        position,
        kind: round.kind,
        label: round.label,
        status: round.status,
        planned_date: round.plannedDate,
        opened_at: round.openedAt,
        opened_by_user_id: round.openedByUserId,
        conclusions: round.conclusions,
        recommendations: round.recommendations,
        closed_at: round.closedAt,
        closed_by_user_id: round.closedByUserId,
        field_versions_json: '{}',
        version: 1,
        created_at: round.createdAt,
        updated_at: round.updatedAt,
      };
      await db.insertInto('review_rounds').values(row).execute();
      return toRound(row);
    },

    /**
     * The round read for a write in the caller's transaction (`FOR UPDATE` on PostgreSQL; SQLite's
     * single writer already serialises), so a decision taken on its status holds until commit.
     */
    lockRound,

    /**
     * Saves some fields of a round read at `baseVersion` (per-field versions: refused when one of
     * `changedFields` changed since). `compute` gives the values from the round as it is now.
     */
    async saveRound(
      id: string,
      baseVersion: number,
      changedFields: readonly string[],
      compute: (current: ReviewRoundRecord) => ReviewRoundChanges,
      now: string,
    ): Promise<VersionedSave<ReviewRoundRecord>> {
      const current = await lockRound(id);
      if (!current) return { outcome: 'missing' };
      const decision = decideFieldSave(current, baseVersion, changedFields);
      if (!decision.ok) return { outcome: 'conflict' };
      const changes = compute(current);
      const result = await db
        .updateTable('review_rounds')
        .set({
          ...roundColumns(changes),
          ...versionColumns(decision, now),
        })
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      return savedRecord(current, changes, decision, now);
    },

    /**
     * Saves a row's review in a round: version 0 is the first review (inserted; a review already
     * there → conflict), else per-field versions as for a round.
     */
    async saveRoundRow(
      roundId: string,
      trackId: string,
      baseVersion: number,
      changedFields: readonly string[],
      changes: ReviewRoundRowChanges,
      now: string,
    ): Promise<VersionedSave<ReviewRoundRowRecord>> {
      let query = db
        .selectFrom('review_round_rows')
        .selectAll()
        .where('round_id', '=', roundId)
        .where('track_id', '=', trackId);
      if (postgres) query = query.forUpdate();
      const stored = await query.executeTakeFirst();
      if (!stored) {
        if (baseVersion !== 0) return { outcome: 'conflict' };
        const fieldVersions = Object.fromEntries(changedFields.map((f) => [f, 1]));
        const row: ReviewRoundRowsTable = {
          round_id: roundId,
          track_id: trackId,
          status: changes.status ?? null,
          percent: changes.percent ?? null,
          result: changes.result ?? '',
          adjustment: changes.adjustment ?? '',
          reviewer: changes.reviewer ?? '',
          reviewer_user_id: changes.reviewerUserId ?? null,
          field_versions_json: JSON.stringify(fieldVersions),
          version: 1,
          updated_at: now,
        };
        // A concurrent first review fails here on the primary key (the caller answers 409).
        await db.insertInto('review_round_rows').values(row).execute();
        return { outcome: 'saved', before: null, after: toRoundRow(row) };
      }
      const current = toRoundRow(stored);
      const decision = decideFieldSave(current, baseVersion, changedFields);
      if (!decision.ok) return { outcome: 'conflict' };
      const result = await db
        .updateTable('review_round_rows')
        .set({
          ...roundRowColumns(changes),
          ...versionColumns(decision, now),
        })
        .where('round_id', '=', roundId)
        .where('track_id', '=', trackId)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      return savedRecord(current, changes, decision, now);
    },
  };
}

export type ReviewRoundRepository = ReturnType<typeof createReviewRoundRepository>;
