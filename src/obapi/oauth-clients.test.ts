// An organization's OAuth apps, over real HTTP on loopback: its owner registers one at
// /api/v1/orgs/{orgId}/oauth-clients, a learner connects it through the OB 3.0 API's OAuth flow (oauth4webapi:
// authorization code with PKCE, the consent page naming the organization, client_secret_basic with the secret
// the registration showed once), the owner sees how many learners allowed it, rotates its secret and deletes it,
// after which every token it held is refused. Roles, token scopes and other organizations are kept out.
import { sql } from 'kysely';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { OB_SCOPE } from './model.ts';
import { aConnectedApp, aFreePort, CookieJar, type TestConnectedApp } from './testing.ts';

const insecure = { [oauth.allowInsecureRequests]: true };
const REDIRECT_URI = 'https://wallet.example/callback';

/** The token endpoint's answer to a client that failed to authenticate (oauth4webapi reads its challenge). */
const refusedClient = {
  status: 401,
  cause: [expect.objectContaining({ parameters: expect.objectContaining({ error: 'invalid_client' }) })],
};

const anApp = (overrides: Record<string, unknown> = {}) => ({
  name: 'Campus Wallet',
  homePageUrl: 'https://wallet.example/',
  redirectUris: [REDIRECT_URI, 'http://localhost:8080/callback'],
  scopes: [OB_SCOPE.profileReadonly, OB_SCOPE.credentialReadonly],
  ...overrides,
});

