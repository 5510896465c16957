import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.types.ts';
import { chunks } from './chunks.ts';
import { isPostgres } from './plan-records.ts';

/** A school and a school year ('' for the school's year-independent tally). */
export interface SchoolYearKey {
  schoolId: string;
  schoolYear: string;
}

/** What a school's tally for a year is computed from (core `schoolYearTally`). */
export interface TallySources {
  hasPlan: Set<string>;
  hasApprovedPlan: Set<string>;
  hasApprovedAssessment: Set<string>;
  /** The current approved plans (latest approved revision of each lineage), with their summary. */
  plans: {
    planId: string;
    lineageId: string;
    schoolId: string;
    regime: string;
    frameworkId: string;
    summaryJson: string | null;
  }[];
  /** The current approved assessments with stored levels, and the criteria they find weak. */
  assessments: {
    schoolId: string;
    regime: string;
    frameworkId: string;
    schoolLevel: number;
    weakCriteria: string[];
  }[];
}

/** An arbitrary constant naming the flush's advisory lock on PostgreSQL. */
const FLUSH_LOCK = 7_201_815;

/**
 * The roll-up's pre-aggregated tallies (migration 0018): the pairs marked dirty by the triggers,
 * the sources a school's tally is computed from, the school tallies and the units' sums.
 */
