/**
 * The table → ownership mapping of unit moves (issue 15) cannot rot: every table of the migrated
 * schema is classified, and every column the mapping names exists. A new migration's table fails
 * here until someone decides whether it moves with a unit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { describeSchema } from './schema-introspection.ts';
import { openTestDatabase, testDialects } from './testing/test-database.ts';
import { OWNED_TABLES, UNIT_TRANSFER_TABLES, type TableName } from './unit-transfer.ts';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

describe.each(testDialects())('unit transfer mapping on %s', (dialect) => {
  it('classifies every table of the migrated schema and names only real columns', async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
    const schema = await describeSchema(handle);
    expect(Object.keys(UNIT_TRANSFER_TABLES).sort()).toEqual(Object.keys(schema).sort());

    for (const table of OWNED_TABLES) {
      const entry = UNIT_TRANSFER_TABLES[table];
      if (entry.kind !== 'owned') continue;
      const columns = Object.keys(schema[table] ?? {});
      const named = [
        ...entry.key,
        ...(entry.files ?? []),
        ...(entry.frameworks ?? []),
        ...(entry.outsideUnits ?? []),
        ...(entry.owner === 'subtree' ? [] : entry.owner.map((v) => v.column)),
      ];
      for (const column of named) expect(columns, `${table}.${column}`).toContain(column);
      if (entry.owner === 'subtree') continue;
      for (const via of entry.owner) {
        expect(OWNED_TABLES, `${table} via ${via.table}`).toContain(via.table);
        expect(Object.keys(schema[via.table] ?? {})).toContain(via.parentColumn);
      }
    }
  });

  it('writes parents before children (foreign keys)', () => {
    const order = new Map<TableName, number>(OWNED_TABLES.map((t, i) => [t, i]));
    for (const table of OWNED_TABLES) {
      const entry = UNIT_TRANSFER_TABLES[table];
      if (entry.kind !== 'owned' || entry.owner === 'subtree') continue;
      for (const via of entry.owner) {
        // Users are selected through their roles but written before them (roles cite users).
        if (table === 'users') continue;
        expect(order.get(via.table)!, `${via.table} before ${table}`).toBeLessThan(
          order.get(table)!,
        );
      }
    }
  });
});
