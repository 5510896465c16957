import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { viPublic } from './vi-public.ts';

const keys = {
  state: (planId: string) => ['publication', planId] as const,
  page: (slug: string) => ['public-plan', slug] as const,
};

/** The plan's publication state (panel on the plan screen). */
export function usePlanPublication(planId: string) {
  return useQuery({
    queryKey: keys.state(planId),
    queryFn: ({ signal }) => apiRequest('getPlanPublication', { params: { planId }, signal }),
  });
}

export function usePublishPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (includeAssessment: boolean) =>
      apiRequest('publishPlan', { params: { planId }, body: { includeAssessment } }),
    onSuccess: (state) => queryClient.setQueryData(keys.state(planId), state),
    meta: { successMessage: viPublic.publishedToast },
  });
}

export function useWithdrawPublication(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('withdrawPlanPublication', { params: { planId } }),
    onSuccess: (state) => queryClient.setQueryData(keys.state(planId), state),
    meta: { successMessage: viPublic.withdrawnToast },
  });
}

/** The public page (no sign-in). */
export function usePublicPlan(slug: string) {
  return useQuery({
    queryKey: keys.page(slug),
    queryFn: ({ signal }) => apiRequest('getPublicPlan', { params: { slug }, signal }),
    retry: false,
  });
}

/** Sends a copy's bytes; the answer says whether they match. */
export function useVerifyCopy(slug: string) {
  return useMutation({
    mutationFn: async (file: File) =>
      apiRequest('verifyPublicPlan', {
        params: { slug },
        upload: { data: await file.arrayBuffer(), contentType: 'application/octet-stream' },
      }),
    meta: { reportsErrorsInline: true },
  });
}
