import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';

const t = vi.assessment;

export type AssessmentDetail = RouteResponse<'getAssessment'>;
export type AssessmentCriterion = AssessmentDetail['criteria'][number];
export type EvidenceItem = RouteResponse<'listEvidence'>['items'][number];

const keys = queryKeys.assessments;

/** The self-assessments of a school (every revision), newest year first. */
export function useAssessments(schoolId: string) {
  return useQuery({
    queryKey: keys.list(schoolId),
    queryFn: ({ signal }) => apiRequest('listAssessments', { params: { schoolId }, signal }),
    select: (data) => data.items,
  });
}

export function useAssessment(assessmentId: string) {
  return useQuery({
    queryKey: keys.detail(assessmentId),
    queryFn: ({ signal }) => apiRequest('getAssessment', { params: { assessmentId }, signal }),
  });
}

/** Refetches what a save may have changed: the assessment (results, summary) and its lists. */
function useRefreshAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: keys.detail(assessmentId) });
    await queryClient.invalidateQueries({ queryKey: keys.mentions(assessmentId) });
  };
}

export function useCreateAssessment(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'createAssessment'>) =>
      apiRequest('createAssessment', { params: { schoolId }, body }),
    onSuccess: async ({ carryOver: _report, ...assessment }) => {
      queryClient.setQueryData(keys.detail(assessment.id), assessment);
      await queryClient.invalidateQueries({ queryKey: keys.list(schoolId) });
    },
    meta: { successMessage: t.created, reportsErrorsInline: true },
  });
}

/**
 * One criterion save: the changed fields and the criterion version it started from. Errors (409
 * with the current content, 422 "cite an evidence code") are shown by the criterion panel.
 */
export function useSaveCriterion(assessmentId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshAssessment(assessmentId);
  return useMutation({
    mutationFn: ({
      criterionCode,
      ...body
    }: RouteBody<'updateAssessmentCriterion'> & { criterionCode: string }) =>
      apiRequest('updateAssessmentCriterion', { params: { assessmentId, criterionCode }, body }),
    onSuccess: async (criterion) => {
      queryClient.setQueryData<AssessmentDetail>(keys.detail(assessmentId), (a) =>
        a
          ? {
              ...a,
              criteria: a.criteria.map((c) =>
                c.criterionCode === criterion.criterionCode ? criterion : c,
              ),
            }
          : a,
      );
      await refresh();
    },
    meta: { successMessage: t.savedCriterion, reportsErrorsInline: true },
  });
}

export function useSaveStandard(assessmentId: string) {
  const refresh = useRefreshAssessment(assessmentId);
  return useMutation({
    mutationFn: ({
      standardCode,
      ...body
    }: RouteBody<'updateAssessmentStandard'> & { standardCode: string }) =>
      apiRequest('updateAssessmentStandard', { params: { assessmentId, standardCode }, body }),
    onSuccess: refresh,
    meta: { successMessage: t.saved, reportsErrorsInline: true },
  });
}

export function useSaveLevel4(assessmentId: string) {
  const refresh = useRefreshAssessment(assessmentId);
  return useMutation({
    mutationFn: ({ itemKey, ...body }: RouteBody<'updateAssessmentLevel4'> & { itemKey: string }) =>
      apiRequest('updateAssessmentLevel4', { params: { assessmentId, itemKey }, body }),
    onSuccess: refresh,
    meta: { reportsErrorsInline: true },
  });
}

/** Stores the whole assessment a save of an assessment-level part answers with. */
function useStoreAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return (assessment: AssessmentDetail) =>
    queryClient.setQueryData(keys.detail(assessmentId), assessment);
}

export function useSaveCouncil(assessmentId: string) {
  const store = useStoreAssessment(assessmentId);
  return useMutation({
    mutationFn: (body: RouteBody<'updateAssessmentCouncil'>) =>
      apiRequest('updateAssessmentCouncil', { params: { assessmentId }, body }),
    onSuccess: store,
    meta: { successMessage: t.council.saved, reportsErrorsInline: true },
  });
}

export function useSaveWorkPlan(assessmentId: string) {
  const store = useStoreAssessment(assessmentId);
  return useMutation({
    mutationFn: (body: RouteBody<'updateAssessmentWorkPlan'>) =>
      apiRequest('updateAssessmentWorkPlan', { params: { assessmentId }, body }),
    onSuccess: store,
    meta: { successMessage: t.workPlan.saved, reportsErrorsInline: true },
  });
}

