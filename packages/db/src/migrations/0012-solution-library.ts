import { type Kysely } from 'kysely';
import type { Database } from '../database.types.ts';
import { backfillSolutionLibrary } from '../repositories/solution-library.repository.ts';

/**
 * The solution library (thư viện giải pháp, issue 14). Frozen once shipped; schema builder only.
 *
 * - `solution_library_rows`: one entry per row of the approved revision of a plan's lineage (the
 *   approval writes them in its transaction; a revision's approval replaces the lineage's older
 *   entries). The row's planned texts, copied, with `text_folded` (" " + search key + " ") and
 *   `criterion_key` ("TT17:1.4") for the per-criterion search. Ordered newest first by `row_id`
 *   (UUIDv7), so every index ends with it.
 * - `solution_library_words`: the word index (folded word → entry), primary key (word, row_id), so
 *   a word or a prefix is one range of the index.
 * - `plan_library_shares`: a principal shares an approved plan's lineage with the schools under a
 *   unit above the school (its xã, or the Sở for the whole province).
 *
 * Existing approved plans are backfilled here (their latest approved revision per lineage).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('solution_library_rows')
    .addColumn('row_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text')
    .addColumn('framework_code', 'text')
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('row_group', 'text', (c) => c.notNull())
    .addColumn('standard_code', 'text')
    .addColumn('criterion_code', 'text')
    .addColumn('level4_key', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('current_state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('time_text', 'text', (c) => c.notNull())
    .addColumn('budget_text', 'text', (c) => c.notNull())
    .addColumn('lead_text', 'text', (c) => c.notNull())
    .addColumn('support', 'text', (c) => c.notNull())
    .addColumn('text_folded', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('solution_library_rows_school_idx')
    .on('solution_library_rows')
    .columns(['school_id', 'row_id'])
    .execute();
  await db.schema
    .createIndex('solution_library_rows_lineage_idx')
    .on('solution_library_rows')
    .columns(['lineage_id', 'row_id'])
    .execute();
  await db.schema
    .createIndex('solution_library_rows_criterion_idx')
    .on('solution_library_rows')
    .columns(['criterion_key', 'row_id'])
    .execute();
  await db.schema
    .createIndex('solution_library_rows_year_idx')
    .on('solution_library_rows')
    .columns(['school_year', 'row_id'])
    .execute();

  await db.schema
    .createTable('solution_library_words')
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('solution_library_words_pk', ['word', 'row_id'])
    .execute();

  await db.schema
    .createTable('plan_library_shares')
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('shared_by_user_id', 'text')
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_library_shares_pk', ['lineage_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('plan_library_shares_unit_idx')
    .on('plan_library_shares')
    .columns(['unit_id', 'lineage_id'])
    .execute();

  await backfillSolutionLibrary(db as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_library_shares').execute();
  await db.schema.dropTable('solution_library_words').execute();
  await db.schema.dropTable('solution_library_rows').execute();
}
