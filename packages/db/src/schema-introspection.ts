import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './connection.ts';
import type { Database } from './database.types.ts';

/** A portable description of the schema: tables → columns with normalised types and nullability. */
export type SchemaDescription = Record<string, Record<string, { type: string; nullable: boolean }>>;

const TYPE_NAMES: Record<string, string> = {
  int4: 'integer',
  int8: 'bigint',
  integer: 'integer',
  bigint: 'bigint',
  text: 'text',
  varchar: 'text',
  bool: 'boolean',
  boolean: 'boolean',
};

/**
 * Describes the migrated schema the same way on SQLite and PostgreSQL, for the drift test: the
 * checked-in snapshot must match what the migrations produce on both engines.
 */
export async function describeSchema(handle: DatabaseHandle): Promise<SchemaDescription> {
  const db = handle.db as Kysely<Database>;
  const tables = await db.introspection.getTables();
  let schemaName: string | undefined;
  if (handle.dialect === 'postgres') {
    const row = await db
      .selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('name'))
      .executeTakeFirstOrThrow();
    schemaName = row.name;
  }
  const description: SchemaDescription = {};
  for (const table of tables
    .filter((t) => !t.isView && (schemaName === undefined || t.schema === schemaName))
    .filter((t) => !t.name.startsWith('kysely_'))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const columns: SchemaDescription[string] = {};
    for (const column of [...table.columns].sort((a, b) => a.name.localeCompare(b.name))) {
      const raw = column.dataType.toLowerCase();
      columns[column.name] = { type: TYPE_NAMES[raw] ?? raw, nullable: column.isNullable };
    }
    description[table.name] = columns;
  }
  return description;
}
