import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { viNotifications as t } from '../../i18n/vi-tasks.ts';

export type NotificationList = RouteResponse<'listNotifications'>;
export type AppNotification = NotificationList['items'][number];
export type NotificationPreferences = RouteResponse<'getNotificationPreferences'>;

const keys = queryKeys.notifications;

/** How often the bell asks for new notifications (and again whenever the window gets focus). */
export const NOTIFICATION_POLL_MS = 60_000;

/** The signed-in user's notifications with the unread count; polled every minute and on focus. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: keys.list(),
    queryFn: ({ signal }) => apiRequest('listNotifications', { query: { limit: 30 }, signal }),
    enabled,
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchOnWindowFocus: true,
    // A server without the notifications yet, or a network gone: the bell just stays quiet.
    retry: false,
  });
}

/** Marks some (or, with no ids, all) notifications read; the answer is the new list. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'markNotificationsRead'>) =>
      apiRequest('markNotificationsRead', { body }),
    onSuccess: (list) => queryClient.setQueryData(keys.list(), list),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: keys.preferences(),
    queryFn: ({ signal }) => apiRequest('getNotificationPreferences', { signal }),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'updateNotificationPreferences'>) =>
      apiRequest('updateNotificationPreferences', { body }),
    onSuccess: (preferences) => queryClient.setQueryData(keys.preferences(), preferences),
    meta: { successMessage: t.saved },
  });
}
