import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import {
  LEGACY_FONT_ROW,
  LEGACY_FONT_ROW_TYPED,
  legacyFontDocx,
} from '../testing/legacy-font-docx.ts';

/** `npm run cli -- import` reads text typed in .VnTime as Unicode; `--no-legacy-fonts` keeps it. */

const work = mkdtempSync(path.join(tmpdir(), 'caitien-import-legacy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = path.join(work, 'ke-hoach-vntime.docx');
beforeAll(async () => writeFileSync(file, await legacyFontDocx()));

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: path.join(work, 'no-database'), INIT_CWD: work },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ImportJson {
  rows: { target: string; tasks: string; lead: string; time: { text: string } }[];
  importReport: { warnings: { code: string; message: string }[] };
}

function rowOf(json: ImportJson) {
  const row = json.rows[0];
  return row && { target: row.target, tasks: row.tasks, lead: row.lead, time: row.time.text };
}

describe('npm run cli -- import, a plan typed in .VnTime', () => {
  it('converts the text to Unicode and says so', { timeout: 60_000 }, () => {
    const run = cli(['import', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as ImportJson;
    expect(rowOf(json)).toEqual(LEGACY_FONT_ROW);
    expect(json.importReport.warnings.map((w) => w.code)).toContain('legacy-font.converted');
    expect(run.stderr).toContain('Đã chuyển 4 đoạn chữ từ phông TCVN3 (.VnTime) sang Unicode.');
  });

  it('keeps the text as typed with --no-legacy-fonts', { timeout: 60_000 }, () => {
    const run = cli(['import', file, '--json', '--no-legacy-fonts']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as ImportJson;
    expect(rowOf(json)).toEqual(LEGACY_FONT_ROW_TYPED);
    expect(json.importReport.warnings.map((w) => w.code)).toContain('legacy-font.kept');
  });
});
