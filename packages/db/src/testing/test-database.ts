import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../connection.ts';

/**
 * The engines the database suite runs on: SQLite always; PostgreSQL too when TEST_DATABASE_URL names
 * a server (CONTRACTS.md "Tests and CI").
 */
export function testDialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A fresh, empty database for one test: an in-memory SQLite database, or a new PostgreSQL schema in the
 * TEST_DATABASE_URL database, dropped again by `close()`, so runs never collide.
 */
export async function openTestDatabase(dialect: DialectName): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') return openDatabase({ sqliteFile: ':memory:' });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `caitien_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const handle = openDatabase({ databaseUrl: url, postgresSchema: schema, poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop schema if exists ${schema} cascade`);
        // The app's job queue (pg-boss) keeps its tables in a schema named after this one.
        await dropper.query(`drop schema if exists ${schema}_pgboss cascade`);
      } finally {
        await dropper.end();
      }
    },
  };
}
