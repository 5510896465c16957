import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { describeSchema } from './schema-introspection.ts';
import { openTestDatabase, testDialects } from './testing/test-database.ts';

const snapshotFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'schema.snapshot.json',
);

describe.each(testDialects())('migrations on %s', (dialect) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('migrates a fresh database and is idempotent', async () => {
    handle = await openTestDatabase(dialect);
    const first = await migrateToLatest(handle.db);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.status === 'Success')).toBe(true);
    const second = await migrateToLatest(handle.db);
    expect(second).toEqual([]);
  });

  it('produces exactly the checked-in schema snapshot (drift test)', async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    const actual = await describeSchema(handle);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1' && dialect === 'sqlite') {
      writeFileSync(snapshotFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(snapshotFile, 'utf8')) as unknown;
    expect(actual).toEqual(expected);
  });

  it('enforces foreign keys', async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    await expect(
      handle.db
        .insertInto('framework_standards')
        .values({
          id: 'X@1:1',
          framework_id: 'X@1',
          code: '1',
          title: 't',
          title_variants_json: '[]',
          verification_note: null,
          position: 0,
        })
        .execute(),
    ).rejects.toThrow();
  });
});
