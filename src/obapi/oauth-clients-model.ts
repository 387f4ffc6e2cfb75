// Pure rules of the OAuth apps an organization publishes for the OB 3.0 API (oauth-clients.ts): which addresses
// an app may name, and the client metadata (RFC 7591 names) it is registered with: a confidential web client of
// the authorization code grant (PKCE, which the server asks of everyone) that authenticates with
// client_secret_basic and may ask only for the OB 3.0 scopes its organization chose. No I/O.
import { randomBytes } from 'node:crypto';
import type { FieldProblem, FieldProblemCode } from '../errors.ts';
import { OB_SCOPES, type ObScope } from './model.ts';

export const APP_NAME_MAX = 100;
export const APP_URL_MAX = 2000;
export const REDIRECT_URIS_MAX = 10;

/** What an organization says of the app it publishes. */
export interface OAuthAppInput {
  name: string;
  homePageUrl: string;
  redirectUris: string[];
  scopes: ObScope[];
}

/** A client id: random, unguessable and URL-safe (like those Dynamic Client Registration hands out). */
export const newClientId = (): string => randomBytes(18).toString('base64url');

/** A client secret: 256 random bits, shown once to whoever registers or rotates it. */
export const newClientSecret = (): string => randomBytes(32).toString('base64url');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

function parsed(value: string): URL | null {
  return URL.canParse(value) ? new URL(value) : null;
}

/** Why a home page is refused, or null: an https address with a host, no user name or password in it. */
export function homePageProblem(value: string): FieldProblem | null {
  const url = parsed(value);
  if (url?.protocol === 'https:' && url.hostname && !url.username && !url.password) return null;
  return { path: 'homePageUrl', code: 'https-only', message: 'must be an https address' };
}

/**
 * Why a redirect URI is refused, or null. An https address; or, for an app on the developer's own machine, http
 * on localhost or 127.0.0.1. Never a fragment (RFC 6749 §3.1.2) nor a user name or password.
 */
export function redirectUriProblem(value: string, index: number): FieldProblem | null {
  const url = parsed(value);
  const problem = (code: FieldProblemCode, message: string) => ({
    path: 'redirectUris',
    code,
    message,
    params: { number: index + 1 },
  });
  if (!url || url.username || url.password || !url.hostname)
    return problem('redirect-uri', 'must be an https address, or http on localhost or 127.0.0.1');
  if (value.includes('#')) return problem('redirect-uri-fragment', 'must not have a fragment (#…)');
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return problem('redirect-uri', 'must be an https address, or http on localhost or 127.0.0.1');
}

/** Every problem of an app's addresses (the home page first, then each redirect URI in order). */
export function appProblems(input: Pick<OAuthAppInput, 'homePageUrl' | 'redirectUris'>): FieldProblem[] {
  return [
    homePageProblem(input.homePageUrl),
    ...input.redirectUris.map((uri, index) => redirectUriProblem(uri, index)),
  ].filter((problem): problem is FieldProblem => problem !== null);
}

/** The scopes once each, in the spec's order. */
export const orderedScopes = (scopes: readonly string[]): ObScope[] =>
  OB_SCOPES.filter((scope) => scopes.includes(scope));

/** The client metadata the authorization server keeps for a published app (secret included: the adapter wraps it). */
export function clientMetadata(
  input: OAuthAppInput,
  ids: { clientId: string; clientSecret: string; issuedAt: Date },
): Record<string, unknown> & { client_id: string; client_secret: string } {
  return {
    client_id: ids.clientId,
    client_secret: ids.clientSecret,
    client_id_issued_at: Math.floor(ids.issuedAt.getTime() / 1000),
    client_secret_expires_at: 0,
    client_name: input.name,
    client_uri: input.homePageUrl,
    redirect_uris: [...new Set(input.redirectUris)],
    scope: orderedScopes(input.scopes).join(' '),
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

/** What the organization's page shows of a stored client: its metadata read back, whatever a past version wrote. */
export interface PublishedClientFacts {
  name: string;
  homePageUrl: string | null;
  redirectUris: string[];
  scopes: ObScope[];
}

export function publishedFacts(metadata: Record<string, unknown>, clientId: string): PublishedClientFacts {
  const name = typeof metadata.client_name === 'string' ? metadata.client_name : clientId;
  const uri = typeof metadata.client_uri === 'string' ? metadata.client_uri : null;
  const redirects = Array.isArray(metadata.redirect_uris)
    ? metadata.redirect_uris.filter((u): u is string => typeof u === 'string')
    : [];
  const scope = typeof metadata.scope === 'string' ? metadata.scope.split(' ') : [];
  return { name, homePageUrl: uri, redirectUris: redirects, scopes: orderedScopes(scope) };
}
