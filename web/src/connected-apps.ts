// The apps a learner connected to their account through the Open Badges 3.0 API (src/obapi/connected-apps-routes.ts,
// docs/integrations.md): listing them and disconnecting one. Shapes come from the OpenAPI description.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiResult, api, type Item } from './api.ts';

export type ConnectedApp = Item<ApiResult<'getMeConnectedApps'>['items']>;
export type ObScope = ConnectedApp['scopes'][number];

const SCOPE_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';

/** The key under `connectedApps.scope` that says in words what a scope lets an app do. */
export const scopeKey = (scope: ObScope): string => scope.slice(SCOPE_BASE.length).replace('.', '_');

export const connectedAppsKey = ['me', 'connected-apps'] as const;

export const connectedAppsApi = {
  list: () => api<ApiResult<'getMeConnectedApps'>>('/api/v1/me/connected-apps'),
  disconnect: (clientId: string) =>
    api<undefined>(`/api/v1/me/connected-apps/${encodeURIComponent(clientId)}`, { method: 'DELETE' }),
};

export function useConnectedApps() {
  return useQuery({ queryKey: connectedAppsKey, queryFn: connectedAppsApi.list });
}

export function useDisconnect(clientId: string, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => connectedAppsApi.disconnect(clientId),
    onSuccess: () => {
      onDone();
      return queryClient.invalidateQueries({ queryKey: connectedAppsKey });
    },
  });
}
