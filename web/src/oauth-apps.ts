// The OAuth apps an organization publishes for the Open Badges 3.0 API (src/obapi/oauth-clients-routes.ts,
// docs/integrations.md): registering one (its client secret is in the reply, and never again), the list with how
// many learners allowed each, rotating a secret and deleting an app. Shapes come from the OpenAPI description.
import { useQuery } from '@tanstack/react-query';
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import { useChangeThenReread } from './mutations.ts';

export type OAuthApp = Item<ApiResult<'getOrgsByOrgIdOauthClients'>['items']>;
export type OAuthAppWithSecret = ApiResult<'postOrgsByOrgIdOauthClients'>;
export type NewOAuthApp = ApiBody<'postOrgsByOrgIdOauthClients'>;
export type OAuthAppScope = NewOAuthApp['scopes'][number];

const SCOPE_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';

/** The OB 3.0 scopes an app may ask for, in the spec's order (src/obapi/model.ts). */
export const OAUTH_APP_SCOPES: readonly OAuthAppScope[] = [
  `${SCOPE_BASE}credential.readonly`,
  `${SCOPE_BASE}credential.upsert`,
  `${SCOPE_BASE}profile.readonly`,
  `${SCOPE_BASE}profile.update`,
];

/** A scope's short name (`credential.readonly`) and its key under `orgConsole.oauthApps.scope`. */
export const scopeName = (scope: OAuthAppScope): string => scope.slice(SCOPE_BASE.length);
export const scopeKey = (scope: OAuthAppScope): string => scopeName(scope).replace('.', '_');

/** As many redirect URIs as an app may register (src/obapi/oauth-clients-model.ts). */
export const REDIRECT_URIS_MAX = 10;

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/** Whether a redirect URI is one the server takes: https, or http on localhost or 127.0.0.1, no fragment. */
export function redirectUriAccepted(value: string): boolean {
  if (!URL.canParse(value) || value.includes('#')) return false;
  const url = new URL(value);
  if (!url.hostname || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/** The redirect URIs of a textarea: one per line, blank lines ignored. */
export const redirectUrisOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/oauth-clients`;

export const oauthAppKeys = { all: (orgId: string) => ['oauth-apps', orgId] as const };

export const oauthAppsApi = {
  list: (orgId: string) => api<ApiResult<'getOrgsByOrgIdOauthClients'>>(base(orgId)),
  register: (orgId: string, body: NewOAuthApp) =>
    api<OAuthAppWithSecret>(base(orgId), { method: 'POST', body }),
  rotateSecret: (orgId: string, clientId: string) =>
    api<ApiResult<'postOrgsByOrgIdOauthClientsByClientIdRotateSecret'>>(
      `${base(orgId)}/${encodeURIComponent(clientId)}/rotate-secret`,
      { method: 'POST' },
    ),
  remove: (orgId: string, clientId: string) =>
    api<undefined>(`${base(orgId)}/${encodeURIComponent(clientId)}`, { method: 'DELETE' }),
};

export function useOAuthApps(orgId: string) {
  return useQuery({ queryKey: oauthAppKeys.all(orgId), queryFn: () => oauthAppsApi.list(orgId) });
}

/** A change to the organization's OAuth apps, after which every list of them is read again. */
export function useOAuthAppChange<I, O>(
  orgId: string,
  mutationFn: (input: I) => Promise<O>,
  onDone?: (result: O, input: I) => void,
) {
  return useChangeThenReread(oauthAppKeys.all(orgId), mutationFn, onDone);
}
