import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, the plan kernel:
 * - one plan lineage per school and school year, kept by the database (a unique index over school,
 *   year and revision number: revisions of the year keep their own numbers; ten simultaneous
 *   creations leave one plan). A database that already holds two lineages of one year (made by the
 *   race this closes) is refused with the plans named, for someone to decide which to keep;
 * - sparse row positions (POSITION_GAP = 1024 apart, packages/core/src/lifecycle/positions.ts), so a
 *   row added mid-plan changes only itself: existing positions are spread, keeping their order.
 * Frozen once shipped; schema builder and portable query builder only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dup = await sql<{ school_id: string; school_year: string; n: number }>`
    select school_id, school_year, count(*) as n from plans
    group by school_id, school_year, revision_number having count(*) > 1`.execute(db);
  if (dup.rows.length > 0) {
    const list = dup.rows.map((r) => `${r.school_id} ${r.school_year}`).join(', ');
    throw new Error(
      `Có trường có hơn một kế hoạch cho cùng năm học (${list}); hãy giữ một kế hoạch cho mỗi năm học rồi chạy lại.`,
    );
  }
  await db.schema
    .createIndex('plans_school_year_revision_uq')
    .on('plans')
    .columns(['school_id', 'school_year', 'revision_number'])
    .unique()
    .execute();
  await sql`update plan_rows set position = (position + 1) * 1024`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('plans_school_year_revision_uq').execute();
}
