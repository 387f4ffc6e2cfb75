// Members invited by email: an owner invites an address with no account, the person signs up with it,
// verifies it, accepts through the mailed link and becomes a member with the role; every other path
// (wrong or unverified address, used, expired or withdrawn link, another organization) is refused clearly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, lastMailedToken, logInAs, TEST_PASSWORD } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

const DAY = 24 * 60 * 60 * 1000;
type Headers = Record<string, string>;

describe('member invitations by email', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Harbour Academy');
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers = {}, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const invite = (email: string, role: string, as: Headers = issuer.owner.headers, orgId = issuer.orgId) =>
    api('POST', `/orgs/${orgId}/invitations`, as, { email, role });

  /** The token of the newest organization invitation mailed to an address, and the mail itself. */
  async function invitationMail(email: string) {
    const message = await t.deps.db
      .selectFrom('mailMessages')
      .select(['textBody', 'subject'])
      .where('toAddress', '=', email.toLowerCase())
      .where('idempotencyKey', 'like', 'org-invitation:%')
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    const token = /\/join\/org\/([A-Za-z0-9_-]+)/.exec(message.textBody)?.[1];
    if (!token) throw new Error(`no invitation link in:\n${message.textBody}`);
    return { token, ...message };
  }

  it('lets a person without an account sign up with the invited address, verify it and join with the role', async () => {
    const email = `new.assessor.${Date.now()}@example.org`;
    const invited = await invite(email, 'assessor');
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ email, role: 'assessor', expired: false });
    expect(Date.parse(invited.json().expiresAt) - Date.parse(invited.json().invitedAt)).toBe(14 * DAY);
    const mail = await invitationMail(email);
    expect(mail.subject).toContain('Harbour Academy');
    expect(mail.textBody).toContain(`${t.deps.config.publicUrl}/join/org/${mail.token}`);
    expect(mail.textBody).toContain('14 days');

    // Anyone holding the link sees what it offers, the address masked.
    const visitor = await api('GET', `/me/org-invitations/${mail.token}`);
    expect(visitor.statusCode, visitor.body).toBe(200);
    expect(visitor.json()).toEqual({
      orgName: 'Harbour Academy',
      orgKind: 'issuer',
      role: 'assessor',
      maskedEmail: expect.stringMatching(/^n\*\*\*.@example\.org$/),
      emailVerified: false,
    });

    const signup = await api(
      'POST',
      '/auth/signup',
      {},
      { name: 'Nadia Assessor', email, password: TEST_PASSWORD },
    );
    expect(signup.statusCode, signup.body).toBe(202);
    const verifyToken = await lastMailedToken(t.deps, email);
    expect((await api('POST', '/auth/verify-email', {}, { token: verifyToken })).statusCode).toBe(200);
    const person = await logInAs(t.app, email);

    const seen = await api('GET', `/me/org-invitations/${mail.token}`, person.headers);
    expect(seen.json().emailVerified).toBe(true);
    const accepted = await api('POST', `/me/org-invitations/${mail.token}/accept`, person.headers);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({
      org: { id: issuer.orgId, name: 'Harbour Academy', slug: issuer.slug, kind: 'issuer' },
      role: 'assessor',
    });

    const members = (await api('GET', `/orgs/${issuer.orgId}/members`, issuer.owner.headers)).json().items;
    expect(members).toContainEqual(expect.objectContaining({ userId: person.userId, role: 'assessor' }));
    // The assessor's role opens the review queue.
    expect((await api('GET', `/orgs/${issuer.orgId}/reviews`, person.headers)).statusCode).toBe(200);
    const pending = (await api('GET', `/orgs/${issuer.orgId}/invitations`, issuer.owner.headers)).json();
    expect(pending.items.map((i: { email: string }) => i.email)).not.toContain(email);

    // The link works once.
    const again = await api('POST', `/me/org-invitations/${mail.token}/accept`, person.headers);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ type: '/problems/gone', reason: 'invitation-used' });
    expect(again.json().detail).toContain('already accepted');
  });

  it('refuses with 403 an account that has not verified the invited address, even one it only added', async () => {
    const invitee = `invitee.${Date.now()}@example.org`;
    await invite(invitee, 'staff');
    const { token } = await invitationMail(invitee);
    const stranger = await aLoggedInUser(t.app, t.deps);
    const refused = await api('POST', `/me/org-invitations/${token}/accept`, stranger.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toContain('has not verified');

    // Adding the address without confirming it does not count.
    expect((await api('POST', '/me/emails', stranger.headers, { email: invitee })).statusCode).toBe(201);
    expect((await api('POST', `/me/org-invitations/${token}/accept`, stranger.headers)).statusCode).toBe(403);
    const members = (await api('GET', `/orgs/${issuer.orgId}/members`, issuer.owner.headers)).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).not.toContain(stranger.userId);
  });

  it('answers 410 for an expired link and 404 for a replaced, withdrawn or unknown one', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    await invite(person.email, 'staff');
    const first = (await invitationMail(person.email)).token;
    // Inviting again replaces the link (and the role).
    const reinvited = await invite(person.email, 'admin');
    expect(reinvited.statusCode).toBe(201);
    const second = (await invitationMail(person.email)).token;
    expect(second).not.toBe(first);
    expect((await api('POST', `/me/org-invitations/${first}/accept`, person.headers)).statusCode).toBe(404);
    const listed = (await api('GET', `/orgs/${issuer.orgId}/invitations`, issuer.owner.headers)).json().items;
    expect(listed.filter((i: { email: string }) => i.email === person.email)).toEqual([
      expect.objectContaining({ role: 'admin', expired: false }),
    ]);

    // Fifteen days later (the session would have expired too, so the invitation is aged instead).
    await t.deps.db
      .updateTable('orgInvitations')
      .set({ expiresAt: new Date(Date.now() - DAY) })
      .where('email', '=', person.email.toLowerCase())
      .execute();
    const expired = await api('POST', `/me/org-invitations/${second}/accept`, person.headers);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ type: '/problems/gone', reason: 'invitation-expired' });
    expect(expired.json().detail).toContain('expired');
    expect((await api('GET', `/me/org-invitations/${second}`)).statusCode).toBe(410);
    const stale = (await api('GET', `/orgs/${issuer.orgId}/invitations`, issuer.owner.headers)).json();
    expect(stale.items).toContainEqual(expect.objectContaining({ email: person.email, expired: true }));

    const id = (await invite(person.email, 'staff')).json().id;
    const third = (await invitationMail(person.email)).token;
    const withdrawn = await api('DELETE', `/orgs/${issuer.orgId}/invitations/${id}`, issuer.owner.headers);
    expect(withdrawn.statusCode).toBe(204);
    expect((await api('POST', `/me/org-invitations/${third}/accept`, person.headers)).statusCode).toBe(404);
    expect((await api('GET', '/me/org-invitations/not-a-token-we-ever-sent-abcdef')).statusCode).toBe(404);
    expect((await api('GET', '/me/org-invitations/%3Cbad%3E')).statusCode).toBe(400);
  });

  it('answers 404 to another organization’s admin and 403 to a member who does not manage members', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    const target = `target.${Date.now()}@example.org`;
    const id = (await invite(target, 'staff')).json().id;
    const orgUrl = `/orgs/${issuer.orgId}/invitations`;
    expect((await invite(target, 'staff', other.owner.headers)).statusCode).toBe(404);
    expect((await api('GET', orgUrl, other.owner.headers)).statusCode).toBe(404);
    expect((await api('DELETE', `${orgUrl}/${id}`, other.owner.headers)).statusCode).toBe(404);
    expect(
      (await api('DELETE', `/orgs/${other.orgId}/invitations/${id}`, other.owner.headers)).statusCode,
    ).toBe(404);

    const staff = await aLoggedInUser(t.app, t.deps);
    await api('POST', `/orgs/${issuer.orgId}/members`, issuer.owner.headers, {
      email: staff.email,
      role: 'staff',
    });
    expect((await invite('x@example.org', 'staff', staff.headers)).statusCode).toBe(403);
    expect((await api('GET', orgUrl, staff.headers)).statusCode).toBe(403);
  });

  it('checks the role against the organization’s kind, owners and existing members', async () => {
    const manager = await invite('m@example.org', 'manager');
    expect(manager.statusCode).toBe(400);
    expect(manager.json().errors).toEqual([
      {
        path: 'body.role',
        message: 'must be one of owner, admin, staff, assessor in an issuer organization',
        code: 'role-not-in-kind',
        params: { roles: 'owner, admin, staff, assessor', kind: 'issuer' },
      },
    ]);
    const bad = await invite('not-an-address', 'boss');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.email', 'body.role']);

    const admin = await aLoggedInUser(t.app, t.deps);
    await api('POST', `/orgs/${issuer.orgId}/members`, issuer.owner.headers, {
      email: admin.email,
      role: 'admin',
    });
    expect((await invite('o@example.org', 'owner', admin.headers)).statusCode).toBe(403);
    expect((await invite('s@example.org', 'staff', admin.headers)).statusCode).toBe(201);
    const already = await invite(admin.email, 'staff');
    expect(already.statusCode).toBe(409);
    expect(already.json().type).toBe('/problems/already-member');
  });

  it('keeps invitation tokens out of the request log', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    await invite(person.email, 'staff');
    const { token } = await invitationMail(person.email);
    await api('GET', `/me/org-invitations/${token}`, person.headers);
    await api('POST', `/me/org-invitations/${token}/accept`, person.headers);
    await t.app.inject({ method: 'GET', url: `/join/org/${token}` });
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/me/org-invitations/[redacted]/accept');
    expect(logged).not.toContain(token);
  });
});
