/**
 * `backup --out <folder>` and `restore --from <folder> [--force]` (issue 15): the database (SQLite
 * online backup, or a PostgreSQL custom-format dump) and the evidence files, with a manifest that
 * lets a restore check every byte before it touches anything.
 *
 * A backup folder:
 *   manifest.json            written last: a folder without it is an unfinished backup
 *   caitien.db | caitien.pgdump
 *   evidence/<aa>/<sha256>   the evidence files, named by their content as in DATA_DIR
 *
 * The database is copied before the files: an evidence file is stored before the row that cites it
 * is written, and never removed, so every file the copied database cites is in the folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BackupError,
  backupSqliteFile,
  checkSqliteFile,
  holdsNoTables,
  openDatabase,
  pgDump,
  pgRestore,
  restoreSqliteFile,
  SQLITE_FILE_NAME,
} from '@caitien/db';
import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { recordCommandAudit } from './cli-audit.ts';
import { copyIntoPlace, sha256OfFile } from './file-copy.ts';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

export const BACKUP_USAGE = `  backup --out <thư mục> [--json]
                  Sao lưu cơ sở dữ liệu (SQLite: sao lưu trực tuyến, máy chủ vẫn chạy được;
                  PostgreSQL: pg_dump) và các tệp minh chứng vào một thư mục mới.
  restore --from <thư mục> [--force] [--json]
                  Khôi phục một bản sao lưu sau khi kiểm tra từng tệp. Dừng máy chủ trước. Từ chối
                  cơ sở dữ liệu đã có dữ liệu, trừ khi có --force (thay thế toàn bộ).`;

const MANIFEST = 'manifest.json';
const FORMAT = 'caitien-backup';
const FORMAT_VERSION = 1;
const SHA256_HEX = /^[0-9a-f]{64}$/u;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  database: { file: string; bytes: number; sha256: string };
  evidence: { files: number; bytes: number };
}

/** The evidence files under a root: `<aa>/<sha256>`, leaving aside temporary files of a write. */
function evidenceFiles(root: string): { relative: string; sha256: string; bytes: number }[] {
  if (!existsSync(root)) return [];
  const files = [];
  for (const prefix of readdirSync(root).sort()) {
    const dir = path.join(root, prefix);
    if (!/^[0-9a-f]{2}$/u.test(prefix) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!SHA256_HEX.test(name) || !name.startsWith(prefix)) continue;
      const file = path.join(dir, name);
      files.push({ relative: path.join(prefix, name), sha256: name, bytes: statSync(file).size });
    }
  }
  return files;
}

function refuse(error: unknown): never {
  if (error instanceof BackupError) throw new RefusedError(error.message);
  throw error;
}

