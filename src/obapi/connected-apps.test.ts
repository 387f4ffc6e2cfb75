// A learner's connected apps, over real HTTP on loopback: wallets connect through the OB 3.0 API's OAuth flow
// (DCR, consent page, PKCE), the learner lists them at /api/v1/me/connected-apps and disconnects one, after
// which its access and refresh tokens are refused while the other app keeps working.

import { sql } from 'kysely';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { OB_SCOPE } from './model.ts';
import { aConnectedApp, aFreePort, type TestConnectedApp } from './testing.ts';

describe('a learner’s connected apps', () => {
  let t: TestApp;
  let base: string;
  let learner: TestSession;
  let other: TestSession;
  let reader: TestConnectedApp;
  let pusher: TestConnectedApp;
  let othersApp: TestConnectedApp;

  beforeAll(async () => {
    const port = await aFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_URL: base } });
    await t.app.listen({ host: '127.0.0.1', port });
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Carla Connected' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Otto Other' });
    reader = await aConnectedApp(base, learner.cookieOnly.cookie, {
      clientName: 'Reader Wallet',
      scope: `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.profileReadonly}`,
    });
    pusher = await aConnectedApp(base, learner.cookieOnly.cookie, {
      clientName: 'Pusher Backpack',
      scope: OB_SCOPE.credentialUpsert,
    });
    othersApp = await aConnectedApp(base, other.cookieOnly.cookie, {
      clientName: 'Otto’s Wallet',
      scope: OB_SCOPE.credentialReadonly,
    });
  }, 120_000);
  afterAll(() => t?.close());

  const connectedApps = (session: TestSession) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me/connected-apps', headers: session.headers });
  const disconnect = (session: TestSession, clientId: string) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/connected-apps/${encodeURIComponent(clientId)}`,
      headers: session.headers,
    });
  const credentials = (token: string) =>
    fetch(`${base}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token}` } });

  it('lists the apps the learner allowed, newest first, with their names, scopes and when', async () => {
    const response = await connectedApps(learner);
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toEqual([
      {
        clientId: pusher.clientId,
        clientName: 'Pusher Backpack',
        clientUri: null,
        publishedBy: null,
        scopes: [OB_SCOPE.credentialUpsert],
        firstAllowedAt: expect.any(String),
        lastAllowedAt: expect.any(String),
      },
      {
        clientId: reader.clientId,
        clientName: 'Reader Wallet',
        clientUri: null,
        publishedBy: null,
        scopes: [OB_SCOPE.credentialReadonly, OB_SCOPE.profileReadonly],
        firstAllowedAt: expect.any(String),
        lastAllowedAt: expect.any(String),
      },
    ]);
    expect(Date.now() - Date.parse(items[1].lastAllowedAt)).toBeLessThan(120_000);
  });

  it('shows an app allowed twice once, with the scopes of both grants', async () => {
    await aConnectedApp(base, other.cookieOnly.cookie, {
      clientName: 'Otto’s Wallet',
      scope: OB_SCOPE.profileUpdate,
      again: othersApp,
    });
    const { items } = (await connectedApps(other)).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      clientId: othersApp.clientId,
      clientName: 'Otto’s Wallet',
      scopes: [OB_SCOPE.credentialReadonly, OB_SCOPE.profileUpdate],
    });
    expect(Date.parse(items[0].lastAllowedAt)).toBeGreaterThanOrEqual(Date.parse(items[0].firstAllowedAt));
  });

  it('never lists another learner’s apps, nor lets them disconnect one (404)', async () => {
    const { items } = (await connectedApps(other)).json();
    expect(items.map((app: { clientId: string }) => app.clientId)).not.toContain(reader.clientId);
    const refused = await disconnect(other, reader.clientId);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await credentials(reader.accessToken)).status).toBe(200);
  });

  it('disconnects an app: gone from the list, its access token refused, its grants and tokens deleted', async () => {
    expect((await credentials(reader.accessToken)).status).toBe(200);
    const response = await disconnect(learner, reader.clientId);
    expect(response.statusCode).toBe(204);
    const { items } = (await connectedApps(learner)).json();
    expect(items.map((app: { clientId: string }) => app.clientId)).toEqual([pusher.clientId]);
    expect((await credentials(reader.accessToken)).status).toBe(401);
    const left = await t.deps.db
      .selectFrom('oauthModels')
      .select('kind')
      .where('kind', 'in', ['Grant', 'AuthorizationCode', 'AccessToken', 'RefreshToken'])
      .where(sql<boolean>`payload->>'clientId' = ${reader.clientId}`)
      .execute();
    expect(left).toEqual([]);
    // The other app's token still works: it lacks the read scope (403), it is not unknown (401).
    expect((await credentials(pusher.accessToken)).status).toBe(403);
  });

  it('answers 404 for an app disconnected already or never allowed', async () => {
    expect((await disconnect(learner, reader.clientId)).statusCode).toBe(404);
    expect((await disconnect(learner, 'no-such-client')).statusCode).toBe(404);
  });

  it('refuses the refresh token of a disconnected app at the token endpoint', async () => {
    const app = await aConnectedApp(base, learner.cookieOnly.cookie, {
      clientName: 'Refresher',
      scope: OB_SCOPE.credentialReadonly,
    });
    const issuer = new URL(`${base}/oauth`);
    const insecure = { [oauth.allowInsecureRequests]: true };
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }),
    );
    const client = { client_id: app.clientId };
    const refresh = () =>
      oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.ClientSecretBasic(app.clientSecret),
        app.refreshToken ?? '',
        insecure,
      );
    expect(app.refreshToken).toEqual(expect.any(String));
    expect((await disconnect(learner, app.clientId)).statusCode).toBe(204);
    const refused = await oauth.processRefreshTokenResponse(as, client, await refresh()).then(
      () => 'refreshed',
      (error: unknown) => (error instanceof oauth.ResponseBodyError ? error.error : String(error)),
    );
    expect(refused).toBe('invalid_grant');
  });

  it('is for the learner’s own session: an API token and an anonymous caller are refused', async () => {
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: learner.headers,
      payload: { name: 'script', scopes: ['read'] },
    });
    const bearer = { authorization: `Bearer ${token.json().token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/connected-apps', headers: bearer })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/connected-apps' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/me/connected-apps/${pusher.clientId}`,
          headers: learner.cookieOnly,
        })
      ).statusCode,
    ).toBe(403);
  });
});
