import type { Kysely } from 'kysely';

/**
 * What schools send to the offices above them (issue 14). Frozen once shipped; schema builder only.
 *
 * - `submissions`: one sealed snapshot sent by a school (an approved plan, an approved
 *   self-assessment, a closed review round's monitoring report) with its SHA-256, sender and date.
 *   A re-send after a revision is a new row pointing at the one it supersedes (same
 *   `document_lineage_id`); nothing is ever overwritten, so the history stays.
 * - `submission_recipients`: the submission's state at each receiving office (unread → read →
 *   commented → accepted), versioned for compare-and-set.
 * - `office_deadlines`: the date by which an office expects a kind of document for a school year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('document_lineage_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('sent_by_user_id', 'text')
    .addColumn('sent_by_name', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('supersedes_submission_id', 'text')
    .execute();
  await db.schema
    .createIndex('submissions_school_idx')
    .on('submissions')
    .columns(['school_id', 'kind', 'school_year'])
    .execute();
  await db.schema
    .createIndex('submissions_lineage_idx')
    .on('submissions')
    .columns(['document_lineage_id', 'sent_at'])
    .execute();
  // One submission supersedes at most one other: two concurrent re-sends cannot both succeed.
  await db.schema
    .createIndex('submissions_supersedes_uq')
    .on('submissions')
    .column('supersedes_submission_id')
    .unique()
    .execute();

  await db.schema
    .createTable('submission_recipients')
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('read_by_user_id', 'text')
    .addColumn('commented_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_recipients_pk', ['submission_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('submission_recipients_unit_idx')
    .on('submission_recipients')
    .columns(['unit_id', 'state'])
    .execute();

  await db.schema
    .createTable('office_deadlines')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('set_by_user_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_deadlines_pk', ['unit_id', 'school_year', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('office_deadlines').execute();
  await db.schema.dropTable('submission_recipients').execute();
  await db.schema.dropTable('submissions').execute();
}
