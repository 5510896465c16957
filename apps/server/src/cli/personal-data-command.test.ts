/**
 * `npm run cli -- personal-data export|erase` (issue 15, NĐ 13/2023): the operator's path for a data
 * subject's request, on both engines; exit codes per CONTRACTS.md "CLI".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testDialects } from '@caitien/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessTarget, dropProcessDatabases, runCli } from '../testing/process-targets.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-personal-data-'));
afterAll(async () => {
  await dropProcessDatabases();
  rmSync(work, { recursive: true, force: true });
});

describe.each(testDialects())('personal-data CLI on %s', (dialect) => {
  it('exports, refuses the last administrator, erases and says so', async () => {
    const env = await createProcessTarget(dialect, work);
    const withPassword = { ...env, CAITIEN_ADMIN_PASSWORD: 'Quan-tri-he-thong-2026' };
    const admin = (username: string, name: string) => {
      const made = runCli(withPassword, [
        'create-admin',
        '--username',
        username,
        '--name',
        name,
        '--email',
        `${username}@so.edu.vn`,
        '--json',
      ]);
      expect(made.code, made.stderr).toBe(0);
      return (JSON.parse(made.stdout) as { id: string }).id;
    };
    const first = admin('tran.binh', 'Trần Văn Bình');

    const exported = runCli(env, ['personal-data', 'export', '--user', first]);
    expect(exported.code, exported.stderr).toBe(0);
    const data = JSON.parse(exported.stdout) as {
      account: { account: { displayName: string; email: string } };
      subject: { erased: boolean };
    };
    expect(data.account.account).toMatchObject({
      displayName: 'Trần Văn Bình',
      email: 'tran.binh@so.edu.vn',
    });
    expect(data.subject.erased).toBe(false);

    const refused = runCli(env, ['personal-data', 'erase', '--user', first, '--reason', 'Đơn']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/quản trị viên cuối cùng/);

    admin('le.an', 'Lê Thị An');
    const erased = runCli(env, [
      'personal-data',
      'erase',
      '--user',
      first,
      '--reason',
      'Đơn đề nghị ngày 01/12/2026',
      '--json',
    ]);
    expect(erased.code, erased.stderr).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ userId: first, personId: null });

    const after = runCli(env, ['personal-data', 'export', '--user', first]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain('Trần Văn Bình');
    expect(after.stdout).not.toContain('tran.binh@');
    expect((JSON.parse(after.stdout) as { subject: { erased: boolean } }).subject.erased).toBe(
      true,
    );

    const unknown = runCli(env, ['personal-data', 'export', '--person', first]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Không tìm thấy/);
    const usage = runCli(env, ['personal-data', 'erase', '--user', first]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--reason/);
    // Eight CLI processes, each starting through tsx.
  }, 180_000);
});
