import { i18n, i18nReady, renderedLanguage } from './i18n/index.ts';
import './styles.css';
import {
  type DehydratedState,
  hydrate,
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
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

/** The query cache the server rendered the page from (entry-server.tsx), when it rendered it. */
function renderedState(): DehydratedState | null {
  const text = document.getElementById('tessera-state')?.textContent;
  try {
    return text ? (JSON.parse(text) as DehydratedState) : null;
  } catch {
    return null;
  }
}

const rendered = renderedState();
if (rendered) hydrate(queryClient, rendered);
else prefetchFirstData(queryClient, window.location);

const app = (
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>
);
// The boot skeleton in index.html (or the server's rendering of the page) stays until the active language's
// catalog is in: no key ever flashes. A page the server rendered is hydrated, unless the reader has chosen
// another language since: then it is rendered afresh in theirs.
void i18nReady.then(() => {
  if (rendered && i18n.language === renderedLanguage) hydrateRoot(root, app);
  else createRoot(root).render(app);
  // From here the page answers clicks (a click on server-rendered markup before this did nothing): tests and
  // tools wait for it.
  document.documentElement.dataset.app = 'live';
});
