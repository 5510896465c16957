import { UNIT_PAGE_MAX } from '@caitien/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody, type RouteQuery } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { useSession } from '../auth/session.ts';

const t = vi.units;

function useSignedIn(): boolean {
  const user = useSession().data?.user;
  return !!user && !user.mustChangePassword;
}

/**
 * One page question about the unit tree (the server never answers the whole tree): nothing for
 * the user's roots, `parentId` for a unit's children, `q`/`kind` for a search. Pages on with
 * "Xem thêm" (`fetchNextPage`).
 */
export function useUnitPages(
  query: Omit<RouteQuery<'listUnits'>, 'offset'>,
  options: { enabled?: boolean } = {},
) {
  const signedIn = useSignedIn();
  return useInfiniteQuery({
    queryKey: queryKeys.units.page(query),
    queryFn: ({ signal, pageParam }) =>
      apiRequest('listUnits', { signal, query: { ...query, offset: pageParam } }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    enabled: (options.enabled ?? true) && signedIn,
    select: (data) => ({
      items: data.pages.flatMap((page) => page.items),
      total: data.pages[0]?.total ?? 0,
    }),
  });
}

/** The user's roots: the administrator's top units, else the units they are assigned to. */
export function useUnitRoots(options: { enabled?: boolean } = {}) {
  return useUnitPages({ limit: UNIT_PAGE_MAX }, options);
}

/** One unit with its ancestors (breadcrumb) and number of children; 404 when not visible. */
export function useUnit(unitId: string | null | undefined) {
  const signedIn = useSignedIn();
  return useQuery({
    queryKey: queryKeys.units.detail(unitId ?? ''),
    queryFn: ({ signal }) => apiRequest('getUnit', { signal, params: { unitId: unitId ?? '' } }),
    enabled: !!unitId && signedIn,
    retry: false,
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
