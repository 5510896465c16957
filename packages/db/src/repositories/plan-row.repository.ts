import { decideFieldSave, planReorder, positionBetween, spreadPosition } from '@caitien/core';
import type { Kysely } from 'kysely';
import { writeBudgetParts } from '../budget-parts.ts';
import type { Database, PlanRowsTable } from '../database.types.ts';
import {
  columnsOf,
  isPostgres,
  toRow,
  type PlanRowRecord,
  type RowColumns,
} from './plan-records.ts';

/** A new row: its columns, identity and place. */
export type NewPlanRow = RowColumns & {
  id: string;
  planId: string;
  position: number;
  originRowId: string | null;
  carryCount: number;
  /** The self-assessment whose weak criterion proposed the row (issue 12), if any. */
  sourceAssessmentId?: string | null | undefined;
  /** The track the row continues (a revision's copy keeps its source's); default: its own id. */
  trackId?: string | null | undefined;
  now: string;
};

/**
 * SQL about plan rows. Rows are ordered by (position, id); positions are sparse
 * (packages/core/src/lifecycle/positions.ts) so adding or moving a row writes only the rows that move.
 */
export function createPlanRowRepository(
  db: Kysely<Database>,
  touchContent: (planId: string) => Promise<void>,
) {
  const postgres = isPostgres(db);

  async function orderedPositions(planId: string) {
    return db
      .selectFrom('plan_rows')
      .select(['id', 'position'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  async function setPositions(planId: string, changes: { id: string; position: number }[]) {
    for (const change of changes) {
      await db
        .updateTable('plan_rows')
        .set({ position: change.position })
        .where('plan_id', '=', planId)
        .where('id', '=', change.id)
        .execute();
    }
    if (changes.length > 0) await touchContent(planId);
  }

  /** Spreads every row of the plan out again (a gap ran out): the one write that touches them all. */
  async function respread(planId: string): Promise<void> {
    const rows = await orderedPositions(planId);
    await setPositions(
      planId,
      rows.flatMap((r, i) =>
        r.position === spreadPosition(i) ? [] : [{ id: r.id, position: spreadPosition(i) }],
      ),
    );
  }

  return {
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

    async insertRow(row: NewPlanRow): Promise<void> {
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
            | 'source_assessment_id'
            | 'track_id'
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
          source_assessment_id: row.sourceAssessmentId ?? null,
          track_id: row.trackId ?? row.id,
          carry_count: row.carryCount,
          version: 1,
          created_at: row.now,
          updated_at: row.now,
        })
        .execute();
      await writeBudgetParts(db, {
        id: row.id,
        planId: row.planId,
        budgetText: row.budgetText,
        budgetAmount: row.budgetAmount,
        budgetSource: row.budgetSource,
      });
      await touchContent(row.planId);
    },

    /**
     * The position for a row added after `afterRowId` (null: at the end), between it and the next
     * row. Reads two rows; only when no integer is left between them are the plan's rows respread
     * first. 'missing' when `afterRowId` is not a row of the plan. Call in the writing transaction.
     */
    async positionAfter(planId: string, afterRowId: string | null): Promise<number | 'missing'> {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        if (afterRowId === null) {
          const last = await db
            .selectFrom('plan_rows')
            .select('position')
            .where('plan_id', '=', planId)
            .orderBy('position', 'desc')
            .executeTakeFirst();
          return positionBetween(last ? Number(last.position) : null, null) as number;
        }
        const after = await db
          .selectFrom('plan_rows')
          .select(['id', 'position'])
          .where('plan_id', '=', planId)
          .where('id', '=', afterRowId)
          .executeTakeFirst();
        if (!after) return 'missing';
        const next = await db
          .selectFrom('plan_rows')
          .select('position')
          .where('plan_id', '=', planId)
          .where((eb) =>
            eb.or([
              eb('position', '>', after.position),
              eb.and([eb('position', '=', after.position), eb('id', '>', after.id)]),
            ]),
          )
          .orderBy('position')
          .orderBy('id')
          .executeTakeFirst();
        const position = positionBetween(
          Number(after.position),
          next ? Number(next.position) : null,
        );
        if (position !== null) return position;
        await respread(planId);
      }
      throw new Error('positionAfter: no room after respreading');
    },

    /**
     * Saves some fields of a row that the client read at `baseVersion`, inside the caller's
     * transaction (which holds the plan's lock). Refused ('conflict') when any of these fields
     * changed after `baseVersion`; other fields may have moved on (two people editing different cells
     * of one row both succeed). The stored values come from `compute(current)`, given the row as it
     * is now in this transaction (read `FOR UPDATE` on PostgreSQL), so derived fields (months, amount,
     * people) are parsed from the row exactly as it will be committed.
     */
    async saveRowFields(
      planId: string,
      rowId: string,
      baseVersion: number,
      changedFields: string[],
      compute: (current: PlanRowRecord) => Partial<RowColumns>,
      now: string,
    ): Promise<{ outcome: 'saved'; before: PlanRowRecord } | { outcome: 'conflict' | 'missing' }> {
      let query = db
        .selectFrom('plan_rows')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('id', '=', rowId);
      if (postgres) query = query.forUpdate();
      const stored = await query.executeTakeFirst();
      if (!stored) return { outcome: 'missing' };
      const current = toRow(stored);
      const decision = decideFieldSave(current, baseVersion, changedFields);
      if (!decision.ok) return { outcome: 'conflict' };
      const { next, fieldVersions } = decision;
      const computed = compute(current);
      const result = await db
        .updateTable('plan_rows')
        .set({
          ...columnsOf(computed),
          field_versions_json: JSON.stringify(fieldVersions),
          version: next,
          updated_at: now,
        })
        .where('id', '=', rowId)
        .where('version', '=', current.version)
        .executeTakeFirst();
      // The row is locked (PostgreSQL) or the transaction is alone (SQLite): the version holds.
      if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      const saved = { ...current, ...computed };
      if (
        saved.budgetText !== current.budgetText ||
        saved.budgetAmount !== current.budgetAmount ||
        saved.budgetSource !== current.budgetSource
      ) {
        await writeBudgetParts(db, { ...saved, id: rowId, planId });
      }
      await touchContent(planId);
      return { outcome: 'saved', before: current };
    },

    async deleteRow(planId: string, rowId: string): Promise<boolean> {
      await db.deleteFrom('plan_row_budget_parts').where('row_id', '=', rowId).execute();
      const result = await db
        .deleteFrom('plan_rows')
        .where('plan_id', '=', planId)
        .where('id', '=', rowId)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) === 1;
      if (deleted) await touchContent(planId);
      return deleted;
    },

    /**
     * Puts the rows in the given order, writing only the rows whose position changes (see
     * `planReorder`). Ids not listed keep their positions. Returns how many rows were written.
     */
    async reorderRows(planId: string, orderedIds: string[]): Promise<number> {
      const current = await orderedPositions(planId);
      const listed = new Set(orderedIds);
      const { changes } = planReorder(
        current
          .filter((r) => listed.has(r.id))
          .map((r) => ({ id: r.id, position: Number(r.position) })),
        orderedIds,
      );
      await setPositions(planId, changes);
      if (changes.length === 0) await touchContent(planId);
      return changes.length;
    },
  };
}
