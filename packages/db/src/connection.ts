import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase as KyselySqlite,
} from 'kysely';
import pg from 'pg';
import { registerChangeStamp, sqliteChangeStamp } from './change-stamp.ts';
import { preparedStatementName } from './compile-once.ts';
import type { Database } from './database.types.ts';

/** The two supported database engines. */
export type DialectName = 'sqlite' | 'postgres';

/** How to reach the database: PostgreSQL when `databaseUrl` is set, else SQLite under `dataDir`. */
export interface DatabaseConfig {
  /** `postgres://…`; when absent the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file `caitien.db` (created if missing). Ignored for PostgreSQL. */
  dataDir?: string | undefined;
  /** `':memory:'` or a file path, overriding `dataDir` (tests). */
  sqliteFile?: string | undefined;
  /** PostgreSQL schema to use as `search_path` (tests isolate runs in their own schema). */
  postgresSchema?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number | undefined;
}

/** An open database: the Kysely instance, which engine it is, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where it lives, for logs (file path or host/database; never the password). */
  location: string;
  close(): Promise<void>;
  /** PostgreSQL's connection pool, for the metrics (none for SQLite: one connection in process). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
}

/** The SQLite file name inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'caitien.db';

/**
 * Opens the database. SQLite gets WAL (readers never block the writer), enforced foreign keys and a
 * busy timeout so a second writer waits instead of failing at once.
 */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config);
  return openSqlite(config);
}

function openSqlite(config: DatabaseConfig): DatabaseHandle {
  let file = config.sqliteFile;
  if (!file) {
    const dataDir = path.resolve(config.dataDir ?? './data');
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, SQLITE_FILE_NAME);
  }
  const sqlite = new SqliteDatabase(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Statistics for the query planner (SQLite's advice for long-lived connections): tables that
  // changed a lot since they were last analysed are analysed again, on a sample (analysis_limit).
  // Without them the planner scanned every plan row for the offices' roll-up (issue 14).
  if (file !== ':memory:') {
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
  }
  const changes = sqliteChangeStamp(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: withStatementCache(sqlite, SQLITE_STATEMENT_CACHE_SIZE, changes.noteWrite),
    }),
  });
  registerChangeStamp(db, changes);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: () => db.destroy(),
  };
}

/** How many prepared statements one SQLite connection keeps (the app sends a few hundred distinct ones). */
export const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver asks better-sqlite3 to prepare every statement anew, which costs as much as
 * running a small query (issue 5). The connection keeps prepared statements by SQL text, least
 * recently used first out; values are bound on each run, so a statement is reusable as is. A
 * statement still being iterated (a streamed query) is busy: the same SQL then gets a fresh one.
 * Kysely prepares each statement right before running it: `onWrite` is called then for every
 * statement that may write (the change stamp of change-stamp.ts counts them).
 */
export function withStatementCache(
  sqlite: SqliteDatabase.Database,
  size = SQLITE_STATEMENT_CACHE_SIZE,
  onWrite?: () => void,
): KyselySqlite {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const statement = lookUp(text);
      if (onWrite && !statement.readonly) onWrite();
      return statement;
    },
  };

  function lookUp(text: string): SqliteDatabase.Statement {
    const cached = statements.get(text);
    if (cached && !cached.busy) {
      // Map order is the recency order: move it to the end.
      statements.delete(text);
      statements.set(text, cached);
      return cached;
    }
    const statement = sqlite.prepare(text);
    if (!cached) {
      if (statements.size >= size) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      statements.set(text, statement);
    }
    return statement;
  }
}

function openPostgres(databaseUrl: string, config: DatabaseConfig): DatabaseHandle {
  const url = new URL(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: config.poolSize ?? 10,
    ...(config.postgresSchema ? { options: `-c search_path=${config.postgresSchema}` } : {}),
  });
  pool.on('connect', preparesHotStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: `${url.hostname}:${url.port || '5432'}${url.pathname}${
      config.postgresSchema ? ` (schema ${config.postgresSchema})` : ''
    }`,
    close: () => db.destroy(),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: config.poolSize ?? 10,
    }),
  };
}

/**
 * The statements compiled once (compile-once.ts) run as named prepared statements on each pooled
 * connection: PostgreSQL parses and plans them once per connection instead of on every run (issue 11:
 * the plan read's access query runs on every request). Other statements go through unchanged.
 */
function preparesHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name =
      typeof text === 'string' && Array.isArray(values) && args.length === 2
        ? preparedStatementName(text)
        : undefined;
    return name ? query({ name, text, values }) : query(...args);
  };
}

/** A trivial query proving the database answers (readiness probe). */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
