import type { SubmissionKind } from '@caitien/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  apiRequest,
  routeUrl,
  type RouteBody,
  type RouteQuery,
  type RouteResponse,
} from '../../api/http-client.ts';
import { isConflict } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { viOffices } from '../../i18n/vi-offices.ts';

export type Submission = RouteResponse<'getSubmission'>;
export type SubmissionRecipient = Submission['recipients'][number];
export type SchoolSubmissionList = RouteResponse<'listSchoolSubmissions'>;
export type OfficeInbox = RouteResponse<'listOfficeInbox'>;
export type OfficeInboxItem = OfficeInbox['items'][number];
export type OfficeDeadlineList = RouteResponse<'listOfficeDeadlines'>;
export type LateSchools = RouteResponse<'listLateSchools'>;

/*
 * Keys under the private roots that already exist (schools, units): signing out drops them, and
 * no shared key list had to grow. A school's sent documents sit under the school; the offices'
 * inbox, deadlines and late lists under the units.
 */
export const submissionKeys = {
  school: (schoolId: string) => [...queryKeys.schools.all, schoolId, 'submissions'] as const,
  office: () => [...queryKeys.units.all, 'office-submissions'] as const,
  inbox: (query: RouteQuery<'listOfficeInbox'>) =>
    [...submissionKeys.office(), 'inbox', query] as const,
  detail: (submissionId: string) => [...submissionKeys.office(), 'detail', submissionId] as const,
  deadlines: (unitId: string, schoolYear: string) =>
    [...submissionKeys.office(), 'deadlines', unitId, schoolYear] as const,
  late: (unitId: string, schoolYear: string, kind: SubmissionKind) =>
    [...submissionKeys.office(), 'late', unitId, schoolYear, kind] as const,
};

/** The school's submissions (optionally of one document), its supervising units, and whether the caller may send. */
export function useSchoolSubmissions(schoolId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: submissionKeys.school(schoolId),
    queryFn: ({ signal }) => apiRequest('listSchoolSubmissions', { params: { schoolId }, signal }),
    enabled: options.enabled ?? true,
  });
}

/** Sends an approved document's sealed snapshot; the 409 ("already sent") is shown by the panel. */
export function useSendSubmission(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'sendSubmission'>) =>
      apiRequest('sendSubmission', { params: { schoolId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: submissionKeys.school(schoolId) }),
    meta: { reportsErrorsInline: true, successMessage: viOffices.send.sent },
  });
}

export function useOfficeInbox(query: RouteQuery<'listOfficeInbox'>) {
  return useQuery({
    queryKey: submissionKeys.inbox(query),
    queryFn: ({ signal }) => apiRequest('listOfficeInbox', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Opens one submission as an office: the answer is the submission with this office's unread
 * states turned read. A query (not a mutation) so the detail panel loads and refreshes like any
 * other data; the inbox refetches once it has been marked.
 */
export function useOpenSubmission(submissionId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: submissionKeys.detail(submissionId),
    queryFn: async ({ signal }) => {
      const opened = await apiRequest('openSubmission', { params: { submissionId }, signal });
      void queryClient.invalidateQueries({
        queryKey: [...submissionKeys.office(), 'inbox'],
      });
      return opened;
    },
    staleTime: 30_000,
    retry: false,
  });
}

/** Accepts for one recipient unit; a 409 carries the current submission, shown by the panel. */
export function useAcceptSubmission(submissionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, version }: { unitId: string; version: number }) =>
      apiRequest('acceptSubmission', {
        params: { submissionId, unitId },
        body: { version },
      }),
    onSuccess: async (submission) => {
      queryClient.setQueryData(submissionKeys.detail(submissionId), submission);
      await queryClient.invalidateQueries({ queryKey: [...submissionKeys.office(), 'inbox'] });
      await queryClient.invalidateQueries({ queryKey: [...submissionKeys.office(), 'late'] });
    },
    // A 409 means someone else moved it: the list refetches to show where it stands now.
    onError: async (error) => {
      if (isConflict(error))
        await queryClient.invalidateQueries({ queryKey: [...submissionKeys.office(), 'inbox'] });
    },
    meta: { reportsErrorsInline: true, successMessage: viOffices.detail.accepted },
  });
}

export function useOfficeDeadlines(unitId: string | null, schoolYear: string) {
  return useQuery({
    queryKey: submissionKeys.deadlines(unitId ?? '', schoolYear),
    queryFn: ({ signal }) =>
      apiRequest('listOfficeDeadlines', {
        params: { unitId: unitId ?? '' },
        query: { schoolYear },
        signal,
      }),
    enabled: unitId !== null,
  });
}

export function useSetOfficeDeadline(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'setOfficeDeadline'>) =>
      apiRequest('setOfficeDeadline', { params: { unitId }, body }),
    onSuccess: async (list, body) => {
      queryClient.setQueryData(submissionKeys.deadlines(unitId, body.schoolYear), list);
      await queryClient.invalidateQueries({ queryKey: [...submissionKeys.office(), 'late'] });
    },
  });
}

export function useLateSchools(unitId: string | null, schoolYear: string, kind: SubmissionKind) {
  return useQuery({
    queryKey: submissionKeys.late(unitId ?? '', schoolYear, kind),
    queryFn: ({ signal }) =>
      apiRequest('listLateSchools', {
        params: { unitId: unitId ?? '' },
        query: { schoolYear, kind },
        signal,
      }),
    enabled: unitId !== null,
  });
}

/** Download addresses of a submission (the session cookie is enough). */
export function submissionDownloads(submissionId: string) {
  return {
    snapshot: routeUrl('downloadSubmissionSnapshot', { params: { submissionId } }),
    document: routeUrl('downloadSubmissionDocument', { params: { submissionId } }),
  };
}
