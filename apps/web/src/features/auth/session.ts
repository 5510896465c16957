import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { isUnauthenticated } from '../../api/api-error.ts';
import { apiRequest, type RouteResponse } from '../../api/http-client.ts';
import { privateQueryRoots, queryKeys } from '../../api/query-keys.ts';
import { clearOfflineApiCache } from '../../pwa.ts';

/** What `me`, `login` and `setup` answer: the user with roles, and the CSRF token. */
export type SessionData = RouteResponse<'me'>;
export type CurrentUser = SessionData['user'];
export type RoleAssignment = CurrentUser['roles'][number];

/*
 * The CSRF token lives in memory only (never in storage): it comes with every session answer and
 * the client sends it on state-changing requests. The session cookie itself is HttpOnly.
 */
let csrfToken: string | null = null;

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Who is signed in, by the server's word; `null` when nobody is (a 401 from `me`). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionData | null> {
  try {
    const session = await apiRequest('me', { skipSignInPrompt: true, signal });
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (isUnauthenticated(error)) {
      csrfToken = null;
      return null;
    }
    throw error;
  }
}

/** The current session, loaded once and kept (it changes only through sign-in and sign-out). */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.auth.me(),
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    retry: 1,
  });
}

/**
 * Takes a session answer (sign-in, first run, the sign-in dialog): keeps its CSRF token and puts it
 * in the cache. When another user than before signs in, the previous user's data is dropped.
 */
export function applySession(queryClient: QueryClient, session: SessionData): void {
  const previous = queryClient.getQueryData<SessionData | null>(queryKeys.auth.me());
  csrfToken = session.csrfToken;
  if (previous && previous.user.id !== session.user.id) dropPrivateData(queryClient);
  queryClient.setQueryData(queryKeys.auth.me(), session);
  queryClient.setQueryData(queryKeys.auth.setupStatus(), { needsSetup: false });
}

/** Forgets the session and everything loaded with it (after sign-out). */
export function clearSession(queryClient: QueryClient): void {
  csrfToken = null;
  dropPrivateData(queryClient);
  queryClient.setQueryData(queryKeys.auth.me(), null);
}

function dropPrivateData(queryClient: QueryClient): void {
  for (const queryKey of privateQueryRoots) queryClient.removeQueries({ queryKey });
  clearOfflineApiCache();
}

/* ——— The sign-in prompt: a dialog over the current screen when a request meets a 401 ——— */

interface SignInPrompt {
  resolve: (signedIn: boolean) => void;
}

let prompt: SignInPrompt | null = null;
const promptListeners = new Set<() => void>();

function emitPrompt() {
  for (const listener of promptListeners) listener();
}

/** Opens the sign-in dialog; resolves true once the user signed in again, false if they gave up. */
export function requestSignIn(): Promise<boolean> {
  return new Promise((resolve) => {
    const previous = prompt;
    prompt = {
      resolve: (signedIn) => {
        previous?.resolve(signedIn);
        resolve(signedIn);
      },
    };
    emitPrompt();
  });
}

/** Closes the dialog and lets the waiting requests go on (retry) or fail. */
export function settleSignIn(signedIn: boolean): void {
  const current = prompt;
  prompt = null;
  emitPrompt();
  current?.resolve(signedIn);
}

function subscribePrompt(listener: () => void) {
  promptListeners.add(listener);
  return () => promptListeners.delete(listener);
}

const isPromptOpen = () => prompt !== null;

/** True while the sign-in dialog should be shown. */
export function useSignInPrompt(): boolean {
  return useSyncExternalStore(subscribePrompt, isPromptOpen, isPromptOpen);
}
