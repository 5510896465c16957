import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-school-level-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const noDatabase = path.join(work, 'no-database-here');

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      // No database: school-level must not need (or create) one.
      env: { ...process.env, DATA_DIR: noDatabase, INIT_CWD: work },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let fileCount = 0;
function inputFile(json: unknown): string {
  fileCount += 1;
  const name = `ket-qua-${fileCount}.json`;
  writeFileSync(path.join(work, name), typeof json === 'string' ? json : JSON.stringify(json));
  return name;
}

/** TT17 criteria codes (5 standards: 10 + 4 + 6 + 2 + 5) and those without Mức 3. */
const TT17_CODES = [
  ...Array.from({ length: 10 }, (_, i) => `1.${i + 1}`),
  ...Array.from({ length: 4 }, (_, i) => `2.${i + 1}`),
  ...Array.from({ length: 6 }, (_, i) => `3.${i + 1}`),
  ...Array.from({ length: 2 }, (_, i) => `4.${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `5.${i + 1}`),
];
const TT17_WITHOUT_LEVEL3 = new Set(['1.2', '1.5', '1.7', '1.8', '1.9', '1.10', '3.4', '5.1']);
const tt17AtLevel3 = Object.fromEntries(
  TT17_CODES.map((c) => [c, TT17_WITHOUT_LEVEL3.has(c) ? 2 : 3]),
);

interface SchoolLevelJson {
  schoolLevel: number;
  reason: string;
  blockers: {
    criterionCode: string | null;
    level4Key: string | null;
    needed: number;
    message: string;
  }[];
  nextLevel: number | null;
  framework: string;
}

describe('npm run cli -- school-level', () => {
  it(
    'prints the school level, its reason and its blockers as one JSON document',
    { timeout: 60_000 },
    () => {
      const file = inputFile({
        framework: 'TT17',
        criteria: { ...tt17AtLevel3, '2.3': 2 },
        level4Met: [true, true, true, true, true],
      });
      const run = cli(['school-level', file, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as SchoolLevelJson;
      expect(json).toMatchObject({ schoolLevel: 2, nextLevel: 3, framework: 'TT17@2' });
      expect(json.blockers).toEqual([expect.objectContaining({ criterionCode: '2.3', needed: 3 })]);
      expect(json.reason).toContain('chưa đạt Mức 3 (2.3)');
      expect(existsSync(noDatabase)).toBe(false);
    },
  );

  it(
    'Mức 4 for a TT17 school with every Mức 4 item; a Vietnamese line without --json',
    { timeout: 60_000 },
    () => {
      const file = inputFile({
        framework: 'TT17@1',
        criteria: tt17AtLevel3,
        level4Met: [true, true, true, true, true],
      });
      const run = cli(['school-level', file]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Trường đạt Mức 4 \(TT17@1\)\. Đạt Mức 4/u);
    },
  );

  it('TT57: names how many more non-mandatory criteria are needed', { timeout: 60_000 }, () => {
    const mandatory = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];
    const others = ['1.1', '1.2', '2.3', '3.3', '3.4', '3.5', '4.3'];
    const criteria = Object.fromEntries([
      ...mandatory.map((c) => [c, 2]),
      ...others.map((c, i) => [c, i < 4 ? 2 : 1]),
    ]);
    const run = cli(['school-level', inputFile({ framework: 'TT57-PT', criteria }), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as SchoolLevelJson;
    expect(json.schoolLevel).toBe(1);
    expect(json.reason).toContain('cần thêm 1 tiêu chí không bắt buộc đạt Mức 2');
    expect(json.blockers.map((b) => b.criterionCode)).toEqual(['3.4']);
  });

  it(
    'refuses unknown frameworks, missing and unknown criteria, levels a criterion has not (exit 1)',
    { timeout: 60_000 },
    () => {
      const { '1.1': _dropped, ...missing11 } = tt17AtLevel3;
      const run = cli([
        'school-level',
        inputFile({
          framework: 'TT17',
          criteria: { ...missing11, '1.2': 3, '9.9': 1 },
          level4Met: [true],
        }),
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Tiêu chí 1.2 không có Mức 3');
      expect(run.stderr).toContain('Tiêu chí 9.9 không có trong TT17');
      expect(run.stderr).toContain('Thiếu mức của tiêu chí: 1.1');
      expect(run.stderr).toContain('"level4Met" có 1 giá trị nhưng TT17 có 5 yêu cầu Mức 4');
      const unknown = cli(['school-level', inputFile({ framework: 'TT20', criteria: {} })]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Bộ tiêu chuẩn "TT20" không có');
      const notJson = cli(['school-level', inputFile('{ "framework": ')]);
      expect(notJson.code).toBe(1);
      expect(notJson.stderr).toContain('không phải JSON hợp lệ');
    },
  );

  it('wrong usage exits 2', { timeout: 60_000 }, () => {
    const run = cli(['school-level']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cần đúng một tệp kết quả');
  });
});
