import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type SmtpCapture, startSmtpCapture } from '../../test/support/smtp.ts';
import { SESSION_COOKIE } from './model.ts';
import { argon2 } from './secrets.ts';
import {
  aLoggedInUser,
  aVerifiedUser,
  lastMailedToken,
  logInAs,
  TEST_PASSWORD,
  tokenInMail,
} from './testing.ts';

describe('sign-up and login with mail over SMTP', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ workers: true, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('signs up, confirms the mailed link, logs in, reads the session and logs out', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'Maria@Example.test', name: 'María José', password: 'a long passphrase' },
    });
    expect(signup.statusCode).toBe(202);
    expect(signup.json()).toEqual({ status: 'accepted' });

    const mail = await smtp.waitFor((m) => m.to.includes('maria@example.test'));
    expect(mail.text).toContain('http://localhost:3000/verify-email?token=');
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: tokenInMail(mail.text) },
    });
    expect(verify.statusCode).toBe(200);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'maria@example.test', password: 'a long passphrase' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    // The browser keeps it for the 30-day absolute limit; the 7-day idle limit is the server's.
    const days = ((cookie?.expires?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(login.json()).toMatchObject({ memberships: [], activeOrgId: null, csrfToken: expect.any(String) });

    const headers = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, 'x-csrf-token': login.json().csrfToken };
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.emails[0]).toMatchObject({ email: 'maria@example.test', verified: true });

    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });
});

