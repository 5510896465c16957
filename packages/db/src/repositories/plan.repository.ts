import type { PlanStatus } from '@caitien/core';
import type { Kysely } from 'kysely';
import { memoUntilChange } from '../change-stamp.ts';
import { compileOnce } from '../compile-once.ts';
import type { Database } from '../database.types.ts';
import { createPlanAnnexRepository } from './plan-annex.repository.ts';
import {
  createContentTouch,
  isPostgres,
  toPlan,
  type PlanAccessRecord,
  type PlanRecord,
} from './plan-records.ts';
import { createPlanRowRepository } from './plan-row.repository.ts';
import { createPlanSnapshotRepository } from './plan-snapshot.repository.ts';

export type {
  FocusIssueRecord,
  PlanAccessRecord,
  PlanRecord,
  PlanRowRecord,
  ReviewRecord,
  RowColumns,
  SnapshotRecord,
} from './plan-records.ts';

/** The plan fields a versioned plan update may change. */
export type PlanChanges = Partial<
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
>;

/**
 * What a list of plans may show (the access policy's scope, applied in SQL): one school, optionally
 * one year, and the statuses the caller may read (null: all).
 */
export interface PlanListScope {
  schoolId: string;
  schoolYear?: string | undefined;
  statuses?: readonly PlanStatus[] | null | undefined;
}

/** SQL about the `plans` table: one revision of a lineage, its header, status and lock. */
export function createPlansTableRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);

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

    /**
     * The plan, read under its row lock for the rest of the transaction (call inside one).
     * PostgreSQL: `FOR UPDATE` for approval and transitions (nothing else may touch the plan until
     * the status flip commits), `FOR NO KEY UPDATE` for content saves: saves of one plan queue behind
     * each other and behind an approval, and see its status once it commits. (`FOR SHARE` would let
     * two saves in together and deadlock them on the content sequence each one bumps.) SQLite: one
     * transaction at a time already (the single writer), a plain read.
     */
    async lockPlan(id: string, mode: 'transition' | 'save'): Promise<PlanRecord | undefined> {
      let query = db.selectFrom('plans').selectAll().where('id', '=', id);
      if (postgres) query = mode === 'transition' ? query.forUpdate() : query.forNoKeyUpdate();
      const row = await query.executeTakeFirst();
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

    /** The plans a scope covers, newest year and revision first. */
    async listPlans(scope: PlanListScope): Promise<PlanRecord[]> {
      if (scope.statuses && scope.statuses.length === 0) return [];
      let query = db.selectFrom('plans').selectAll().where('school_id', '=', scope.schoolId);
      if (scope.schoolYear) query = query.where('school_year', '=', scope.schoolYear);
      if (scope.statuses) query = query.where('status', 'in', [...scope.statuses]);
      const rows = await query
        .orderBy('school_year', 'desc')
        .orderBy('revision_number', 'desc')
        .execute();
      return rows.map(toPlan);
    },

    /** The first revision of a school's plan for a year (the lineage a second create points at). */
    async findPlanOfYear(schoolId: string, schoolYear: string): Promise<PlanRecord | undefined> {
      const row = await db
        .selectFrom('plans')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('school_year', '=', schoolYear)
        .orderBy('revision_number', 'desc')
        .executeTakeFirst();
      return row ? toPlan(row) : undefined;
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
      changes: PlanChanges,
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
  };
}

/**
 * All SQL about plans, one object over the four plan repositories (plans, rows, focus issues and
 * review rounds, snapshots) bound to one executor, so they share the content-sequence bump of a
 * transaction.
 */
export function createPlanRepository(db: Kysely<Database>) {
  const touchContent = createContentTouch(db);
  return {
    ...createPlansTableRepository(db),
    ...createPlanRowRepository(db, touchContent),
    ...createPlanAnnexRepository(db, touchContent),
    ...createPlanSnapshotRepository(db, touchContent),
  };
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
