import { MEDIA_TYPES } from '@caitien/shared/media-types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conflictCurrentOf } from '../../api/api-error.ts';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';

export type Person = RouteResponse<'listPeople'>['items'][number];
export type Group = RouteResponse<'listGroups'>['items'][number];
export type StaffImportResult = RouteResponse<'importPeople'>;

/** People of the school, in the order the API gives (by given name, as Vietnamese lists are). */
export function usePeople(schoolId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.schools.people(schoolId),
    queryFn: ({ signal }) => apiRequest('listPeople', { params: { schoolId }, signal }),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useGroups(schoolId: string) {
  return useQuery({
    queryKey: queryKeys.schools.groups(schoolId),
    queryFn: ({ signal }) => apiRequest('listGroups', { params: { schoolId }, signal }),
    select: (data) => data.items,
  });
}

/** People and groups show each other (a person's groups, a group's members): refresh both. */
function useInvalidateDirectory(schoolId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.schools.people(schoolId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.schools.groups(schoolId) }),
    ]);
  };
}

export function useCreatePerson(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: (body: RouteBody<'createPerson'>) =>
      apiRequest('createPerson', { params: { schoolId }, body }),
    onSuccess: invalidate,
    meta: { successMessage: vi.people.created },
  });
}

export function useUpdatePerson(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: ({ personId, ...body }: RouteBody<'updatePerson'> & { personId: string }) =>
      apiRequest('updatePerson', { params: { schoolId, personId }, body }),
    onSuccess: invalidate,
    onError: async (error) => {
      if (conflictCurrentOf(error)) await invalidate();
    },
    meta: { successMessage: vi.people.updated },
  });
}

export function useDeletePerson(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: (personId: string) =>
      apiRequest('deletePerson', { params: { schoolId, personId } }),
    onSuccess: invalidate,
    meta: { successMessage: vi.people.deleted },
  });
}

/** Reads the staff list (.xlsx): `dryRun` previews what would be created, then it is confirmed. */
export function useImportPeople(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: Blob; dryRun: boolean }) =>
      apiRequest('importPeople', {
        params: { schoolId },
        query: { dryRun: dryRun ? 'true' : 'false' },
        upload: { data: file, contentType: MEDIA_TYPES.xlsx },
      }),
    onSuccess: async (result) => {
      if (!result.dryRun) await invalidate();
    },
  });
}

export function useCreateGroup(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: (body: RouteBody<'createGroup'>) =>
      apiRequest('createGroup', { params: { schoolId }, body }),
    onSuccess: invalidate,
    meta: { successMessage: vi.groups.created },
  });
}

export function useUpdateGroup(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: ({ groupId, ...body }: RouteBody<'updateGroup'> & { groupId: string }) =>
      apiRequest('updateGroup', { params: { schoolId, groupId }, body }),
    onSuccess: invalidate,
    onError: async (error) => {
      if (conflictCurrentOf(error)) await invalidate();
    },
    meta: { successMessage: vi.groups.updated },
  });
}

export function useDeleteGroup(schoolId: string) {
  const invalidate = useInvalidateDirectory(schoolId);
  return useMutation({
    mutationFn: (groupId: string) => apiRequest('deleteGroup', { params: { schoolId, groupId } }),
    onSuccess: invalidate,
    meta: { successMessage: vi.groups.deleted },
  });
}
