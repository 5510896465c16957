import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conflictCurrentOf } from '../../api/api-error.ts';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';

export type SchoolProfile = RouteResponse<'getSchoolProfile'>;

export function useSchoolProfile(schoolId: string) {
  return useQuery({
    queryKey: queryKeys.schools.profile(schoolId),
    queryFn: ({ signal }) => apiRequest('getSchoolProfile', { params: { schoolId }, signal }),
  });
}

/** Saves the profile with the version it was loaded at (409 with the current one when stale). */
export function useUpdateSchoolProfile(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'updateSchoolProfile'>) =>
      apiRequest('updateSchoolProfile', { params: { schoolId }, body }),
    onSuccess: async (profile) => {
      queryClient.setQueryData(queryKeys.schools.profile(schoolId), profile);
      // The official name is the unit's name: the tree, the lists and the header show it.
      await queryClient.invalidateQueries({ queryKey: queryKeys.units.all });
    },
    onError: (error) => {
      const current = conflictCurrentOf<SchoolProfile>(error);
      if (current) queryClient.setQueryData(queryKeys.schools.profile(schoolId), current);
    },
    meta: { successMessage: vi.profile.saved },
  });
}
