/**
 * The personal-data register (`@caitien/core` PERSONAL_DATA_REGISTER, docs/personal-data.md) covers
 * the schema: every column named like personal data is registered or declared not personal, and
 * every registered column exists (NĐ 13/2023; issue 15). The schema is the drift snapshot, which
 * migrate.test.ts keeps equal to what the migrations build on both engines.
 */
import { readFileSync } from 'node:fs';
import {
  NOT_PERSONAL_COLUMNS,
  PERSONAL_COLUMN_PATTERN,
  PERSONAL_DATA_REGISTER,
} from '@caitien/core';
import { describe, expect, it } from 'vitest';
import type { SchemaDescription } from './schema-introspection.ts';

const schema = JSON.parse(
  readFileSync(new URL('./schema.snapshot.json', import.meta.url), 'utf8'),
) as SchemaDescription;

const registered = new Set(PERSONAL_DATA_REGISTER.map((f) => `${f.table}.${f.column}`));

describe('personal-data register', () => {
  it('covers every column of the schema whose name looks personal', () => {
    const missing = Object.entries(schema).flatMap(([table, columns]) =>
      Object.keys(columns)
        .filter((column) => PERSONAL_COLUMN_PATTERN.test(column))
        .map((column) => `${table}.${column}`)
        .filter((key) => !registered.has(key) && !(key in NOT_PERSONAL_COLUMNS)),
    );
    expect(
      missing,
      'Add these to PERSONAL_DATA_REGISTER (packages/core/src/personal-data) and docs/personal-data.md, or to NOT_PERSONAL_COLUMNS with the reason',
    ).toEqual([]);
  });

  it('names only columns that exist, each once', () => {
    const keys = [
      ...PERSONAL_DATA_REGISTER.map((f) => `${f.table}.${f.column}`),
      ...Object.keys(NOT_PERSONAL_COLUMNS),
    ];
    expect(
      keys.filter((key) => !schema[key.split('.')[0] ?? '']?.[key.split('.')[1] ?? '']),
    ).toEqual([]);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('keys every account or directory field by a column of its own table', () => {
    const bad = PERSONAL_DATA_REGISTER.filter(
      (f) =>
        f.subject !== 'document_text' && f.subjectKey !== null && !schema[f.table]?.[f.subjectKey],
    );
    expect(bad).toEqual([]);
  });

  it('is the register docs/personal-data.md lists', () => {
    const docs = readFileSync(new URL('../../../docs/personal-data.md', import.meta.url), 'utf8');
    const undocumented = [...registered, ...Object.keys(NOT_PERSONAL_COLUMNS)].filter(
      (key) => !docs.includes(`\`${key}\``),
    );
    expect(undocumented, 'List these in docs/personal-data.md').toEqual([]);
  });

  it('catches a new personal column (the pattern works)', () => {
    for (const name of ['contact_phone', 'guardian_name', 'owner_user_id', 'email', 'signed_by'])
      expect(PERSONAL_COLUMN_PATTERN.test(name), name).toBe(true);
    for (const name of ['id', 'status', 'school_year', 'content_hash'])
      expect(PERSONAL_COLUMN_PATTERN.test(name), name).toBe(false);
  });
});
