import type { Kysely } from 'kysely';
import type { Database } from '../database.types.ts';
import type { SnapshotRecord } from './plan-records.ts';

/** SQL about approval snapshots: the sealed content of an approved plan and its SHA-256. */
export function createPlanSnapshotRepository(
  db: Kysely<Database>,
  touchContent: (planId: string) => Promise<void>,
) {
  return {
    async insertSnapshot(snapshot: SnapshotRecord) {
      await db
        .insertInto('plan_snapshots')
        .values({
          plan_id: snapshot.planId,
          content_json: snapshot.contentJson,
          content_hash: snapshot.contentHash,
          approved_at: snapshot.approvedAt,
          approved_by_user_id: snapshot.approvedByUserId,
        })
        .execute();
      await touchContent(snapshot.planId);
    },

    async findSnapshot(planId: string): Promise<SnapshotRecord | undefined> {
      const row = await db
        .selectFrom('plan_snapshots')
        .selectAll()
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      return row
        ? {
            planId: row.plan_id,
            contentJson: row.content_json,
            contentHash: row.content_hash,
            approvedAt: row.approved_at,
            approvedByUserId: row.approved_by_user_id,
          }
        : undefined;
    },
  };
}
