import type { Kysely } from 'kysely';

/**
 * Comments of the offices on what their schools send (issue 14 "Comments (coaching)"). Frozen once
 * shipped; schema builder only.
 *
 * - `comment_threads`: one conversation about a whole document (a plan, a self-assessment or a
 *   review round's monitoring report), one plan row or one assessment criterion. `document_id` is
 *   the revision the office commented on; `target_ref` is the row's `track_id` (so a thread follows
 *   the row across revisions) or the criterion code. Versioned: resolving needs the version read.
 * - `comments`: the messages of a thread, append-only, from the office side or the school side.
 *
 * Nothing here points into a sealed document's tables, so a comment can never change one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comment_threads')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'text')
    .addColumn('office_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_threads_document_idx')
    .on('comment_threads')
    .columns(['school_id', 'document_id'])
    .execute();
  await db.schema
    .createIndex('comment_threads_office_idx')
    .on('comment_threads')
    .column('office_unit_id')
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('thread_id', 'text', (c) =>
      c.notNull().references('comment_threads.id').onDelete('cascade'),
    )
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_thread_idx')
    .on('comments')
    .columns(['thread_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comments').execute();
  await db.schema.dropTable('comment_threads').execute();
}
