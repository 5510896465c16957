import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/** The scheduled jobs and the mail queue (administrator); refreshed every 30 seconds on screen. */
export function useBackgroundWork() {
  return useQuery({
    queryKey: queryKeys.notifications.backgroundWork(),
    queryFn: ({ signal }) => apiRequest('getMailOutbox', { signal }),
    refetchInterval: 30_000,
  });
}
