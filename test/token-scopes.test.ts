// API token scopes on every route, driven by the API's own description: every operation of
// /api/openapi.json is called with tokens of an organization's owner (a platform operator too) that lack
// the scope the operation names, and must be refused with 403 before anything else happens.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as grantSplitScopes } from '../src/db/migrations/0015_api_token_scopes.ts';
import { authPlugin } from '../src/http/auth.ts';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '../src/identity/index.ts';
import { aLoggedInUser, type TestSession } from '../src/identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../src/issuing/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';

type Security = Array<Record<string, string[]>>;
interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; format?: string; enum?: unknown[]; pattern?: string };
}
interface Operation {
  method: string;
  path: string;
  security: Security | undefined;
  parameters: Parameter[];
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_ONLY = 'Do this from a logged-in session, not with an API token.';
const lacks = (scope: string) => `This API token lacks the "${scope}" scope.`;

/** Writes anyone may make: signing up and in, verifying, and links whose token is the credential. */
const PUBLIC_WRITES = [
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email/resend',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'POST /api/v1/verify',
  'POST /credentials/verify',
  'POST /presentations/verify',
  'POST /attestations/{token}',
  'POST /webhooks/stripe',
  // Capability links: whoever holds the mailed link (an expired claim link asks for a new one to the address the
  // badge went to; a digest's link turns that digest off).
  'POST /api/v1/claims/{token}/fresh-link',
  'POST /digest/unsubscribe/{token}',
  // A wallet link: the VC-API exchange a wallet runs, its random id the capability (single use, expiring).
  'POST /wallet/exchanges/{offerId}',
  // OID4VCI for OpenID wallets (sessionless: cookies and API tokens ignored): the offer's pre-authorized code,
  // a nonce for anyone, and the credential for the access token that code gave (single use).
  'POST /wallet/oid4vci/token',
  'POST /wallet/oid4vci/nonce',
  'POST /wallet/oid4vci/credential',
].sort();

const bearerScopeOf = (op: Operation) => op.security?.find((s) => 'bearer' in s)?.bearer?.[0];
const isPublic = (op: Operation) => op.security !== undefined && op.security.length === 0;
const isSessionOnly = (op: Operation) =>
  op.security !== undefined && op.security.length > 0 && op.security.every((s) => 'session' in s);
const allowsAnonymous = (op: Operation) =>
  isPublic(op) || !!op.security?.some((s) => Object.keys(s).length === 0);
const nameOf = (op: Operation) => `${op.method} ${op.path}`;

describe('API token scopes on every route', () => {
  let t: TestApp;
  let owner: TestSession;
  let orgId: string;
  let operations: Operation[];
  const tokens = new Map<string, string>();

  async function tokenWith(scopes: readonly ApiTokenScope[], boundTo?: string): Promise<string> {
    const key = `${[...scopes].sort().join(' ')}@${boundTo ?? ''}`;
    const known = tokens.get(key);
    if (known) return known;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: owner.headers,
      payload: { name: key.slice(0, 100), scopes, ...(boundTo ? { orgId: boundTo } : {}) },
    });
    expect(response.statusCode, response.body).toBe(201);
    tokens.set(key, response.json().token);
    return response.json().token;
  }
  const tokenWithout = (scope: string) => tokenWith(API_TOKEN_SCOPES.filter((s) => s !== scope));

