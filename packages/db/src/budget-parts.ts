import { parseBudget, type FundingSource } from '@caitien/core';
import type { Kysely } from 'kysely';
import type { Database } from './database.types.ts';

/** One funding source's share of a row's budget, as `plan_row_budget_parts` stores it. */
export interface StoredBudgetPart {
  source: string;
  /** Integer đồng; null when the part names no amount that could be read. */
  amount: number | null;
}

/**
 * The parts of a row's budget by funding source (issue 14 "What the roll-up needs"): a divided cell
 * ("Ngân sách: 20.000.000; XHH: 10.000.000") gives one part per source the core budget parser reads;
 * an undivided cell gives one part carrying the row's stored amount and source (which may come from
 * an Excel numeric cell, so they are not re-read from the text); an empty cell gives none.
 */
export function budgetPartsOf(row: {
  budgetText: string;
  budgetAmount: number | null;
  budgetSource: string;
}): StoredBudgetPart[] {
  if (row.budgetText.trim() === '' && row.budgetAmount === null) return [];
  const parsed = parseBudget(row.budgetText).value;
  if (parsed && parsed.parts.length > 1) {
    return parsed.parts.map((p) => ({
      source: p.source satisfies FundingSource,
      amount: p.amount,
    }));
  }
  return [{ source: row.budgetSource, amount: row.budgetAmount }];
}

/** Replaces the stored parts of one row (call in the row's writing transaction). */
export async function writeBudgetParts(
  db: Kysely<Database>,
  row: {
    id: string;
    planId: string;
    budgetText: string;
    budgetAmount: number | null;
    budgetSource: string;
  },
): Promise<void> {
  await db.deleteFrom('plan_row_budget_parts').where('row_id', '=', row.id).execute();
  const parts = budgetPartsOf(row);
  if (parts.length === 0) return;
  await db
    .insertInto('plan_row_budget_parts')
    .values(
      parts.map((p, i) => ({
        row_id: row.id,
        plan_id: row.planId,
        part_index: i,
        source: p.source,
        amount: p.amount,
      })),
    )
    .execute();
}

const BATCH = 500;

/**
 * Rebuilds the budget parts of every row (or of the rows of `planIds`), in batches of rows read by
 * id and parts written in multi-row inserts. Used by migration 0009 for the rows that existed
 * before it, and by the demo seeder for the plans it writes in bulk. Returns the rows read.
 */
export async function rebuildBudgetParts(
  db: Kysely<Database>,
  options: { planIds?: readonly string[] } = {},
): Promise<{ rows: number; parts: number }> {
  let after = '';
  let rows = 0;
  let parts = 0;
  const planIds = options.planIds;
  if (planIds && planIds.length === 0) return { rows, parts };
  for (;;) {
    let query = db
      .selectFrom('plan_rows')
      .select(['id', 'plan_id', 'budget_text', 'budget_amount', 'budget_source'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (planIds) query = query.where('plan_id', 'in', planIds);
    const batch = await query.execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    rows += batch.length;
    const values = batch.flatMap((r) =>
      budgetPartsOf({
        budgetText: r.budget_text,
        budgetAmount: r.budget_amount === null ? null : Number(r.budget_amount),
        budgetSource: r.budget_source,
      }).map((p, i) => ({
        row_id: r.id,
        plan_id: r.plan_id,
        part_index: i,
        source: p.source,
        amount: p.amount,
      })),
    );
    await db
      .deleteFrom('plan_row_budget_parts')
      .where(
        'row_id',
        'in',
        batch.map((r) => r.id),
      )
      .execute();
    // Five columns a part: 100 parts a statement stay far below SQLite's variable limit.
    for (let i = 0; i < values.length; i += 100) {
      await db
        .insertInto('plan_row_budget_parts')
        .values(values.slice(i, i + 100))
        .execute();
    }
    parts += values.length;
  }
  return { rows, parts };
}

/**
 * Rebuilds the whole unit closure (`unit_ancestors`) from the materialised paths, in batches: for
 * units written in bulk without the unit repository (the demo seeder). The unit repository keeps
 * the closure itself on every create, move and delete.
 */
export async function rebuildUnitAncestors(db: Kysely<Database>): Promise<number> {
  const units = await db.selectFrom('units').select(['id', 'path']).execute();
  const known = new Set(units.map((u) => u.id));
  await db.deleteFrom('unit_ancestors').execute();
  const closure = units.flatMap((u) => {
    const ids = u.path.split('/').filter(Boolean);
    return ids.flatMap((ancestor, i) =>
      known.has(ancestor)
        ? [{ ancestor_id: ancestor, unit_id: u.id, depth: ids.length - 1 - i }]
        : [],
    );
  });
  for (let i = 0; i < closure.length; i += 300) {
    await db
      .insertInto('unit_ancestors')
      .values(closure.slice(i, i + 300))
      .execute();
  }
  return closure.length;
}
