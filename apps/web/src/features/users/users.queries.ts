import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conflictCurrentOf } from '../../api/api-error.ts';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';

export type UserAccount = RouteResponse<'listUsers'>['items'][number];
export type RoleGrant = RouteBody<'createUser'>['roles'][number];

/** Accounts the user may manage: all for the administrator, the school's for a principal. */
export function useUsers(unitId: string | null) {
  const query = unitId ? { unitId } : {};
  return useQuery({
    queryKey: queryKeys.users.list(query),
    queryFn: ({ signal }) => apiRequest('listUsers', { query, signal }),
    select: (data) => data.items,
  });
}

/** Accounts are shown beside people (a person's account): refresh both. */
function useInvalidateAccounts() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.schools.all }),
    ]);
  };
}

/** Creates an account; the answer holds the temporary password, shown once to hand over. */
export function useCreateUser() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: RouteBody<'createUser'>) => apiRequest('createUser', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ userId, ...body }: RouteBody<'updateUser'> & { userId: string }) =>
      apiRequest('updateUser', { params: { userId }, body }),
    onSuccess: invalidate,
    onError: async (error) => {
      if (conflictCurrentOf(error)) await invalidate();
    },
    meta: { successMessage: vi.users.updated },
  });
}

/** A temporary password (changed at the next sign-in) or a one-time link, shown once. */
export function useResetUserPassword() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ userId, method }: { userId: string; method: 'temporary_password' | 'link' }) =>
      apiRequest('resetUserPassword', { params: { userId }, body: { method } }),
    onSuccess: invalidate,
    // It runs in a dialog, above the alert region: the dialog shows its own errors.
    meta: { reportsErrorsInline: true },
  });
}
