import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { useSession } from '../auth/session.ts';

const t = vi.units;

/** Units the user can see (the whole tree for the administrator), each with its ancestors. */
export function useUnits(options: { enabled?: boolean } = {}) {
  const session = useSession();
  const user = session.data?.user;
  return useQuery({
    queryKey: queryKeys.units.list(),
    queryFn: ({ signal }) => apiRequest('listUnits', { signal }),
    enabled: (options.enabled ?? true) && !!user && !user.mustChangePassword,
    select: (data) => data.items,
  });
}

function useInvalidateUnits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.units.all });
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (body: RouteBody<'createUnit'>) => apiRequest('createUnit', { body }),
    onSuccess: invalidate,
    meta: { successMessage: t.created },
  });
}

export function useRenameUnit() {
  const invalidate = useInvalidateUnits();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { unitId: string; name: string; version: number }) =>
      apiRequest('updateUnit', {
        params: { unitId: input.unitId },
        body: { name: input.name, version: input.version },
      }),
    onSuccess: async (unit) => {
      await invalidate();
      // A school's official name is its unit name: its profile shows it.
      if (unit.kind === 'school')
        await queryClient.invalidateQueries({ queryKey: queryKeys.schools.profile(unit.id) });
    },
    onError: invalidate,
    meta: { successMessage: t.renamed },
  });
}

export function useMoveUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (input: { unitId: string; parentId: string | null; version: number }) =>
      apiRequest('updateUnit', {
        params: { unitId: input.unitId },
        body: { parentId: input.parentId, version: input.version },
      }),
    onSuccess: invalidate,
    onError: invalidate,
    meta: { successMessage: t.moved },
  });
}

export function useDeleteUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (unitId: string) => apiRequest('deleteUnit', { params: { unitId } }),
    onSuccess: invalidate,
    meta: { successMessage: t.deleted },
  });
}
