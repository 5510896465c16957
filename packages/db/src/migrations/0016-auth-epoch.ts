import type { Kysely } from 'kysely';

/**
 * One counter that every change able to end a session or change what it may do moves (sign-out,
 * revocation, password change or reset, roles, disabling, unit moves; issue 15). Each server process
 * keeps recently used sessions in memory; before trusting them on a read it compares this counter
 * with the one it saw last, so a change made through another instance is seen at once instead of
 * after the cache's time limit. One row, read by primary key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_epoch')
    .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ auth_epoch: { id: number; value: number } }>)
    .insertInto('auth_epoch')
    .values({ id: 1, value: 0 })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_epoch').execute();
}
