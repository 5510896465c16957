import type { Actor } from '@caitien/core';
import type { AssignmentRecord, SessionRecord, UserRecord } from '@caitien/db';
import type { AuditContext } from '../audit/audit-writer.ts';

/** The signed-in user of a request. */
export interface AuthContext {
  user: UserRecord;
  session: SessionRecord;
  assignments: AssignmentRecord[];
  actor: Actor;
}

/** What services need to know about the caller. */
export interface ServiceContext {
  auth: AuthContext;
  requestId: string;
}

/** The audit context of a signed-in caller. */
export function auditContextOf(context: ServiceContext): AuditContext {
  return {
    actorUserId: context.auth.user.id,
    actorName: `${context.auth.user.displayName} (${context.auth.user.username})`,
    requestId: context.requestId,
  };
}
