import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-framework-catalogue.ts';
import * as m0002 from './0002-organisation-and-access.ts';
import * as m0003 from './0003-plans.ts';
import * as m0004 from './0004-plan-content-sequence.ts';
import * as m0005 from './0005-plan-kernel.ts';
import * as m0006 from './0006-account-invariants.ts';
import * as m0007 from './0007-self-assessment.ts';
import * as m0008 from './0008-monitoring.ts';
import * as m0009 from './0009-office-rollup.ts';
import * as m0010 from './0010-submissions.ts';
import * as m0011 from './0011-comments.ts';
import * as m0012 from './0012-solution-library.ts';
import * as m0013 from './0013-public-disclosure.ts';
import * as m0014 from './0014-rollup-covering-indexes.ts';
import * as m0015 from './0015-plan-rollup-summaries.ts';
import * as m0016 from './0016-auth-epoch.ts';
import * as m0017 from './0017-queued-jobs.ts';
import * as m0018 from './0018-rollup-tallies.ts';

/** Every migration, in order. Imported statically so migrations work without a file scan or a build. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-framework-catalogue': m0001,
  '0002-organisation-and-access': m0002,
  '0003-plans': m0003,
  '0004-plan-content-sequence': m0004,
  '0005-plan-kernel': m0005,
  '0006-account-invariants': m0006,
  '0007-self-assessment': m0007,
  '0008-monitoring': m0008,
  '0009-office-rollup': m0009,
  '0010-submissions': m0010,
  '0011-comments': m0011,
  '0012-solution-library': m0012,
  '0013-public-disclosure': m0013,
  '0014-rollup-covering-indexes': m0014,
  '0015-plan-rollup-summaries': m0015,
  '0016-auth-epoch': m0016,
  '0017-queued-jobs': m0017,
  '0018-rollup-tallies': m0018,
};

/** A Kysely migration provider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
