import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isUnauthenticated } from '../../api/api-error.ts';
import { apiRequest, type RouteBody } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { clearNotices } from '../../ui/notices.ts';
import { applySession, clearSession, useSession } from './session.ts';

const t = vi.auth;

/** Whether the first administrator still has to be created (a fresh installation). */
export function useSetupStatus(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.auth.setupStatus(),
    queryFn: ({ signal }) => apiRequest('setupStatus', { signal }),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

/** Sign-in (the page and the dialog over a screen); errors are shown in the form. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'login'>) => apiRequest('login', { body }),
    onSuccess: (session) => applySession(queryClient, session),
    meta: { reportsErrorsInline: true },
  });
}

/** First run: creates the first administrator and signs them in. */
export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'setup'>) => apiRequest('setup', { body }),
    onSuccess: (session) => applySession(queryClient, session),
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.setupStatus() }),
    meta: { successMessage: t.setupDone },
  });
}

/** Signs out of this session (an already ended session counts as signed out). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (scope: 'this' | 'everywhere') => {
      try {
        await apiRequest(scope === 'this' ? 'logout' : 'logoutEverywhere', {
          skipSignInPrompt: true,
        });
      } catch (error) {
        if (!isUnauthenticated(error)) throw error;
      }
    },
    onSuccess: () => {
      clearNotices();
      clearSession(queryClient);
    },
    meta: { successMessage: t.signedOut },
  });
}

/** Own password; the other sessions of the account are signed out by the server. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'changePassword'>) => apiRequest('changePassword', { body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.auth.all });
    },
    meta: { successMessage: t.passwordChanged },
  });
}

/** A new password through a one-time link (public). */
export function useResetPasswordWithToken() {
  return useMutation({
    mutationFn: (body: RouteBody<'resetPasswordWithToken'>) =>
      apiRequest('resetPasswordWithToken', { body }),
    meta: { reportsErrorsInline: true },
  });
}

/** Active sessions of the signed-in account. */
export function useSessionList() {
  const session = useSession();
  return useQuery({
    queryKey: queryKeys.auth.sessions(),
    queryFn: ({ signal }) => apiRequest('listSessions', { signal }),
    enabled: !!session.data,
    select: (data) => data.items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => apiRequest('revokeSession', { params: { sessionId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.auth.sessions() }),
    meta: { successMessage: t.sessionRevoked },
  });
}
