import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import type { PlanDetail, PlanRow } from './plan-layout.ts';

/** Plans of a school, every revision, newest school year first. */
export function usePlans(schoolId: string) {
  return useQuery({
    queryKey: queryKeys.plans.list(schoolId),
    queryFn: ({ signal }) => apiRequest('listPlans', { params: { schoolId }, signal }),
    select: (data) => data.items,
  });
}

export function usePlan(planId: string) {
  return useQuery({
    queryKey: queryKeys.plans.detail(planId),
    queryFn: ({ signal }) => apiRequest('getPlan', { params: { planId }, signal }),
  });
}

export function useRevisions(planId: string) {
  return useQuery({
    queryKey: queryKeys.plans.revisions(planId),
    queryFn: ({ signal }) => apiRequest('listRevisions', { params: { planId }, signal }),
    select: (data) => data.items,
  });
}

export function useIntegrity(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.plans.integrity(planId),
    queryFn: ({ signal }) => apiRequest('verifyPlan', { params: { planId }, signal }),
    enabled,
  });
}

/** The plan's framework (public): standards → criteria → levels → indicators, and Mức 4 items. */
export function usePlanFramework(frameworkId: string | null) {
  return useQuery({
    queryKey: queryKeys.frameworks.detail(frameworkId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest('getFramework', { params: { id: frameworkId ?? '' }, signal }),
    enabled: frameworkId !== null,
    staleTime: Infinity,
  });
}

/** Kiểm tra kế hoạch: run on demand (`refetch`), not on load. */
export function usePlanChecks(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.plans.checks(planId),
    queryFn: ({ signal }) => apiRequest('checkPlan', { params: { planId }, signal }),
    enabled,
    staleTime: 0,
  });
}

/** Puts a saved row into the cached plan (the answer of a cell save carries fresh parsed values). */
export function storeRow(queryClient: QueryClient, planId: string, row: PlanRow): void {
  queryClient.setQueryData<PlanDetail>(queryKeys.plans.detail(planId), (plan) =>
    plan ? { ...plan, rows: plan.rows.map((r) => (r.id === row.id ? row : r)) } : plan,
  );
}

function useRefreshPlan(planId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
    await queryClient.invalidateQueries({ queryKey: [...queryKeys.plans.all, 'list'] });
  };
}

export function useCreatePlan(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'createPlan'>) =>
      apiRequest('createPlan', { params: { schoolId }, body }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(queryKeys.plans.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.list(schoolId) });
    },
    meta: { successMessage: vi.plans.created, reportsErrorsInline: true },
  });
}

export function useCarryOver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, schoolYear }: { planId: string; schoolYear: string }) =>
      apiRequest('carryOverPlan', { params: { planId }, body: { schoolYear } }),
    onSuccess: async ({ carryOver: _report, ...plan }) => {
      queryClient.setQueryData(queryKeys.plans.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.list(plan.schoolId) });
    },
    meta: { successMessage: vi.plans.carriedOver, reportsErrorsInline: true },
  });
}

export function useUpdatePlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'updatePlan'>) =>
      apiRequest('updatePlan', { params: { planId }, body }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(queryKeys.plans.detail(planId), plan);
      // The checks ask for what the layout prints: findings of the old layout must not linger.
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.checks(planId) });
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
    },
    meta: { successMessage: vi.plan.headerSaved },
  });
}

/**
 * One cell save (CONTRACTS.md "Concurrent edits"): the changed field and the row version the edit
 * started from. Errors are shown by the cell (the 409 dialog, "Lỗi — thử lại").
 */
export function useSaveCell(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rowId, ...body }: RouteBody<'updatePlanRow'> & { rowId: string }) =>
      apiRequest('updatePlanRow', { params: { planId, rowId }, body }),
    onSuccess: (row) => storeRow(queryClient, planId, row),
    meta: { reportsErrorsInline: true },
  });
}

/**
 * Gives a row its criterion (the picker, for a row without one: e.g. a row carried from a 2018
 * plan that the criterion mapping left to the school). Errors go to the alert region.
 */
