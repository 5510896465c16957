import type { FrameworkDefinition } from '@caitien/core';
import { frameworkVersionId } from '@caitien/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.types.ts';
import {
  createFrameworkRepository,
  hashFrameworkContent,
} from '../repositories/framework.repository.ts';

/** What a catalogue seed did. */
export interface FrameworkSeedReport {
  inserted: string[];
  unchanged: string[];
  /** Versions present in the database whose content differs from the shipped data (kept as stored). */
  differing: string[];
}

/**
 * Loads the shipped framework catalogue: inserts versions the database lacks and leaves existing ones
 * alone. A stored version is never overwritten from data files: corrections made by an administrator
 * live in the database, and a version used by a plan is immutable.
 */
export async function seedFrameworkCatalogue(
  db: Kysely<Database>,
  catalogue: FrameworkDefinition[],
  now: string,
): Promise<FrameworkSeedReport> {
  const repository = createFrameworkRepository(db);
  const report: FrameworkSeedReport = { inserted: [], unchanged: [], differing: [] };
  await repository.transaction(async (trx) => {
    for (const definition of catalogue) {
      const id = frameworkVersionId(definition.code, definition.version);
      const stored = await trx
        .selectFrom('framework_versions')
        .select('content_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!stored) {
        await repository.insertVersion(definition, { now, trx });
        report.inserted.push(id);
      } else if (stored.content_hash === hashFrameworkContent(definition)) {
        report.unchanged.push(id);
      } else {
        report.differing.push(id);
      }
    }
  });
  return report;
}
