/**
 * Copies of the database for backup and restore (issue 15). SQLite: the online backup API (a
 * consistent copy while the server keeps writing), restored by checking the copy and renaming it into
 * place. PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the tools every PostgreSQL operator
 * already uses, so a CaiTien dump is an ordinary PostgreSQL dump.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.types.ts';

/** A failure the operator can act on; the message is Vietnamese and names what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Online backup of a SQLite file into `destFile` (which must not exist). */
export async function backupSqliteFile(sourceFile: string, destFile: string): Promise<void> {
  if (!existsSync(sourceFile)) {
    throw new BackupError(`Không tìm thấy cơ sở dữ liệu SQLite ${sourceFile}.`);
  }
  const source = new SqliteDatabase(sourceFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(destFile);
  } finally {
    source.close();
  }
}

/** `PRAGMA integrity_check` of a SQLite file: `ok`, or the first problems found. */
export function checkSqliteFile(file: string): string {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup copy in place of `targetFile`: the copy is checked first, then written beside the
 * target and renamed over it, and the target's old WAL files are removed (they belong to the old
 * file). The server must be stopped: a non-empty WAL means a connection is open or the last one did
 * not close, and is refused unless `force`.
 */
export async function restoreSqliteFile(
  backupFile: string,
  targetFile: string,
  options: { force: boolean },
): Promise<void> {
  const check = checkSqliteFile(backupFile);
  if (check !== 'ok') {
    throw new BackupError(`Bản sao lưu bị hỏng (${backupFile}): ${check}`);
  }
  const wal = `${targetFile}-wal`;
  if (!options.force && existsSync(wal) && statSync(wal).size > 0) {
    throw new BackupError(
      'Cơ sở dữ liệu đích đang được dùng (có nhật ký WAL chưa ghi hết). Hãy dừng máy chủ CaiTien rồi chạy lại; ' +
        'nếu chắc chắn máy chủ đã dừng, thêm --force.',
    );
  }
  const staging = path.join(path.dirname(targetFile), `.${path.basename(targetFile)}.restoring`);
  rmSync(staging, { force: true });
  const source = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${targetFile}${suffix}`, { force: true });
  renameSync(staging, targetFile);
}

interface ToolRun {
  code: number | null;
  stderr: string;
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new BackupError(
            `Không tìm thấy ${command}. Cài gói postgresql-client (cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn).`,
          ),
        );
      } else reject(error);
    });
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

/**
 * The connection for pg_dump/pg_restore: the URL's password goes through PGPASSWORD, never on a
 * command line other users of the machine can read; a schema the app runs in (search_path in the
 * pool's options) is the one dumped.
 */
function pgConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env };
}

/** `pg_dump --format=custom` of the database (or only `schema`) into `destFile`. */
export async function pgDump(
  databaseUrl: string,
  destFile: string,
  options: { schema?: string | undefined } = {},
): Promise<void> {
  const { dbname, env } = pgConnection(databaseUrl);
  const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${destFile}`];
  if (options.schema) args.push(`--schema=${options.schema}`);
  args.push(`--dbname=${dbname}`);
  const run = await runTool('pg_dump', args, env);
  if (run.code !== 0) {
    rmSync(destFile, { force: true });
    throw new BackupError(`pg_dump không sao lưu được: ${run.stderr || `mã thoát ${run.code}`}`);
  }
}

/**
 * `pg_restore` of a custom-format dump into the database, in one transaction (all or nothing).
 * With `clean`, objects of the dump that exist already are dropped first.
 */
export async function pgRestore(
  databaseUrl: string,
  dumpFile: string,
  options: { clean: boolean },
): Promise<void> {
  const { dbname, env } = pgConnection(databaseUrl);
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error'];
  if (options.clean) args.push('--clean', '--if-exists');
  args.push(`--dbname=${dbname}`, dumpFile);
  const run = await runTool('pg_restore', args, env);
  if (run.code !== 0) {
    throw new BackupError(
      `pg_restore không khôi phục được: ${run.stderr || `mã thoát ${run.code}`}`,
    );
  }
}

/** Whether the database holds no CaiTien table yet (a restore target must, unless forced). */
export async function holdsNoTables(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
): Promise<boolean> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0) === 0;
  }
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0) === 0;
}
