import type { Kysely } from 'kysely';
import type { CommentThreadsTable, CommentsTable, Database } from '../database.types.ts';

/**
 * All SQL about the offices' comments (issue 14): threads on a document, a plan row (by track) or a
 * criterion, and their messages. A thread's status changes only through a compare-and-set on its
 * version; a reply bumps the version and reopens it, so a stale "resolve" never hides a new answer.
 */

export interface CommentThreadRecord {
  id: string;
  schoolId: string;
  documentKind: string;
  documentId: string;
  target: string;
  targetRef: string;
  targetLabel: string;
  submissionId: string | null;
  officeUnitId: string;
  status: string;
  createdByUserId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  side: string;
  authorUserId: string | null;
  authorName: string;
  unitId: string;
  body: string;
  createdAt: string;
}

const toThread = (r: CommentThreadsTable): CommentThreadRecord => ({
  id: r.id,
  schoolId: r.school_id,
  documentKind: r.document_kind,
  documentId: r.document_id,
  target: r.target,
  targetRef: r.target_ref,
  targetLabel: r.target_label,
  submissionId: r.submission_id,
  officeUnitId: r.office_unit_id,
  status: r.status,
  createdByUserId: r.created_by_user_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: Number(r.version),
});

const toComment = (r: CommentsTable): CommentRecord => ({
  id: r.id,
  threadId: r.thread_id,
  side: r.side,
  authorUserId: r.author_user_id,
  authorName: r.author_name,
  unitId: r.unit_id,
  body: r.body,
  createdAt: r.created_at,
});

export function createCommentRepository(db: Kysely<Database>) {
  return {
    /** The threads of a school's documents (all revisions passed in), oldest first. */
    async listThreads(
      schoolId: string,
      documentKind: string,
      documentIds: readonly string[],
    ): Promise<CommentThreadRecord[]> {
      if (documentIds.length === 0) return [];
      const rows = await db
        .selectFrom('comment_threads')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('document_kind', '=', documentKind)
        .where('document_id', 'in', [...documentIds])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toThread);
    },

    async findThread(id: string): Promise<CommentThreadRecord | undefined> {
      const row = await db
        .selectFrom('comment_threads')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toThread(row) : undefined;
    },

    /** The messages of the given threads, oldest first. */
    async listComments(threadIds: readonly string[]): Promise<CommentRecord[]> {
      const out: CommentRecord[] = [];
      for (let i = 0; i < threadIds.length; i += 500) {
        const rows = await db
          .selectFrom('comments')
          .selectAll()
          .where('thread_id', 'in', threadIds.slice(i, i + 500))
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        out.push(...rows.map(toComment));
      }
      return out;
    },

    async insertThread(thread: CommentThreadRecord): Promise<void> {
      await db
        .insertInto('comment_threads')
        .values({
          id: thread.id,
          school_id: thread.schoolId,
          document_kind: thread.documentKind,
          document_id: thread.documentId,
          target: thread.target,
          target_ref: thread.targetRef,
          target_label: thread.targetLabel,
          submission_id: thread.submissionId,
          office_unit_id: thread.officeUnitId,
          status: thread.status,
          created_by_user_id: thread.createdByUserId,
          created_at: thread.createdAt,
          updated_at: thread.updatedAt,
          version: thread.version,
        })
        .execute();
    },

    async insertComment(comment: CommentRecord): Promise<void> {
      await db
        .insertInto('comments')
        .values({
          id: comment.id,
          thread_id: comment.threadId,
          side: comment.side,
          author_user_id: comment.authorUserId,
          author_name: comment.authorName,
          unit_id: comment.unitId,
          body: comment.body,
          created_at: comment.createdAt,
        })
        .execute();
    },

    /**
     * Sets the thread's status if its version is still `expectedVersion` (null: whatever it is, for
     * a reply, which always reopens); bumps the version. True when the row was updated.
     */
    async setStatus(
      id: string,
      status: string,
      expectedVersion: number | null,
      now: string,
    ): Promise<boolean> {
      let query = db
        .updateTable('comment_threads')
        .set((eb) => ({ status, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id);
      if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
