import { sql, type Kysely } from 'kysely';

/**
 * Carrying out and monitoring the plan (issue 13). Frozen once shipped; schema builder only.
 *
 * - `plan_rows.track_id`: the row's identity across revisions of its plan (a revision copies a row
 *   with a new id and the same track); progress and review results hang on the track, so a revision
 *   never loses them. Rows before this migration get their own id.
 * - `row_progress`: a track's current state (status, percent, result), versioned per field;
 *   `progress_entries`: the dated log of updates, append-only, with spending and files
 *   (`progress_files`, bytes in the evidence file store, linked to the minh chứng they became).
 * - `review_rounds` / `review_round_rows`: the monitoring team's rounds and each row's review.
 * - `notifications`, `notification_preferences`, `mail_outbox`: reminders in the app and by e-mail;
 *   each carries a unique dedupe key so that no reminder is made or sent twice.
 * - `job_runs`: the background jobs' schedule and lease, surviving restarts.
 * - `plan_year_closures`: the record of a closed school year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plan_rows').addColumn('track_id', 'text').execute();
  await sql`UPDATE plan_rows SET track_id = id`.execute(db);
  await db.schema.createIndex('plan_rows_track_idx').on('plan_rows').column('track_id').execute();

  await db.schema
    .createTable('row_progress')
    .addColumn('track_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('row_progress_lineage_idx')
    .on('row_progress')
    .column('lineage_id')
    .execute();

  await db.schema
    .createTable('progress_entries')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('track_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    // The day the update speaks of (YYYY-MM-DD, Việt Nam); never after the day it was recorded.
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    // What the update changed (null: left as it was).
    .addColumn('status', 'text')
    .addColumn('percent', 'integer')
    .addColumn('result', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('spent_amount', 'bigint')
    .addColumn('spent_source', 'text')
    .addColumn('spent_text', 'text', (c) => c.notNull())
    // The phone's id of an update made offline: a resend is recognised, never logged twice.
    .addColumn('client_id', 'text', (c) => c.unique())
    .execute();
  await db.schema
    .createIndex('progress_entries_track_idx')
    .on('progress_entries')
    .columns(['track_id', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('progress_entries_lineage_idx')
    .on('progress_entries')
    .column('lineage_id')
    .execute();

  await db.schema
    .createTable('progress_files')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('entry_id', 'text', (c) =>
      c.notNull().references('progress_entries.id').onDelete('cascade'),
    )
    .addColumn('track_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    // The minh chứng the file became (null while no assessment can take it).
    .addColumn('assessment_id', 'text')
    .addColumn('evidence_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('progress_files_entry_idx')
    .on('progress_files')
    .column('entry_id')
    .execute();
  await db.schema
    .createIndex('progress_files_school_idx')
    .on('progress_files')
    .columns(['school_id', 'evidence_id'])
    .execute();

  await db.schema
    .createTable('review_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('opened_by_user_id', 'text')
    .addColumn('conclusions', 'text', (c) => c.notNull())
    .addColumn('recommendations', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_user_id', 'text')
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_rounds_lineage_position_uq', ['lineage_id', 'position'])
    .execute();
  await db.schema
    .createIndex('review_rounds_school_idx')
    .on('review_rounds')
    .columns(['school_id', 'status'])
    .execute();

  await db.schema
    .createTable('review_round_rows')
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('review_rounds.id').onDelete('cascade'),
    )
    .addColumn('track_id', 'text', (c) => c.notNull())
    // The row's state when reviewed (copied from its progress when the review is saved).
    .addColumn('status', 'text')
    .addColumn('percent', 'integer')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('adjustment', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'text')
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_round_rows_pk', ['round_id', 'track_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('school_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('notification_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('message_id', 'text', (c) => c.notNull())
    // pending → sending → sent; failed after the last attempt (kept, shown to the administrator).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_due_idx')
    .on('mail_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_year_closures')
    .addColumn('lineage_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by_user_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'plan_year_closures',
    'job_runs',
    'mail_outbox',
    'notification_preferences',
    'notifications',
    'review_round_rows',
    'review_rounds',
    'progress_files',
    'progress_entries',
    'row_progress',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('plan_rows_track_idx').execute();
  await db.schema.alterTable('plan_rows').dropColumn('track_id').execute();
}