export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 0)
    throw new UsageError(`Đối số không cần thiết: “${positionals.join(' ')}”.`);
  if (!values.out) throw new UsageError('Cần --out <thư mục sao lưu>.');
  const out = path.resolve(values.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new RefusedError(`${out} đã có và không trống. Hãy chọn một thư mục mới.`);
  }
  const config = loadConfig();
  await mkdir(out, { recursive: true });
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  const databaseFile = path.join(out, engine === 'sqlite' ? SQLITE_FILE_NAME : 'caitien.pgdump');
  try {
    if (config.databaseUrl) {
      await pgDump(config.databaseUrl, databaseFile);
    } else {
      await backupSqliteFile(path.join(config.dataDir, SQLITE_FILE_NAME), databaseFile);
      const check = checkSqliteFile(databaseFile);
      if (check !== 'ok') throw new BackupError(`Bản sao vừa tạo không qua kiểm tra: ${check}`);
    }
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    refuse(error);
  }

  let evidenceBytes = 0;
  let skipped = 0;
  const files = evidenceFiles(path.join(config.dataDir, 'evidence'));
  for (const file of files) {
    const source = path.join(config.dataDir, 'evidence', file.relative);
    const target = path.join(out, 'evidence', file.relative);
    await copyIntoPlace(source, target);
    if ((await sha256OfFile(target)) !== file.sha256) {
      // The stored file does not match its name: it was damaged on disk. Say so, keep going.
      process.stderr.write(`Cảnh báo: tệp minh chứng ${file.relative} bị hỏng, không sao lưu.\n`);
      await rm(target, { force: true });
      skipped++;
      continue;
    }
    evidenceBytes += file.bytes;
  }

  const manifest: Manifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    engine,
    database: {
      file: path.basename(databaseFile),
      bytes: statSync(databaseFile).size,
      sha256: await sha256OfFile(databaseFile),
    },
    evidence: { files: files.length - skipped, bytes: evidenceBytes },
  };
  await writeFile(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  // A backup is a copy of every account and the staff directory: audited (NĐ 13/2023). The
  // entry is in the live database, after the copy (the copy does not record itself).
  await recordCommandAudit(config, 'backup', {
    action: 'database.backup',
    entityType: 'database',
    entityId: null,
    unit: null,
    summary: `Sao lưu toàn bộ cơ sở dữ liệu và ${manifest.evidence.files} tệp minh chứng vào ${out}.`,
    after: {
      folder: out,
      engine,
      bytes: manifest.database.bytes,
      sha256: manifest.database.sha256,
    },
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ folder: out, ...manifest })}\n`);
  } else {
    process.stderr.write(
      `Đã sao lưu ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${manifest.database.bytes} byte) ` +
        `và ${manifest.evidence.files} tệp minh chứng vào ${out}.\n`,
    );
  }
  return 0;
}

function readManifest(folder: string): Manifest {
  const file = path.join(folder, MANIFEST);
  if (!existsSync(file)) {
    throw new RefusedError(
      `${folder} không phải một bản sao lưu hoàn chỉnh của CaiTien (thiếu ${MANIFEST}).`,
    );
  }
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
  } catch {
    throw new RefusedError(`${MANIFEST} trong ${folder} không đọc được (không phải JSON).`);
  }
  if (manifest.format !== FORMAT || typeof manifest.version !== 'number') {
    throw new RefusedError(`${folder} không phải một bản sao lưu của CaiTien.`);
  }
  if (manifest.version > FORMAT_VERSION) {
    throw new RefusedError(
      `Bản sao lưu dùng định dạng ${manifest.version}, mới hơn phiên bản CaiTien này (${FORMAT_VERSION}). Hãy cập nhật CaiTien trước.`,
    );
  }
  if (
    (manifest.engine !== 'sqlite' && manifest.engine !== 'postgres') ||
    !manifest.database ||
    !manifest.evidence
  ) {
    throw new RefusedError(`${MANIFEST} trong ${folder} thiếu thông tin.`);
  }
  return manifest as Manifest;
}

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(`Đối số không cần thiết: “${positionals.join(' ')}”.`);
  if (!values.from) throw new UsageError('Cần --from <thư mục sao lưu>.');
  const folder = path.resolve(values.from);
  const manifest = readManifest(folder);
  const config = loadConfig();
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.engine !== engine) {
    throw new RefusedError(
      `Bản sao lưu này của ${manifest.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, còn máy chủ đang cấu hình ` +
        `${engine === 'sqlite' ? 'SQLite (DATA_DIR)' : 'PostgreSQL (DATABASE_URL)'}. Hãy đặt cấu hình cho khớp.`,
    );
  }

  // Every byte is checked before anything is written.
  const databaseFile = path.join(folder, path.basename(manifest.database.file));
  if (
    !existsSync(databaseFile) ||
    (await sha256OfFile(databaseFile)) !== manifest.database.sha256
  ) {
    throw new RefusedError(
      `Tệp cơ sở dữ liệu của bản sao lưu (${manifest.database.file}) bị thiếu hoặc đã bị thay đổi.`,
    );
  }
  const files = evidenceFiles(path.join(folder, 'evidence'));
  for (const file of files) {
    if ((await sha256OfFile(path.join(folder, 'evidence', file.relative))) !== file.sha256) {
      throw new RefusedError(`Tệp minh chứng ${file.relative} trong bản sao lưu bị hỏng.`);
    }
  }
  if (files.length !== manifest.evidence.files) {
    throw new RefusedError(
      `Bản sao lưu ghi ${manifest.evidence.files} tệp minh chứng nhưng thư mục có ${files.length}.`,
    );
  }

  const target = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let empty: boolean;
  try {
    empty = await holdsNoTables(target.db, target.dialect);
  } finally {
    await target.close();
  }
  if (!empty && !values.force) {
    throw new RefusedError(
      'Cơ sở dữ liệu đích đã có dữ liệu. Thêm --force để thay thế toàn bộ bằng bản sao lưu.',
    );
  }
  try {
    if (config.databaseUrl) {
      await pgRestore(config.databaseUrl, databaseFile, { clean: !empty });
    } else {
      await restoreSqliteFile(databaseFile, path.join(config.dataDir, SQLITE_FILE_NAME), {
        force: Boolean(values.force),
      });
    }
  } catch (error) {
    refuse(error);
  }
  for (const file of files) {
    const to = path.join(config.dataDir, 'evidence', file.relative);
    if (existsSync(to) && statSync(to).size === file.bytes) continue; // same name, same content
    await copyIntoPlace(path.join(folder, 'evidence', file.relative), to);
  }

  // An older backup is brought up to this version's schema, as a start would.
  const { database } = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  await database.close();
  const result = {
    restoredFrom: folder,
    engine,
    location: database.location,
    backupCreatedAt: manifest.createdAt,
    evidenceFiles: files.length,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stderr.write(
      `Đã khôi phục bản sao lưu ngày ${manifest.createdAt} vào ${database.location} ` +
        `(${files.length} tệp minh chứng).\n`,
    );
  }
  return 0;
}
