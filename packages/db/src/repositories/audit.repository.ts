import type { Kysely } from 'kysely';
import type { Database } from '../database.types.ts';

/** One audit entry to record. */
export interface AuditEntryInput {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  unitPath: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** A recorded audit entry. */
export type AuditEntryRecord = Omit<AuditEntryInput, 'unitPath'> & { unitPath: string | null };

/** All SQL about the audit log (append-only). */
export function createAuditRepository(db: Kysely<Database>) {
  return {
    async record(entry: AuditEntryInput): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          occurred_at: entry.occurredAt,
          actor_user_id: entry.actorUserId,
          actor_name: entry.actorName,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId,
          unit_id: entry.unitId,
          unit_path: entry.unitPath,
          summary: entry.summary,
          before_json:
            entry.before === undefined || entry.before === null
              ? null
              : JSON.stringify(entry.before),
          after_json:
            entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
          request_id: entry.requestId,
        })
        .execute();
    },

    /**
     * Newest first; `pathPrefixes` limit to units and their subtrees (null: everything). The cursor is
     * the last entry's "occurredAt|id".
     */
    async list(options: {
      pathPrefixes: string[] | null;
      limit: number;
      cursor?: { occurredAt: string; id: string };
    }): Promise<AuditEntryRecord[]> {
      let query = db.selectFrom('audit_log').selectAll();
      if (options.pathPrefixes !== null) {
        if (options.pathPrefixes.length === 0) return [];
        const prefixes = options.pathPrefixes;
        query = query.where((eb) => eb.or(prefixes.map((p) => eb('unit_path', 'like', `${p}%`))));
      }
      if (options.cursor) {
        const { occurredAt, id } = options.cursor;
        query = query.where((eb) =>
          eb.or([
            eb('occurred_at', '<', occurredAt),
            eb.and([eb('occurred_at', '=', occurredAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        unitId: r.unit_id,
        unitPath: r.unit_path,
        summary: r.summary,
        before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
        after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
        requestId: r.request_id,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
