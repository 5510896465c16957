import type { PlanHeader, PlanLayout, PlanSection, PlanStatus, RowGroup } from '@caitien/core';
import type { Kysely } from 'kysely';
import { memoUntilChange } from '../change-stamp.ts';
import { compileOnce } from '../compile-once.ts';
import type { Database, PlanRowsTable, PlansTable } from '../database.types.ts';

/** A plan (one revision) without its rows. */
export interface PlanRecord {
  id: string;
  lineageId: string;
  revisionNumber: number;
  schoolId: string;
  schoolYear: string;
  regime: '2018' | '2026';
  frameworkId: string | null;
  frameworkReason: string;
  status: PlanStatus;
  layout: PlanLayout;
  hiddenColumns: string[];
  header: PlanHeader;
  sections: PlanSection[];
  carriedFromPlanId: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedByUserId: string | null;
  version: number;
  /**
   * Incremented by every write to what the plan's detail shows (the plan, its rows, focus issues,
   * review rounds, snapshot), inside the writing transaction: (id, contentSeq) names one content.
   */
  contentSeq: number;
  createdAt: string;
  updatedAt: string;
}

/** What deciding a read of a plan needs, and the content sequence to look up a cached answer. */
export interface PlanAccessRecord {
  id: string;
  schoolId: string;
  schoolPath: string;
  status: PlanStatus;
  contentSeq: number;
}

/** The stored columns of a row that a save may change (texts and parsed values). */
export interface RowColumns {
  rowGroup: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  currentState: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  timeText: string;
  timeStart: string | null;
  timeEnd: string | null;
  leadText: string;
  coordinatorsText: string;
  parsed: unknown;
  budgetText: string;
  budgetAmount: number | null;
  budgetSource: string;
  support: string;
  evidence: string;
  progress: string;
  result: string;
  note: string;
}

/** A plan row as stored. */
export interface PlanRowRecord extends RowColumns {
  id: string;
  planId: string;
  position: number;
  fieldVersions: Record<string, number>;
  originRowId: string | null;
  carryCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const COLUMN_OF: Record<keyof RowColumns, keyof PlanRowsTable> = {
  rowGroup: 'row_group',
  standardCode: 'standard_code',
  criterionCode: 'criterion_code',
  level4Key: 'level4_key',
  currentState: 'current_state',
  content: 'content',
  target: 'target',
  tasks: 'tasks',
  indicator: 'indicator',
  timeText: 'time_text',
  timeStart: 'time_start',
  timeEnd: 'time_end',
  leadText: 'lead_text',
  coordinatorsText: 'coordinators_text',
  parsed: 'parsed_json',
  budgetText: 'budget_text',
  budgetAmount: 'budget_amount',
  budgetSource: 'budget_source',
  support: 'support',
  evidence: 'evidence',
  progress: 'progress',
  result: 'result',
  note: 'note',
};

function toPlan(row: PlansTable): PlanRecord {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    revisionNumber: row.revision_number,
    schoolId: row.school_id,
    schoolYear: row.school_year,
    regime: row.regime as '2018' | '2026',
    frameworkId: row.framework_id,
    frameworkReason: row.framework_reason,
    status: row.status as PlanStatus,
    layout: row.layout as PlanLayout,
    hiddenColumns: JSON.parse(row.hidden_columns_json) as string[],
    header: JSON.parse(row.header_json) as PlanHeader,
    sections: JSON.parse(row.sections_json) as PlanSection[],
    carriedFromPlanId: row.carried_from_plan_id,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    approvedByUserId: row.approved_by_user_id,
    version: row.version,
    contentSeq: row.content_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(row: PlanRowsTable): PlanRowRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    position: row.position,
    rowGroup: row.row_group as RowGroup,
    standardCode: row.standard_code,
    criterionCode: row.criterion_code,
    level4Key: row.level4_key,
    currentState: row.current_state,
    content: row.content,
    target: row.target,
    tasks: row.tasks,
    indicator: row.indicator,
    timeText: row.time_text,
    timeStart: row.time_start,
    timeEnd: row.time_end,
    leadText: row.lead_text,
    coordinatorsText: row.coordinators_text,
    parsed: JSON.parse(row.parsed_json) as unknown,
    budgetText: row.budget_text,
    // PostgreSQL returns bigint as a string: convert at the repository edge (CONTRACTS.md).
    budgetAmount: row.budget_amount === null ? null : Number(row.budget_amount),
    budgetSource: row.budget_source,
    support: row.support,
    evidence: row.evidence,
    progress: row.progress,
    result: row.result,
    note: row.note,
    fieldVersions: JSON.parse(row.field_versions_json) as Record<string, number>,
    originRowId: row.origin_row_id,
    carryCount: row.carry_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columnsOf(values: Partial<RowColumns>): Partial<PlanRowsTable> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values) as [keyof RowColumns, unknown][]) {
    const column = COLUMN_OF[key];
    // Only row columns: callers may pass a record that also carries ids and positions.
    if (value === undefined || column === undefined) continue;
    out[column] = key === 'parsed' ? JSON.stringify(value) : value;
  }
  return out as Partial<PlanRowsTable>;
}

