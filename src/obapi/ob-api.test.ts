// Contract test of the Open Badges 3.0 API as a host, over real HTTP on loopback: the test is the OAuth client
// (oauth4webapi): it registers by DCR, runs the authorization code flow with PKCE through Tessera's login and
// consent page, lists and pushes credentials and reads and changes the profile; every OB API answer validates
// against the 1EdTech JSON Schemas (vendor/1edtech/schemas/ob_v3p0).
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge, findVersion } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { OB_SCHEMAS, validateAgainstSchema } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anIssuedCredential } from '../verification/testing.ts';
import { OB_SCOPE, OB_SCOPES } from './model.ts';
import { aFreePort, CookieJar, hiddenField } from './testing.ts';

const insecure = { [oauth.allowInsecureRequests]: true };
const REDIRECT_URI = 'https://wallet.example/callback';

const schemaErrors = (schema: string, document: unknown) => validateAgainstSchema(schema, document).errors;

describe('the Open Badges 3.0 API', () => {
  let t: TestApp;
  let base: string;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  let clientSecret: string;
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };
  let other: TestSession & { email: string };

  beforeAll(async () => {
    const port = await aFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_URL: base } });
    await t.app.listen({ host: '127.0.0.1', port });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Open API Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Lía Learner' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Olaf Other' });
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    for (const [who, count] of [
      [learner, 2],
      [other, 1],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId] });
        const version = await findVersion(t.deps.db, badge.latestVersion.id);
        if (!version) throw new Error('no version');
        const { award } = await t.deps.db
          .transaction()
          .execute((trx) =>
            awardBadge(t.deps, trx, { version, email: who.email, userId: who.userId, source: 'manual' }),
          );
        await t.deps.db.updateTable('awards').set({ state: 'accepted' }).where('id', '=', award.id).execute();
      }
    }
    const issuerUrl = new URL(`${base}/oauth`);
    as = await oauth.processDiscoveryResponse(
      issuerUrl,
      await oauth.discoveryRequest(issuerUrl, { algorithm: 'oidc', ...insecure }),
    );
  }, 120_000);
  afterAll(() => t?.close());

  const obApi = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${base}/ims/ob/v3p0${path}`, {
      ...init,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    });

  /**
   * A browser: authorization request, Tessera's consent page and the learner's answer (unless they allowed it all
   * before: then no page, `page` is ''), back to the client.
   */
  async function authorize(
    session: TestSession,
    scope: string,
    decision: 'allow' | 'deny' = 'allow',
    prompt?: 'consent',
  ) {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint as string);
    for (const [key, value] of Object.entries({
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(prompt ? { prompt } : {}),
    }))
      url.searchParams.set(key, value);
    const jar = new CookieJar(session.cookieOnly.cookie);
    const go = async (href: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(href, base), {
        ...init,
        redirect: 'manual',
        headers: { cookie: jar.header(), ...init.headers },
      });
      jar.keep(response);
      return response;
    };
    let response = await go(url.href);
    const interaction = response.headers.get('location') ?? '';
    expect(interaction, `${response.status} ${await response.clone().text()}`).toMatch(
      /^\/oauth\/interaction\//,
    );
    response = await go(interaction);
    const page = response.status === 200 ? await response.text() : '';
    if (page) {
      response = await go(interaction, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: hiddenField(page, 'csrf') ?? '', decision }),
      });
    } else expect(response.status, 'remembered consent goes straight back').toBe(303);
    while (response.status === 303 || response.status === 302) {
      const location = response.headers.get('location') ?? '';
      if (location.startsWith(REDIRECT_URI)) break;
      response = await go(location);
    }
    const callback = new URL(response.headers.get('location') ?? '');
    return { page, callback, state, codeVerifier };
  }

  async function tokensFor(session: TestSession, scope: string) {
    const { callback, state, codeVerifier } = await authorize(session, scope);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      params,
      REDIRECT_URI,
      codeVerifier,
      insecure,
    );
    return oauth.processAuthorizationCodeResponse(as, client, response);
  }

  const ALL = OB_SCOPES.join(' ');
  let learnerToken: string;

  it('describes itself at /discovery: the OAuth 2.0 endpoints, open registration and the OB scopes', async () => {
    const response = await obApi('/discovery');
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.info['x-imssf-privacyPolicyUrl']).toBe(`${base}/oauth/privacy`);
    expect(document.info['x-imssf-image']).toBe(`${base}/oauth/logo.svg`);
    const scheme = document.components.securitySchemes.OAuth2ACG;
    expect(scheme['x-imssf-registrationUrl']).toBe(as.registration_endpoint);
    expect(scheme.flows.authorizationCode).toMatchObject({
      authorizationUrl: as.authorization_endpoint,
      tokenUrl: as.token_endpoint,
      refreshUrl: as.token_endpoint,
    });
    expect(Object.keys(scheme.flows.authorizationCode.scopes).sort()).toEqual([...OB_SCOPES].sort());
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect((await fetch(`${base}/oauth/privacy`)).status).toBe(200);
    expect((await fetch(`${base}/oauth/logo.svg`)).headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('registers a client by Dynamic Client Registration with the metadata the OB spec sends', async () => {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: 'Wallet Ñandú',
        client_uri: 'https://wallet.example/',
        logo_uri: 'https://wallet.example/logo.png',
        tos_uri: 'https://wallet.example/tos',
        policy_uri: 'https://wallet.example/privacy',
        software_id: 'c88b6ed8-269e-448e-99be-7e2ff47167d1',
        software_version: 'v4.2.1',
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope: ALL,
      },
      insecure,
    );
    client = await oauth.processDynamicClientRegistrationResponse(response);
    clientSecret = client.client_secret as string;
    expect(client).toMatchObject({
      client_name: 'Wallet Ñandú',
      software_id: 'c88b6ed8-269e-448e-99be-7e2ff47167d1',
    });
    expect(clientSecret).toEqual(expect.any(String));
  });

  it('sends a visitor who is not logged in to the login page and back to the consent page', async () => {
    const url = new URL(as.authorization_endpoint as string);
    url.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: ALL,
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
    }).toString();
    const jar = new CookieJar();
    const first = await fetch(url, { redirect: 'manual' });
    jar.keep(first);
    const interaction = first.headers.get('location') ?? '';
    const page = await fetch(new URL(interaction, base), {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(interaction)}`);
  });

  it('shows the learner the client’s name and the scopes asked, and gives tokens for Allow with PKCE', async () => {
    const { page } = await authorize(learner, ALL);
    expect(page).toContain('Wallet Ñandú');
    expect(page).toContain('Lía Learner');
    expect(page).toContain('Put badges into your backpack');
    const tokens = await tokensFor(learner, ALL);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(3600);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.scope?.split(' ').sort()).toEqual([...OB_SCOPES].sort());
    learnerToken = tokens.access_token;
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.ClientSecretBasic(clientSecret),
        tokens.refresh_token as string,
        insecure,
      ),
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });

  it('keeps no usable token in the database', async () => {
    const rows = await t.deps.db.selectFrom('oauthModels').select(['id', 'payload']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(learnerToken);
  });

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const { callback, state } = await authorize(learner, ALL);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      params,
      REDIRECT_URI,
      oauth.generateRandomCodeVerifier(),
      insecure,
    );
    await expect(oauth.processAuthorizationCodeResponse(as, client, response)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('answers Deny with access_denied at the client’s redirect URI', async () => {
    // Allowed before: only prompt=consent shows the page again.
    const { page, callback } = await authorize(learner, ALL, 'deny', 'consent');
    expect(page).toContain('Wallet Ñandú');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('lists the learner’s credentials a page at a time, in both forms, with the paging headers', async () => {
    const first = await obApi('/credentials?limit=1', { token: learnerToken });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total-count')).toBe('2');
    const link = first.headers.get('link') ?? '';
    expect(link).toContain(`<${base}/ims/ob/v3p0/credentials?limit=1&offset=1>; rel="next"`);
    expect(link).toContain(`<${base}/ims/ob/v3p0/credentials?limit=1&offset=1>; rel="last"`);
    expect(link).toContain('rel="first"');
    const body = await first.json();
    expect(schemaErrors(OB_SCHEMAS.getOpenBadgeCredentialsResponse, body)).toEqual([]);
    expect(body.credential).toHaveLength(1);
    expect(body.compactJwsString).toHaveLength(1);
    expect(body.compactJwsString[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const second = await obApi('/credentials?limit=1&offset=1', { token: learnerToken });
    expect(second.headers.get('link')).toContain('rel="prev"');
    expect(second.headers.get('link')).not.toContain('rel="next"');
    const page2 = await second.json();
    expect(page2.credential[0].id).not.toBe(body.credential[0].id);
    const future = await obApi(`/credentials?since=${encodeURIComponent('2999-01-01T00:00:00Z')}`, {
      token: learnerToken,
    });
    expect(future.headers.get('x-total-count')).toBe('0');
  });

  it('never lists another learner’s credentials', async () => {
    const tokens = await tokensFor(other, OB_SCOPE.credentialReadonly);
    const mine = await (await obApi('/credentials', { token: learnerToken })).json();
    const theirs = await (await obApi('/credentials', { token: tokens.access_token })).json();
    expect(theirs.credential).toHaveLength(1);
    const ids = new Set(mine.credential.map((c: { id: string }) => c.id));
    expect(ids.has(theirs.credential[0].id)).toBe(false);
  });

  it('takes a pushed credential verified: 201 created, 304 the same again, 200 replaced by its JWS form', async () => {
    const pushed = await anIssuedCredential(t.app, t.deps, { issuer, badgeName: 'Pushed badge' });
    const asJson = (credential: unknown) => ({
      method: 'POST',
      token: learnerToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credential),
    });
    const created = await obApi('/credentials', asJson(pushed.credential));
    expect(created.status, await created.clone().text()).toBe(201);
    expect(schemaErrors(OB_SCHEMAS.achievementCredential, await created.json())).toEqual([]);
    expect((await obApi('/credentials', asJson(pushed.credential))).status).toBe(304);
    const replaced = await obApi('/credentials', {
      method: 'POST',
      token: learnerToken,
      headers: { 'content-type': 'text/plain' },
      body: pushed.jwt,
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.text()).toBe(pushed.jwt);
    const listed = await obApi('/credentials', { token: learnerToken });
    expect(listed.headers.get('x-total-count')).toBe('3');
    const body = await listed.json();
    expect(schemaErrors(OB_SCHEMAS.getOpenBadgeCredentialsResponse, body)).toEqual([]);
    expect(body.compactJwsString).toContain(pushed.jwt);
  });

  it('refuses a pushed credential that does not verify, as imsx invalid_data', async () => {
    const pushed = await anIssuedCredential(t.app, t.deps, { issuer });
    const tampered = { ...pushed.credential, name: 'Changed after signing' };
    const response = await obApi('/credentials', {
      method: 'POST',
      token: learnerToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tampered),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(schemaErrors(OB_SCHEMAS.imsxStatusInfo, body)).toEqual([]);
    expect(body.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_data');
  });

  it('gives and changes the learner’s profile as an OB 3.0 Profile', async () => {
    const read = await obApi('/profile', { token: learnerToken });
    expect(read.status).toBe(200);
    const profile = await read.json();
    expect(schemaErrors(OB_SCHEMAS.profile, profile)).toEqual([]);
    expect(profile).toMatchObject({
      id: `urn:uuid:${learner.userId}`,
      name: 'Lía Learner',
      email: learner.email,
    });
    const put = await obApi('/profile', {
      method: 'PUT',
      token: learnerToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...profile, type: 'Profile', name: 'Lía Learner-Ortiz' }),
    });
    expect(put.status).toBe(200);
    const changed = await put.json();
    expect(schemaErrors(OB_SCHEMAS.profile, changed)).toEqual([]);
    expect(changed.name).toBe('Lía Learner-Ortiz');
    const badPut = await obApi('/profile', {
      method: 'PUT',
      token: learnerToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'Achievement', name: '' }),
    });
    expect(badPut.status).toBe(400);
    expect(schemaErrors(OB_SCHEMAS.imsxStatusInfo, await badPut.json())).toEqual([]);
  });

  it('answers 401 without a token and 403 for a token without the operation’s scope, as imsx', async () => {
    const none = await obApi('/credentials');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(schemaErrors(OB_SCHEMAS.imsxStatusInfo, await none.json())).toEqual([]);
    const unknown = await obApi('/profile', { token: 'not-a-token' });
    expect(unknown.status).toBe(401);
    const readOnly = await tokensFor(learner, OB_SCOPE.credentialReadonly);
    const refused = await obApi('/profile', {
      method: 'PUT',
      token: readOnly.access_token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: ['Profile'], name: 'Nope' }),
    });
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(schemaErrors(OB_SCHEMAS.imsxStatusInfo, body)).toEqual([]);
    expect(body.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('forbidden');
    expect((await obApi('/credentials?limit=0', { token: learnerToken })).status).toBe(400);
  });
});
