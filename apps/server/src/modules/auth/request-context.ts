import type { Actor } from '@caitien/core';
import type { AssignmentRecord, SessionRecord, UserRecord } from '@caitien/db';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { AuditContext } from '../audit/audit-writer.ts';

export type { ServiceContext } from '../../kernel/service-context.ts';

/** The signed-in user of a request (the auth plugin's; routes turn it into a ServiceContext). */
export interface AuthContext {
  user: UserRecord;
  session: SessionRecord;
  assignments: AssignmentRecord[];
  actor: Actor;
}

/** The audit context of a caller. */
export function auditContextOf(context: ServiceContext): AuditContext {
  return context.audit;
}
