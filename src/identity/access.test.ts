import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { SESSION_COOKIE } from './model.ts';
import { aLoggedInUser, aVerifiedUser, lastMailedToken, logInAs, type TestSession } from './testing.ts';

describe('CSRF protection and API tokens', () => {
  let t: TestApp;
  let me: TestSession;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    me = await aLoggedInUser(t.app, t.deps);
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: me.headers,
      payload: { name: 'Token Academy', slug: 'token-academy', kind: 'issuer' },
    });
    orgId = org.json().id;
  });
  afterAll(() => t?.close());

  const createToken = (payload: object, headers: Record<string, string> = me.headers) =>
    t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers, payload });

  it('refuses a cookie-authenticated write without the CSRF token as 403 csrf-failed', async () => {
    const response = await createToken({ name: 'ci', scopes: ['read'] }, me.cookieOnly);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().type).toBe('/problems/csrf-failed');
  });

  it('refuses a cookie-authenticated write with a wrong CSRF token', async () => {
    const response = await createToken(
      { name: 'ci', scopes: ['read'] },
      { ...me.cookieOnly, 'x-csrf-token': 'guess' },
    );
    expect(response.json().type).toBe('/problems/csrf-failed');
  });

  it('accepts a cookie-authenticated write that carries the CSRF token', async () => {
    expect((await createToken({ name: 'ci', scopes: ['read'] })).statusCode).toBe(201);
  });

  it('shows a token once: the list gives its prefix but never the secret', async () => {
    const created = await createToken({ name: 'deploy', scopes: ['read', 'orgs:write'] });
    const { token, prefix, id } = created.json();
    expect(token).toMatch(/^tsr_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: me.headers });
    const listed = list.json().items.find((item: { id: string }) => item.id === id);
    expect(listed).toMatchObject({ name: 'deploy', prefix, scopes: ['read', 'orgs:write'], revokedAt: null });
    expect(list.body).not.toContain(token);
    expect(Object.keys(listed)).not.toContain('token');
  });

  it('accepts a bearer token on a write without any CSRF token', async () => {
    const { token } = (await createToken({ name: 'bot', orgId, scopes: ['read', 'orgs:write'] })).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${orgId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Token Academy (renamed)' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe('Token Academy (renamed)');
  });

  it('refuses a write that the token’s scopes do not name', async () => {
    const { token } = (await createToken({ name: 'reader', scopes: ['read'] })).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${orgId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Nope' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a revoked token with 401', async () => {
    const { token, id } = (await createToken({ name: 'short-lived', scopes: ['read'] })).json();
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: auth })).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${id}`,
      headers: me.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().type).toBe('/problems/unauthenticated');
  });

  it('refuses an unknown token with 401', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/orgs',
      headers: { authorization: 'Bearer tsr_thisTokenWasNeverIssued' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('does not let an API token create more API tokens', async () => {
    const { token } = (await createToken({ name: 'bot', scopes: ['read', 'orgs:write'] })).json();
    const response = await createToken(
      { name: 'child', scopes: ['read'] },
      { authorization: `Bearer ${token}` },
    );
    expect(response.statusCode).toBe(403);
  });

  it('checks no CSRF token on anonymous writes', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'someone@example.test' },
    });
    expect(response.statusCode).toBe(202);
  });
});

describe('several emails per account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('adds a second address, confirms it, makes it primary and removes the old one', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/emails',
      headers: me.headers,
      payload: { email: 'second@example.test' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'second@example.test', verified: false, primary: false });

    const early = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/emails/${added.json().id}/primary`,
      headers: me.headers,
    });
    expect(early.statusCode).toBe(409);

    const token = await lastMailedToken(t.deps, 'second@example.test');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    const primary = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/emails/${added.json().id}/primary`,
      headers: me.headers,
    });
    expect(primary.statusCode).toBe(200);
    const [first, second] = primary.json().items;
    expect(first).toMatchObject({ email: 'second@example.test', primary: true });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/emails/${second.id}`,
      headers: me.headers,
    });
    expect(removed.statusCode).toBe(204);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/emails', headers: me.headers });
    expect(list.json().items.map((e: { email: string }) => e.email)).toEqual(['second@example.test']);
  });

  it('refuses to remove the primary email', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/emails', headers: me.headers });
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/emails/${list.json().items[0].id}`,
      headers: me.headers,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/primary/);
  });

  it('does not reveal that an address belongs to another account: it is added as pending, as a free one', async () => {
    const me = await aLoggedInUser(t.app, t.deps);
    const other = await aLoggedInUser(t.app, t.deps);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/emails',
      headers: me.headers,
      payload: { email: other.email },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ email: other.email, verified: false, primary: false });
    // The other account keeps its address and still logs in with it.
    expect((await logInAs(t.app, other.email)).userId).toBe(other.userId);
  });
});

describe('the session cookie behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://badges.example.org' } });
  });
  afterAll(() => t?.close());

  it('is marked Secure when the public URL is https', async () => {
    const person = await aVerifiedUser(t.deps);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.email, password: person.password },
    });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});
