/**
 * `export-unit` / `import-unit` (issue 15, "moving up"): a commune of a demo province leaves its
 * SQLite and enters a province database that already holds another province (PostgreSQL when
 * TEST_DATABASE_URL names a server, else a second SQLite), under that province's own Sở; then one of
 * its schools goes back out into a fresh SQLite. Each step is compared table by table (the same
 * rows, ids and hashes, byte for byte), the approved plans' seals still verify, the evidence file
 * arrives, a second import writes nothing, and bad folders are refused before anything is written.
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
import {
  createRepositories,
  openDatabase,
  rebuildUnitAncestors,
  type DatabaseHandle,
  type DialectName,
} from '@caitien/db';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPlanSeal } from '../modules/plans/plan-seal.ts';
import { createProcessTarget, dropProcessDatabases, runCli } from '../testing/process-targets.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-unit-transfer-'));
const provinceEngine: DialectName = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const cli = runCli;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await dropProcessDatabases();
});

const open = (env: Record<string, string>): DatabaseHandle =>
  openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR });

async function withDb<T>(
  env: Record<string, string>,
  run: (h: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = open(env);
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

/** An export folder's rows: table → the JSON lines as written (byte-exact). */
function readExport(folder: string): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
    files: Record<string, unknown>;
  };
  const out: Record<string, string[]> = {};
  for (const relative of Object.keys(manifest.files)) {
    if (!relative.startsWith('tables/')) continue;
    const table = relative.slice('tables/'.length, -'.jsonl'.length);
    out[table] = readFileSync(path.join(folder, relative), 'utf8')
      .split('\n')
      .filter(Boolean)
      .sort();
  }
  return out;
}

const parse = (line: string) => JSON.parse(line) as Record<string, string | number | null>;

/** Stores bytes as the evidence file store does: DATA_DIR/evidence/<aa>/<sha256>. */
function putEvidence(dataDir: string, bytes: Buffer): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(path.join(dataDir, 'evidence', sha.slice(0, 2)), { recursive: true });
  writeFileSync(path.join(dataDir, 'evidence', sha.slice(0, 2), sha), bytes);
  return sha;
}

/** Every approved plan of the units' schools verifies against its sealed snapshot. */
async function sealsOf(env: Record<string, string>, schoolIds: string[]) {
  return withDb(env, async (handle) => {
    const repos = createRepositories(handle.db);
    const plans = await handle.db
      .selectFrom('plans')
      .select('id')
      .where('school_id', 'in', schoolIds)
      .where('status', '=', 'approved')
      .orderBy('id')
      .execute();
    const out: Record<string, { status: string; hash: string }> = {};
    for (const { id } of plans) {
      const [plan, snapshot, rows, focus] = await Promise.all([
        repos.plans.findPlan(id),
        repos.plans.findSnapshot(id),
        repos.plans.listRows(id),
        repos.plans.listFocusIssues(id),
      ]);
      out[id] = {
        status: verifyPlanSeal(snapshot!, plan!, rows, focus).status,
        hash: snapshot!.contentHash,
      };
    }
    return out;
  });
}

const TEXT = 'Biên bản họp Hội đồng\r\nlần 2 — “tự đánh giá”\nẤp Đồng Tháp Mười';
const FILE_BYTES = Buffer.from('%PDF-1.4\nBiên bản số 2/BB-HĐTĐG\n\u0000\u00ff', 'utf8');
const OTHER_PROVINCE = '7a000000-0000-7000-8000-00000000aaaa';
const OTHER_COMMUNE = '7a000000-0000-7000-8000-00000000aaab';

