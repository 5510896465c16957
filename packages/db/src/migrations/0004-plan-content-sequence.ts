import type { Kysely } from 'kysely';

/**
 * `plans.content_seq`: a per-plan counter that every write to what `GET /api/plans/:id` answers
 * (the plan itself, its rows, focus issues, review rounds and approval snapshot) increments in the
 * same transaction. The server keeps a plan's serialised answer keyed by (plan, content_seq) and
 * checks the counter with one small query per read (issue 5; ARCHITECTURE.md "Plans").
 * Frozen once shipped; schema builder only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('content_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('content_seq').execute();
}
