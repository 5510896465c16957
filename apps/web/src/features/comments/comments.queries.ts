import type { CommentDocumentKind, CommentThread, CommentThreadList } from '@caitien/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { viComments } from '../../i18n/vi-comments.ts';

/** Comments hang under the plans' root, so they are dropped at sign-out with the plans. */
export const commentKeys = {
  list: (kind: CommentDocumentKind, documentId: string) =>
    [...queryKeys.plans.all, 'comments', kind, documentId] as const,
};

/** The threads of a document, with the counts for the row and criterion markers. */
export function useCommentThreads(kind: CommentDocumentKind, documentId: string) {
  return useQuery({
    queryKey: commentKeys.list(kind, documentId),
    queryFn: ({ signal }) =>
      apiRequest('listCommentThreads', { params: { documentKind: kind, documentId }, signal }),
  });
}

function useRefresh(kind: CommentDocumentKind, documentId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: commentKeys.list(kind, documentId) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  };
}

export function useCreateThread(kind: CommentDocumentKind, documentId: string) {
  const refresh = useRefresh(kind, documentId);
  return useMutation({
    mutationFn: (body: {
      target: 'document' | 'plan_row' | 'criterion';
      targetRef?: string;
      body: string;
    }) =>
      apiRequest('createCommentThread', {
        params: { documentKind: kind, documentId },
        body,
      }),
    onSuccess: refresh,
    meta: { successMessage: viComments.sent },
  });
}

export function useReplyThread(kind: CommentDocumentKind, documentId: string) {
  const refresh = useRefresh(kind, documentId);
  return useMutation({
    mutationFn: (input: { threadId: string; body: string }) =>
      apiRequest('replyCommentThread', {
        params: { threadId: input.threadId },
        body: { body: input.body },
      }),
    onSuccess: refresh,
    meta: { successMessage: viComments.replied },
  });
}

export function useUpdateThread(kind: CommentDocumentKind, documentId: string) {
  const refresh = useRefresh(kind, documentId);
  return useMutation({
    mutationFn: (input: { thread: CommentThread; status: 'open' | 'resolved' }) =>
      apiRequest('updateCommentThread', {
        params: { threadId: input.thread.id },
        body: { status: input.status, version: input.thread.version },
      }),
    // A 409 (stale) also reloads, so the current thread shows.
    onSettled: refresh,
  });
}

export type { CommentThread, CommentThreadList };