export function useSaveReport(assessmentId: string) {
  const store = useStoreAssessment(assessmentId);
  return useMutation({
    mutationFn: (body: RouteBody<'updateAssessmentReport'>) =>
      apiRequest('updateAssessmentReport', { params: { assessmentId }, body }),
    onSuccess: store,
    meta: { successMessage: t.report.saved, reportsErrorsInline: true },
  });
}

export function useSaveSettings(assessmentId: string) {
  const store = useStoreAssessment(assessmentId);
  return useMutation({
    mutationFn: (body: RouteBody<'updateAssessmentSettings'>) =>
      apiRequest('updateAssessmentSettings', { params: { assessmentId }, body }),
    onSuccess: store,
    meta: { successMessage: t.settings.saved, reportsErrorsInline: true },
  });
}

function useLifecycle(
  assessmentId: string,
  name: 'submitAssessment' | 'approveAssessment',
  successMessage: string,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest(name, { params: { assessmentId }, body: { version } }),
    onSuccess: async (assessment) => {
      queryClient.setQueryData(keys.detail(assessmentId), assessment);
      await queryClient.invalidateQueries({ queryKey: keys.list(assessment.schoolId) });
      await queryClient.invalidateQueries({ queryKey: keys.integrity(assessmentId) });
      await queryClient.invalidateQueries({ queryKey: keys.evidence(assessmentId) });
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.detail(assessmentId) });
    },
    meta: { successMessage },
  });
}

export function useSubmitAssessment(assessmentId: string) {
  return useLifecycle(assessmentId, 'submitAssessment', t.lifecycle.submitted);
}

export function useApproveAssessment(assessmentId: string) {
  return useLifecycle(assessmentId, 'approveAssessment', t.lifecycle.approved);
}

export function useReviseAssessment(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest('reviseAssessment', { params: { assessmentId }, body: { reason } }),
    onSuccess: async (assessment) => {
      queryClient.setQueryData(keys.detail(assessment.id), assessment);
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
    meta: { successMessage: t.lifecycle.revised, reportsErrorsInline: true },
  });
}

export function useIntegrity(assessmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.integrity(assessmentId),
    queryFn: ({ signal }) => apiRequest('verifyAssessment', { params: { assessmentId }, signal }),
    enabled,
  });
}

/** The results with tried marks (nothing saved); off while nothing is tried. */
export function useWhatIf(assessmentId: string, body: RouteBody<'whatIfAssessment'> | null) {
  return useQuery({
    queryKey: keys.whatIf(assessmentId, body),
    queryFn: ({ signal }) =>
      apiRequest('whatIfAssessment', { params: { assessmentId }, body: body ?? {}, signal }),
    enabled: body !== null,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

export function useCriterionHistory(assessmentId: string, criterionCode: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.history(assessmentId, criterionCode),
    queryFn: ({ signal }) =>
      apiRequest('getCriterionHistory', { params: { assessmentId, criterionCode }, signal }),
    enabled,
  });
}

/** "Đề xuất dòng kế hoạch": a preview (dryRun) or the rows written into the year's draft plan. */
export function useProposePlanRows(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'proposeAssessmentPlanRows'>) =>
      apiRequest('proposeAssessmentPlanRows', { params: { assessmentId }, body }),
    onSuccess: async (result) => {
      if (!result.dryRun) await queryClient.invalidateQueries({ queryKey: queryKeys.plans.all });
    },
    meta: { reportsErrorsInline: true },
  });
}

/** What the plan editor shows from the self-assessment of its year. */
export function usePlanAssessmentBasis(planId: string) {
  return useQuery({
    queryKey: keys.planBasis(planId),
    queryFn: ({ signal }) => apiRequest('getPlanAssessmentBasis', { params: { planId }, signal }),
    retry: false,
  });
}

/**
 * Puts the approved assessment's Căn cứ lines and results paragraph into the plan's Căn cứ section
 * (a draft plan, from its version). The answered plan is stored; on an error (409: stale version,
 * approved plan, no approved assessment, no Căn cứ section) the plan is read again and the message
 * reported, as the plan's other whole-plan actions do.
 */
