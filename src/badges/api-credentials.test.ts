// Credentials issued through the API appear in the issuer's list of issued credentials beside the awards
// (GET /orgs/{orgId}/api-credentials): those of POST /orgs/{orgId}/credentials and of the W3C VC-API, found by
// name, recipient or id, filtered by state and date, and revoked from the list (the VC-API one on its published
// status list, as POST /credentials/status would) — by owners and admins of that organization only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest } from '../issuing/testing.ts';
import {
  aVcApiIssuer,
  badgeCredential,
  bitOf,
  issueVc,
  statusEntriesOf,
  type VcApiIssuer,
} from '../vcapi/testing.ts';
import { aOneLessonCourse } from './award-testing.ts';
import { aPublishedBadge } from './testing.ts';

type Json = Record<string, unknown>;
type Listed = {
  kind: string;
  id: string;
  credentialId: string | null;
  name: string;
  credentialState: string;
};

describe('API-issued credentials in the list of issued credentials', () => {
  let t: TestApp;
  let issuer: VcApiIssuer;
  let vcApiCredential: Json;

  const list = async (query = '', headers: Record<string, string> = issuer.owner.headers) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/api-credentials${query}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Listed[]; total: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await aVcApiIssuer(t);
    const direct = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest('direct@example.org'),
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const issued = await issueVc(t, issuer.auth, {
      ...badgeCredential(issuer.did),
      id: 'urn:uuid:7d1f0b53-2a43-4c8e-9a55-0d1e44d2c001',
      name: 'Forklift safety (external LMS)',
      credentialSubject: {
        ...(badgeCredential(issuer.did).credentialSubject as Json),
        id: 'did:example:holder-42',
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    vcApiCredential = issued.json().verifiableCredential;
    // An award's credential stays in the awards list only.
    const course = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    const awarded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'awarded@example.org' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
  });
  afterAll(() => t?.close());

  it('lists both kinds, newest first, with their names, and leaves award credentials out', async () => {
    const { items, total } = await list();
    expect(total).toBe(2);
    expect(items.map((c) => [c.kind, c.name, c.credentialState])).toEqual([
      ['vc-api', 'Forklift safety (external LMS)', 'active'],
      ['issued', 'Gestión de nóminas — SAFe®', 'active'],
    ]);
    expect(items[0]).toMatchObject({
      credentialId: 'urn:uuid:7d1f0b53-2a43-4c8e-9a55-0d1e44d2c001',
      recipient: 'did:example:holder-42',
      statusChangeable: true,
    });
  });

  it('finds them by part of the name or recipient and by credential id', async () => {
    expect((await list('?q=forklift')).items.map((c) => c.kind)).toEqual(['vc-api']);
    expect((await list('?q=holder-42')).items.map((c) => c.kind)).toEqual(['vc-api']);
    expect((await list('?q=direct%40example')).items.map((c) => c.kind)).toEqual(['issued']);
    const id = encodeURIComponent('urn:uuid:7d1f0b53-2a43-4c8e-9a55-0d1e44d2c001');
    expect((await list(`?q=${id}`)).total).toBe(1);
    expect((await list('?issuedTo=2000-01-01')).total).toBe(0);
  });

  it('revokes a VC-API credential from the list: its published status bit is set and the state filter finds it', async () => {
    const [listed] = (await list('?q=forklift')).items;
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/api-credentials/${listed?.id}/revoke`,
      headers: issuer.owner.headers,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ kind: 'vc-api', credentialState: 'revoked' });
    const [entry] = statusEntriesOf(vcApiCredential);
    expect(await bitOf(t, entry as Json)).toBe(true);
    expect((await list('?credentialState=revoked')).items.map((c) => c.kind)).toEqual(['vc-api']);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/api-credentials/${listed?.id}/reinstate`,
      headers: issuer.owner.headers,
    });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.statusCode).toBeLessThan(500);
  });

  it('shows another organization nothing and lets no one outside the owners and admins revoke', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/api-credentials`,
      headers: other.owner.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const [listed] = (await list('?q=forklift')).items;
    const byOther = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other.orgId}/api-credentials/${listed?.id}/revoke`,
      headers: other.owner.headers,
    });
    expect(byOther.statusCode).toBe(404);
    const staff = await aLoggedInUser(t.app, t.deps);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: staff.email, role: 'staff' },
    });
    expect((await list('', staff.headers)).total).toBe(2);
    const byStaff = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/api-credentials/${listed?.id}/suspend`,
      headers: staff.headers,
    });
    expect(byStaff.statusCode).toBe(403);
  });
});
