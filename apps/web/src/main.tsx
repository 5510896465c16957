import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/api-error.ts';
import { configureSession } from './api/http-client.ts';
import { createMutationCache } from './api/mutation-reporting.ts';
import { queryKeys } from './api/query-keys.ts';
import { App } from './app.tsx';
import {
  applySession,
  fetchSession,
  getCsrfToken,
  requestSignIn,
} from './features/auth/session.ts';
import { registerServiceWorker } from './pwa.ts';
import './styles.css';

const queryClient = new QueryClient({
  mutationCache: createMutationCache(),
  defaultOptions: {
    queries: {
      // A 4xx answer (unknown framework, bad query, no access) will not change on retry; network trouble might.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
        failureCount < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

// The API client takes part in the session: CSRF token, the sign-in dialog on a 401, and the
// forced password change the server asks for after a temporary password.
configureSession({
  getCsrfToken,
  requestSignIn,
  refreshCsrfToken: async () => {
    const session = await fetchSession();
    if (session) applySession(queryClient, session);
  },
  onPasswordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me() });
  },
});

registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