  /** A syntactically valid value for every path parameter: the owner's organization, otherwise unknown ids. */
  function urlOf(op: Operation): string {
    return op.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const parameter = op.parameters.find((p) => p.in === 'path' && p.name === name);
      const schema = parameter?.schema ?? {};
      const value =
        name === 'orgId'
          ? orgId
          : schema.enum
            ? String(schema.enum[0])
            : schema.format === 'uuid'
              ? randomUUID()
              : schema.type === 'integer' || schema.type === 'number'
                ? '1'
                : name === 'token'
                  ? 'A'.repeat(43)
                  : 'sample-1';
      if (schema.pattern && !new RegExp(schema.pattern).test(value))
        throw new Error(`No valid sample for {${name}} of ${nameOf(op)}`);
      return encodeURIComponent(value);
    });
  }

  const call = (op: Operation, headers: Record<string, string>) =>
    t.app.inject({ method: op.method as 'GET', url: urlOf(op), headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** Each operation whose answer is not the expected one, with what it answered instead. */
  async function mismatches(
    ops: Operation[],
    headersOf: (op: Operation) => Promise<Record<string, string>>,
    expected: (op: Operation) => { status: number; detail?: string },
  ): Promise<string[]> {
    const wrong: string[] = [];
    for (const op of ops) {
      const response = await call(op, await headersOf(op));
      const want = expected(op);
      const body = response.headers['content-type']?.includes('json') ? response.json() : {};
      const problemJson = response.headers['content-type']?.includes('application/problem+json');
      if (response.statusCode !== want.status || !problemJson || (want.detail && body.detail !== want.detail))
        wrong.push(`${nameOf(op)} → ${response.statusCode} ${body.detail ?? response.body.slice(0, 80)}`);
    }
    return wrong;
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: owner.headers,
      payload: { name: 'Scope Academy', slug: 'scope-academy', kind: 'issuer' },
    });
    orgId = org.json().id;
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: Security; parameters?: Parameter[] }>>;
    };
    operations = Object.entries(openapi.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        security: op.security,
        parameters: op.parameters ?? [],
      })),
    );
  });
  afterAll(() => t?.close());

  const writes = () => operations.filter((op) => WRITE_METHODS.has(op.method));
  const reads = () => operations.filter((op) => op.method === 'GET');

  it('describes who may call every operation of the API', () => {
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((op) => op.security === undefined).map(nameOf)).toEqual([]);
  });

  it('leaves only sign-up, login, verification and capability links open to anyone among the writes', () => {
    expect(writes().filter(isPublic).map(nameOf).sort()).toEqual(PUBLIC_WRITES);
  });

  it('refuses every write route to a token that lacks the route’s scope, with 403 before any lookup', async () => {
    const scoped = writes().filter((op) => bearerScopeOf(op));
    expect(scoped.length).toBeGreaterThan(50);
    const wrong = await mismatches(
      scoped,
      async (op) => bearer(await tokenWithout(bearerScopeOf(op) ?? '')),
      (op) => ({ status: 403, detail: lacks(bearerScopeOf(op) ?? '') }),
    );
    expect(wrong).toEqual([]);
  });

  it('refuses every GET route to a token without the read scope, with 403', async () => {
    const scoped = reads().filter((op) => bearerScopeOf(op));
    expect(scoped.length).toBeGreaterThan(50);
    expect(scoped.filter((op) => bearerScopeOf(op) !== 'read').map(nameOf)).toEqual([]);
    const wrong = await mismatches(
      scoped,
      async () => bearer(await tokenWithout('read')),
      () => ({ status: 403, detail: lacks('read') }),
    );
    expect(wrong).toEqual([]);
  });

  it('refuses the session-only routes to a token holding every scope, with 403', async () => {
    const sessionOnly = operations.filter(isSessionOnly);
    expect(sessionOnly.map(nameOf)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/me/tokens',
        'GET /api/v1/me/emails',
        'POST /api/v1/claims/{token}/accept',
      ]),
    );
    const wrong = await mismatches(
      sessionOnly,
      async () => bearer(await tokenWith(API_TOKEN_SCOPES)),
      () => ({ status: 403, detail: SESSION_ONLY }),
    );
    expect(wrong).toEqual([]);
  });

  it('refuses every route that is not public to an anonymous caller, with 401', async () => {
    const wrong = await mismatches(
      operations.filter((op) => !allowsAnonymous(op)),
      async () => ({}),
      () => ({ status: 401 }),
    );
    expect(wrong).toEqual([]);
  });

  it('lets a token with just the route’s scope past the scope check on every route, without a 5xx', async () => {
    const refused: string[] = [];
    for (const op of operations.filter((o) => bearerScopeOf(o))) {
      const scope = bearerScopeOf(op) as ApiTokenScope;
      const response = await call(op, bearer(await tokenWith([scope])));
      const detail = response.headers['content-type']?.includes('json') ? response.json().detail : undefined;
      if (response.statusCode >= 500 || (response.statusCode === 403 && /lacks the/.test(detail ?? '')))
        refused.push(`${nameOf(op)} → ${response.statusCode} ${detail ?? ''}`);
    }
    expect(refused).toEqual([]);
  });

  it('documents each operation’s bearer scope and the session with its CSRF header on writes', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(openapi.paths['/api/v1/orgs/{orgId}/credentials'].post.security).toEqual([
      { bearer: ['vc:issue'] },
      { session: [], csrf: [] },
    ]);
    expect(openapi.paths['/api/v1/orgs/{orgId}/credentials'].get.security).toEqual([
      { bearer: ['read'] },
      { session: [] },
    ]);
    expect(openapi.paths['/api/v1/me/tokens'].post.security).toEqual([{ session: [], csrf: [] }]);
    expect(openapi.paths['/api/v1/verify'].post.security).toEqual([]);
    expect(Object.keys(openapi.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
  });
});