export function useApplyPlanAssessmentBasis(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiRequest('applyPlanAssessmentBasis', { params: { planId }, body: { version } }),
    onSuccess: async (plan) => {
      queryClient.setQueryData(queryKeys.plans.detail(planId), plan);
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.checks(planId) });
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(planId) });
      await queryClient.invalidateQueries({ queryKey: keys.planBasis(planId) });
    },
    meta: { successMessage: t.planBasis.applied },
  });
}

// ——— Evidence (minh chứng) ———

export function useEvidence(assessmentId: string) {
  return useQuery({
    queryKey: keys.evidence(assessmentId),
    queryFn: ({ signal }) => apiRequest('listEvidence', { params: { assessmentId }, signal }),
  });
}

export function useEvidenceMentions(assessmentId: string) {
  return useQuery({
    queryKey: keys.mentions(assessmentId),
    queryFn: ({ signal }) => apiRequest('evidenceMentions', { params: { assessmentId }, signal }),
  });
}

/** After any evidence change: the list, the codes in the texts and the assessment's figures. */
function useRefreshEvidence(assessmentId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: keys.evidence(assessmentId) });
    await queryClient.invalidateQueries({ queryKey: keys.mentions(assessmentId) });
    await queryClient.invalidateQueries({ queryKey: keys.detail(assessmentId) });
  };
}

export function useCreateEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: (body: RouteBody<'createEvidence'>) =>
      apiRequest('createEvidence', { params: { assessmentId }, body }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.created, reportsErrorsInline: true },
  });
}

export function useUpdateEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ evidenceId, ...body }: RouteBody<'updateEvidence'> & { evidenceId: string }) =>
      apiRequest('updateEvidence', { params: { assessmentId, evidenceId }, body }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.updated, reportsErrorsInline: true },
  });
}

export function useDeleteEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: (evidenceId: string) =>
      apiRequest('deleteEvidence', { params: { assessmentId, evidenceId } }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.deleted, reportsErrorsInline: true },
  });
}

export function useCiteEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ evidenceId, criterionCode }: { evidenceId: string; criterionCode: string }) =>
      apiRequest('citeEvidence', {
        params: { assessmentId, evidenceId },
        body: { criterionCode },
      }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.cited },
  });
}

export function useUnciteEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ evidenceId, criterionCode }: { evidenceId: string; criterionCode: string }) =>
      apiRequest('unciteEvidence', { params: { assessmentId, evidenceId, criterionCode } }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.uncited },
  });
}

/** Sends the file's bytes as they are (a phone photo included); the name goes in the query. */
export function useUploadEvidenceFile(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ evidenceId, file }: { evidenceId: string; file: File }) =>
      apiRequest('uploadEvidenceFile', {
        params: { assessmentId, evidenceId },
        query: { fileName: file.name || 'anh-chup.jpg' },
        upload: { data: file, contentType: file.type || 'application/octet-stream' },
      }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.uploaded },
  });
}

export function useDeleteEvidenceFile(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ evidenceId, fileId }: { evidenceId: string; fileId: string }) =>
      apiRequest('deleteEvidenceFile', { params: { assessmentId, evidenceId, fileId } }),
    onSuccess: refresh,
    meta: { successMessage: t.evidence.fileDeleted },
  });
}

export function useRenumberEvidence(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) =>
      apiRequest('renumberEvidence', { params: { assessmentId }, body: { dryRun } }),
    onSuccess: async (result) => {
      if (!result.applied) return;
      await queryClient.invalidateQueries({ queryKey: keys.evidence(assessmentId) });
      await queryClient.invalidateQueries({ queryKey: keys.mentions(assessmentId) });
      await queryClient.invalidateQueries({ queryKey: keys.detail(assessmentId) });
    },
    meta: { reportsErrorsInline: true },
  });
}

export function useImportEvidence(assessmentId: string) {
  const refresh = useRefreshEvidence(assessmentId);
  return useMutation({
    mutationFn: ({ file, apply }: { file: File; apply: boolean }) =>
      apiRequest('importEvidenceList', {
        params: { assessmentId },
        query: { fileName: file.name, apply: apply ? 'true' : 'false' },
        upload: { data: file, contentType: file.type || 'application/octet-stream' },
      }),
    onSuccess: async (result) => {
      if (result.applied) await refresh();
    },
    meta: { reportsErrorsInline: true },
  });
}
