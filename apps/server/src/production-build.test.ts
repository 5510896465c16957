/**
 * The production build (`npm run build`, scripts/build-lib.mjs): the bundled server starts on an
 * empty data folder with plain Node, serves, parses an uploaded plan in its bundled worker, and
 * stops on SIGTERM; the bundled CLI runs. Built into a folder of its own beside apps/server/dist,
 * so the test never touches the build `npm start` uses.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.ts';
import { syntheticPlan } from '@caitien/documents/testing';
import { createParsePool } from './documents/parse-pool.ts';
import { freePort } from './testing/server-process.ts';

interface BuildLib {
  buildServer(options: { outdir: string }): Promise<number>;
}

const outdir = path.join(REPO_ROOT, 'apps/server', `.test-dist-${process.pid}`);
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caitien-build-'));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const lib = (await import(
    pathToFileURL(path.join(REPO_ROOT, 'scripts/build-lib.mjs')).href
  )) as BuildLib;
  await lib.buildServer({ outdir });
}, 120_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the production build', { timeout: 90_000 }, () => {
  it('writes the server, the CLI and the parse worker, with no TypeScript left to load', () => {
    const stamp = JSON.parse(readFileSync(path.join(outdir, 'build.json'), 'utf8')) as {
      entries: Record<string, string>;
    };
    expect(Object.values(stamp.entries)).toEqual([
      'apps/server/src/main.ts',
      'apps/server/src/cli/main.ts',
      'apps/server/src/documents/parse-worker.ts',
    ]);
    const main = readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/require\(['"]@caitien\//);
    expect(main).not.toMatch(/require\(['"]tsx/);
    expect(main).toContain('require("better-sqlite3")');
  });

  async function startCompiled(dataDir: string) {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(outdir, 'server.cjs')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CAITIEN_NOW: '2026-02-15T09:00:00+07:00',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (res) => res.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, output).toBe(true);
    return { base: `http://127.0.0.1:${port}`, child, exited, output: () => output };
  }

  it('starts with plain node on an empty data folder, serves, and stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = await startCompiled(dataDir);
    const frameworks = await fetch(`${first.base}/api/frameworks`);
    expect(frameworks.status).toBe(200);
    expect(JSON.stringify(await frameworks.json())).toContain('TT57');
    const spec = await fetch(`${first.base}/api/openapi.json`);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    // The API docs page comes from @fastify/swagger-ui, which stays in node_modules.
    const docs = await fetch(`${first.base}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const missing = await fetch(`${first.base}/api/khong-co`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /^Không tìm thấy/,
    );
    expect(first.output()).toContain('CaiTien ready');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped');

    // The first start left V8's code cache beside the bundle; the next start compiles with it.
    expect(existsSync(path.join(outdir, 'main.cjs.v8cache'))).toBe(true);
    const second = await startCompiled(dataDir);
    expect((await fetch(`${second.base}/api/frameworks`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('parses an uploaded plan in the bundled worker thread', async () => {
    const pool = createParsePool({
      workerUrl: pathToFileURL(path.join(outdir, 'parse-worker.cjs')),
      size: 1,
    });
    try {
      const bytes = readFileSync(
        path.join(REPO_ROOT, 'packages/documents/test-fixtures/plans/seed004-layout-a.docx'),
      );
      const preview = await pool.previewPlan({ kind: 'file', bytes: new Uint8Array(bytes) }, {});
      expect(preview.ok).toBe(true);
      // The worker sends the prepared plan back as JSON bytes (transferred, not copied).
      const planJson = (preview as { planJson?: Uint8Array }).planJson;
      const plan = new TextDecoder().decode(planJson);
      expect(plan).toContain('Hình ảnh phương hướng chiến lược');
      expect(preview).toMatchObject({ header: { signerName: 'Đỗ Văn Hênh' } });
      // Large plans are rendered there too (DOCX and XLSX; exceljs loads from node_modules).
      for (const format of ['docx', 'xlsx'] as const) {
        const rendered = await pool.renderPlan({
          plan: syntheticPlan('A', 200),
          options: {},
          format,
        });
        expect(Buffer.from(rendered.bytes.subarray(0, 2)).toString()).toBe('PK');
        expect(rendered.fileBaseName).toContain('Kế hoạch cải tiến chất lượng');
      }
    } finally {
      await pool.close();
    }
  });

  it('runs the bundled CLI: usage errors exit 2, migrate exits 0', () => {
    const cli = path.join(outdir, 'cli.cjs');
    const usage = spawnSync(process.execPath, [cli, 'khong-co-lenh'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Cách dùng');
    const migrate = spawnSync(process.execPath, [cli, 'migrate'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: tempDir() },
    });
    expect(migrate.status, migrate.stderr).toBe(0);
  });
});
