import {
  COMMENT_SIDES,
  COMMENT_TARGETS,
  SUBMISSION_KIND_LABELS,
  SUBMISSION_KINDS,
  THREAD_STATUSES,
} from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredText, versionSchema } from './common.schemas.ts';

/**
 * The offices' comments (issue 14 "Comments (coaching)"): threads on a whole document (a plan, a
 * self-assessment, a review round's monitoring report), one plan row (followed by its track across
 * revisions) or one assessment criterion. Office staff start threads and reply; the school's
 * principal, council and monitoring team reply; either side resolves; a reply reopens.
 */

/** The longest comment accepted (about two pages of text). */
export const COMMENT_BODY_MAX = 5_000;

const kinds = Object.entries(SUBMISSION_KIND_LABELS)
  .map(([code, label]) => `${code} (${label})`)
  .join(', ');

export const commentDocumentKindSchema = z.enum(SUBMISSION_KINDS, {
  error: `Loại văn bản không hợp lệ; chọn một trong: ${kinds}.`,
});
export const commentTargetSchema = z.enum(COMMENT_TARGETS, {
  error:
    'Đối tượng góp ý không hợp lệ; chọn document (cả văn bản), plan_row (một dòng kế hoạch) hoặc criterion (một tiêu chí).',
});
export const threadStatusSchema = z.enum(THREAD_STATUSES, {
  error: 'Trạng thái không hợp lệ; chọn open (đang trao đổi) hoặc resolved (đã xử lý).',
});

export const commentDocumentParamsSchema = z.object({
  documentKind: commentDocumentKindSchema,
  documentId: idSchema,
});
export const commentThreadParamsSchema = z.object({ threadId: idSchema });

export const commentSchema = z.object({
  id: z.string(),
  side: z.enum(COMMENT_SIDES),
  authorName: z.string(),
  /** The office or school the author wrote for. */
  unitName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  /** Written by the signed-in user. */
  mine: z.boolean(),
});

export const commentThreadSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  documentKind: commentDocumentKindSchema,
  /** The revision (or review round) the thread was started on. */
  documentId: z.string(),
  target: commentTargetSchema,
  /** The row's track id (plan_row), the criterion code (criterion), or "" (document). */
  targetRef: z.string(),
  /** plan_row: the row's id in the revision asked for (null when that revision lacks the row). */
  rowId: z.string().nullable(),
  /** "Dòng 3 – Tiêu chí 1.2", "Tiêu chí 2.1", "Cả văn bản". */
  targetLabel: z.string(),
  officeUnitId: z.string(),
  officeUnitName: z.string(),
  status: threadStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  comments: z.array(commentSchema),
});

const countSchema = z.object({ total: z.number().int(), open: z.number().int() });

export const commentThreadListSchema = z.object({
  schoolId: z.string(),
  documentKind: commentDocumentKindSchema,
  documentId: z.string(),
  /** Office staff of the school's supervising subtree start threads. */
  canStart: z.boolean(),
  /** Office staff and the school's principal, council and monitoring team reply and resolve. */
  canReply: z.boolean(),
  threads: z.array(commentThreadSchema),
  /** For the markers: threads per row track, per criterion code, and on the whole document. */
  counts: z.object({
    document: countSchema,
    rows: z.record(z.string(), countSchema),
    /** The same per row id of the revision asked for (the plan screen's markers). */
    rowsById: z.record(z.string(), countSchema),
    criteria: z.record(z.string(), countSchema),
  }),
});

export const createCommentThreadBodySchema = z.object({
  target: commentTargetSchema,
  /** plan_row: the row's track id (or the row id of this revision); criterion: its code. */
  targetRef: z.string().max(64).optional(),
  body: requiredText(COMMENT_BODY_MAX),
});

export const replyCommentThreadBodySchema = z.object({
  body: requiredText(COMMENT_BODY_MAX),
});

export const updateCommentThreadBodySchema = z.object({
  status: threadStatusSchema,
  version: versionSchema,
});

export type CommentThread = z.infer<typeof commentThreadSchema>;
export type CommentThreadList = z.infer<typeof commentThreadListSchema>;
export type CommentDocumentKind = z.infer<typeof commentDocumentKindSchema>;
