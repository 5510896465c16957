import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-framework-catalogue.ts';

/** Every migration, in order. Imported statically so migrations work without a file scan or a build. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-framework-catalogue': m0001,
};

/** A Kysely migration provider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
