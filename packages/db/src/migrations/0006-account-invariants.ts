import { sql, type Kysely } from 'kysely';

/**
 * Usernames and e-mail addresses are unique whatever their case (issue 11): the service compares
 * them lower-cased and the repository stores them lower-cased, and these indexes make the database
 * enforce that same rule, so two concurrent creations of "An" and "an" cannot both commit. Both are
 * ASCII by their schemas, so `lower()` folds them the same way on SQLite and PostgreSQL (NFC folding
 * is moot). The plain unique constraints of 0002 stay. Frozen once shipped; schema builder only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_username_lower_unique')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();
  await db.schema
    .createIndex('users_email_lower_unique')
    .on('users')
    .unique()
    .expression(sql`lower(email)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_email_lower_unique').execute();
  await db.schema.dropIndex('users_username_lower_unique').execute();
}
