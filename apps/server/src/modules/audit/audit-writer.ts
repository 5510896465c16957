import type { BoundRepositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';

/** Who did it, for the audit log. */
export interface AuditContext {
  actorUserId: string | null;
  actorName: string;
  requestId: string | null;
}

/** One change to record: what, where, before → after. */
export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  unit: { id: string; path: string } | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Writes audit entries through the repositories of the caller's transaction. */
export function createAuditWriter(deps: { clock: Clock; ids: IdGenerator }) {
  return async (
    tx: BoundRepositories,
    context: AuditContext,
    change: AuditChange,
  ): Promise<void> => {
    await tx.audit.record({
      id: deps.ids.next(),
      occurredAt: deps.clock.now().toISOString(),
      actorUserId: context.actorUserId,
      actorName: context.actorName,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      unitId: change.unit?.id ?? null,
      unitPath: change.unit?.path ?? null,
      summary: change.summary,
      before: change.before ?? null,
      after: change.after ?? null,
      requestId: context.requestId,
    });
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;
