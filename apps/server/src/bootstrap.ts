import { loadFrameworkCatalogue } from '@caitien/core';
import {
  createFrameworkRepository,
  createRepositories,
  migrateToLatest,
  openDatabase,
  pingDatabase,
  seedFrameworkCatalogue,
  type DatabaseConfig,
  type DatabaseHandle,
  type FrameworkSeedReport,
} from '@caitien/db';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { rebuildAssessmentOutcomes } from './modules/assessments/assessment-outcome.ts';
import { rebuildPlanRollupSummaries } from './modules/rollup/plan-rollup-summaries.ts';

/**
 * Opens the database, migrates it and loads the shipped framework catalogue. Any failure closes what
 * was opened and throws a message a person can act on: the process must never half-start.
 */
export async function prepareDatabase(
  config: DatabaseConfig,
  clock: Clock = systemClock,
  options: {
    /**
     * 'now' (default; the commands): rebuild missing plan roll-up summaries before returning.
     * 'queued': the server leaves it to its job queue ('rollup-refresh', enqueued when ready), so a
     * large installation starts listening at once.
     */
    rollupSummaries?: 'now' | 'queued';
  } = {},
): Promise<{ database: DatabaseHandle; seed: FrameworkSeedReport }> {
  let database: DatabaseHandle;
  try {
    database = openDatabase(config);
  } catch (error) {
    throw new Error(
      `Không mở được cơ sở dữ liệu (${config.databaseUrl ? 'PostgreSQL' : (config.dataDir ?? config.sqliteFile)}): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  try {
    await pingDatabase(database.db);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new Error(
      `Không mở được cơ sở dữ liệu tại ${database.location}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  try {
    await migrateToLatest(database.db);
    const seed = await seedFrameworkCatalogue(
      database.db,
      loadFrameworkCatalogue(),
      clock.now().toISOString(),
    );
    // Assessments approved before migration 0009 get their stored levels for the roll-up.
    await rebuildAssessmentOutcomes({
      repositories: createRepositories(database.db),
      frameworkRepository: createFrameworkRepository(database.db),
    });
    // Plans approved before migration 0015 get their roll-up summaries (or the server's queue does).
    if (options.rollupSummaries !== 'queued') {
      await rebuildPlanRollupSummaries(createRepositories(database.db), clock.now().toISOString());
    }
    return { database, seed };
  } catch (error) {
    await database.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      reason.startsWith('Không')
        ? reason
        : `Không mở được cơ sở dữ liệu tại ${database.location}: ${reason}`,
      { cause: error },
    );
  }
}
