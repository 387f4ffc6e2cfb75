// One person of an employer over HTTP (GET /orgs/{orgId}/employees/{employeeId}): the same row the list gives,
// so the person page need not load everyone; an invited person is a status and an address, an active one
// shows their name and what they share now; after a withdrawal or a removal it is 404, like an unknown id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anAcceptedAward } from '../insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anActivePerson, anEmployerWithManager, type TestEmployer } from './testing.ts';

describe('one person of an employer', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let badgeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name: 'Safe lifting' })).id;
    employer = await anEmployerWithManager(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = employer.manager.headers) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const one = (employeeId: string, orgId = employer.orgId) => `/orgs/${orgId}/employees/${employeeId}`;
  const listed = async (employeeId: string) =>
    ((await get(`/orgs/${employer.orgId}/employees?limit=200`)).json().items as Array<{ id: string }>).find(
      (row) => row.id === employeeId,
    );

  it('answers the same row as the list: name and what an active person shares now', async () => {
    const person = await anActivePerson(t, employer, 'Maria Worker');
    const awardId = await anAcceptedAward(t, issuer, badgeId, person);
    const shared = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/employers/${employer.orgId}/consent`,
      headers: person.headers,
      payload: { share: 'chosen', includeImports: false, awardIds: [awardId] },
    });
    expect(shared.statusCode, shared.body).toBe(200);

    const reply = await get(one(person.employeeId));
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({
      id: person.employeeId,
      name: 'Maria Worker',
      email: person.email.toLowerCase(),
      status: 'active',
      sharing: { share: 'chosen', includeImports: false, sharedCount: 1 },
      invitedAt: expect.any(String),
      acceptedAt: expect.any(String),
    });
    expect(reply.json()).toEqual(await listed(person.employeeId));
  });

  it('shows an invited person as a status and the invited address only', async () => {
    const invitee = await aLoggedInUser(t.app, t.deps, { name: 'Not Yet' });
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${employer.orgId}/employees/invitations`,
      headers: employer.owner.headers,
      payload: { emails: [invitee.email] },
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const row = (
      (await get(`/orgs/${employer.orgId}/employees?limit=200`)).json().items as Array<{
        id: string;
        email: string;
      }>
    ).find((p) => p.email === invitee.email.toLowerCase());
    const reply = await get(one(row?.id ?? ''));
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'invited', name: null, sharing: null, acceptedAt: null });
  });

  it('answers 404 at once after the person withdraws, and after the employer removes someone', async () => {
    const leaver = await anActivePerson(t, employer, 'Lea Leaver');
    expect((await get(one(leaver.employeeId))).statusCode).toBe(200);
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/employers/${employer.orgId}`,
      headers: leaver.headers,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    const gone = await get(one(leaver.employeeId));
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.body).not.toContain('Lea Leaver');

    const removedOne = await anActivePerson(t, employer);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1${one(removedOne.employeeId)}`,
      headers: employer.manager.headers,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await get(one(removedOne.employeeId))).statusCode).toBe(404);
  });

  it('answers 404 to another employer’s manager and for an unknown id, and 400 for a malformed one', async () => {
    const person = await anActivePerson(t, employer);
    const other = await anEmployerWithManager(t.app, t.deps);
    expect((await get(one(person.employeeId), other.manager.headers)).statusCode).toBe(404);
    expect((await get(one(person.employeeId, other.orgId), other.manager.headers)).statusCode).toBe(404);
    expect((await get(one(crypto.randomUUID()))).statusCode).toBe(404);
    const malformed = await get(one('not-an-id'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    // Signed out: 401.
    expect((await get(one(person.employeeId), {})).statusCode).toBe(401);
  });
});
