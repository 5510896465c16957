import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** Framework data changes only when an administrator edits it: keep it for a while. */
const FRAMEWORK_STALE_TIME = 10 * 60 * 1000;

/** Every framework version (current and superseded), for the picker. */
export function useFrameworkList() {
  const query = { allVersions: 'true' } as const;
  return useQuery({
    queryKey: queryKeys.frameworks.list(query),
    queryFn: ({ signal }) => apiRequest('listFrameworks', { query, signal }),
    staleTime: FRAMEWORK_STALE_TIME,
  });
}

/** One framework version; `id` is a code (its current version) or a version id ("TT17@1"). */
export function useFrameworkDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.frameworks.detail(id ?? ''),
    queryFn: ({ signal }) => apiRequest('getFramework', { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
    staleTime: FRAMEWORK_STALE_TIME,
  });
}
