/**
 * `export-unit --unit <id> --out <folder>` and `import-unit --from <folder> [--parent <id>]`
 * (issue 15, "moving up"): a school's or a commune's data leaves one installation (a commune's
 * SQLite) and enters another (the province's PostgreSQL) with its ids, timestamps, versions, audit,
 * sealed snapshots and evidence files as they were. Which rows move is decided table by table in
 * packages/db/src/unit-transfer.ts.
 *
 * An export folder:
 *   manifest.json               written last: format, engine, source unit, frameworks, columns,
 *                               and the rows, bytes and SHA-256 of every file
 *   ancestors.jsonl             the units above the moved one (recreated only in an empty target)
 *   tables/<table>.jsonl        one JSON object per line, columns sorted; money as integers
 *   evidence/<aa>/<sha256>      the evidence and publication files the rows cite, named by content
 *
 * The import checks the manifest and every byte first, then the target (columns, frameworks, the
 * parent unit, rows with the same key), and writes everything in one transaction. Importing the same
 * folder again writes nothing: rows already there with the same content are left alone; a row there
 * with other content refuses the whole import.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  collectUnitData,
  importUnitData,
  openDatabase,
  OWNED_TABLES,
  UnitTransferError,
  type TableName,
  type TransferRow,
  type UnitData,
} from '@caitien/db';
import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { randomIds } from '../ids.ts';
import { recordCommandAudit } from './cli-audit.ts';
import { copyIntoPlace, sha256OfFile } from './file-copy.ts';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

export const UNIT_TRANSFER_USAGE = `  export-unit --unit <mã đơn vị> --out <thư mục> [--json]
                  Xuất dữ liệu của một trường hoặc một xã/phường (đơn vị và các đơn vị trực thuộc,
                  tài khoản, kế hoạch, tự đánh giá, minh chứng, nhật ký…) ra một thư mục mới.
  import-unit --from <thư mục> [--parent <mã đơn vị>] [--json]
                  Nhập thư mục đã xuất, giữ nguyên mã, thời điểm, nhật ký và bản chụp đã phê duyệt.
                  Kiểm tra từng tệp trước; --parent chọn đơn vị cấp trên ở nơi nhập. Chạy lại
                  cùng thư mục thì không ghi gì.`;

const MANIFEST = 'manifest.json';
const FORMAT = 'caitien-unit-export';
const FORMAT_VERSION = 1;
const SHA256_HEX = /^[0-9a-f]{64}$/u;
const ANCESTORS = 'ancestors.jsonl';

interface FileEntry {
  rows: number;
  bytes: number;
  sha256: string;
}

interface UnitManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  source: {
    location: string;
    unit: { id: string; kind: string; name: string; path: string; parentId: string | null };
  };
  frameworks: UnitData['frameworks'];
  columns: UnitData['columns'];
  counts: Partial<Record<TableName, number>>;
  /** Every data file, by its path in the folder. */
  files: Record<string, FileEntry>;
  evidence: { sha256: string; bytes: number }[];
  /** Files the rows cite that the source did not hold (already missing there). */
  missingEvidence: string[];
}

const evidencePath = (root: string, sha256: string) =>
  path.join(root, 'evidence', sha256.slice(0, 2), sha256);

const toLines = (rows: readonly TransferRow[]) =>
  rows.map((row) => `${JSON.stringify(row)}\n`).join('');

function refuse(error: unknown): never {
  if (error instanceof UnitTransferError) throw new RefusedError(error.message);
  throw error;
}

