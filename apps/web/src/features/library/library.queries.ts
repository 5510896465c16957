import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteQuery, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { viLibrary as t } from '../../i18n/vi-library.ts';

export type SolutionSearchResult = RouteResponse<'searchSolutions'>;
export type SolutionEntry = SolutionSearchResult['items'][number];
type SearchQuery = Omit<RouteQuery<'searchSolutions'>, 'cursor' | 'limit'>;

const keys = {
  all: ['solution-library'] as const,
  search: (q: SearchQuery) => ['solution-library', 'search', q] as const,
  share: (planId: string) => ['solution-library', 'share', planId] as const,
};

/** Search pages (keyset: each page asks after the last row of the previous one). */
export function useSolutionSearch(query: SearchQuery, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: keys.search(query),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest('searchSolutions', {
        query: { ...query, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** "Dùng trong kế hoạch của tôi". */
export function useUseSolution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { rowId: string; planId: string; criterionCode: string | null }) =>
      apiRequest('useSolutionInPlan', {
        params: { rowId: input.rowId },
        body: { planId: input.planId, criterionCode: input.criterionCode },
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(result.planId) });
    },
    meta: { successMessage: t.used, reportsErrorsInline: true },
  });
}

/** Whom an approved plan is shared with. */
export function usePlanLibraryShare(planId: string) {
  return useQuery({
    queryKey: keys.share(planId),
    queryFn: ({ signal }) => apiRequest('getPlanLibraryShare', { params: { planId }, signal }),
  });
}

export function useUpdatePlanLibraryShare(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string | null) =>
      apiRequest('updatePlanLibraryShare', { params: { planId }, body: { unitId } }),
    onSuccess: async (share) => {
      queryClient.setQueryData(keys.share(planId), share);
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
    meta: { successMessage: t.share.saved },
  });
}