describe('accounts and passwords', () => {
  let now = new Date('2026-03-01T10:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
  const mailsTo = (address: string) =>
    t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'textBody'])
      .where('toAddress', '=', address.toLowerCase())
      .execute();

  it('answers a sign-up for an address that has an account exactly as a new sign-up, and tells its owner by mail', async () => {
    const owner = await aVerifiedUser(t.deps, { name: 'Olivia Owner' });
    const fresh = await post('/auth/signup', {
      email: 'fresh@example.test',
      name: 'Fresh',
      password: 'a long passphrase',
    });
    const taken = await post('/auth/signup', {
      email: owner.email.toUpperCase(),
      name: 'Someone Else',
      password: 'an attacker passphrase',
    });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.json()).toEqual(fresh.json());
    expect(taken.headers['content-type']).toBe(fresh.headers['content-type']);

    const [notice, ...others] = await mailsTo(owner.email);
    expect(others).toEqual([]);
    expect(notice?.subject).toBe('Someone tried to create a Tessera account with your address');
    expect(notice?.textBody).toContain('Hello Olivia Owner,');
    expect(notice?.textBody).toContain('http://localhost:3000/login');
    expect(notice?.textBody).toContain('http://localhost:3000/forgot-password');
    expect(notice?.textBody).not.toMatch(/token=/);
    // Nothing changed: the owner's password still works, the other one does not.
    expect((await post('/auth/login', { email: owner.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(
      (await post('/auth/login', { email: owner.email, password: 'an attacker passphrase' })).statusCode,
    ).toBe(401);
  });

  it('tells the owner of a taken address once an hour, however often someone tries', async () => {
    const owner = await aVerifiedUser(t.deps);
    const attempt = () =>
      post('/auth/signup', { email: owner.email, name: 'Again', password: 'a long passphrase' });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(202);
    expect(await mailsTo(owner.email)).toHaveLength(1);
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await attempt()).statusCode).toBe(202);
    expect(await mailsTo(owner.email)).toHaveLength(2);
  });

  it('answers an unknown email and a wrong password with the same 401 body', async () => {
    const person = await aVerifiedUser(t.deps);
    const verify = vi.spyOn(argon2, 'verify');
    const unknown = await post('/auth/login', { email: 'nobody@example.test', password: TEST_PASSWORD });
    const wrong = await post('/auth/login', { email: person.email, password: 'not the password' });
    // Same work either way (no timing assertion: that would be flaky); each ran one argon2 verification.
    expect(verify).toHaveBeenCalledTimes(2);
    verify.mockRestore();
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(comparable(unknown.json())).toEqual(comparable(wrong.json()));
    expect(unknown.json().detail).toBe('Wrong email or password.');
  });

  it('refuses login to an unconfirmed email with 403 email-not-verified, but only with the right password', async () => {
    await post('/auth/signup', {
      email: 'pending@example.test',
      name: 'Pending',
      password: 'a long passphrase',
    });
    const right = await post('/auth/login', { email: 'pending@example.test', password: 'a long passphrase' });
    expect(right.statusCode).toBe(403);
    expect(right.json().type).toBe('/problems/email-not-verified');
    const wrong = await post('/auth/login', {
      email: 'pending@example.test',
      password: 'a wrong passphrase',
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses a confirmation link the second time with a clear 400', async () => {
    await post('/auth/signup', { email: 'once@example.test', name: 'Once', password: 'a long passphrase' });
    const token = await lastMailedToken(t.deps, 'once@example.test');
    expect((await post('/auth/verify-email', { token })).statusCode).toBe(200);
    const again = await post('/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toMatch(/already used/);
    const unknown = await post('/auth/verify-email', { token: 'made-up' });
    expect(unknown.json().detail).toMatch(/not valid/);
  });

  it('mails a new confirmation link on request, and the new link works', async () => {
    await post('/auth/signup', { email: 'lost@example.test', name: 'Lost', password: 'a long passphrase' });
    const first = await lastMailedToken(t.deps, 'lost@example.test');
    const resend = await post('/auth/verify-email/resend', { email: 'lost@example.test' });
    expect(resend.statusCode).toBe(202);
    const second = await lastMailedToken(t.deps, 'lost@example.test');
    expect(second).not.toBe(first);
    expect((await post('/auth/verify-email', { token: second })).statusCode).toBe(200);
    expect(
      (await post('/auth/login', { email: 'lost@example.test', password: 'a long passphrase' })).statusCode,
    ).toBe(200);
  });

  it('answers 202 to a resend for an unknown address, like for a known one', async () => {
    expect((await post('/auth/verify-email/resend', { email: 'nobody-here@example.test' })).statusCode).toBe(
      202,
    );
  });

  it('answers 202 to a reset request for an unknown address and mails nothing', async () => {
    const response = await post('/auth/password-reset', { email: 'ghost@example.test' });
    expect(response.statusCode).toBe(202);
    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select('id')
      .where('toAddress', '=', 'ghost@example.test')
      .execute();
    expect(mails).toHaveLength(0);
  });

  it('resets the password once with the link an operator reads in the outbox API, ending the other sessions', async () => {
    const person = await aVerifiedUser(t.deps);
    const operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    const oldSession = await logInAs(t.app, person.email);
    expect((await post('/auth/password-reset', { email: person.email })).statusCode).toBe(202);

    const outbox = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox?to=${encodeURIComponent(person.email)}`,
      headers: operator.headers,
    });
    const [latest] = outbox.json().items as Array<{ id: string; subject: string }>;
    expect(latest?.subject).toMatch(/password/i);
    const message = await t.app.inject({
      method: 'GET',
      url: `/api/v1/outbox/${latest?.id}`,
      headers: operator.headers,
    });
    const token = tokenInMail(message.json().text);

    const confirm = await post('/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(confirm.statusCode).toBe(204);
    const reused = await post('/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().detail).toMatch(/already used/);

    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: oldSession.headers,
    });
    expect(stale.statusCode).toBe(401);
    expect((await post('/auth/login', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(
      401,
    );
    expect(
      (await post('/auth/login', { email: person.email, password: 'a brand new passphrase' })).statusCode,
    ).toBe(200);
  });

  it('retires an older reset link once another one was used', async () => {
    const person = await aVerifiedUser(t.deps);
    await post('/auth/password-reset', { email: person.email });
    const older = await lastMailedToken(t.deps, person.email);
    await post('/auth/password-reset', { email: person.email });
    const newer = await lastMailedToken(t.deps, person.email);
    expect(
      (await post('/auth/password-reset/confirm', { token: newer, password: 'a brand new passphrase' }))
        .statusCode,
    ).toBe(204);
    const stale = await post('/auth/password-reset/confirm', {
      token: older,
      password: 'an attacker passphrase',
    });
    expect(stale.statusCode).toBe(400);
  });

  it('refuses a reset link after its 30 minutes', async () => {
    const person = await aVerifiedUser(t.deps);
    await post('/auth/password-reset', { email: person.email });
    const token = await lastMailedToken(t.deps, person.email);
    now = new Date(now.getTime() + 31 * 60_000);
    const late = await post('/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(late.statusCode).toBe(400);
    expect(late.json().detail).toMatch(/expired/);
  });

  it('ends a session after seven idle days even though the cookie is still sent', async () => {
    const person = await aVerifiedUser(t.deps);
    const session = await logInAs(t.app, person.email);
    now = new Date(now.getTime() + 6 * 24 * 3_600_000);
    const sixDays = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: session.headers,
    });
    expect(sixDays.statusCode).toBe(200);
    now = new Date(now.getTime() + 6 * 24 * 3_600_000);
    const twelveDays = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: session.headers,
    });
    expect(twelveDays.statusCode).toBe(200);
    now = new Date(now.getTime() + 8 * 24 * 3_600_000);
    const idle = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session.headers });
    expect(idle.statusCode).toBe(401);
  });
});