export function createRollupTallyRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);
  return {
    /**
     * Makes the calling transaction the only flush until it ends (PostgreSQL advisory lock; SQLite's
     * single writer already is, and the first write below takes its lock).
     */
    async lockFlush(): Promise<void> {
      if (postgres) await sql`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`.execute(db);
    },

    /**
     * Takes every mark of up to `schools` schools off the dirty list, answering the distinct pairs.
     * Deleted first, then read: a mark committed after this statement stays for the next flush,
     * and what a mark deleted here stood for is committed, so the reads that follow see it.
     */
    async takeDirty(schools: number): Promise<SchoolYearKey[]> {
      const result = await sql<{ school_id: string; school_year: string }>`
        DELETE FROM rollup_dirty
        WHERE school_id IN (
          SELECT school_id FROM rollup_dirty GROUP BY school_id ORDER BY school_id LIMIT ${schools}
        )
        RETURNING school_id, school_year
      `.execute(db);
      const seen = new Set<string>();
      const out: SchoolYearKey[] = [];
      for (const r of result.rows) {
        const k = `${r.school_id}\u0000${r.school_year}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ schoolId: r.school_id, schoolYear: r.school_year });
      }
      return out;
    },

    async countDirty(): Promise<number> {
      const row = await db
        .selectFrom('rollup_dirty')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The schools' units (path and kind), by id; a removed school is absent. */
    async schoolUnits(schoolIds: readonly string[]) {
      const out = new Map<string, { path: string; kind: string }>();
      for (const part of chunks([...new Set(schoolIds)])) {
        const rows = await db
          .selectFrom('units')
          .select(['id', 'path', 'kind'])
          .where('id', 'in', part)
          .execute();
        for (const r of rows) out.set(r.id, { path: r.path, kind: r.kind });
      }
      return out;
    },

    /** What the schools' tallies for one school year are computed from. */
    async tallySources(schoolYear: string, schoolIds: readonly string[]): Promise<TallySources> {
      const out: TallySources = {
        hasPlan: new Set(),
        hasApprovedPlan: new Set(),
        hasApprovedAssessment: new Set(),
        plans: [],
        assessments: [],
      };
      for (const part of chunks([...new Set(schoolIds)])) {
        const states = await db
          .selectFrom('plans')
          .select([
            'school_id',
            sql<unknown>`MAX(CASE WHEN status = 'approved' THEN 1 ELSE 0 END)`.as('approved'),
          ])
          .where('school_year', '=', schoolYear)
          .where('school_id', 'in', part)
          .groupBy('school_id')
          .execute();
        for (const s of states) {
          out.hasPlan.add(s.school_id);
          if (Number(s.approved) === 1) out.hasApprovedPlan.add(s.school_id);
        }
        const assessed = await db
          .selectFrom('assessments')
          .select('school_id')
          .distinct()
          .where('school_year', '=', schoolYear)
          .where('status', '=', 'approved')
          .where('school_id', 'in', part)
          .execute();
        for (const a of assessed) out.hasApprovedAssessment.add(a.school_id);

        const plans = await sql<Record<string, unknown>>`
          SELECT p.id AS plan_id, p.lineage_id, p.school_id, p.regime,
            COALESCE(p.framework_id, '') AS framework_id, rs.summary_json
          FROM plans p
          LEFT JOIN plan_rollup_summaries rs ON rs.lineage_id = p.lineage_id AND rs.plan_id = p.id
          WHERE p.school_year = ${schoolYear} AND p.status = 'approved'
            AND p.school_id IN (${sql.join(part)})
            AND NOT EXISTS (
              SELECT 1 FROM plans q
              WHERE q.lineage_id = p.lineage_id AND q.status = 'approved'
                AND q.revision_number > p.revision_number
            )
          ORDER BY p.school_id, p.lineage_id
        `.execute(db);
        for (const r of plans.rows)
          out.plans.push({
            planId: String(r.plan_id),
            lineageId: String(r.lineage_id),
            schoolId: String(r.school_id),
            regime: String(r.regime),
            frameworkId: String(r.framework_id),
            summaryJson: r.summary_json === null ? null : String(r.summary_json),
          });

        const assessments = await sql<Record<string, unknown>>`
          SELECT a.id, a.school_id, a.regime, a.framework_id, o.school_level
          FROM assessments a JOIN assessment_outcomes o ON o.assessment_id = a.id
          WHERE a.school_year = ${schoolYear} AND a.status = 'approved'
            AND a.school_id IN (${sql.join(part)})
            AND NOT EXISTS (
              SELECT 1 FROM assessments q
              WHERE q.lineage_id = a.lineage_id AND q.status = 'approved'
                AND q.revision_number > a.revision_number
            )
          ORDER BY a.school_id, a.id
        `.execute(db);
        const weak = new Map<string, string[]>();
        for (const ids of chunks(assessments.rows.map((a) => String(a.id)))) {
          const rows = await db
            .selectFrom('assessment_outcome_criteria')
            .select(['assessment_id', 'criterion_code'])
            .where('assessment_id', 'in', ids)
            .where('weak', '=', 1)
            .orderBy('assessment_id')
            .orderBy('criterion_code')
            .execute();
          for (const w of rows) {
            const held = weak.get(w.assessment_id);
            if (held) held.push(w.criterion_code);
            else weak.set(w.assessment_id, [w.criterion_code]);
          }
        }
        for (const a of assessments.rows)
          out.assessments.push({
            schoolId: String(a.school_id),
            regime: String(a.regime),
            frameworkId: String(a.framework_id),
            schoolLevel: Number(a.school_level),
            weakCriteria: weak.get(String(a.id)) ?? [],
          });
      }
      return out;
    },

    /** The stored school tallies of the pairs. */
    async schoolTallies(keys: readonly SchoolYearKey[]) {
      const out = new Map<string, { unitPath: string; tallyJson: string }>();
      for (const [year, ids] of byYear(keys))
        for (const part of chunks(ids)) {
          const rows = await db
            .selectFrom('rollup_school_tallies')
            .select(['school_id', 'unit_path', 'tally_json'])
            .where('school_year', '=', year)
            .where('school_id', 'in', part)
            .execute();
          for (const r of rows)
            out.set(`${r.school_id}\u0000${year}`, {
              unitPath: r.unit_path,
              tallyJson: r.tally_json,
            });
        }
      return out;
    },

    async saveSchoolTallies(
      rows: readonly (SchoolYearKey & { unitPath: string; tallyJson: string })[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += 200)
        await db
          .insertInto('rollup_school_tallies')
          .values(
            rows.slice(i, i + 200).map((r) => ({
              school_id: r.schoolId,
              school_year: r.schoolYear,
              unit_path: r.unitPath,
              tally_json: r.tallyJson,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['school_id', 'school_year']).doUpdateSet((eb) => ({
              unit_path: eb.ref('excluded.unit_path'),
              tally_json: eb.ref('excluded.tally_json'),
            })),
          )
          .execute();
    },

    async deleteSchoolTallies(keys: readonly SchoolYearKey[]): Promise<void> {
      for (const [year, ids] of byYear(keys))
        for (const part of chunks(ids))
          await db
            .deleteFrom('rollup_school_tallies')
            .where('school_year', '=', year)
            .where('school_id', 'in', part)
            .execute();
    },

    /** The units' stored sums for the pairs (unit id in `schoolId`'s place). */
    async unitTallies(keys: readonly { unitId: string; schoolYear: string }[]) {
      const out = new Map<string, string>();
      const asKeys = keys.map((k) => ({ schoolId: k.unitId, schoolYear: k.schoolYear }));
      for (const [year, ids] of byYear(asKeys))
        for (const part of chunks(ids)) {
          const rows = await db
            .selectFrom('rollup_unit_tallies')
            .select(['unit_id', 'tally_json'])
            .where('school_year', '=', year)
            .where('unit_id', 'in', part)
            .execute();
          for (const r of rows) out.set(`${r.unit_id}\u0000${year}`, r.tally_json);
        }
      return out;
    },

    /** Writes the units' sums (in the given order: sorted by the caller), removing empty ones. */
    async saveUnitTallies(
      rows: readonly { unitId: string; schoolYear: string; tallyJson: string | null }[],
    ): Promise<void> {
      const kept = rows.filter((r) => r.tallyJson !== null);
      const gone = rows.filter((r) => r.tallyJson === null);
      for (let i = 0; i < kept.length; i += 200)
        await db
          .insertInto('rollup_unit_tallies')
          .values(
            kept.slice(i, i + 200).map((r) => ({
              unit_id: r.unitId,
              school_year: r.schoolYear,
              tally_json: r.tallyJson ?? '{}',
            })),
          )
          .onConflict((oc) =>
            oc
              .columns(['unit_id', 'school_year'])
              .doUpdateSet((eb) => ({ tally_json: eb.ref('excluded.tally_json') })),
          )
          .execute();
      for (const [year, ids] of byYear(
        gone.map((g) => ({ schoolId: g.unitId, schoolYear: g.schoolYear })),
      ))
        for (const part of chunks(ids))
          await db
            .deleteFrom('rollup_unit_tallies')
            .where('school_year', '=', year)
            .where('unit_id', 'in', part)
            .execute();
    },

    /**
     * The stored tallies of a unit's direct children for a year and for '' (the year-independent
     * one): a unit's sum, or a school's own tally for a school directly under it.
     */
    async childTallies(unitId: string, schoolYear: string) {
      const units = await sql<{ id: string; school_year: string; tally_json: string }>`
        SELECT t.unit_id AS id, t.school_year, t.tally_json
        FROM units u JOIN rollup_unit_tallies t ON t.unit_id = u.id
        WHERE u.parent_id = ${unitId} AND u.kind <> 'school' AND t.school_year IN (${schoolYear}, '')
        UNION ALL
        SELECT t.school_id AS id, t.school_year, t.tally_json
        FROM units u JOIN rollup_school_tallies t ON t.school_id = u.id
        WHERE u.parent_id = ${unitId} AND u.kind = 'school' AND t.school_year IN (${schoolYear}, '')
      `.execute(db);
      return units.rows.map((r) => ({
        childId: r.id,
        schoolYear: r.school_year,
        tallyJson: r.tally_json,
      }));
    },

    /** (school, child) of every school in the unit's subtree: what a recount adds up. */
    async schoolsUnder(unitId: string) {
      const result = await sql<{ school_id: string; child_id: string }>`
        SELECT a.unit_id AS school_id, c.ancestor_id AS child_id
        FROM unit_ancestors a
        JOIN units su ON su.id = a.unit_id AND su.kind = 'school'
        JOIN unit_ancestors c ON c.unit_id = a.unit_id
        JOIN units cu ON cu.id = c.ancestor_id AND cu.parent_id = ${unitId}
        WHERE a.ancestor_id = ${unitId}
        ORDER BY a.unit_id
      `.execute(db);
      return result.rows.map((r) => ({ schoolId: r.school_id, childId: r.child_id }));
    },
  };
}

function byYear(keys: readonly SchoolYearKey[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys) {
    const held = out.get(k.schoolYear);
    if (held) held.push(k.schoolId);
    else out.set(k.schoolYear, [k.schoolId]);
  }
  return out;
}

export type RollupTallyRepository = ReturnType<typeof createRollupTallyRepository>;
