// People and consent over HTTP: an employer invites, a person accepts with a verified address and
// chooses what the employer sees; the employer sees exactly that, and forgets at once on withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importJson } from '../imports/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anIssuedCredential } from '../verification/testing.ts';
import { anEmployee, anEmployerWithManager, lastInvitationToken, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };

describe('people and consent', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let badgeIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    badgeIds = [];
    for (const name of ['Safe lifting', 'Forklift driving', 'First aid']) {
      const badge = await aPublishedBadge(t.app, issuer, {
        courseIds: [courseId],
        name,
        extra: { skills: [{ name: `${name} skill`, level: 3 }] },
      });
      badgeIds.push(badge.id);
    }
    employer = await anEmployerWithManager(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const people = `/orgs/${'{org}'}/employees`;
  const employees = (orgId = employer.orgId) => people.replace('{org}', orgId);

  /** Awards badge i to the person by hand and accepts it through the mailed claim link. */
  async function anAcceptedAward(person: Person, i: number): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeIds[i]}/awards`,
      issuer.owner.headers,
      {
        email: person.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, person.email);
    const accepted = await api('POST', `/claims/${token}/accept`, person.headers);
    expect(accepted.statusCode, accepted.body).toBe(200);
    return awarded.json().id;
  }

  const badgesSeen = async (employeeId: string, as = employer.manager) =>
    api('GET', `${employees()}/${employeeId}/badges`, as.headers);
  const mine = async (person: Person) =>
    (await api('GET', '/me/employers', person.headers)).json().items as Array<{
      status: string;
      consent: { awardIds: string[] } | null;
      sees: unknown[];
    }>;
  const consent = (person: Person, body: object, orgId = employer.orgId) =>
    api('PUT', `/me/employers/${orgId}/consent`, person.headers, body);

  it('mails an invitation link that the invited person accepts with a verified matching address', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const invited = await api('POST', `${employees()}/invitations`, employer.manager.headers, {
      emails: [person.email.toUpperCase(), person.email],
    });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json()).toEqual({ invited: 1, alreadyActive: 0 });
    const token = await lastInvitationToken(t.deps, person.email);

    const shown = await api('GET', `/me/employers/invitations/${token}`, person.headers);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      orgName: expect.stringContaining('Northwind'),
      emailVerified: true,
    });
    expect(shown.json().maskedEmail).not.toBe(person.email);

    const accepted = await api('POST', `/me/employers/invitations/${token}/accept`, person.headers);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'active',
      consent: { share: 'chosen', includeImports: false, awardIds: [], importIds: [] },
      sees: [],
    });
    const again = await api('POST', `/me/employers/invitations/${token}/accept`, person.headers);
    expect(again.statusCode).toBe(404);

    const listed = (await api('GET', employees(), employer.manager.headers)).json();
    expect(listed.items).toContainEqual(
      expect.objectContaining({
        email: person.email.toLowerCase(),
        status: 'active',
        sharing: { share: 'chosen', includeImports: false, sharedCount: 0 },
      }),
    );
    const reinvited = await api('POST', `${employees()}/invitations`, employer.owner.headers, {
      emails: [person.email],
    });
    expect(reinvited.json()).toEqual({ invited: 0, alreadyActive: 1 });
  });

  it('refuses the invitation to an account that did not verify the invited address, with 403', async () => {
    const invitee = await aLoggedInUser(t.app, t.deps);
    const stranger = await aLoggedInUser(t.app, t.deps);
    await api('POST', `${employees()}/invitations`, employer.manager.headers, { emails: [invitee.email] });
    const token = await lastInvitationToken(t.deps, invitee.email);
    const shown = await api('GET', `/me/employers/invitations/${token}`, stranger.headers);
    expect(shown.json().emailVerified).toBe(false);
    const refused = await api('POST', `/me/employers/invitations/${token}/accept`, stranger.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    // An address added to the account but not confirmed yet does not count either.
    const pending = 'pending.worker@example.org';
    expect((await api('POST', '/me/emails', stranger.headers, { email: pending })).statusCode).toBe(201);
    await api('POST', `${employees()}/invitations`, employer.manager.headers, { emails: [pending] });
    const pendingToken = await lastInvitationToken(t.deps, pending);
    const unverified = await api(
      'POST',
      `/me/employers/invitations/${pendingToken}/accept`,
      stranger.headers,
    );
    expect(unverified.statusCode).toBe(403);
    expect(await mine(stranger)).toEqual([]);
  });

  it('shows the employer only the chosen badges when the person shares chosen ones', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const [first, second] = [await anAcceptedAward(person, 0), await anAcceptedAward(person, 1)];
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    expect((await badgesSeen(employeeId)).json().items).toEqual([]);

    const chosen = await consent(person, { share: 'chosen', includeImports: false, awardIds: [second] });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const seen = (await badgesSeen(employeeId)).json().items;
    expect(seen).toEqual([
      expect.objectContaining({
        kind: 'award',
        id: second,
        name: 'Forklift driving',
        issuer: 'Gestión Academy®',
        state: 'active',
        skills: [expect.objectContaining({ name: 'Forklift driving skill', level: 3 })],
      }),
    ]);
    expect(seen.map((badge: { id: string }) => badge.id)).not.toContain(first);
    const [mineNow] = await mine(person);
    expect(mineNow?.consent).toEqual({
      share: 'chosen',
      includeImports: false,
      awardIds: [second],
      importIds: [],
    });
    expect(mineNow?.sees).toEqual(seen);
  });

  it('shows every accepted award when the person shares all, but never a revoked one', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const kept = await anAcceptedAward(person, 0);
    const revoked = await anAcceptedAward(person, 1);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    expect((await consent(person, { share: 'all', includeImports: false })).statusCode).toBe(200);
    expect(
      (await badgesSeen(employeeId))
        .json()
        .items.map((b: { id: string }) => b.id)
        .sort(),
    ).toEqual([kept, revoked].sort());
    const revoking = await api(
      'POST',
      `/orgs/${issuer.orgId}/awards/${revoked}/revoke`,
      issuer.owner.headers,
      {
        reason: 'Issued in error',
      },
    );
    expect(revoking.statusCode, revoking.body).toBe(200);
    const seen = (await badgesSeen(employeeId)).json().items;
    expect(seen.map((b: { id: string }) => b.id)).toEqual([kept]);
    expect((await mine(person))[0]?.sees).toEqual(seen);
    const listed = (await api('GET', employees(), employer.manager.headers)).json().items;
    expect(listed.find((p: { id: string }) => p.id === employeeId).sharing).toEqual({
      share: 'all',
      includeImports: false,
      sharedCount: 1,
    });
  });

  it('adds imported badges only when the person includes them', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    const credential = await anIssuedCredential(t.app, t.deps, { badgeName: 'Welding basics' });
    const imported = await importJson(t.app, person, { credential: credential.credential });
    expect(imported.statusCode, imported.body).toBe(201);
    await consent(person, { share: 'all', includeImports: false });
    expect((await badgesSeen(employeeId)).json().items).toEqual([]);
    await consent(person, { share: 'all', includeImports: true });
    expect((await badgesSeen(employeeId)).json().items).toEqual([
      expect.objectContaining({ kind: 'import', id: imported.json().id, state: 'verified' }),
    ]);
    await consent(person, { share: 'chosen', includeImports: true, importIds: [] });
    expect((await badgesSeen(employeeId)).json().items).toEqual([]);
  });

  it('forgets a person who withdraws at once: 404 on their badges, status only in the list', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const award = await anAcceptedAward(person, 2);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    await consent(person, { share: 'chosen', includeImports: false, awardIds: [award] });
    expect((await badgesSeen(employeeId)).json().items).toHaveLength(1);

    const withdrawn = await api('DELETE', `/me/employers/${employer.orgId}`, person.headers);
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    const gone = await badgesSeen(employeeId);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    const listed = (await api('GET', employees(), employer.manager.headers)).json().items;
    expect(listed.find((p: { id: string }) => p.id === employeeId)).toEqual({
      id: employeeId,
      name: null,
      email: person.email.toLowerCase(),
      status: 'withdrawn',
      sharing: null,
      invitedAt: expect.any(String),
      acceptedAt: null,
    });
    expect(await mine(person)).toEqual([
      expect.objectContaining({ status: 'withdrawn', consent: null, sees: [] }),
    ]);
    const rows = await t.deps.db
      .selectFrom('workforceSharedAwards')
      .selectAll()
      .where('orgId', '=', employer.orgId)
      .where('userId', '=', person.userId)
      .execute();
    expect(rows).toEqual([]);
    expect((await consent(person, { share: 'all', includeImports: true })).statusCode).toBe(404);
  });

  it('removes a person: 204, then their badges answer 404 and they leave the list', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    await consent(person, { share: 'all', includeImports: true });
    const removed = await api('DELETE', `${employees()}/${employeeId}`, employer.manager.headers);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await badgesSeen(employeeId)).statusCode).toBe(404);
    const listed = (await api('GET', employees(), employer.manager.headers)).json().items;
    expect(listed.map((p: { id: string }) => p.id)).not.toContain(employeeId);
    expect((await api('DELETE', `${employees()}/${employeeId}`, employer.manager.headers)).statusCode).toBe(
      404,
    );
  });

  it('answers 404 to another employer’s manager on every route of this employer', async () => {
    const person = await aLoggedInUser(t.app, t.deps);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    const other = await anEmployerWithManager(t.app, t.deps);
    for (const [method, url, body] of [
      ['POST', `${employees()}/invitations`, { emails: ['intruder@example.org'] }],
      ['GET', employees(), undefined],
      ['GET', `${employees()}/${employeeId}/badges`, undefined],
      ['DELETE', `${employees()}/${employeeId}`, undefined],
    ] as const) {
      const response = await api(method, url, other.manager.headers, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // Its own routes cannot reach this employer's people either.
    const foreign = await api('GET', `${employees(other.orgId)}/${employeeId}/badges`, other.manager.headers);
    expect(foreign.statusCode).toBe(404);
    expect((await badgesSeen(employeeId)).statusCode).toBe(200);
  });

  it('refuses employees to an issuer organization with 409', async () => {
    const response = await api('POST', `/orgs/${issuer.orgId}/employees/invitations`, issuer.owner.headers, {
      emails: ['someone@example.org'],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toContain('not-an-employer');
  });

  it('holds API tokens to their scopes: read to look, workforce:write to invite, learning:write to consent', async () => {
    const tokenOf = async (as: TestSession, scopes: string[]) => {
      const created = await api('POST', '/me/tokens', as.headers, { name: scopes.join(' '), scopes });
      expect(created.statusCode, created.body).toBe(201);
      return { authorization: `Bearer ${created.json().token}` };
    };
    const reader = await tokenOf(employer.manager, ['read']);
    expect((await api('GET', employees(), reader)).statusCode).toBe(200);
    const refused = await api('POST', `${employees()}/invitations`, reader, { emails: ['a@example.org'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('This API token lacks the "workforce:write" scope.');
    const writer = await tokenOf(employer.manager, ['workforce:write']);
    const invited = await api('POST', `${employees()}/invitations`, writer, {
      emails: ['token.invite@example.org'],
    });
    expect(invited.json()).toEqual({ invited: 1, alreadyActive: 0 });

    const person = await aLoggedInUser(t.app, t.deps);
    await api('POST', `${employees()}/invitations`, employer.manager.headers, { emails: [person.email] });
    const token = await lastInvitationToken(t.deps, person.email);
    const everything = await tokenOf(person, ['read', 'learning:write', 'workforce:write']);
    const byToken = await api('POST', `/me/employers/invitations/${token}/accept`, everything);
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().detail).toBe('Do this from a logged-in session, not with an API token.');
    await api('POST', `/me/employers/invitations/${token}/accept`, person.headers);
    const personReader = await tokenOf(person, ['read']);
    expect((await api('GET', '/me/employers', personReader)).statusCode).toBe(200);
    const body = { share: 'all', includeImports: false };
    expect((await api('PUT', `/me/employers/${employer.orgId}/consent`, personReader, body)).statusCode).toBe(
      403,
    );
    const learner = await tokenOf(person, ['learning:write']);
    expect((await api('PUT', `/me/employers/${employer.orgId}/consent`, learner, body)).statusCode).toBe(200);
  });

  it('answers bad input with 400 naming the field', async () => {
    const invite = (emails: unknown) =>
      api('POST', `${employees()}/invitations`, employer.manager.headers, { emails });
    const many = Array.from({ length: 201 }, (_, i) => `p${i}@example.org`);
    for (const emails of [[], many, ['not an address']]) {
      const response = await invite(emails);
      expect(response.statusCode, JSON.stringify(emails).slice(0, 40)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const person = await aLoggedInUser(t.app, t.deps);
    const other = await aLoggedInUser(t.app, t.deps);
    const own = await anAcceptedAward(person, 0);
    const foreign = await anAcceptedAward(other, 0);
    await anEmployee(t.app, t.deps, employer, person);
    const refused = await consent(person, {
      share: 'chosen',
      includeImports: false,
      awardIds: [own, foreign],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([
        {
          path: 'awardIds.1',
          message: `${foreign} is not one of your badges`,
          code: 'not-your-badge',
          params: { id: foreign },
        },
      ]),
    );
    expect((await mine(person))[0]?.consent?.awardIds).toEqual([]);
    expect((await consent(person, { share: 'some' as string, includeImports: false })).statusCode).toBe(400);
  });
});
