import { i18nReady } from './i18n/index.ts';
import './styles.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiProblem } from './api.ts';
import { prefetchFirstData } from './first-data.ts';
import { routes } from './routes.tsx';
import { sessionKey } from './session.ts';

/** A 401 from any API call means the session ended (expired, logged out elsewhere): forget it here too. */
function forgetEndedSession(error: unknown): void {
  if (error instanceof ApiProblem && error.status === 401) queryClient.setQueryData(sessionKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetEndedSession }),
  mutationCache: new MutationCache({ onError: forgetEndedSession }),
  defaultOptions: {
    queries: {
      // Client errors (401, 403, 404) will not go away by asking again.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(routes);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

prefetchFirstData(queryClient, window.location);

// The boot skeleton in index.html stays until the active language's catalog is in: no key ever flashes.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
