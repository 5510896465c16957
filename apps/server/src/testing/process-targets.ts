/**
 * Places for a CaiTien process (the server or the CLI) that a test starts itself: a DATA_DIR and,
 * for PostgreSQL, a database of its own on the TEST_DATABASE_URL server, dropped by
 * `dropProcessDatabases()`. Used by the backup round trip and the kill -9 test (issue 15).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { DialectName } from '@caitien/db';
import pg from 'pg';
import { REPO_ROOT } from '../config.ts';

const createdDatabases: string[] = [];

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh DATA_DIR under `parentDir` (and a new PostgreSQL database): the process's environment. */
export async function createProcessTarget(
  dialect: DialectName,
  parentDir: string,
): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(parentDir, 'data-'));
  if (dialect === 'sqlite') return { DATA_DIR: dataDir };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `caitien_proc_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  createdDatabases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { DATA_DIR: dataDir, DATABASE_URL: url.toString() };
}

/** Drops the databases this test file created (its afterAll). */
export async function dropProcessDatabases(): Promise<void> {
  if (createdDatabases.length === 0) return;
  const names = createdDatabases.splice(0);
  await admin(async (client) => {
    for (const name of names) {
      // A killed server's connections may linger for a moment: end them first.
      await client.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await client.query(`drop database if exists ${name}`);
    }
  });
}

/** Runs `npm run cli -- <args>` (through tsx) in that environment. */
export function runCli(env: Record<string, string>, args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      encoding: 'utf8',
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * A target holding the smallest demo province (one commune, one school, one year): the demo
 * accounts (DEMO_ACCOUNTS, DEMO_PASSWORD) sign in to it. Throws with the CLI's message when seeding fails.
 */
export async function createSeededDemoTarget(
  dialect: DialectName,
  parentDir: string,
): Promise<Record<string, string>> {
  const env = await createProcessTarget(dialect, parentDir);
  const seeded = runCli(env, ['seed-demo', '--schools', '1', '--years', '1', '--communes', '1']);
  if (seeded.code !== 0) throw new Error(`seed-demo failed (${seeded.code}): ${seeded.stderr}`);
  return env;
}
