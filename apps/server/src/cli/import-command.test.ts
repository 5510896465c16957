import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findSoffice } from '@caitien/documents';
import { PLAN_FIXTURES_DIR as FIXTURES, saveAsLegacy } from '@caitien/documents/testing';
import { planInterchangeSchema } from '@caitien/shared';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const noDatabase = path.join(work, 'no-database-here');

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      // No database: import must not need (or create) one.
      env: { ...process.env, DATA_DIR: noDatabase, INIT_CWD: work },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ImportJson {
  plan: { schoolYear: string | null; layout: string; frameworkId: string | null };
  rows: { criterionCode: string | null; note: string }[];
  importReport: {
    rows: unknown[];
    warnings: { code: string }[];
    columns: { column: number; field: string | null; source: string }[];
  };
}

describe('npm run cli -- import', () => {
  it(
    'prints exactly one JSON document (the plan and its import report) with --json',
    { timeout: 60_000 },
    () => {
      const run = cli(['import', path.join(FIXTURES, 'seed004-layout-a.docx'), '--json']);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as ImportJson;
      expect(planInterchangeSchema.safeParse(json).success).toBe(true);
      expect(json.rows).toHaveLength(8);
      expect(json.plan).toMatchObject({
        schoolYear: '2022-2023',
        layout: 'A',
        frameworkId: 'TT17',
      });
      expect(json.importReport.rows).toHaveLength(8);
      expect(run.stderr).toContain('Đã đọc 8 dòng kế hoạch');
      expect(existsSync(noDatabase)).toBe(false);
    },
  );

  it(
    'reads an Excel plan, takes --school-year and --mapping, writes --out',
    { timeout: 60_000 },
    () => {
      const out = path.join(work, 'ke-hoach.json');
      const run = cli([
        'import',
        path.join(FIXTURES, 'seed003-titled.xlsx'),
        '--school-year',
        '2025-2026',
        '--mapping',
        '[{"column":8,"field":"note"}]',
        '--out',
        'ke-hoach.json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Đã đọc 14 dòng kế hoạch (mẫu A) từ trang tính “Kế hoạch”');
      const json = JSON.parse(readFileSync(out, 'utf8')) as ImportJson;
      expect(json.rows[0]?.note).toBe(
        'ý kiến góp ý của chính quyền địa phương, đội ngũ nhà trường',
      );
      expect(json.importReport.columns.find((c) => c.column === 8)).toMatchObject({
        field: 'note',
        source: 'override',
      });
    },
  );

  it(
    'a plan without a school year is imported (schoolYear null, reported), not refused',
    { timeout: 60_000 },
    async () => {
      const zip = await JSZip.loadAsync(readFileSync(path.join(FIXTURES, 'seed004-layout-a.docx')));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      zip.file(
        'word/document.xml',
        xml.replace(/năm học 2022 - 2023/g, '').replace(/2022-2023/g, ''),
      );
      const file = path.join(work, 'khong-nam-hoc.docx');
      writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
      const run = cli(['import', 'khong-nam-hoc.docx', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as ImportJson;
      expect(json.plan.schoolYear).toBeNull();
      expect(json.importReport.warnings.map((w) => w.code)).toContain('school-year.missing');
      expect(run.stderr).toContain('Không tìm thấy năm học');
    },
  );

  it(
    'refuses a bad file with exit 1 and a Vietnamese message on stderr',
    { timeout: 60_000 },
    () => {
      const file = path.join(work, 'khong-phai.docx');
      writeFileSync(file, '%PDF-1.7 not a plan');
      const run = cli(['import', file, '--json']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      // PDFs are read since issue 16: this one is damaged, and says so.
      expect(run.stderr).toContain('Không đọc được tệp PDF');
      expect(run.stderr).toContain('CORRUPT');

      const missing = cli(['import', path.join(work, 'khong-co.docx')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Không tìm thấy hoặc không đọc được tệp');
    },
  );

  it('answers wrong usage with exit 2', { timeout: 120_000 }, () => {
    expect(cli(['import']).code).toBe(2);
    expect(cli(['import', 'a.docx', '--school-year', '2025']).code).toBe(2);
    const mapping = cli(['import', 'a.docx', '--mapping', '[{"column":1,"field":"nope"}]']);
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toContain('--mapping');
    const year = cli([
      'import',
      path.join(FIXTURES, 'seed004-layout-a.docx'),
      '--school-year',
      '2025-2027',
    ]);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('không hợp lệ');
  });
});

describe('npm run cli -- import of a Word 97–2003 .doc (issue 16)', () => {
  const hasSoffice = findSoffice() !== null;
  it.skipIf(!hasSoffice && process.env['CI'] !== 'true')(
    'converts it with LibreOffice and prints the same rows, the report saying so',
    { timeout: 120_000 },
    async () => {
      const docx = new Uint8Array(readFileSync(path.join(FIXTURES, 'seed004-layout-a.docx')));
      const doc = path.join(work, 'ke-hoach-cu.doc');
      writeFileSync(doc, await saveAsLegacy(docx, 'doc'));
      const run = cli(['import', 'ke-hoach-cu.doc', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as ImportJson & {
        importReport: { fileKind: string; warnings: { message: string }[] };
      };
      expect(json.rows).toHaveLength(8);
      expect(json.importReport.fileKind).toBe('doc');
      expect(json.importReport.warnings[0]?.message).toBe(
        'Đã chuyển từ Word 97–2003 (.doc) sang .docx bằng LibreOffice.',
      );
      expect(run.stderr).toMatch(/Đã chuyển từ Word 97–2003/);

      // Without LibreOffice: refused (exit 1) with what to install or how to save it.
      const missing = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'import', 'ke-hoach-cu.doc', '--json'],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATA_DIR: noDatabase,
            INIT_CWD: work,
            SOFFICE_PATH: path.join(work, 'no-soffice-here'),
          },
          input: '',
          encoding: 'utf8',
        },
      );
      expect(missing.status).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/chưa cài LibreOffice.*Tài liệu Word \(\*\.docx\)/);
    },
  );
});
