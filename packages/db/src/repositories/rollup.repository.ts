import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.types.ts';
import { chunks } from './chunks.ts';

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The roll-up's reads and writes besides the tallies (rollup-tally.repository.ts): the children of
 * a unit, the plans' roll-up summaries (migration 0015; one per lineage, of its latest approved
 * plan, kept by the writing transactions from `summaryFacts`, which are also their recount), the
 * approved assessments' stored levels, and the criteria titles.
 */
export function createRollupRepository(db: Kysely<Database>) {
  return {
    /** The direct children of a unit (the drill-down's lines, with or without schools). */
    async listChildren(unitId: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name', 'kind'])
        .where('parent_id', '=', unitId)
        .orderBy('kind')
        .orderBy('name_folded')
        .orderBy('id')
        .execute();
    },

    /** The latest approved plan of each given lineage (lineages without one are left out). */
    async approvedPlansOfLineages(lineageIds: readonly string[]) {
      const out: { planId: string; lineageId: string; schoolId: string; schoolYear: string }[] = [];
      for (const part of chunks(lineageIds)) {
        const rows = await db
          .selectFrom('plans as p')
          .select(['p.id', 'p.lineage_id', 'p.school_id', 'p.school_year'])
          .where('p.lineage_id', 'in', part)
          .where('p.status', '=', 'approved')
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('plans as q')
                  .select('q.id')
                  .whereRef('q.lineage_id', '=', 'p.lineage_id')
                  .where('q.status', '=', 'approved')
                  .whereRef('q.revision_number', '>', 'p.revision_number'),
              ),
            ),
          )
          .execute();
        out.push(
          ...rows.map((r) => ({
            planId: r.id,
            lineageId: r.lineage_id,
            schoolId: r.school_id,
            schoolYear: r.school_year,
          })),
        );
      }
      return out;
    },

    /**
     * What a roll-up summary is computed from, for the given plans: each row's standard,
     * criterion, time as typed (parsed by the service as the monitoring does) and its track's
     * progress status; the budget parts by plan and source; the spending by lineage and source.
     */
    async summaryFacts(plans: readonly { planId: string; lineageId: string }[]) {
      const rows: {
        planId: string;
        standardCode: string | null;
        criterionCode: string | null;
        timeText: string;
        status: string | null;
      }[] = [];
      const planned: { planId: string; source: string; amount: number }[] = [];
      const spent: { lineageId: string; source: string; amount: number }[] = [];
      for (const part of chunks(plans.map((p) => p.planId))) {
        const found = await db
          .selectFrom('plan_rows as r')
          .leftJoin('row_progress as rp', 'rp.track_id', 'r.track_id')
          .select(['r.plan_id', 'r.standard_code', 'r.criterion_code', 'r.time_text', 'rp.status'])
          .where('r.plan_id', 'in', part)
          .execute();
        rows.push(
          ...found.map((r) => ({
            planId: r.plan_id,
            standardCode: r.standard_code,
            criterionCode: r.criterion_code,
            timeText: r.time_text,
            status: r.status ?? null,
          })),
        );
        const parts = await db
          .selectFrom('plan_row_budget_parts')
          .select(['plan_id', 'source', sql<unknown>`SUM(amount)`.as('amount')])
          .where('plan_id', 'in', part)
          .where('amount', 'is not', null)
          .groupBy(['plan_id', 'source'])
          .execute();
        planned.push(
          ...parts.map((p) => ({ planId: p.plan_id, source: p.source, amount: n(p.amount) })),
        );
      }
      for (const part of chunks([...new Set(plans.map((p) => p.lineageId))])) {
        const entries = await db
          .selectFrom('progress_entries')
          .select([
            'lineage_id',
            sql<string>`COALESCE(spent_source, 'unknown')`.as('source'),
            sql<unknown>`SUM(spent_amount)`.as('amount'),
          ])
          .where('lineage_id', 'in', part)
          .where('spent_amount', 'is not', null)
          .groupBy(['lineage_id', sql`COALESCE(spent_source, 'unknown')`])
          .execute();
        spent.push(
          ...entries.map((e) => ({
            lineageId: e.lineage_id,
            source: e.source,
            amount: n(e.amount),
          })),
        );
      }
      return { rows, planned, spent };
    },

    /** Stores (or replaces) the lineages' roll-up summaries. */
    async storeSummaries(
      summaries: readonly {
        lineageId: string;
        planId: string;
        schoolId: string;
        schoolYear: string;
        summaryJson: string;
        refreshedAt: string;
      }[],
    ): Promise<void> {
      for (let i = 0; i < summaries.length; i += 200) {
        await db
          .insertInto('plan_rollup_summaries')
          .values(
            summaries.slice(i, i + 200).map((x) => ({
              lineage_id: x.lineageId,
              plan_id: x.planId,
              school_id: x.schoolId,
              school_year: x.schoolYear,
              summary_json: x.summaryJson,
              refreshed_at: x.refreshedAt,
            })),
          )
          .onConflict((oc) =>
            oc.column('lineage_id').doUpdateSet((eb) => ({
              plan_id: eb.ref('excluded.plan_id'),
              school_id: eb.ref('excluded.school_id'),
              school_year: eb.ref('excluded.school_year'),
              summary_json: eb.ref('excluded.summary_json'),
              refreshed_at: eb.ref('excluded.refreshed_at'),
            })),
          )
          .execute();
      }
    },

    /** Removes the summaries of lineages that no longer have an approved plan. */
    async deleteSummaries(lineageIds: readonly string[]): Promise<void> {
      for (const part of chunks(lineageIds))
        await db.deleteFrom('plan_rollup_summaries').where('lineage_id', 'in', part).execute();
    },

    /**
     * Lineages whose latest approved plan has no summary of that plan (approved before migration
     * 0015, or written in bulk by the demo seeder), up to `limit`.
     */
    async lineagesWithoutSummary(limit: number): Promise<string[]> {
      const result = await sql<{ lineage_id: string }>`
        SELECT p.lineage_id FROM plans p
        WHERE p.status = 'approved'
          AND NOT EXISTS (
            SELECT 1 FROM plans q
            WHERE q.lineage_id = p.lineage_id AND q.status = 'approved'
              AND q.revision_number > p.revision_number
          )
          AND NOT EXISTS (
            SELECT 1 FROM plan_rollup_summaries rs
            WHERE rs.lineage_id = p.lineage_id AND rs.plan_id = p.id
          )
        ORDER BY p.lineage_id
        LIMIT ${limit}
      `.execute(db);
      return result.rows.map((r) => r.lineage_id);
    },

    /** Titles of criteria by (framework version id, code). */
    async criterionTitles(keys: { frameworkId: string; criterionCode: string }[]) {
      const titles = new Map<string, string>();
      const ids = [...new Set(keys.map((k) => k.frameworkId).filter((f) => f !== ''))];
      if (ids.length === 0) return titles;
      const rows = await db
        .selectFrom('framework_criteria')
        .select(['framework_id', 'code', 'title'])
        .where('framework_id', 'in', ids)
        .where(
          'code',
          'in',
          keys.map((k) => k.criterionCode),
        )
        .execute();
      for (const r of rows) titles.set(`${r.framework_id}|${r.code}`, r.title);
      return titles;
    },

    /** For the schools directly under the unit: their plan of the year (approved, else latest). */
    async childSchoolPlans(unitId: string, schoolYear: string) {
      const rows = await db
        .selectFrom('plans as p')
        .innerJoin('units as u', 'u.id', 'p.school_id')
        .select(['p.id', 'p.school_id', 'p.status', 'p.revision_number', 'p.school_year'])
        .where('u.parent_id', '=', unitId)
        .where('u.kind', '=', 'school')
        .where('p.school_year', '=', schoolYear)
        .execute();
      const best = new Map<string, (typeof rows)[number]>();
      const rank = (r: (typeof rows)[number]) =>
        (r.status === 'approved' ? 1_000_000 : 0) + Number(r.revision_number);
      for (const r of rows) {
        const held = best.get(r.school_id);
        if (!held || rank(r) > rank(held)) best.set(r.school_id, r);
      }
      return best;
    },

    /** Stores an approved assessment's computed levels (in the approving transaction). */
    async saveAssessmentOutcome(outcome: {
      assessmentId: string;
      schoolId: string;
      schoolYear: string;
      regime: string;
      frameworkCode: string;
      schoolLevel: number;
      criteria: {
        criterionCode: string;
        standardCode: string;
        level: number;
        maxLevel: number;
        weak: boolean;
      }[];
    }): Promise<void> {
      await db
        .deleteFrom('assessment_outcome_criteria')
        .where('assessment_id', '=', outcome.assessmentId)
        .execute();
      await db
        .deleteFrom('assessment_outcomes')
        .where('assessment_id', '=', outcome.assessmentId)
        .execute();
      await db
        .insertInto('assessment_outcomes')
        .values({
          assessment_id: outcome.assessmentId,
          school_id: outcome.schoolId,
          school_year: outcome.schoolYear,
          regime: outcome.regime,
          framework_code: outcome.frameworkCode,
          school_level: outcome.schoolLevel,
        })
        .execute();
      const values = outcome.criteria.map((c) => ({
        assessment_id: outcome.assessmentId,
        criterion_code: c.criterionCode,
        standard_code: c.standardCode,
        level: c.level,
        max_level: c.maxLevel,
        weak: c.weak ? 1 : 0,
      }));
      for (let i = 0; i < values.length; i += 100) {
        await db
          .insertInto('assessment_outcome_criteria')
          .values(values.slice(i, i + 100))
          .execute();
      }
    },

    /** Approved assessments without stored levels (approved before migration 0009). */
    async approvedAssessmentsWithoutOutcome(limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('assessments as a')
        .select('a.id')
        .where('a.status', '=', 'approved')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('assessment_outcomes as o')
                .select('o.assessment_id')
                .whereRef('o.assessment_id', '=', 'a.id'),
            ),
          ),
        )
        .orderBy('a.id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

export type RollupRepository = ReturnType<typeof createRollupRepository>;
