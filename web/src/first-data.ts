// The data the first page asks for, requested while the language's catalog chunk downloads (main.tsx renders
// only once that chunk is in): the session, which every page reads, and the course list on the landing page and
// the catalog. The pages then find it in the query cache instead of asking after their first render.
import type { QueryClient } from '@tanstack/react-query';
import { catalogFiltersOf, catalogQuery } from './learning.ts';
import { fetchSession, SESSION_STALE_MS, sessionKey } from './session.ts';

export function prefetchFirstData(
  queryClient: QueryClient,
  location: { pathname: string; search: string },
): void {
  void queryClient.prefetchQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: SESSION_STALE_MS,
  });
  const filters =
    location.pathname === '/'
      ? {}
      : location.pathname === '/catalog'
        ? catalogFiltersOf(new URLSearchParams(location.search))
        : null;
  if (filters) void queryClient.prefetchQuery(catalogQuery(filters));
}
