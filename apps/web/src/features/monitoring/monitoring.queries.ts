import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { viMonitoring } from '../../i18n/vi-monitoring.ts';

export type PlanProgress = RouteResponse<'getPlanProgress'>;
export type RowProgress = PlanProgress['rows'][number];
export type PlanDashboard = RouteResponse<'getPlanDashboard'>;
export type ReviewRoundList = RouteResponse<'listReviewRounds'>;
export type ReviewRound = ReviewRoundList['rounds'][number];
export type ReviewRoundDetail = RouteResponse<'getReviewRound'>;
export type ReviewRoundRow = ReviewRoundDetail['rows'][number];

const t = viMonitoring;

/**
 * Keys of the follow-up data, under the plans' root: signing out drops them with the plans, and a
 * new revision (which invalidates every plan key) refreshes them.
 */
export const monitoringKeys = {
  all: (planId: string) => [...queryKeys.plans.all, 'monitoring', planId] as const,
  progress: (planId: string) => [...monitoringKeys.all(planId), 'progress'] as const,
  dashboard: (planId: string) => [...monitoringKeys.all(planId), 'dashboard'] as const,
  rounds: (planId: string) => [...monitoringKeys.all(planId), 'rounds'] as const,
  round: (planId: string, roundId: string) =>
    [...monitoringKeys.all(planId), 'round', roundId] as const,
};

export function usePlanProgress(planId: string) {
  return useQuery({
    queryKey: monitoringKeys.progress(planId),
    queryFn: ({ signal }) => apiRequest('getPlanProgress', { params: { planId }, signal }),
  });
}

export function usePlanDashboard(planId: string) {
  return useQuery({
    queryKey: monitoringKeys.dashboard(planId),
    queryFn: ({ signal }) => apiRequest('getPlanDashboard', { params: { planId }, signal }),
  });
}

export function useReviewRounds(planId: string) {
  return useQuery({
    queryKey: monitoringKeys.rounds(planId),
    queryFn: ({ signal }) => apiRequest('listReviewRounds', { params: { planId }, signal }),
  });
}

export function useReviewRound(planId: string, roundId: string) {
  return useQuery({
    queryKey: monitoringKeys.round(planId, roundId),
    queryFn: ({ signal }) => apiRequest('getReviewRound', { params: { planId, roundId }, signal }),
  });
}

/** Refreshes everything the follow-up screens show of a plan (after any monitoring write). */
export function useRefreshMonitoring(planId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: monitoringKeys.all(planId) });
}

export function useCloseYear(planId: string) {
  const refresh = useRefreshMonitoring(planId);
  return useMutation({
    mutationFn: () => apiRequest('closePlanYear', { params: { planId }, body: { confirm: true } }),
    onSuccess: refresh,
    meta: { successMessage: t.progress.yearClosed },
  });
}

export function useCreateReviewRound(planId: string) {
  const refresh = useRefreshMonitoring(planId);
  return useMutation({
    mutationFn: (body: RouteBody<'createReviewRound'>) =>
      apiRequest('createReviewRound', { params: { planId }, body }),
    onSuccess: refresh,
  });
}

/** A change of the round itself (conclusions, status); a 409 is shown by the form. */
export function useUpdateReviewRound(planId: string, roundId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshMonitoring(planId);
  return useMutation({
    mutationFn: (body: RouteBody<'updateReviewRound'>) =>
      apiRequest('updateReviewRound', { params: { planId, roundId }, body }),
    onSuccess: async (round) => {
      queryClient.setQueryData(monitoringKeys.round(planId, roundId), round);
      await refresh();
    },
    meta: { reportsErrorsInline: true },
  });
}

/** One row's review in a round; a 409 is shown beside the row. */
export function useSaveReviewRoundRow(planId: string, roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ trackId, ...body }: RouteBody<'saveReviewRoundRow'> & { trackId: string }) =>
      apiRequest('saveReviewRoundRow', { params: { planId, roundId, trackId }, body }),
    onSuccess: async (round) => {
      queryClient.setQueryData(monitoringKeys.round(planId, roundId), round);
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.rounds(planId) });
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.dashboard(planId) });
    },
    meta: { reportsErrorsInline: true },
  });
}
