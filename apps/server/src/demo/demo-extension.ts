import type { Database } from '@caitien/db';
import type { Kysely } from 'kysely';

/**
 * The seam between the demo seeder (`seed-demo`, issue 14) and the modules that own tables the
 * demo fills after the core data is written: budget parts and the solution library (derived data),
 * submissions, comments. The seeder writes units, schools, people, accounts, plans, assessments and
 * progress, then runs every registered extension in order, on the same database, and adds their
 * counts to its own. Extensions must be deterministic: ids from `newId`, chance from `random`,
 * times from `now` (so a re-run with the same size writes the same data).
 */
export interface DemoSchool {
  schoolId: string;
  /** The school's commune (UBND xã/phường), or null for a school directly under the Sở. */
  communeId: string | null;
  provinceId: string;
  /** Account of the principal, for what the school writes (sending, answering comments). */
  principalUserId: string;
}

export interface DemoPlan {
  planId: string;
  schoolId: string;
  schoolYear: string;
  status: string;
  /** The plan's rows, in order. */
  rowIds: readonly string[];
}

export interface DemoAssessment {
  assessmentId: string;
  schoolId: string;
  schoolYear: string;
  status: string;
}

export interface DemoOfficeUser {
  /** The commune or province the account works for. */
  unitId: string;
  userId: string;
}

export interface DemoSeedContext {
  db: Kysely<Database>;
  now: Date;
  newId(): string;
  /** A seeded generator in [0, 1). */
  random(): number;
  schools: readonly DemoSchool[];
  plans: readonly DemoPlan[];
  assessments: readonly DemoAssessment[];
  officeUsers: readonly DemoOfficeUser[];
  /**
   * Budget parts the seeder already wrote beside the rows (then the budget-parts extension does not
   * rebuild them); undefined when the rows were written without them.
   */
  budgetPartsWritten?: number;
}

export interface DemoExtension {
  name: string;
  /** Writes its part; answers what it wrote, e.g. `{ submissions: 4000 }`. */
  seed(context: DemoSeedContext): Promise<Record<string, number>>;
}
