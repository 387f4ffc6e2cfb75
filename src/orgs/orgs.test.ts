import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, aVerifiedUser, type TestSession } from '../identity/testing.ts';

describe('organizations and members', () => {
  let t: TestApp;
  let owner: TestSession;
  let orgId: string;
  let slugCounter = 0;

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    as: TestSession,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers: as.headers, ...(payload ? { payload } : {}) });

  async function anOrganization(as: TestSession, kind: 'issuer' | 'employer' = 'issuer'): Promise<string> {
    slugCounter += 1;
    const response = await inject('POST', '/orgs', as, {
      name: `Org ${slugCounter}`,
      slug: `org-${slugCounter}`,
      kind,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function aMember(role: string, inOrg = orgId): Promise<TestSession & { email: string }> {
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await inject('POST', `/orgs/${inOrg}/members`, owner, { email: person.email, role });
    expect(added.statusCode).toBe(201);
    return person;
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await aLoggedInUser(t.app, t.deps);
    orgId = await anOrganization(owner);
  });
  afterAll(() => t?.close());

  it('makes the creator the owner of a new organization', async () => {
    const response = await inject('POST', '/orgs', owner, {
      name: 'Gestión de nóminas',
      slug: 'gestion-nominas',
      kind: 'issuer',
      websiteUrl: 'https://nominas.example.org',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'Gestión de nóminas',
      slug: 'gestion-nominas',
      role: 'owner',
    });
    const mine = await inject('GET', '/orgs', owner);
    expect(mine.json().items.map((o: { slug: string }) => o.slug)).toContain('gestion-nominas');
  });

  it('refuses a slug that is taken with 409', async () => {
    const response = await inject('POST', '/orgs', owner, { name: 'Copy', slug: 'org-1', kind: 'employer' });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('/problems/slug-taken');
  });

  it('refuses a slug with capitals or spaces with 400 naming the field', async () => {
    const response = await inject('POST', '/orgs', owner, { name: 'Bad', slug: 'Bad Slug', kind: 'issuer' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.slug');
  });

  it('lets any member list the members', async () => {
    const staff = await aMember('staff');
    const response = await inject('GET', `/orgs/${orgId}/members`, staff);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: owner.userId, role: 'owner' }),
        expect.objectContaining({ userId: staff.userId, role: 'staff', email: staff.email }),
      ]),
    );
  });

  it('forbids staff to add members (403)', async () => {
    const staff = await aMember('staff');
    const newcomer = await aVerifiedUser(t.deps);
    const response = await inject('POST', `/orgs/${orgId}/members`, staff, {
      email: newcomer.email,
      role: 'staff',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/forbidden');
  });

  it('answers a non-member with 404, as if the organization did not exist', async () => {
    const stranger = await aLoggedInUser(t.app, t.deps);
    const response = await inject('GET', `/orgs/${orgId}`, stranger);
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('/problems/not-found');
  });

  it('adds a person by any of their verified emails but not by an unverified one', async () => {
    const person = await aVerifiedUser(t.deps);
    const ok = await inject('POST', `/orgs/${orgId}/members`, owner, {
      email: person.email.toUpperCase(),
      role: 'assessor',
    });
    expect(ok.statusCode).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'unconfirmed@example.test', name: 'U', password: 'a long passphrase' },
    });
    const refused = await inject('POST', `/orgs/${orgId}/members`, owner, {
      email: 'unconfirmed@example.test',
      role: 'staff',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('body.email');
  });

  it('refuses a manager in an issuer organization and an assessor in an employer', async () => {
    const person = await aVerifiedUser(t.deps);
    const inIssuer = await inject('POST', `/orgs/${orgId}/members`, owner, {
      email: person.email,
      role: 'manager',
    });
    expect(inIssuer.statusCode).toBe(400);
    const employerId = await anOrganization(owner, 'employer');
    const inEmployer = await inject('POST', `/orgs/${employerId}/members`, owner, {
      email: person.email,
      role: 'assessor',
    });
    expect(inEmployer.statusCode).toBe(400);
    const manager = await inject('POST', `/orgs/${employerId}/members`, owner, {
      email: person.email,
      role: 'manager',
    });
    expect(manager.statusCode).toBe(201);
  });

  it('lets an admin add staff but not make an owner', async () => {
    const admin = await aMember('admin');
    const person = await aVerifiedUser(t.deps);
    const asOwner = await inject('POST', `/orgs/${orgId}/members`, admin, {
      email: person.email,
      role: 'owner',
    });
    expect(asOwner.statusCode).toBe(403);
    const asStaff = await inject('POST', `/orgs/${orgId}/members`, admin, {
      email: person.email,
      role: 'staff',
    });
    expect(asStaff.statusCode).toBe(201);
  });

  it('refuses to remove or demote the last owner with 409', async () => {
    const removed = await inject('DELETE', `/orgs/${orgId}/members/${owner.userId}`, owner);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().type).toBe('/problems/last-owner');
    const demoted = await inject('PATCH', `/orgs/${orgId}/members/${owner.userId}`, owner, { role: 'admin' });
    expect(demoted.statusCode).toBe(409);
  });

  it('lets an owner step down once another owner exists', async () => {
    const soloOrg = await anOrganization(owner);
    const second = await aLoggedInUser(t.app, t.deps);
    await inject('POST', `/orgs/${soloOrg}/members`, owner, { email: second.email, role: 'owner' });
    const left = await inject('DELETE', `/orgs/${soloOrg}/members/${owner.userId}`, owner);
    expect(left.statusCode).toBe(204);
    const members = await inject('GET', `/orgs/${soloOrg}/members`, second);
    expect(members.json().items.map((m: { userId: string }) => m.userId)).toEqual([second.userId]);
  });

  it('changes a member’s role and removes a member', async () => {
    const staff = await aMember('staff');
    const changed = await inject('PATCH', `/orgs/${orgId}/members/${staff.userId}`, owner, {
      role: 'assessor',
    });
    expect(changed.json()).toMatchObject({ userId: staff.userId, role: 'assessor' });
    const removed = await inject('DELETE', `/orgs/${orgId}/members/${staff.userId}`, owner);
    expect(removed.statusCode).toBe(204);
    expect((await inject('GET', `/orgs/${orgId}`, staff)).statusCode).toBe(404);
  });

  it('lets owners and admins edit the organization, not staff', async () => {
    const staff = await aMember('staff');
    expect((await inject('PATCH', `/orgs/${orgId}`, staff, { name: 'Nope' })).statusCode).toBe(403);
    const edited = await inject('PATCH', `/orgs/${orgId}`, owner, {
      websiteUrl: 'https://academy.example.org',
    });
    expect(edited.json().websiteUrl).toBe('https://academy.example.org');
  });

  it('lists every organization for a platform operator only', async () => {
    const operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    const all = await inject('GET', '/admin/orgs?limit=200', operator);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((o: { id: string }) => o.id)).toContain(orgId);
    expect((await inject('GET', '/admin/orgs', owner)).statusCode).toBe(403);
  });

  it('lets a platform operator look at any organization but not change it', async () => {
    const operator = await aLoggedInUser(t.app, t.deps, { isOperator: true });
    const look = await inject('GET', `/orgs/${orgId}`, operator);
    expect(look.statusCode).toBe(200);
    expect(look.json().role).toBe('operator');
    expect((await inject('PATCH', `/orgs/${orgId}`, operator, { name: 'Taken over' })).statusCode).toBe(403);
  });

  it('switches the session’s active organization to one the person belongs to', async () => {
    const second = await anOrganization(owner);
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/session/organization',
      headers: owner.headers,
      payload: { orgId: second },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().activeOrgId).toBe(second);
  });
});
