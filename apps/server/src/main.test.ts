import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caitien-main-'));
  tempDirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready: ${url}`);
}

// Each test starts the server as its own process, a cold tsx start: on a busy machine that alone
// took over 20 s (load average 20 on 2 cores). The limit covers it and the 60 s readiness wait.
describe('server process', { timeout: 90_000 }, () => {
  it('exits with a clear message when the database cannot be opened', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const run = startMain({ DATA_DIR: blocker, PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Không mở được cơ sở dữ liệu');
  });

  it('exits with a clear message when the SQLite file is not a database', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'caitien.db'), 'đây không phải là cơ sở dữ liệu '.repeat(200));
    const run = startMain({ DATA_DIR: dir, PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Không mở được cơ sở dữ liệu');
    expect(run.output()).not.toContain('CaiTien ready');
  });

  it('exits with a clear message when PostgreSQL is unreachable', async () => {
    const run = startMain({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Không mở được cơ sở dữ liệu');
  });

  it('refuses a malformed configuration, naming the variable', async () => {
    const run = startMain({ PORT: 'abc', DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT');
  });

  it('refuses a clock that is not an instant, in Vietnamese', async () => {
    const run = startMain({ CAITIEN_NOW: '15/02/2026', DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('CAITIEN_NOW: phải là một thời điểm ISO 8601 có múi giờ');
  });

  it('starts on an empty data folder, serves, and stops gracefully on SIGTERM', async () => {
    const port = await freePort();
    // The fixed clock and the background jobs (on by default) start and stop with the server.
    const run = startMain({
      DATA_DIR: tempDir(),
      PORT: String(port),
      CAITIEN_NOW: '2026-02-15T09:00:00+07:00',
    });
    await waitForReady(`http://127.0.0.1:${port}/readyz`, 60_000);
    const res = await fetch(`http://127.0.0.1:${port}/api/frameworks`);
    expect(res.status).toBe(200);
    expect(run.output()).toContain('CaiTien ready');
    expect(run.output()).toContain('"fixedClock":"2026-02-15T09:00:00+07:00"');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('stopped');
  });
});
