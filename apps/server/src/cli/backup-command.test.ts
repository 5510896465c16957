/**
 * `backup` and `restore` round trip (issue 15), on SQLite and, when TEST_DATABASE_URL names a
 * server, on PostgreSQL (two databases of its own, dropped afterwards): a demo province and an
 * evidence file go out and come back byte for byte; damaged, incomplete or mismatched backups and
 * occupied targets are refused in Vietnamese before anything is written.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeSchema, openDatabase, type DialectName } from '@caitien/db';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessTarget, dropProcessDatabases, runCli } from '../testing/process-targets.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-backup-'));
const adminUrl = process.env.TEST_DATABASE_URL;
const newTarget = (dialect: DialectName) => createProcessTarget(dialect, work);
const cli = runCli;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await dropProcessDatabases();
});

/** Every table's rows, order-independent: equal digests mean equal contents. */
async function digest(env: Record<string, string>): Promise<Record<string, string>> {
  const handle = openDatabase({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR,
  });
  try {
    const result: Record<string, string> = {};
    for (const table of Object.keys(await describeSchema(handle)).sort()) {
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)}`.execute(handle.db);
      const lines = rows
        .map((row) =>
          JSON.stringify(
            Object.entries(row).sort(([a], [b]) => a.localeCompare(b)),
            (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
          ),
        )
        .sort();
      result[table] =
        `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
    }
    return result;
  } finally {
    await handle.close();
  }
}

/** Stores bytes as the evidence file store does: DATA_DIR/evidence/<aa>/<sha256>. */
function putEvidence(dataDir: string, text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const sha = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(path.join(dataDir, 'evidence', sha.slice(0, 2)), { recursive: true });
  writeFileSync(path.join(dataDir, 'evidence', sha.slice(0, 2), sha), bytes);
  return sha;
}

const dialects: DialectName[] = adminUrl ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(dialects)('backup and restore on %s', (dialect) => {
  it('round-trips a demo province and its evidence files', { timeout: 240_000 }, async () => {
    const source = await newTarget(dialect);
    const seeded = cli(source, ['seed-demo', '--schools', '2', '--years', '1', '--json']);
    expect(seeded.code, seeded.stderr).toBe(0);
    const sha = putEvidence(source.DATA_DIR!, 'Biên bản họp Hội đồng tự đánh giá\nlần 2');
    const before = await digest(source);
    expect(Number(before.plan_rows!.split(':')[0])).toBeGreaterThan(0);

    const folder = path.join(work, `backup-${dialect}`);
    const backup = cli(source, ['backup', '--out', folder, '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const manifest = JSON.parse(backup.stdout) as {
      engine: string;
      database: { file: string };
      evidence: { files: number };
    };
    expect(manifest).toMatchObject({
      engine: dialect,
      database: { file: dialect === 'sqlite' ? 'caitien.db' : 'caitien.pgdump' },
      evidence: { files: 1 },
    });

    // A second backup into the same folder is refused: a backup never overwrites another.
    const again = cli(source, ['backup', '--out', folder]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('không trống');

    // The copy of every account is audited in the live database (the copy does not hold it).
    const after = await digest(source);
    expect(Number(after.audit_log!.split(':')[0])).toBe(
      Number(before.audit_log!.split(':')[0]) + 1,
    );
    const handle = openDatabase({
      databaseUrl: source.DATABASE_URL || undefined,
      dataDir: source.DATA_DIR,
    });
    try {
      const entry = await handle.db
        .selectFrom('audit_log')
        .select(['actor_name', 'summary'])
        .where('action', '=', 'database.backup')
        .executeTakeFirstOrThrow();
      expect(entry.actor_name).toBe('Dòng lệnh (backup)');
      expect(entry.summary).toContain(folder);
    } finally {
      await handle.close();
    }

    const target = await newTarget(dialect);
    const restored = cli(target, ['restore', '--from', folder, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ engine: dialect, evidenceFiles: 1 });
    expect(await digest(target)).toEqual(before);
    expect(
      readFileSync(path.join(target.DATA_DIR!, 'evidence', sha.slice(0, 2), sha), 'utf8'),
    ).toBe('Biên bản họp Hội đồng tự đánh giá\nlần 2');

    // The target now holds data: a second restore needs --force, and then gives the same data.
    const occupied = cli(target, ['restore', '--from', folder]);
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toContain('đã có dữ liệu');
    const forced = cli(target, ['restore', '--from', folder, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await digest(target)).toEqual(before);
  });

  it(
    'refuses damaged, incomplete and mismatched backups before writing anything',
    {
      timeout: 120_000,
    },
    async () => {
      const source = await newTarget(dialect);
      expect(cli(source, ['migrate']).code).toBe(0);
      const folder = path.join(work, `small-${dialect}`);
      expect(cli(source, ['backup', '--out', folder]).code).toBe(0);
      const target = await newTarget(dialect);

      const damaged = path.join(work, `damaged-${dialect}`);
      cpSync(folder, damaged, { recursive: true });
      const dbFile = path.join(damaged, dialect === 'sqlite' ? 'caitien.db' : 'caitien.pgdump');
      const bytes = readFileSync(dbFile);
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
      writeFileSync(dbFile, bytes);
      const refusedDamaged = cli(target, ['restore', '--from', damaged]);
      expect(refusedDamaged.code).toBe(1);
      expect(refusedDamaged.stderr).toContain('đã bị thay đổi');

      const incomplete = path.join(work, `incomplete-${dialect}`);
      cpSync(folder, incomplete, { recursive: true });
      rmSync(path.join(incomplete, 'manifest.json'));
      const refusedIncomplete = cli(target, ['restore', '--from', incomplete]);
      expect(refusedIncomplete.code).toBe(1);
      expect(refusedIncomplete.stderr).toContain('không phải một bản sao lưu hoàn chỉnh');

      // A backup of the other engine is not restored into this one.
      if (adminUrl) {
        const other = await newTarget(dialect === 'sqlite' ? 'postgres' : 'sqlite');
        const refusedEngine = cli(other, ['restore', '--from', folder]);
        expect(refusedEngine.code).toBe(1);
        expect(refusedEngine.stderr).toContain('Hãy đặt cấu hình cho khớp');
      }

      // Nothing was written by the refusals: the target is still empty (SQLite: no file at all).
      if (dialect === 'sqlite') {
        expect(existsSync(path.join(target.DATA_DIR!, 'caitien.db'))).toBe(false);
      }
      expect(cli(target, ['restore', '--from', folder]).code).toBe(0);

      const usage = cli(target, ['backup']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Cần --out');
    },
  );
});
