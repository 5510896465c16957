import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, ...env },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  it('migrate prints JSON with --json and nothing else on stdout', { timeout: 60_000 }, () => {
    const run = cli(['migrate', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { database: string; seed: { inserted: string[] } };
    expect(report.database).toBe('sqlite');
  });

  it(
    'create-admin takes the password from the environment or a file, never from stdin',
    { timeout: 60_000 },
    () => {
      const fromEnv = cli(
        ['create-admin', '--username', 'quantri', '--name', 'Quản trị viên', '--json'],
        {
          CAITIEN_ADMIN_PASSWORD: 'Mat-khau-quan-tri-2026',
        },
      );
      expect(fromEnv.code).toBe(0);
      expect(JSON.parse(fromEnv.stdout)).toMatchObject({ username: 'quantri' });

      const file = path.join(dataDir, 'pw.txt');
      writeFileSync(file, 'Mat-khau-tu-tep-2026\n');
      const fromFile = cli([
        'create-admin',
        '--username',
        'quantri2',
        '--name',
        'Hai',
        '--password-file',
        file,
      ]);
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout).toBe('');
      expect(fromFile.stderr).toContain('Đã tạo quản trị viên');
    },
  );

  // Spawns six processes: generous timeout for a loaded 2-core machine.
  it(
    'refuses bad input with exit code 1 and wrong usage with 2, in Vietnamese',
    { timeout: 120_000 },
    () => {
      const duplicate = cli(['create-admin', '--username', 'QuanTri', '--name', 'Trùng'], {
        CAITIEN_ADMIN_PASSWORD: 'Mat-khau-quan-tri-2026',
      });
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('đã có người dùng');
      const weak = cli(['create-admin', '--username', 'yeu', '--name', 'Yếu'], {
        CAITIEN_ADMIN_PASSWORD: 'ngan',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('ít nhất 10 ký tự');
      const noPassword = cli(['create-admin', '--username', 'khong', '--name', 'Không'], {
        CAITIEN_ADMIN_PASSWORD: '',
      });
      expect(noPassword.code).toBe(1);
      expect(cli(['create-admin', '--name', 'Thiếu tên đăng nhập']).code).toBe(2);
      expect(cli(['lenh-la']).code).toBe(2);
      expect(cli([]).code).toBe(2);
    },
  );
});
