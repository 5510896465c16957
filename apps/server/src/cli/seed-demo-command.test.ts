import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-seed-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: path.join(work, dataDir),
        CAITIEN_NOW: '2026-11-23T08:00:00.000Z',
        ...env,
      },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- seed-demo', () => {
  it('refuses wrong usage with exit 2 and a Vietnamese message', { timeout: 120_000 }, () => {
    const missing = cli('usage', ['seed-demo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cần --schools <số trường>.');
    const zero = cli('usage', ['seed-demo', '--schools', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--schools cần một số nguyên từ 1 đến 50000 (đã nhận “0”)');
    const fewCommunes = cli('usage', [
      'seed-demo',
      '--provinces',
      '3',
      '--schools',
      '9',
      '--communes',
      '2',
    ]);
    expect(fewCommunes.code).toBe(2);
    expect(fewCommunes.stderr).toContain('--communes cần ít nhất một xã/phường cho mỗi tỉnh (3)');
    const words = cli('usage', ['seed-demo', '--schools', '5', '--years', 'ba']);
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('--years cần một số nguyên');
  });

  it(
    'seeds with --json, writes nothing on a re-run of the same size, refuses another size',
    { timeout: 240_000 },
    () => {
      const run = cli('demo', ['seed-demo', '--schools', '4', '--years', '2', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        provinceId: string;
        schoolYear: string;
        counts: Record<string, number>;
        rollupTallies: { folded: number; seconds: number };
      };
      // The roll-up tallies of what was written: each school, and each school in each year.
      expect(out.rollupTallies.folded).toBe(4 * (1 + 2));
      expect(out.provinceId).toBe('c0de0000-de70-4000-8000-000000000001');
      expect(out.schoolYear).toBe('2026-2027');
      expect(out.counts).toMatchObject({ schools: 4, communes: 1 });
      expect(out.counts.planRows).toBeGreaterThan(4 * 37);
      expect(run.stderr).toContain('mật khẩu “CaiTien-Demo-2026”');

      const again = cli('demo', ['seed-demo', '--schools', '4', '--years', '2', '--json']);
      expect(again.code, again.stderr).toBe(0);
      // The same answer, with nothing left to fold.
      expect(JSON.parse(again.stdout)).toEqual({
        ...out,
        rollupTallies: { folded: 0, seconds: expect.any(Number) },
      });
      expect(again.stderr).toContain('không ghi gì');

      const other = cli('demo', ['seed-demo', '--schools', '5', '--years', '2']);
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('đã có tỉnh mẫu khác (4 trường, 1 xã/phường, 2 năm học');
    },
  );

  it(
    'refuses a database with data that is not demo data unless --force',
    { timeout: 240_000 },
    () => {
      const admin = cli(
        'real',
        ['create-admin', '--username', 'quantri', '--name', 'Quản trị viên'],
        { CAITIEN_ADMIN_PASSWORD: 'Mat-khau-quan-tri-2026!' },
      );
      expect(admin.code, admin.stderr).toBe(0);
      const refused = cli('real', ['seed-demo', '--schools', '2', '--years', '1']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('không phải dữ liệu mẫu (0 đơn vị, 1 tài khoản)');
      expect(refused.stderr).toContain('--force');
      const forced = cli('real', [
        'seed-demo',
        '--schools',
        '2',
        '--years',
        '1',
        '--force',
        '--json',
      ]);
      expect(forced.code, forced.stderr).toBe(0);
      expect((JSON.parse(forced.stdout) as { counts: { schools: number } }).counts.schools).toBe(2);
    },
  );
});