describe(`moving a commune from SQLite into a province on ${provinceEngine}`, () => {
  it(
    'keeps ids, audit, seals and files, and moves one school back out',
    { timeout: 300_000 },
    async () => {
      // 1. A commune's own SQLite: the demo province, two communes, three schools.
      const source = await createProcessTarget('sqlite', work);
      const seeded = cli(source, [
        'seed-demo',
        '--schools',
        '3',
        '--communes',
        '2',
        '--years',
        '1',
      ]);
      expect(seeded.code, seeded.stderr).toBe(0);
      const sha = putEvidence(source.DATA_DIR!, FILE_BYTES);
      const { communeId, schoolIds, provinceId } = await withDb(source, async ({ db }) => {
        const commune = await db
          .selectFrom('units')
          .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('kind', '=', 'school')
          .groupBy('parent_id')
          .orderBy('n', 'desc')
          .executeTakeFirstOrThrow();
        const communeId = commune.parent_id!;
        const schools = await db
          .selectFrom('units')
          .select(['id', 'path'])
          .where('parent_id', '=', communeId)
          .orderBy('id')
          .execute();
        const school = schools[0]!;
        const assessment = await db
          .selectFrom('assessments')
          .select(['id'])
          .where('school_id', '=', school.id)
          .executeTakeFirstOrThrow();
        const at = '2026-10-01T02:03:04.567Z';
        // Evidence with a file, audit rows, money beyond 2^32, text with diacritics and line breaks.
        await db
          .insertInto('assessment_evidence')
          .values({
            id: '01900000-0000-7000-8000-00000000e001',
            assessment_id: assessment.id,
            code: 'H1-1.1-01',
            box: 1,
            primary_criterion_code: '1.1',
            sequence: 1,
            name: TEXT,
            name_folded: 'bien ban hop hoi dong',
            issued: 'Số 2/BB-HĐTĐG, 12/9/2026',
            issuer: 'Hiệu trưởng',
            note: '',
            link: '',
            previous_code: null,
            carried: 0,
            origin_evidence_id: null,
            field_versions_json: '{"name":3}',
            version: 3,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await db
          .insertInto('assessment_evidence_files')
          .values({
            id: '01900000-0000-7000-8000-00000000f001',
            evidence_id: '01900000-0000-7000-8000-00000000e001',
            sha256: sha,
            file_name: 'Biên bản họp.pdf',
            media_type: 'application/pdf',
            size_bytes: FILE_BYTES.length,
            uploaded_by_user_id: null,
            created_at: at,
          })
          .execute();
        await db
          .updateTable('progress_entries')
          .set({ spent_amount: 123_456_789_012_345, note: TEXT })
          .where('school_id', '=', school.id)
          .execute();
        const communeUnit = await db
          .selectFrom('units')
          .select(['id', 'path'])
          .where('id', '=', communeId)
          .executeTakeFirstOrThrow();
        for (const [i, unit] of [communeUnit, ...schools].entries()) {
          await db
            .insertInto('audit_log')
            .values({
              id: `01900000-0000-7000-8000-0000000a000${i}`,
              occurred_at: at,
              actor_user_id: null,
              actor_name: 'Nguyễn Thị Hạnh',
              action: 'plan.update',
              entity_type: 'plan',
              entity_id: null,
              unit_id: unit.id,
              unit_path: unit.path,
              summary: TEXT,
              before_json: JSON.stringify({ tên: 'cũ', n: 1 }),
              after_json: JSON.stringify({ tên: 'mới\nhai dòng', n: 2 }),
              request_id: null,
            })
            .execute();
        }
        const province = await db
          .selectFrom('units')
          .select('id')
          .where('kind', '=', 'province')
          .executeTakeFirstOrThrow();
        return { communeId, schoolIds: schools.map((s) => s.id), provinceId: province.id };
      });
      expect(schoolIds.length).toBe(2);
      const sealsBefore = await sealsOf(source, schoolIds);
      expect(Object.values(sealsBefore).map((s) => s.status)).toEqual(['intact', 'intact']);

      const folderA = path.join(work, 'commune');
      const exported = cli(source, [
        'export-unit',
        '--unit',
        communeId,
        '--out',
        folderA,
        '--json',
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({ evidenceFiles: 1 });
      // The export (accounts and the staff directory among its rows) is audited where it was made.
      await withDb(source, async ({ db }) => {
        const entries = await db
          .selectFrom('audit_log')
          .select(['actor_name', 'unit_id', 'summary'])
          .where('action', '=', 'unit.export')
          .execute();
        expect(entries).toEqual([
          {
            actor_name: 'Dòng lệnh (export-unit)',
            unit_id: communeId,
            summary: expect.stringContaining(folderA) as unknown,
          },
        ]);
      });
      const rowsA = readExport(folderA);
      expect(rowsA.units!.length).toBe(3);
      expect(rowsA.audit_log!.length).toBe(3);
      expect(rowsA.plan_snapshots!.length).toBe(2);
      expect(rowsA.users!.length).toBeGreaterThan(0);
      expect(
        rowsA.progress_entries!.some((l) => parse(l).spent_amount === 123_456_789_012_345),
      ).toBe(true);

      // 2. The province's database, already holding another province.
      const province = await createProcessTarget(provinceEngine, work);
      expect(cli(province, ['migrate']).code).toBe(0);
      await withDb(province, async ({ db }) => {
        const at = '2026-09-01T00:00:00.000Z';
        const unit = (
          id: string,
          kind: string,
          name: string,
          parent: string | null,
          p: string,
        ) => ({
          id,
          kind,
          name,
          name_folded: name.toLowerCase(),
          parent_id: parent,
          path: p,
          version: 1,
          created_at: at,
          updated_at: at,
        });
        await db
          .insertInto('units')
          .values([
            unit(OTHER_PROVINCE, 'province', 'Sở GD&ĐT tỉnh Khác', null, `/${OTHER_PROVINCE}/`),
            unit(
              OTHER_COMMUNE,
              'commune',
              'UBND Xã Khác',
              OTHER_PROVINCE,
              `/${OTHER_PROVINCE}/${OTHER_COMMUNE}/`,
            ),
          ])
          .execute();
        await rebuildUnitAncestors(db);
        await db
          .insertInto('audit_log')
          .values({
            id: '7a000000-0000-7000-8000-0000000a0001',
            occurred_at: at,
            actor_user_id: null,
            actor_name: 'Sở',
            action: 'unit.create',
            entity_type: 'unit',
            entity_id: OTHER_COMMUNE,
            unit_id: OTHER_COMMUNE,
            unit_path: `/${OTHER_PROVINCE}/${OTHER_COMMUNE}/`,
            summary: 'Tạo xã',
            before_json: null,
            after_json: null,
            request_id: null,
          })
          .execute();
      });
      const countRows = () =>
        withDb(province, async ({ db }) => {
          const n = async (t: 'plans' | 'units' | 'audit_log' | 'users') =>
            Number(
              (
                await db
                  .selectFrom(t)
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            );
          return {
            plans: await n('plans'),
            units: await n('units'),
            audit: await n('audit_log'),
            users: await n('users'),
          };
        });
      const empty = await countRows();
      expect(empty).toEqual({ plans: 0, units: 2, audit: 1, users: 0 });

      // 3. Refusals, before anything is written.
      const noParent = cli(province, ['import-unit', '--from', folderA]);
      expect(noParent.code, noParent.stderr).toBe(1);
      expect(noParent.stderr).toContain('Dùng --parent');
      const tampered = path.join(work, 'tampered');
      cpSync(folderA, tampered, { recursive: true });
      const plansFile = path.join(tampered, 'tables', 'plans.jsonl');
      writeFileSync(
        plansFile,
        readFileSync(plansFile, 'utf8').replace('"version":', '"version":1'),
      );
      const refusedTampered = cli(province, ['import-unit', '--from', tampered]);
      expect(refusedTampered.code).toBe(1);
      expect(refusedTampered.stderr).toContain('tables/plans.jsonl');
      expect(refusedTampered.stderr).toContain('đã bị thay đổi');
      const badFile = path.join(work, 'bad-file');
      cpSync(folderA, badFile, { recursive: true });
      writeFileSync(path.join(badFile, 'evidence', sha.slice(0, 2), sha), 'khác');
      const refusedFile = cli(province, ['import-unit', '--from', badFile]);
      expect(refusedFile.code).toBe(1);
      expect(refusedFile.stderr).toContain(`Tệp minh chứng ${sha}`);
      const incomplete = path.join(work, 'incomplete');
      cpSync(folderA, incomplete, { recursive: true });
      rmSync(path.join(incomplete, 'manifest.json'));
      const refusedIncomplete = cli(province, ['import-unit', '--from', incomplete]);
      expect(refusedIncomplete.code).toBe(1);
      expect(refusedIncomplete.stderr).toContain('thiếu manifest.json');
      const wrongParent = cli(province, ['import-unit', '--from', folderA, '--parent', 'x']);
      expect(wrongParent.code).toBe(1);
      expect(cli(province, ['import-unit']).code).toBe(2);
      expect(await countRows()).toEqual(empty);

      // 4. The move, under the other province's Sở; a second run writes nothing.
      const imported = cli(province, [
        'import-unit',
        '--from',
        folderA,
        '--parent',
        OTHER_PROVINCE,
        '--json',
      ]);
      expect(imported.code, imported.stderr).toBe(0);
      const result = JSON.parse(imported.stdout) as {
        auditId: string;
        rows: number;
        leftOut: Record<string, number>;
        path: string;
      };
      expect(result.path).toBe(`/${OTHER_PROVINCE}/${communeId}/`);
      const again = cli(province, [
        'import-unit',
        '--from',
        folderA,
        '--parent',
        OTHER_PROVINCE,
        '--json',
      ]);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ rows: 0, auditId: null });

      // The same rows, byte for byte, except what the move changes by design: the units' place in
      // the tree, what was sent to the old province's offices (not in this database), and the
      // import's own audit entry.
      const folderB = path.join(work, 'commune-again');
      expect(cli(province, ['export-unit', '--unit', communeId, '--out', folderB]).code).toBe(0);
      const rowsB = readExport(folderB);
      const moved = new Set(rowsA.units!.map((l) => String(parse(l).id)));
      const expected: Record<string, string[]> = { ...rowsA };
      expected.units = rowsA
        .units!.map((l) => {
          const u = parse(l);
          return JSON.stringify({
            ...u,
            parent_id: u.id === communeId ? OTHER_PROVINCE : u.parent_id,
            path: String(u.path).replace(`/${provinceId}/`, `/${OTHER_PROVINCE}/`),
          });
        })
        .sort();
      // The audit entries follow the commune to its new place (the new Sở's audit view lists them).
      expected.audit_log = rowsA
        .audit_log!.map((l) => {
          const a = parse(l);
          return JSON.stringify({
            ...a,
            unit_path:
              typeof a.unit_path === 'string'
                ? a.unit_path.replace(`/${provinceId}/`, `/${OTHER_PROVINCE}/`)
                : a.unit_path,
          });
        })
        .sort();
      expect(expected.audit_log.length).toBeGreaterThan(0);
      expected.submission_recipients = rowsA.submission_recipients!.filter((l) =>
        moved.has(String(parse(l).unit_id)),
      );
      expected.comment_threads = rowsA.comment_threads!.filter((l) =>
        moved.has(String(parse(l).office_unit_id)),
      );
      const threads = new Set(expected.comment_threads.map((l) => String(parse(l).id)));
      expected.comments = rowsA.comments!.filter((l) => threads.has(String(parse(l).thread_id)));
      rowsB.audit_log = rowsB.audit_log!.filter((l) => parse(l).id !== result.auditId);
      expect(Object.keys(rowsB).sort()).toEqual(Object.keys(expected).sort());
      for (const table of Object.keys(expected)) {
        expect(rowsB[table], table).toEqual(expected[table]);
      }
      const leftOut =
        rowsA.submission_recipients!.length -
        expected.submission_recipients.length +
        rowsA.comment_threads!.length -
        expected.comment_threads.length +
        rowsA.comments!.length -
        expected.comments.length;
      expect(leftOut).toBeGreaterThan(0);
      expect(Object.values(result.leftOut).reduce((a, b) => a + b, 0)).toBe(leftOut);
      expect(result.rows).toBe(Object.values(expected).reduce((n, lines) => n + lines.length, 0));
      expect(await sealsOf(province, schoolIds)).toEqual(sealsBefore);
      expect(readFileSync(path.join(province.DATA_DIR!, 'evidence', sha.slice(0, 2), sha))).toEqual(
        FILE_BYTES,
      );
      // The other province is as it was; the province's office sees the commune below it.
      await withDb(province, async ({ db }) => {
        const closure = await db
          .selectFrom('unit_ancestors')
          .select(['unit_id', 'depth'])
          .where('ancestor_id', '=', OTHER_PROVINCE)
          .orderBy('unit_id')
          .execute();
        expect(closure.length).toBe(2 + moved.size);
        const other = await db
          .selectFrom('audit_log')
          .select('summary')
          .where('id', '=', '7a000000-0000-7000-8000-0000000a0001')
          .executeTakeFirstOrThrow();
        expect(other.summary).toBe('Tạo xã');
        const underOther = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_path', 'like', `/${OTHER_PROVINCE}/${communeId}/%`)
          .executeTakeFirstOrThrow();
        // The commune's history, the import's own entry and the export of it made here just above.
        expect(Number(underOther.n)).toBe(rowsA.audit_log!.length + 2);
        const underOld = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_path', 'like', `/${provinceId}/%`)
          .executeTakeFirstOrThrow();
        expect(Number(underOld.n)).toBe(0);
        const epoch = await db.selectFrom('auth_epoch').select('value').executeTakeFirstOrThrow();
        expect(Number(epoch.value)).toBe(1);
      });

      // 5. One school back out of the province, into a fresh SQLite of its own.
      const school = schoolIds[0]!;
      const folderC = path.join(work, 'school');
      const schoolOut = cli(province, ['export-unit', '--unit', school, '--out', folderC]);
      expect(schoolOut.code, schoolOut.stderr).toBe(0);
      const rowsC = readExport(folderC);
      // Every row of the school is the commune export's row, byte for byte (units: re-placed).
      for (const [table, lines] of Object.entries(rowsC)) {
        if (table === 'units') continue;
        const from = new Set(expected[table]);
        for (const line of lines) {
          if (table === 'audit_log' && parse(line).id === result.auditId) continue;
          expect(from.has(line), `${table}: ${line.slice(0, 120)}`).toBe(true);
        }
      }
      expect(rowsC.assessment_evidence_files!.length).toBe(1);
      expect(rowsC.audit_log!.length).toBe(1);
      const own = await createProcessTarget('sqlite', work);
      // A refused folder leaves a fresh installation without even a database file.
      expect(cli(own, ['import-unit', '--from', tampered]).code).toBe(1);
      expect(existsSync(path.join(own.DATA_DIR!, 'caitien.db'))).toBe(false);
      const schoolIn = cli(own, ['import-unit', '--from', folderC, '--json']);
      expect(schoolIn.code, schoolIn.stderr).toBe(0);
      expect(JSON.parse(schoolIn.stdout)).toMatchObject({ ancestorsCreated: 2 });
      const folderD = path.join(work, 'school-again');
      expect(cli(own, ['export-unit', '--unit', school, '--out', folderD]).code).toBe(0);
      const rowsD = readExport(folderD);
      const schoolImportAudit = (JSON.parse(schoolIn.stdout) as { auditId: string }).auditId;
      rowsD.audit_log = rowsD.audit_log!.filter((l) => parse(l).id !== schoolImportAudit);
      expect(rowsD).toEqual(rowsC);
      const schoolSeals = await sealsOf(own, [school]);
      expect(Object.values(schoolSeals)).toEqual(
        Object.entries(sealsBefore)
          .filter(([id]) => id in schoolSeals)
          .map(([, s]) => s),
      );
      expect(Object.keys(schoolSeals).length).toBe(1);
      expect(readFileSync(path.join(own.DATA_DIR!, 'evidence', sha.slice(0, 2), sha))).toEqual(
        FILE_BYTES,
      );
      // Money, line breaks and diacritics arrived as they left.
      await withDb(own, async ({ db }) => {
        const entry = await db
          .selectFrom('progress_entries')
          .select(['spent_amount', 'note'])
          .where('school_id', '=', school)
          .executeTakeFirstOrThrow();
        expect(Number(entry.spent_amount)).toBe(123_456_789_012_345);
        expect(entry.note).toBe(TEXT);
      });
      // Back into the province: the same rows are there already, nothing is written.
      const back = cli(province, ['import-unit', '--from', folderC, '--json']);
      expect(back.code, back.stderr).toBe(0);
      expect(JSON.parse(back.stdout)).toMatchObject({ rows: 0 });
    },
  );

  it('refuses a row that changed since the export', { timeout: 120_000 }, async () => {
    const source = await createProcessTarget('sqlite', work);
    expect(
      cli(source, ['seed-demo', '--schools', '1', '--communes', '1', '--years', '1']).code,
    ).toBe(0);
    const schoolId = await withDb(source, async ({ db }) => {
      const s = await db
        .selectFrom('units')
        .select('id')
        .where('kind', '=', 'school')
        .executeTakeFirstOrThrow();
      return s.id;
    });
    const folder = path.join(work, 'lonely-school');
    expect(cli(source, ['export-unit', '--unit', schoolId, '--out', folder]).code).toBe(0);
    const target = await createProcessTarget('sqlite', work);
    expect(cli(target, ['import-unit', '--from', folder]).code).toBe(0);
    await withDb(target, async ({ db }) => {
      await db.updateTable('people').set({ note: 'sửa sau khi nhập' }).execute();
    });
    // A different catalogue (another framework version's content) is refused.
    const otherCatalogue = path.join(work, 'other-catalogue');
    cpSync(folder, otherCatalogue, { recursive: true });
    const manifestFile = path.join(otherCatalogue, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      frameworks: { id: string; contentHash: string }[];
    };
    expect(manifest.frameworks.length).toBeGreaterThan(0);
    manifest.frameworks[0]!.contentHash = '0'.repeat(64);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const refusedCatalogue = cli(target, ['import-unit', '--from', otherCatalogue]);
    expect(refusedCatalogue.code).toBe(1);
    expect(refusedCatalogue.stderr).toContain('khác nơi xuất');
    const refused = cli(target, ['import-unit', '--from', folder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cùng mã nhưng khác nội dung');
    const usage = cli(target, ['export-unit', '--out', path.join(work, 'x')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Cần --unit');
    const missing = cli(target, [
      'export-unit',
      '--unit',
      'khong-co',
      '--out',
      path.join(work, 'y'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy đơn vị');
  });
});
