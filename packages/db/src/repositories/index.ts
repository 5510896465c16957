import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.types.ts';
import { createAssessmentRepository } from './assessment.repository.ts';
import { createAuditRepository } from './audit.repository.ts';
import { createAuthRepository } from './auth.repository.ts';
import { createEvidenceRepository } from './evidence.repository.ts';
import { createNotificationRepository } from './notification.repository.ts';
import { createPeopleRepository } from './people.repository.ts';
import { createPlanRepository } from './plan.repository.ts';
import { createReviewRoundRepository } from './review-round.repository.ts';
import { createProgressRepository } from './progress.repository.ts';
import { createUnitRepository } from './unit.repository.ts';
import { createUserRepository } from './user.repository.ts';
import { createSubmissionRepository } from './submission.repository.ts';
import { createCommentRepository } from './comment.repository.ts';
import { createPublicDisclosureRepository } from './public-disclosure.repository.ts';
import { createSolutionLibraryRepository } from './solution-library.repository.ts';
import { createRollupTallyRepository } from './rollup-tally.repository.ts';
import { createRollupRepository } from './rollup.repository.ts';
import { createPersonalDataRepository } from './personal-data.repository.ts';
import { createQueuedJobRepository } from './queued-job.repository.ts';

/** The organisation and access repositories, bound to one executor (the database or a transaction). */
export function bindRepositories(db: Kysely<Database>) {
  return {
    units: createUnitRepository(db),
    people: createPeopleRepository(db),
    users: createUserRepository(db),
    auth: createAuthRepository(db),
    audit: createAuditRepository(db),
    plans: createPlanRepository(db),
    assessments: createAssessmentRepository(db),
    evidence: createEvidenceRepository(db),
    reviewRounds: createReviewRoundRepository(db),
    progress: createProgressRepository(db),
    notifications: createNotificationRepository(db),
    submissions: createSubmissionRepository(db),
    comments: createCommentRepository(db),
    publicDisclosures: createPublicDisclosureRepository(db),
    solutionLibrary: createSolutionLibraryRepository(db),
    rollup: createRollupRepository(db),
    rollupTallies: createRollupTallyRepository(db),
    personalData: createPersonalDataRepository(db),
    queuedJobs: createQueuedJobRepository(db),
  };
}

export type BoundRepositories = ReturnType<typeof bindRepositories>;

/**
 * Repositories plus `transaction(fn)`: inside `fn` every repository runs in one transaction, so a
 * change and its audit entry are written together or not at all.
 */
export function createRepositories(db: Kysely<Database>) {
  return {
    ...bindRepositories(db),
    transaction<T>(
      fn: (tx: BoundRepositories, trx: Transaction<Database>) => Promise<T>,
      options: { serializable?: boolean } = {},
    ): Promise<T> {
      // `serializable` matters on PostgreSQL only (SQLite's single writer already is): a transaction
      // whose decision rests on what it read, not on a row it can lock (e.g. "no account exists
      // yet"), fails with SQLSTATE 40001 (`isSerializationFailure`) instead of committing a write
      // skew.
      const builder = options.serializable
        ? db.transaction().setIsolationLevel('serializable')
        : db.transaction();
      return builder.execute((trx) => fn(bindRepositories(trx), trx));
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
