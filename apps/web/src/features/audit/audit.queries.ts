import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';

export const AUDIT_PAGE_SIZE = 30;

/** The audit log, newest first, a page at a time (`unitId`: a school or office and its subtree). */
export function useAuditLog(unitId: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit.list(unitId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest('listAudit', {
        query: {
          limit: AUDIT_PAGE_SIZE,
          ...(unitId ? { unitId } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