describe('an organization’s OAuth apps', () => {
  let t: TestApp;
  let base: string;
  let as: oauth.AuthorizationServer;
  let issuer: TestIssuer;
  let otherIssuer: TestIssuer;
  let staff: TestSession;
  let learner: TestSession;
  let registered: { clientId: string; clientSecret: string };
  let connected: TestConnectedApp;

  beforeAll(async () => {
    const port = await aFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_URL: base } });
    await t.app.listen({ host: '127.0.0.1', port });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Ada Academy');
    otherIssuer = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    const member = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: member.email, role: 'staff' },
    });
    expect(added.statusCode, added.body).toBe(201);
    staff = member;
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Lena Learner' });
    const issuerUrl = new URL(`${base}/oauth`);
    as = await oauth.processDiscoveryResponse(
      issuerUrl,
      await oauth.discoveryRequest(issuerUrl, { algorithm: 'oidc', ...insecure }),
    );
  }, 120_000);
  afterAll(() => t?.close());

  const apps = (orgId: string) => `/api/v1/orgs/${orgId}/oauth-clients`;
  const register = (
    headers: Record<string, string>,
    payload: Record<string, unknown>,
    orgId = issuer.orgId,
  ) => t.app.inject({ method: 'POST', url: apps(orgId), headers, payload });
  const list = (headers: Record<string, string>, orgId = issuer.orgId) =>
    t.app.inject({ method: 'GET', url: apps(orgId), headers });
  const credentials = (token: string) =>
    fetch(`${base}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token}` } });
  const refresh = async (clientSecret: string, refreshToken: string) => {
    const client = { client_id: registered.clientId };
    return oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.ClientSecretBasic(clientSecret),
        refreshToken,
        insecure,
      ),
    );
  };

  it('registers an app for the owner and shows its client secret this once', async () => {
    const response = await register(issuer.owner.headers, anApp());
    expect(response.statusCode, response.body).toBe(201);
    const made = response.json();
    expect(made).toEqual({
      clientId: expect.stringMatching(/^[\w-]{20,}$/),
      clientSecret: expect.stringMatching(/^[\w-]{40,}$/),
      name: 'Campus Wallet',
      homePageUrl: 'https://wallet.example/',
      redirectUris: [REDIRECT_URI, 'http://localhost:8080/callback'],
      scopes: [OB_SCOPE.credentialReadonly, OB_SCOPE.profileReadonly],
      learnerCount: 0,
      lastUsedAt: null,
      secretRotatedAt: null,
      createdAt: expect.any(String),
    });
    registered = { clientId: made.clientId, clientSecret: made.clientSecret };
  });

  it('keeps the client secret only wrapped, where the authorization server keeps every client', async () => {
    const { rows } = await sql<{ payload: string }>`
      select payload::text as payload from oauth_models where kind = 'Client'`.execute(t.deps.db);
    const stored = rows.map((row) => row.payload).join('\n');
    expect(stored).toContain('Campus Wallet');
    expect(stored).toContain('clientSecretWrapped');
    expect(stored).not.toContain(registered.clientSecret);
  });

  it('lists the organization’s apps without their secrets', async () => {
    const response = await list(issuer.owner.headers);
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.map((app: { clientId: string }) => app.clientId)).toEqual([registered.clientId]);
    expect(items[0]).not.toHaveProperty('clientSecret');
    expect(response.body).not.toContain(registered.clientSecret);
  });

  it('refuses an http home page, a redirect URI off loopback or with a fragment, and an unknown scope', async () => {
    const homePage = await register(issuer.owner.headers, anApp({ homePageUrl: 'http://wallet.example/' }));
    expect(homePage.statusCode).toBe(400);
    expect(homePage.headers['content-type']).toContain('application/problem+json');
    expect(homePage.json().errors).toEqual([
      expect.objectContaining({
        path: 'homePageUrl',
        code: 'https-only',
        message: 'must be an https address',
      }),
    ]);
    const redirects = await register(
      issuer.owner.headers,
      anApp({ redirectUris: ['https://ok.example/cb', 'http://wallet.example/cb', 'https://ok.example/#x'] }),
    );
    expect(redirects.statusCode).toBe(400);
    expect(redirects.json().errors).toEqual([
      expect.objectContaining({ path: 'redirectUris', code: 'redirect-uri', params: { number: 2 } }),
      expect.objectContaining({ path: 'redirectUris', code: 'redirect-uri-fragment', params: { number: 3 } }),
    ]);
    const scope = await register(issuer.owner.headers, anApp({ scopes: ['openid', 'email'] }));
    expect(scope.statusCode).toBe(400);
    expect(scope.headers['content-type']).toContain('application/problem+json');
    const empty = await register(issuer.owner.headers, anApp({ name: ' ', redirectUris: [] }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.redirectUris']),
    );
    expect((await list(issuer.owner.headers)).json().items).toHaveLength(1);
  });

  it('lets only owners and admins manage apps, and answers 404 to another organization', async () => {
    expect((await register(staff.headers, anApp())).statusCode).toBe(403);
    expect((await list(staff.headers)).statusCode).toBe(403);
    const rotate = `${apps(issuer.orgId)}/${registered.clientId}/rotate-secret`;
    for (const request of [
      { method: 'GET' as const, url: apps(issuer.orgId) },
      { method: 'POST' as const, url: rotate },
      { method: 'DELETE' as const, url: `${apps(issuer.orgId)}/${registered.clientId}` },
    ]) {
      const response = await t.app.inject({ ...request, headers: otherIssuer.owner.headers });
      expect(response.statusCode, request.url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    // The other organization's owner naming this client under their own organization finds nothing either.
    const theirs = await t.app.inject({
      method: 'DELETE',
      url: `${apps(otherIssuer.orgId)}/${registered.clientId}`,
      headers: otherIssuer.owner.headers,
    });
    expect(theirs.statusCode).toBe(404);
    expect((await list(otherIssuer.owner.headers, otherIssuer.orgId)).json().items).toEqual([]);
  });

  it('lists apps to an API token with the read scope and registers none without orgs:write', async () => {
    const tokenWith = async (scopes: string[]) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/me/tokens',
          headers: issuer.owner.headers,
          payload: { name: `apps ${scopes.join(' ')}`, scopes },
        })
      ).json().token as string;
    const reader = { authorization: `Bearer ${await tokenWith(['read'])}` };
    expect((await list(reader)).statusCode).toBe(200);
    const refused = await register(reader, anApp());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('This API token lacks the "orgs:write" scope.');
  });

  it('names the organization on the consent page', async () => {
    const url = new URL(as.authorization_endpoint as string);
    url.search = new URLSearchParams({
      client_id: registered.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: OB_SCOPE.credentialReadonly,
      state: oauth.generateRandomState(),
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
    }).toString();
    const jar = new CookieJar(learner.cookieOnly.cookie);
    const first = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.keep(first);
    const page = await fetch(new URL(first.headers.get('location') ?? '', base), {
      headers: { cookie: jar.header() },
    });
    const html = await page.text();
    expect(page.status, html).toBe(200);
    expect(html).toContain('Campus Wallet');
    expect(html).toContain('<p class="consent-publisher">Published by Ada Academy</p>');
  });

  it('gives the app tokens through the authorization code flow with PKCE and its secret', async () => {
    connected = await aConnectedApp(base, learner.cookieOnly.cookie, {
      clientName: 'Campus Wallet',
      scope: OB_SCOPE.credentialReadonly,
      again: { ...registered, accessToken: '', refreshToken: undefined },
    });
    expect((await credentials(connected.accessToken)).status).toBe(200);
    const { items } = (await list(issuer.owner.headers)).json();
    expect(items[0]).toMatchObject({ learnerCount: 1, lastUsedAt: expect.any(String) });
    expect(Date.now() - Date.parse(items[0].lastUsedAt)).toBeLessThan(120_000);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/connected-apps',
      headers: learner.headers,
    });
    expect(mine.json().items).toEqual([
      expect.objectContaining({ clientId: registered.clientId, publishedBy: 'Ada Academy' }),
    ]);
  });

  it('rotates the client secret: the old one stops at once, the new one works', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${apps(issuer.orgId)}/${registered.clientId}/rotate-secret`,
      headers: issuer.owner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const rotated = response.json();
    expect(rotated).toMatchObject({ clientId: registered.clientId, learnerCount: 1 });
    expect(rotated.secretRotatedAt).toEqual(expect.any(String));
    expect(rotated.clientSecret).not.toBe(registered.clientSecret);
    await expect(refresh(registered.clientSecret, connected.refreshToken ?? '')).rejects.toMatchObject(
      refusedClient,
    );
    const tokens = await refresh(rotated.clientSecret, connected.refreshToken ?? '');
    expect((await credentials(tokens.access_token)).status).toBe(200);
    registered = { ...registered, clientSecret: rotated.clientSecret };
    connected = { ...connected, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
  });

  it('deletes the app: its tokens are refused and it is gone from the learner’s connected apps', async () => {
    const url = `${apps(issuer.orgId)}/${registered.clientId}`;
    const response = await t.app.inject({ method: 'DELETE', url, headers: issuer.owner.headers });
    expect(response.statusCode, response.body).toBe(204);
    expect((await credentials(connected.accessToken)).status).toBe(401);
    await expect(refresh(registered.clientSecret, connected.refreshToken ?? '')).rejects.toMatchObject(
      refusedClient,
    );
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/connected-apps',
      headers: learner.headers,
    });
    expect(mine.json().items).toEqual([]);
    expect((await list(issuer.owner.headers)).json().items).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from oauth_models where payload->>'clientId' = ${registered.clientId}`.execute(
      t.deps.db,
    );
    expect(rows[0]?.n).toBe(0);
    const again = await t.app.inject({ method: 'DELETE', url, headers: issuer.owner.headers });
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });
});
