import type { Actor } from '@caitien/core';
import type { AuditContext } from '../modules/audit/audit-writer.ts';

/**
 * What a service needs to know about its caller, and nothing of HTTP or sessions: who acts (the
 * actor the access policy decides for), how the audit log names them, and the request id (null for
 * the CLI and background jobs). Routes build it from the signed-in session (`contextOf`); the CLI
 * and jobs build it with `systemContext`.
 */
export interface ServiceContext {
  actor: Actor;
  audit: AuditContext;
  requestId: string | null;
}

/** The context of a signed-in user. */
export function userContext(
  user: { id: string; displayName: string; username: string },
  actor: Actor,
  requestId: string | null,
): ServiceContext {
  return {
    actor,
    audit: {
      actorUserId: user.id,
      actorName: `${user.displayName} (${user.username})`,
      requestId,
    },
    requestId,
  };
}

/**
 * The context of a job without a signed-in user (the CLI, background jobs): the system
 * administrator's rights, named in the audit log by `name` (e.g. "Dòng lệnh (import)").
 * `userId` is the account the records are attributed to, when one is (null: none).
 */
export function systemContext(name: string, userId: string | null = null): ServiceContext {
  return {
    actor: {
      userId: userId ?? 'system',
      assignments: [{ role: 'admin', unitId: null, unitPath: null }],
    },
    audit: { actorUserId: userId, actorName: name, requestId: null },
    requestId: null,
  };
}