/** All SQL about plans. */
export function createPlanRepository(db: Kysely<Database>) {
  /**
   * Marks the plan's content as changed (see `PlanRecord.contentSeq`). Every write below that
   * changes what the plan's detail shows calls it. Inside a transaction once per plan is enough:
   * nobody sees the transaction's writes before it commits, and they commit together.
   */
  const bumpedInTransaction = new Set<string>();
  async function touchContent(planId: string): Promise<void> {
    if (db.isTransaction) {
      if (bumpedInTransaction.has(planId)) return;
      bumpedInTransaction.add(planId);
    }
    await db
      .updateTable('plans')
      .set((eb) => ({ content_seq: eb('content_seq', '+', 1) }))
      .where('id', '=', planId)
      .execute();
  }

  // Run on every plan read (issue 5): compiled once, the statement text never changes; on SQLite
  // answered from memory while nothing was committed since it was last read (issue 11).
  const accessQuery = memoUntilChange(
    db,
    compileOnce(db, (param) =>
      db
        .selectFrom('plans')
        .innerJoin('units', 'units.id', 'plans.school_id')
        .select([
          'plans.id',
          'plans.school_id',
          'plans.status',
          'plans.content_seq',
          'units.path as school_path',
        ])
        .where('plans.id', '=', param('planId')),
    ),
    (values) => String(values.planId),
  );

  return {
    async insertPlan(
      plan: Omit<PlanRecord, 'version' | 'contentSeq' | 'createdAt' | 'updatedAt'> & {
        now: string;
        createdByUserId: string | null;
      },
    ) {
      await db
        .insertInto('plans')
        .values({
          id: plan.id,
          lineage_id: plan.lineageId,
          revision_number: plan.revisionNumber,
          school_id: plan.schoolId,
          school_year: plan.schoolYear,
          regime: plan.regime,
          framework_id: plan.frameworkId,
          framework_reason: plan.frameworkReason,
          status: plan.status,
          layout: plan.layout,
          hidden_columns_json: JSON.stringify(plan.hiddenColumns),
          header_json: JSON.stringify(plan.header),
          sections_json: JSON.stringify(plan.sections),
          carried_from_plan_id: plan.carriedFromPlanId,
          submitted_at: plan.submittedAt,
          approved_at: plan.approvedAt,
          approved_by_user_id: plan.approvedByUserId,
          version: 1,
          content_seq: 1,
          created_by_user_id: plan.createdByUserId,
          created_at: plan.now,
          updated_at: plan.now,
        })
        .execute();
    },

    async findPlan(id: string): Promise<PlanRecord | undefined> {
      const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPlan(row) : undefined;
    },

    /** The plan's school path, status and content sequence in one small query (undefined if absent). */
    async findPlanAccess(id: string): Promise<PlanAccessRecord | undefined> {
      const [row] = await accessQuery({ planId: id });
      return row
        ? {
            id: row.id,
            schoolId: row.school_id,
            schoolPath: row.school_path,
            status: row.status as PlanStatus,
            // PostgreSQL may hand integers back as strings through some drivers' settings.
            contentSeq: Number(row.content_seq),
          }
        : undefined;
    },

    async listPlans(filter: {
      schoolId: string;
      schoolYear?: string | undefined;
    }): Promise<PlanRecord[]> {
      let query = db.selectFrom('plans').selectAll().where('school_id', '=', filter.schoolId);
      if (filter.schoolYear) query = query.where('school_year', '=', filter.schoolYear);
      const rows = await query
        .orderBy('school_year', 'desc')
        .orderBy('revision_number', 'desc')
        .execute();
      return rows.map(toPlan);
    },

    async listLineage(lineageId: string): Promise<PlanRecord[]> {
      const rows = await db
        .selectFrom('plans')
        .selectAll()
        .where('lineage_id', '=', lineageId)
        .orderBy('revision_number')
        .execute();
      return rows.map(toPlan);
    },

    /** Updates plan-level fields if the version is still `version`. */
    async updatePlan(
      id: string,
      version: number,
      changes: Partial<
        Pick<
          PlanRecord,
          | 'header'
          | 'sections'
          | 'layout'
          | 'hiddenColumns'
          | 'status'
          | 'submittedAt'
          | 'approvedAt'
          | 'approvedByUserId'
        >
      >,
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('plans')
        .set((eb) => ({
          ...(changes.header !== undefined ? { header_json: JSON.stringify(changes.header) } : {}),
          ...(changes.sections !== undefined
            ? { sections_json: JSON.stringify(changes.sections) }
            : {}),
          ...(changes.layout !== undefined ? { layout: changes.layout } : {}),
          ...(changes.hiddenColumns !== undefined
            ? { hidden_columns_json: JSON.stringify(changes.hiddenColumns) }
            : {}),
          ...(changes.status !== undefined ? { status: changes.status } : {}),
          ...(changes.submittedAt !== undefined ? { submitted_at: changes.submittedAt } : {}),
          ...(changes.approvedAt !== undefined ? { approved_at: changes.approvedAt } : {}),
          ...(changes.approvedByUserId !== undefined
            ? { approved_by_user_id: changes.approvedByUserId }
            : {}),
          version: version + 1,
          content_seq: eb('content_seq', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Row counts of several plans in one query. */
    async countRows(planIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (planIds.length === 0) return counts;
      const rows = await db
        .selectFrom('plan_rows')
        .select((eb) => ['plan_id', eb.fn.countAll<number>().as('n')])
        .where('plan_id', 'in', planIds)
        .groupBy('plan_id')
        .execute();
      for (const r of rows) counts.set(r.plan_id, Number(r.n));
      return counts;
    },

    async listRows(planId: string): Promise<PlanRowRecord[]> {
      const rows = await db
        .selectFrom('plan_rows')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toRow);
    },

    async findRow(planId: string, rowId: string): Promise<PlanRowRecord | undefined> {
      const row = await db
        .selectFrom('plan_rows')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('id', '=', rowId)
        .executeTakeFirst();
      return row ? toRow(row) : undefined;
    },

    async insertRow(
      row: RowColumns & {
        id: string;
        planId: string;
        position: number;
        originRowId: string | null;
        carryCount: number;
        now: string;
      },
    ): Promise<void> {
      await db
        .insertInto('plan_rows')
        .values({
          ...(columnsOf(row) as Omit<
            PlanRowsTable,
            | 'id'
            | 'plan_id'
            | 'position'
            | 'field_versions_json'
            | 'origin_row_id'
            | 'carry_count'
            | 'version'
            | 'created_at'
            | 'updated_at'
          >),
          id: row.id,
          plan_id: row.planId,
          position: row.position,
          field_versions_json: '{}',
          origin_row_id: row.originRowId,
          carry_count: row.carryCount,
          version: 1,
          created_at: row.now,
          updated_at: row.now,
        })
        .execute();
      await touchContent(row.planId);
    },

    /**
     * Saves some fields of a row that the client read at `baseVersion`. Refused (false) when any of
     * these fields changed after `baseVersion`; other fields may have moved on (two people editing
     * different cells of one row both succeed). The check and the write are one conditional UPDATE
     * on the version read here, so a concurrent save cannot slip in between.
     */
    async saveRowFields(
      planId: string,
      rowId: string,
      baseVersion: number,
      changedFields: string[],
      values: Partial<RowColumns>,
      now: string,
    ): Promise<'saved' | 'conflict' | 'missing'> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await db
          .selectFrom('plan_rows')
          .select(['version', 'field_versions_json'])
          .where('plan_id', '=', planId)
          .where('id', '=', rowId)
          .executeTakeFirst();
        if (!current) return 'missing';
        const fieldVersions = JSON.parse(current.field_versions_json) as Record<string, number>;
        if (baseVersion > current.version) return 'conflict';
        if (changedFields.some((f) => (fieldVersions[f] ?? 0) > baseVersion)) return 'conflict';
        const next = current.version + 1;
        for (const f of changedFields) fieldVersions[f] = next;
        const result = await db
          .updateTable('plan_rows')
          .set({
            ...columnsOf(values),
            field_versions_json: JSON.stringify(fieldVersions),
            version: next,
            updated_at: now,
          })
          .where('id', '=', rowId)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) {
          await touchContent(planId);
          return 'saved';
        }
        // Someone saved another field in between: re-check against the new version.
      }
      return 'conflict';
    },

    async deleteRow(planId: string, rowId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('plan_rows')
        .where('plan_id', '=', planId)
        .where('id', '=', rowId)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) === 1;
      if (deleted) await touchContent(planId);
      return deleted;
    },

    /** Rewrites positions in the given order (ids not listed keep theirs after the listed ones). */
    async reorderRows(planId: string, orderedIds: string[]): Promise<void> {
      for (let i = 0; i < orderedIds.length; i += 1) {
        const id = orderedIds[i];
        if (id === undefined) continue;
        await db
          .updateTable('plan_rows')
          .set({ position: i })
          .where('plan_id', '=', planId)
          .where('id', '=', id)
          .execute();
      }
      await touchContent(planId);
    },

    async maxPosition(planId: string): Promise<number> {
      const row = await db
        .selectFrom('plan_rows')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      return row?.p === null || row?.p === undefined ? -1 : Number(row.p);
    },

    async listFocusIssues(planId: string) {
      return db
        .selectFrom('plan_focus_issues')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('position')
        .execute();
    },

    async insertFocusIssue(issue: {
      id: string;
      planId: string;
      position: number;
      standardCode: string | null;
      criterionCode: string | null;
      currentState: string;
      limitation: string;
      cause: string;
    }) {
      await db
        .insertInto('plan_focus_issues')
        .values({
          id: issue.id,
          plan_id: issue.planId,
          position: issue.position,
          standard_code: issue.standardCode,
          criterion_code: issue.criterionCode,
          current_state: issue.currentState,
          limitation: issue.limitation,
          cause: issue.cause,
          version: 1,
        })
        .execute();
      await touchContent(issue.planId);
    },

    async listReviews(planId: string) {
      return db
        .selectFrom('plan_reviews')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('position')
        .execute();
    },

    async insertReview(review: {
      id: string;
      planId: string;
      position: number;
      roundLabel: string;
      content: string;
      result: string;
      adjustment: string;
      reviewer: string;
    }) {
      await db
        .insertInto('plan_reviews')
        .values({
          id: review.id,
          plan_id: review.planId,
          position: review.position,
          round_label: review.roundLabel,
          content: review.content,
          result: review.result,
          adjustment: review.adjustment,
          reviewer: review.reviewer,
          version: 1,
        })
        .execute();
      await touchContent(review.planId);
    },

    /** Updates a review round (mục VI) if its version is still `version`. */
    async updateReview(
      planId: string,
      reviewId: string,
      version: number,
      changes: { content?: string; result?: string; adjustment?: string; reviewer?: string },
    ): Promise<'saved' | 'conflict' | 'missing'> {
      const result = await db
        .updateTable('plan_reviews')
        .set({ ...changes, version: version + 1 })
        .where('plan_id', '=', planId)
        .where('id', '=', reviewId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        await touchContent(planId);
        return 'saved';
      }
      const exists = await db
        .selectFrom('plan_reviews')
        .select('id')
        .where('plan_id', '=', planId)
        .where('id', '=', reviewId)
        .executeTakeFirst();
      return exists ? 'conflict' : 'missing';
    },

    /** Updates a focus issue (mục IV) if its version is still `version`. */
    async updateFocusIssue(
      planId: string,
      issueId: string,
      version: number,
      changes: {
        standardCode?: string | null;
        criterionCode?: string | null;
        currentState?: string;
        limitation?: string;
        cause?: string;
      },
    ): Promise<'saved' | 'conflict' | 'missing'> {
      const result = await db
        .updateTable('plan_focus_issues')
        .set({
          ...(changes.standardCode !== undefined ? { standard_code: changes.standardCode } : {}),
          ...(changes.criterionCode !== undefined ? { criterion_code: changes.criterionCode } : {}),
          ...(changes.currentState !== undefined ? { current_state: changes.currentState } : {}),
          ...(changes.limitation !== undefined ? { limitation: changes.limitation } : {}),
          ...(changes.cause !== undefined ? { cause: changes.cause } : {}),
          version: version + 1,
        })
        .where('plan_id', '=', planId)
        .where('id', '=', issueId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        await touchContent(planId);
        return 'saved';
      }
      const exists = await db
        .selectFrom('plan_focus_issues')
        .select('id')
        .where('plan_id', '=', planId)
        .where('id', '=', issueId)
        .executeTakeFirst();
      return exists ? 'conflict' : 'missing';
    },

    async deleteFocusIssue(planId: string, issueId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('plan_focus_issues')
        .where('plan_id', '=', planId)
        .where('id', '=', issueId)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) === 1;
      if (deleted) await touchContent(planId);
      return deleted;
    },

    async insertSnapshot(snapshot: {
      planId: string;
      contentJson: string;
      contentHash: string;
      approvedAt: string;
      approvedByUserId: string;
    }) {
      await db
        .insertInto('plan_snapshots')
        .values({
          plan_id: snapshot.planId,
          content_json: snapshot.contentJson,
          content_hash: snapshot.contentHash,
          approved_at: snapshot.approvedAt,
          approved_by_user_id: snapshot.approvedByUserId,
        })
        .execute();
      await touchContent(snapshot.planId);
    },

    async findSnapshot(planId: string) {
      return db
        .selectFrom('plan_snapshots')
        .selectAll()
        .where('plan_id', '=', planId)
        .executeTakeFirst();
    },
  };
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