describe('the issuing routes and API token scopes', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  async function tokenWith(scopes: ApiTokenScope[]): Promise<Record<string, string>> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: issuer.owner.headers,
      payload: { name: scopes.join(' '), orgId: issuer.orgId, scopes },
    });
    expect(response.statusCode, response.body).toBe(201);
    return { authorization: `Bearer ${response.json().token}` };
  }
  const base = () => `/api/v1/orgs/${issuer.orgId}`;
  const issue = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `${base()}/credentials`, headers, payload: sampleIssueRequest() });
  const issuerState = async () =>
    (await t.app.inject({ method: 'GET', url: `${base()}/issuer`, headers: issuer.owner.headers })).json();
  const credentials = async () =>
    (
      await t.app.inject({ method: 'GET', url: `${base()}/credentials`, headers: issuer.owner.headers })
    ).json().items;

  it('refuses a read-only token every issuing write and changes nothing', async () => {
    const existing = (await issue(issuer.owner.headers)).json().id;
    const before = { issuer: await issuerState(), credentials: await credentials() };
    const readOnly = await tokenWith(['read']);
    const attempts = [
      { method: 'POST', url: `${base()}/credentials`, payload: sampleIssueRequest() },
      { method: 'POST', url: `${base()}/credentials/${existing}/revoke`, payload: {} },
      { method: 'POST', url: `${base()}/credentials/${existing}/suspend`, payload: {} },
      { method: 'POST', url: `${base()}/issuer/keys` },
      { method: 'PUT', url: `${base()}/issuer`, payload: { didMethod: 'key' } },
    ] as const;
    for (const attempt of attempts) {
      const response = await t.app.inject({ ...attempt, headers: readOnly });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(response.json().detail).toMatch(
        /^This API token lacks the "(vc:issue|awards:write|orgs:write)" scope\.$/,
      );
    }
    expect({ issuer: await issuerState(), credentials: await credentials() }).toEqual(before);
  });

  it('issues with a vc:issue token', async () => {
    const response = await issue(await tokenWith(['vc:issue']));
    expect(response.statusCode, response.body).toBe(201);
  });

  it('revokes and suspends with an awards:write token', async () => {
    const awards = await tokenWith(['awards:write']);
    const [first, second] = [
      (await issue(issuer.owner.headers)).json().id,
      (await issue(issuer.owner.headers)).json().id,
    ];
    const suspend = await t.app.inject({
      method: 'POST',
      url: `${base()}/credentials/${first}/suspend`,
      headers: awards,
      payload: {},
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    expect(suspend.json().state).toBe('suspended');
    const revoke = await t.app.inject({
      method: 'POST',
      url: `${base()}/credentials/${second}/revoke`,
      headers: awards,
      payload: { reason: 'Issued by mistake' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().state).toBe('revoked');
  });

  it('rotates the signing key and switches the DID method with an orgs:write token', async () => {
    const admin = await tokenWith(['orgs:write']);
    const rotated = await t.app.inject({ method: 'POST', url: `${base()}/issuer/keys`, headers: admin });
    expect(rotated.statusCode, rotated.body).toBe(201);
    const switched = await t.app.inject({
      method: 'PUT',
      url: `${base()}/issuer`,
      headers: admin,
      payload: { didMethod: 'key' },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().didMethod).toBe('key');
  });
});

describe('a route that declares no access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('stops the app from starting, naming the route and what to declare', async () => {
    const app = Fastify();
    await app.register(authPlugin, { deps: t.deps });
    app.get('/forgotten', async () => 'open to anyone?');
    await expect(app.ready()).rejects.toThrow(/GET \/forgotten declares no access: add config: \{ scope:/);
    await app.close();
  });

  it('refuses a GET that asks for a write scope, and a session-only route with a scope', async () => {
    const app = Fastify();
    await app.register(authPlugin, { deps: t.deps });
    expect(() => app.get('/list', { config: { scope: 'awards:write' } }, async () => [])).toThrow(
      /GET \/list declares scope 'awards:write'; a GET needs 'read'/,
    );
    expect(() =>
      app.post('/settings', { config: { auth: 'session', scope: 'orgs:write' } }, async () => null),
    ).toThrow(/declares both auth: 'session' and a scope/);
    await app.close();
  });
});

describe('tokens made before catalog:write and commerce:write existed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('keep authoring courses and selling when they held orgs:write, and gain nothing else', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const create = async (scopes: string[]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: issuer.owner.headers,
        payload: { name: scopes.join(' '), scopes },
      });
      return response.json() as { id: string; token: string };
    };
    const admin = await create(['read', 'orgs:write']);
    const partly = await create(['orgs:write', 'catalog:write']);
    const reader = await create(['read']);
    await grantSplitScopes(t.deps.db as unknown as Kysely<unknown>);
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: issuer.owner.headers })
    ).json().items as Array<{ id: string; scopes: string[] }>;
    const scopesOf = (id: string) => listed.find((token) => token.id === id)?.scopes;
    expect(scopesOf(admin.id)).toEqual(['read', 'orgs:write', 'catalog:write', 'commerce:write']);
    expect(scopesOf(partly.id)).toEqual(['orgs:write', 'catalog:write', 'commerce:write']);
    expect(scopesOf(reader.id)).toEqual(['read']);
    const drafted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/courses`,
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { title: 'Kept', summary: 'Still authored by the old token.', estimatedMinutes: 10 },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
  });
});
