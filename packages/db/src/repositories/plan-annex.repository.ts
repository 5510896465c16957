import type { Kysely } from 'kysely';
import type { Database, PlanFocusIssuesTable, PlanReviewsTable } from '../database.types.ts';
import type { FocusIssueRecord, ReviewRecord } from './plan-records.ts';

function toFocusIssue(row: PlanFocusIssuesTable): FocusIssueRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    position: row.position,
    standardCode: row.standard_code,
    criterionCode: row.criterion_code,
    currentState: row.current_state,
    limitation: row.limitation,
    cause: row.cause,
    version: row.version,
  };
}

function toReview(row: PlanReviewsTable): ReviewRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    position: row.position,
    roundLabel: row.round_label,
    content: row.content,
    result: row.result,
    adjustment: row.adjustment,
    reviewer: row.reviewer,
    version: row.version,
  };
}

/** SQL about a plan's focus issues (Biểu 2 mục IV) and review rounds (mục VI). */
export function createPlanAnnexRepository(
  db: Kysely<Database>,
  touchContent: (planId: string) => Promise<void>,
) {
  /**
   * The answer of a versioned update of a focus issue or review round: saved (and the plan's content
   * sequence moved), or why not: another version is stored (conflict) or the item is gone (missing).
   */
  async function outcomeOf(
    table: 'plan_focus_issues' | 'plan_reviews',
    planId: string,
    id: string,
    updatedRows: bigint,
  ): Promise<'saved' | 'conflict' | 'missing'> {
    if (Number(updatedRows) === 1) {
      await touchContent(planId);
      return 'saved';
    }
    const exists = await db
      .selectFrom(table)
      .select('id')
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    return exists ? 'conflict' : 'missing';
  }

  return {
    async listFocusIssues(planId: string): Promise<FocusIssueRecord[]> {
      const rows = await db
        .selectFrom('plan_focus_issues')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toFocusIssue);
    },

    /** The position after the plan's last focus issue (read in the writing transaction). */
    async nextFocusPosition(planId: string): Promise<number> {
      const row = await db
        .selectFrom('plan_focus_issues')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
    },

    async insertFocusIssue(issue: Omit<FocusIssueRecord, 'version'>) {
      await db
        .insertInto('plan_focus_issues')
        .values({
          id: issue.id,
          plan_id: issue.planId,
          position: issue.position,
          standard_code: issue.standardCode,
          criterion_code: issue.criterionCode,
          current_state: issue.currentState,
          limitation: issue.limitation,
          cause: issue.cause,
          version: 1,
        })
        .execute();
      await touchContent(issue.planId);
    },

    /** Updates a focus issue (mục IV) if its version is still `version`. */
    async updateFocusIssue(
      planId: string,
      issueId: string,
      version: number,
      changes: {
        standardCode?: string | null;
        criterionCode?: string | null;
        currentState?: string;
        limitation?: string;
        cause?: string;
      },
    ): Promise<'saved' | 'conflict' | 'missing'> {
      const result = await db
        .updateTable('plan_focus_issues')
        .set({
          ...(changes.standardCode !== undefined ? { standard_code: changes.standardCode } : {}),
          ...(changes.criterionCode !== undefined ? { criterion_code: changes.criterionCode } : {}),
          ...(changes.currentState !== undefined ? { current_state: changes.currentState } : {}),
          ...(changes.limitation !== undefined ? { limitation: changes.limitation } : {}),
          ...(changes.cause !== undefined ? { cause: changes.cause } : {}),
          version: version + 1,
        })
        .where('plan_id', '=', planId)
        .where('id', '=', issueId)
        .where('version', '=', version)
        .executeTakeFirst();
      return outcomeOf('plan_focus_issues', planId, issueId, result.numUpdatedRows);
    },

    async deleteFocusIssue(planId: string, issueId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('plan_focus_issues')
        .where('plan_id', '=', planId)
        .where('id', '=', issueId)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) === 1;
      if (deleted) await touchContent(planId);
      return deleted;
    },

    async listReviews(planId: string): Promise<ReviewRecord[]> {
      const rows = await db
        .selectFrom('plan_reviews')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toReview);
    },

    async insertReview(review: Omit<ReviewRecord, 'version'>) {
      await db
        .insertInto('plan_reviews')
        .values({
          id: review.id,
          plan_id: review.planId,
          position: review.position,
          round_label: review.roundLabel,
          content: review.content,
          result: review.result,
          adjustment: review.adjustment,
          reviewer: review.reviewer,
          version: 1,
        })
        .execute();
      await touchContent(review.planId);
    },

    /** Updates a review round (mục VI) if its version is still `version`. */
    async updateReview(
      planId: string,
      reviewId: string,
      version: number,
      changes: { content?: string; result?: string; adjustment?: string; reviewer?: string },
    ): Promise<'saved' | 'conflict' | 'missing'> {
      const result = await db
        .updateTable('plan_reviews')
        .set({ ...changes, version: version + 1 })
        .where('plan_id', '=', planId)
        .where('id', '=', reviewId)
        .where('version', '=', version)
        .executeTakeFirst();
      return outcomeOf('plan_reviews', planId, reviewId, result.numUpdatedRows);
    },
  };
}
