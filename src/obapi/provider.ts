// The OAuth 2.0 authorization server of the Open Badges 3.0 API, built on oidc-provider (panva): the
// authorization code grant with PKCE (S256 only, required of every client), refresh tokens, and open Dynamic
// Client Registration (RFC 7591) as OB 3.0 §6 expects. Tessera's own login and a consent page stand in for
// the library's development interactions (oauth-routes.ts). State lives in our database (adapter.ts).
import { generateKeyPairSync, hkdfSync } from 'node:crypto';
import Provider, { type Configuration, type ErrorOut, type KoaContextWithOIDC } from 'oidc-provider';
import { decryptSecretKey, encryptSecretKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { escapeHtml } from '../html/index.ts';
import { kyselyAdapter } from './adapter.ts';
import { OB_SCOPES } from './model.ts';

export const OAUTH_PREFIX = '/oauth';
export const interactionPath = (uid: string) => `${OAUTH_PREFIX}/interaction/${uid}`;

/** Lifetimes, in seconds. An access token is short; a refresh token keeps a wallet connected for a month. */
export const TOKEN_TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  RefreshToken: 30 * 24 * 60 * 60,
  Grant: 30 * 24 * 60 * 60,
  Interaction: 60 * 60,
  Session: 24 * 60 * 60,
} as const;

const SIGNING_KEY_ID = 'ob-api-sig-1';

/** The server's RSA key for ID tokens: made once, wrapped under the key-encryption key, shared by processes. */
async function signingJwk(deps: Deps): Promise<Record<string, unknown>> {
  const kek = deps.secrets.keyEncryptionKey;
  const existing = await deps.db
    .selectFrom('oauthKeys')
    .select('jwkWrapped')
    .where('id', '=', SIGNING_KEY_ID)
    .executeTakeFirst();
  if (!existing) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: SIGNING_KEY_ID, use: 'sig', alg: 'RS256' };
    // Two processes starting at once: the first stored wins and both use it.
    await deps.db
      .insertInto('oauthKeys')
      .values({ id: SIGNING_KEY_ID, jwkWrapped: encryptSecretKey(kek, JSON.stringify(jwk)) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const row = await deps.db
    .selectFrom('oauthKeys')
    .select('jwkWrapped')
    .where('id', '=', SIGNING_KEY_ID)
    .executeTakeFirstOrThrow();
  return JSON.parse(decryptSecretKey(kek, row.jwkWrapped));
}

/** Cookie signing keys derived from the key-encryption key: the same in every process, never stored. */
function cookieKeys(deps: Deps): string[] {
  const key = hkdfSync('sha256', deps.secrets.keyEncryptionKey, '', 'tessera ob-api oauth cookies', 32);
  return [Buffer.from(key).toString('base64url')];
}

function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  ctx.type = 'html';
  const rows = Object.entries(out)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join('');
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OAuth error</title>
<link rel="stylesheet" href="/verify/verify.css"></head><body><main><h1>OAuth error</h1><dl>${rows}</dl>
<p><a href="/">Tessera</a></p></main></body></html>`;
}

export async function createOAuthProvider(deps: Deps): Promise<Provider> {
  const configuration: Configuration = {
    adapter: kyselyAdapter(deps),
    clients: [],
    jwks: { keys: [(await signingJwk(deps)) as never] },
    cookies: { keys: cookieKeys(deps) },
    // The subject is the Tessera account; the OB API needs no claims beyond it.
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    scopes: ['openid', ...OB_SCOPES],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    extraClientMetadata: { properties: ['software_id', 'software_version'] },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    // A client that may refresh gets a refresh token; no `offline_access` dance for an OB wallet.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every authorization goes through our interaction, which checks the Tessera session each time and asks
    // the learner unless a live grant already holds what the app asks (remembered-consent.ts); the grant it
    // names is what the resumed authorization uses.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    interactions: { url: (_ctx, interaction) => interactionPath(interaction.uid) },
    ttl: { ...TOKEN_TTL },
    renderError,
  };
  const provider = new Provider(`${deps.config.publicUrl}${OAUTH_PREFIX}`, configuration);
  provider.proxy = deps.config.trustProxy;
  return provider;
}
