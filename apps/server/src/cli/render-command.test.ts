import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findSoffice } from '@caitien/documents';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBieu2Plan } from '@caitien/documents/testing';
import { REPO_ROOT } from '../config.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      // No DATA_DIR: render must not need (or create) a database.
      env: { ...process.env, DATA_DIR: path.join(work, 'no-database-here'), ...env },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const planFile = path.join(work, 'plan.json');
writeFileSync(planFile, JSON.stringify({ ...sampleBieu2Plan(), importReport: { ignored: true } }));

describe('npm run cli -- render', () => {
  it(
    'writes a DOCX in the plan’s own layout; --json reports on stdout only',
    { timeout: 60_000 },
    async () => {
      const out = path.join(work, 'ke-hoach.docx');
      const run = cli(['render', planFile, '--format', 'docx', '--out', out, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as { layout: string; rows: number; format: string };
      expect(report).toMatchObject({ layout: 'bieu2', rows: 2, format: 'docx' });
      const zip = await JSZip.loadAsync(readFileSync(out));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('Nâng cao năng lực ứng dụng công nghệ số của giáo viên');
      expect(xml).toContain('Chỉ số đánh giá kết quả');
    },
  );

  it('takes --layout and writes XLSX', { timeout: 60_000 }, () => {
    const out = path.join(work, 'ke-hoach.xlsx');
    const run = cli(['render', planFile, '--format', 'xlsx', '--layout', 'A', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('mẫu A');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  // Six CLI processes, each a cold tsx start (17 s apiece measured at load average 20): the limit
  // only guards against a hang.
  it('refuses bad input with exit 1 and wrong usage with exit 2', { timeout: 180_000 }, () => {
    const bad = path.join(work, 'bad.json');
    writeFileSync(bad, '{"formatVersion": 1, "rows": "nope"');
    expect(
      cli(['render', bad, '--format', 'docx', '--out', path.join(work, 'x.docx')]),
    ).toMatchObject({
      code: 1,
      stdout: '',
    });
    const wrongShape = path.join(work, 'shape.json');
    writeFileSync(wrongShape, '{"formatVersion": 2}');
    const shape = cli([
      'render',
      wrongShape,
      '--format',
      'docx',
      '--out',
      path.join(work, 'x.docx'),
    ]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain('không đúng định dạng kế hoạch');
    const layout = cli([
      'render',
      planFile,
      '--format',
      'docx',
      '--layout',
      'C',
      '--out',
      'x.docx',
    ]);
    expect(layout.code).toBe(2);
    expect(layout.stderr).toContain('Mẫu trình bày không hợp lệ');
    expect(cli(['render', planFile, '--format', 'odt', '--out', 'x.odt']).code).toBe(2);
    expect(cli(['render', planFile, '--format', 'docx']).code).toBe(2);
    expect(cli(['render', '--format', 'docx', '--out', 'x.docx']).code).toBe(2);
  });

  it('says what to install when PDF is asked for without LibreOffice', { timeout: 60_000 }, () => {
    const run = cli(['render', planFile, '--format', 'pdf', '--out', path.join(work, 'x.pdf')], {
      SOFFICE_PATH: path.join(work, 'no-soffice'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('libreoffice-writer-nogui');
  });

  it.runIf(findSoffice() !== null)('writes a PDF through LibreOffice', { timeout: 120_000 }, () => {
    const out = path.join(work, 'ke-hoach.pdf');
    const run = cli(['render', planFile, '--format', 'pdf', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
