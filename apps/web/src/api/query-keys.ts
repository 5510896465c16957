import type { RouteQuery } from './http-client.ts';

/**
 * The one query-key factory (TanStack Query). Keys are hierarchical so a whole domain can be
 * invalidated at once: `queryClient.invalidateQueries({ queryKey: queryKeys.frameworks.all })`.
 */
export const queryKeys = {
  frameworks: {
    all: ['frameworks'] as const,
    lists: () => [...queryKeys.frameworks.all, 'list'] as const,
    list: (query: RouteQuery<'listFrameworks'>) => [...queryKeys.frameworks.lists(), query] as const,
    details: () => [...queryKeys.frameworks.all, 'detail'] as const,
    /** `id` is a code ("TT17", its current version) or a version id ("TT17@1"). */
    detail: (id: string) => [...queryKeys.frameworks.details(), id] as const,
  },
  system: {
    all: ['system'] as const,
    health: () => [...queryKeys.system.all, 'health'] as const,
  },
} as const;
