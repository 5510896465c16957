import type { BoundRepositories, Repositories } from '@caitien/db';
import { AppError } from '../errors.ts';
import type { AuditChange, AuditWriter } from '../modules/audit/audit-writer.ts';
import type { ServiceContext } from './service-context.ts';

/** 409 with the current content, for a save against a stale version. */
export function staleVersion(current: unknown): AppError {
  return new AppError(
    'CONFLICT',
    'Dữ liệu đã được người khác thay đổi trong lúc bạn sửa. Hãy xem bản hiện tại và sửa lại.',
    { current },
  );
}

/** Thrown inside a transaction when a versioned write matched nothing: the transaction rolls back. */
export class StaleWrite extends Error {
  constructor() {
    super('stale version');
    this.name = 'StaleWrite';
  }
}

/**
 * Runs a transactional write; a StaleWrite inside it becomes a 409 carrying the current content,
 * read AFTER the transaction ended. (Reading through the plain repositories inside a transaction
 * would wait forever on SQLite's single connection.)
 */
export async function withStaleCheck<T>(
  write: () => Promise<T>,
  current: () => Promise<unknown>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleWrite) throw staleVersion(await current());
    throw error;
  }
}

/** Records one audit entry in the write's transaction, as the caller of the write. */
export type RecordAudit = (change: AuditChange) => Promise<void>;

/**
 * The kernel's write: `work` runs in one transaction with a `record` that writes audit entries in
 * that same transaction (a change and its audit entry commit together or not at all). A StaleWrite
 * thrown by `work` rolls back and becomes a 409 carrying `current()` (read after the transaction);
 * an AppError thrown by `work` (e.g. the lifecycle's "approved" refusal decided under the record's
 * lock) rolls back and is answered as it is.
 */
export function createVersionedWriter(deps: { repositories: Repositories; audit: AuditWriter }) {
  const { repositories, audit } = deps;
  return async function write<T>(
    ctx: ServiceContext,
    work: (tx: BoundRepositories, record: RecordAudit) => Promise<T>,
    current: () => Promise<unknown> = () => Promise.resolve(null),
  ): Promise<T> {
    return withStaleCheck(
      () => repositories.transaction((tx) => work(tx, (change) => audit(tx, ctx.audit, change))),
      current,
    );
  };
}

/** The kernel's write function (see `createVersionedWriter`). */
export type VersionedWriter = ReturnType<typeof createVersionedWriter>;
