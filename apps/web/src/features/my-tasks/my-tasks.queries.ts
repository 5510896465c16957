import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { RowProgressDetail } from './progress-sender.ts';

export type MyTasks = RouteResponse<'listMyTasks'>;
export type MyTask = MyTasks['tasks'][number];

const keys = queryKeys.myTasks;

/** The signed-in user's rows ("open": not done nor given up; "all"). */
export function useMyTasks(show: 'open' | 'all') {
  return useQuery({
    queryKey: keys.list(show),
    queryFn: ({ signal }) => apiRequest('listMyTasks', { query: { show }, signal }),
  });
}

/** One row's progress and its log (the update sheet). */
export function useRowProgress(planId: string, rowId: string) {
  return useQuery({
    queryKey: keys.row(planId, rowId),
    queryFn: ({ signal }) => apiRequest('getRowProgress', { params: { planId, rowId }, signal }),
  });
}

/** After an update: the row's log takes the server's answer; the task lists refetch. */
export function useApplyRowDetail() {
  const queryClient = useQueryClient();
  return async (planId: string, rowId: string, detail: RowProgressDetail | null) => {
    if (detail) queryClient.setQueryData(keys.row(planId, rowId), detail);
    else await queryClient.invalidateQueries({ queryKey: keys.row(planId, rowId) });
    await queryClient.invalidateQueries({ queryKey: keys.lists() });
  };
}