export async function exportUnitCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { unit: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 0)
    throw new UsageError(`Đối số không cần thiết: “${positionals.join(' ')}”.`);
  if (!values.unit) throw new UsageError('Cần --unit <mã đơn vị>.');
  if (!values.out) throw new UsageError('Cần --out <thư mục>.');
  const out = path.resolve(values.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new RefusedError(`${out} đã có và không trống. Hãy chọn một thư mục mới.`);
  }
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let data: UnitData;
  try {
    data = await collectUnitData(database, values.unit);
  } catch (error) {
    refuse(error);
  } finally {
    await database.close();
  }

  await mkdir(path.join(out, 'tables'), { recursive: true });
  const files: Record<string, FileEntry> = {};
  const write = async (relative: string, rows: readonly TransferRow[]) => {
    const text = toLines(rows);
    await writeFile(path.join(out, relative), text);
    files[relative] = {
      rows: rows.length,
      bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    };
  };
  await write(ANCESTORS, data.ancestors);
  const counts: Partial<Record<TableName, number>> = {};
  for (const table of OWNED_TABLES) {
    const rows = data.tables[table] ?? [];
    counts[table] = rows.length;
    await write(`tables/${table}.jsonl`, rows);
  }

  const evidence: UnitManifest['evidence'] = [];
  const missingEvidence: string[] = [];
  for (const sha256 of data.files) {
    const source = evidencePath(config.dataDir, sha256);
    if (!SHA256_HEX.test(sha256) || !existsSync(source)) {
      missingEvidence.push(sha256);
      continue;
    }
    const target = evidencePath(out, sha256);
    await copyIntoPlace(source, target);
    if ((await sha256OfFile(target)) !== sha256) {
      // The stored file does not match its name: damaged on disk. Say so, keep going.
      await rm(target, { force: true });
      missingEvidence.push(sha256);
      continue;
    }
    evidence.push({ sha256, bytes: statSync(target).size });
  }
  for (const sha256 of missingEvidence) {
    process.stderr.write(`Cảnh báo: thiếu hoặc hỏng tệp minh chứng ${sha256}, không xuất được.\n`);
  }

  const root = data.root;
  const manifest: UnitManifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    engine: config.databaseUrl ? 'postgres' : 'sqlite',
    source: {
      location: database.location,
      unit: {
        id: String(root.id),
        kind: String(root.kind),
        name: String(root.name),
        path: String(root.path),
        parentId: root.parent_id === null ? null : String(root.parent_id),
      },
    },
    frameworks: data.frameworks,
    columns: data.columns,
    counts,
    files,
    evidence,
    missingEvidence,
  };
  await writeFile(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const rows = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  // The folder holds accounts and the staff directory: its making is audited (NĐ 13/2023).
  await recordCommandAudit(config, 'export-unit', {
    action: 'unit.export',
    entityType: 'unit',
    entityId: manifest.source.unit.id,
    unit: { id: manifest.source.unit.id, path: manifest.source.unit.path },
    summary: `Xuất dữ liệu của ${manifest.source.unit.name} ra thư mục ${out} (${rows} dòng, ${counts.users ?? 0} tài khoản, ${counts.people ?? 0} nhân sự).`,
    after: { folder: out, rows, counts, evidenceFiles: evidence.length },
  });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ folder: out, unit: manifest.source.unit, rows, counts, evidenceFiles: evidence.length })}\n`,
    );
  } else {
    process.stderr.write(
      `Đã xuất ${manifest.source.unit.name}: ${rows} dòng, ${evidence.length} tệp minh chứng vào ${out}.\n`,
    );
  }
  return 0;
}

function readManifest(folder: string): UnitManifest {
  const file = path.join(folder, MANIFEST);
  if (!existsSync(file)) {
    throw new RefusedError(
      `${folder} không phải một thư mục xuất đơn vị hoàn chỉnh của CaiTien (thiếu ${MANIFEST}).`,
    );
  }
  let manifest: Partial<UnitManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<UnitManifest>;
  } catch {
    throw new RefusedError(`${MANIFEST} trong ${folder} không đọc được (không phải JSON).`);
  }
  if (manifest.format !== FORMAT || typeof manifest.formatVersion !== 'number') {
    throw new RefusedError(`${folder} không phải một thư mục xuất đơn vị của CaiTien.`);
  }
  if (manifest.formatVersion > FORMAT_VERSION) {
    throw new RefusedError(
      `Thư mục xuất dùng định dạng ${manifest.formatVersion}, mới hơn phiên bản CaiTien này (${FORMAT_VERSION}). Hãy cập nhật CaiTien trước.`,
    );
  }
  if (
    !manifest.source?.unit ||
    !manifest.files ||
    !manifest.columns ||
    !manifest.frameworks ||
    !Array.isArray(manifest.evidence)
  ) {
    throw new RefusedError(`${MANIFEST} trong ${folder} thiếu thông tin.`);
  }
  return manifest as UnitManifest;
}

/** Reads a checked JSON-lines file. */
function readLines(folder: string, relative: string, entry: FileEntry | undefined): TransferRow[] {
  if (!entry) throw new RefusedError(`${MANIFEST} không ghi tệp ${relative}.`);
  const text = readFileSync(path.join(folder, relative), 'utf8');
  const rows = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TransferRow);
  if (rows.length !== entry.rows) {
    throw new RefusedError(`Tệp ${relative} có ${rows.length} dòng, manifest ghi ${entry.rows}.`);
  }
  return rows;
}

/** Every byte of the folder against the manifest, before anything is written. */
async function checkFolder(folder: string, manifest: UnitManifest): Promise<UnitData> {
  for (const [relative, entry] of Object.entries(manifest.files)) {
    const file = path.join(folder, relative);
    if (
      path.relative(folder, file).startsWith('..') ||
      !existsSync(file) ||
      statSync(file).size !== entry.bytes ||
      (await sha256OfFile(file)) !== entry.sha256
    ) {
      throw new RefusedError(`Tệp ${relative} của thư mục xuất bị thiếu hoặc đã bị thay đổi.`);
    }
  }
  for (const file of manifest.evidence) {
    const at = evidencePath(folder, file.sha256);
    if (
      !SHA256_HEX.test(file.sha256) ||
      !existsSync(at) ||
      (await sha256OfFile(at)) !== file.sha256
    ) {
      throw new RefusedError(
        `Tệp minh chứng ${file.sha256} của thư mục xuất bị thiếu hoặc đã bị thay đổi.`,
      );
    }
  }
  const tables: UnitData['tables'] = {};
  for (const table of OWNED_TABLES) {
    const relative = `tables/${table}.jsonl`;
    tables[table] = readLines(folder, relative, manifest.files[relative]);
  }
  const unit = manifest.source.unit;
  const root = tables.units?.find((u) => u.id === unit.id);
  if (!root) throw new RefusedError(`Thư mục xuất không có đơn vị ${unit.id} mà manifest ghi.`);
  return {
    root,
    ancestors: readLines(folder, ANCESTORS, manifest.files[ANCESTORS]),
    tables,
    columns: manifest.columns,
    frameworks: manifest.frameworks,
    files: manifest.evidence.map((f) => f.sha256),
  };
}

export async function importUnitCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, parent: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length > 0)
    throw new UsageError(`Đối số không cần thiết: “${positionals.join(' ')}”.`);
  if (!values.from) throw new UsageError('Cần --from <thư mục xuất>.');
  const folder = path.resolve(values.from);
  const manifest = readManifest(folder);
  const data = await checkFolder(folder, manifest);

  const config = loadConfig();
  const { database } = await prepareDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    config.clock,
  );
  let result;
  try {
    result = await importUnitData(database, data, {
      parentId: values.parent,
      now: config.clock.now().toISOString(),
      newId: () => randomIds.next(),
      actorName: 'Dòng lệnh (import-unit)',
      sourceLabel: `${manifest.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${manifest.source.location}`,
      beforeWrite: async () => {
        for (const file of manifest.evidence) {
          const to = evidencePath(config.dataDir, file.sha256);
          if (existsSync(to) && statSync(to).size === file.bytes) continue; // same name, same bytes
          await copyIntoPlace(evidencePath(folder, file.sha256), to);
        }
      },
    });
  } catch (error) {
    refuse(error);
  } finally {
    await database.close();
  }
  const rows = Object.values(result.inserted).reduce((a, b) => a + (b ?? 0), 0);
  const leftOut = Object.values(result.leftOut).reduce((a, b) => a + (b ?? 0), 0);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, rows, evidenceFiles: manifest.evidence.length })}\n`,
    );
  } else if (rows === 0) {
    process.stderr.write(
      `Nơi nhập đã có đủ dữ liệu của ${manifest.source.unit.name} (${result.unchanged} dòng): không ghi gì.\n`,
    );
  } else {
    process.stderr.write(
      `Đã nhập ${manifest.source.unit.name}: ${rows} dòng, ${manifest.evidence.length} tệp minh chứng` +
        (leftOut > 0 ? `; bỏ qua ${leftOut} dòng gửi tới đơn vị không có ở nơi nhập` : '') +
        '.\n',
    );
  }
  return 0;
}