export function useAssignCriterion(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      rowId,
      ...body
    }: { rowId: string } & Pick<
      RouteBody<'updatePlanRow'>,
      'standardCode' | 'criterionCode' | 'version'
    >) => apiRequest('updatePlanRow', { params: { planId, rowId }, body }),
    onSuccess: async (row) => {
      storeRow(queryClient, planId, row);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.checks(planId) });
    },
  });
}

export function useAddRow(planId: string) {
  const refresh = useRefreshPlan(planId);
  return useMutation({
    mutationFn: (body: RouteBody<'addPlanRow'>) =>
      apiRequest('addPlanRow', { params: { planId }, body }),
    onSuccess: refresh,
    meta: { successMessage: vi.plan.rowAdded },
  });
}

export function useDuplicateRow(planId: string) {
  const refresh = useRefreshPlan(planId);
  return useMutation({
    mutationFn: (rowId: string) => apiRequest('duplicatePlanRow', { params: { planId, rowId } }),
    onSuccess: refresh,
    meta: { successMessage: vi.plan.duplicated },
  });
}

export function useDeleteRow(planId: string) {
  const refresh = useRefreshPlan(planId);
  return useMutation({
    mutationFn: (rowId: string) => apiRequest('deletePlanRow', { params: { planId, rowId } }),
    onSuccess: refresh,
    meta: { successMessage: vi.plan.removed },
  });
}

export function useReorderRows(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'reorderPlanRows'>) =>
      apiRequest('reorderPlanRows', { params: { planId }, body }),
    onSuccess: (plan) => queryClient.setQueryData(queryKeys.plans.detail(planId), plan),
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
    },
  });
}

function useLifecycle(planId: string, name: 'submitPlan' | 'approvePlan', successMessage: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => apiRequest(name, { params: { planId }, body: { version } }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(queryKeys.plans.detail(planId), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.revisions(planId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.list(plan.schoolId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.integrity(planId) });
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
    },
    meta: { successMessage },
  });
}

export function useSubmitPlan(planId: string) {
  return useLifecycle(planId, 'submitPlan', vi.plan.submitted);
}

export function useApprovePlan(planId: string) {
  return useLifecycle(planId, 'approvePlan', vi.plan.approved);
}

export function useCreateRevision(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest('createRevision', { params: { planId }, body: { reason } }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(queryKeys.plans.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.all });
    },
    meta: { successMessage: vi.plan.revised, reportsErrorsInline: true },
  });
}

/** Stores the plan a save answered with, then refetches it (other sections may have moved on). */
function useStorePlan(planId: string) {
  const queryClient = useQueryClient();
  return async (plan: PlanDetail) => {
    queryClient.setQueryData(queryKeys.plans.detail(planId), plan);
    await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
  };
}

/** One cell of a review round (mục VI), from the round's version; errors are shown by the row. */
export function useUpdateReview(planId: string) {
  const store = useStorePlan(planId);
  return useMutation({
    mutationFn: ({ reviewId, ...body }: RouteBody<'updatePlanReview'> & { reviewId: string }) =>
      apiRequest('updatePlanReview', { params: { planId, reviewId }, body }),
    onSuccess: store,
    meta: { reportsErrorsInline: true },
  });
}

export function useAddFocusIssue(planId: string) {
  const store = useStorePlan(planId);
  return useMutation({
    mutationFn: (body: RouteBody<'addFocusIssue'>) =>
      apiRequest('addFocusIssue', { params: { planId }, body }),
    onSuccess: store,
    meta: { successMessage: vi.plan.focusAdded },
  });
}

/** One cell of a focus issue (mục IV), from the issue's version; errors are shown by the row. */
export function useUpdateFocusIssue(planId: string) {
  const store = useStorePlan(planId);
  return useMutation({
    mutationFn: ({ issueId, ...body }: RouteBody<'updateFocusIssue'> & { issueId: string }) =>
      apiRequest('updateFocusIssue', { params: { planId, issueId }, body }),
    onSuccess: store,
    meta: { reportsErrorsInline: true },
  });
}

export function useDeleteFocusIssue(planId: string) {
  const store = useStorePlan(planId);
  return useMutation({
    mutationFn: (issueId: string) =>
      apiRequest('deleteFocusIssue', { params: { planId, issueId } }),
    onSuccess: store,
    meta: { successMessage: vi.plan.focusRemoved },
  });
}
