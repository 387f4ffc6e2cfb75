import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { validateOpenBadgeCredential } from '../credentials/index.ts';
import { aVerifiedUser, logInAs } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aOneLessonCourse, badgeMailsTo, issuedCredentialOf, verifyCredential } from './award-testing.ts';
import { aDraftBadge, aPublishedBadge } from './testing.ts';

describe('issuer award operations', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const course = await aOneLessonCourse(t.app, issuer);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [course] })).id;
  });
  afterAll(() => t?.close());

  const awardTo = (email: string, extra: object = {}, headers = issuer.owner.headers, badge = badgeId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge}/awards`,
      headers,
      payload: { email, ...extra },
    });
  const change = (awardId: string, action: string, headers = issuer.owner.headers) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${awardId}/${action}`,
      headers,
      payload: { reason: 'Issued by mistake' },
    });

  it('awards a published badge to one address, mails it, and answers 409 already-awarded the second time', async () => {
    const response = await awardTo('Marta.Gil@Example.org', {
      name: 'Marta Gil',
      evidenceUrl: 'https://portfolio.example.org/marta',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      badgeId,
      recipientEmail: 'marta.gil@example.org',
      recipientName: 'Marta Gil',
      source: 'manual',
      state: 'offered',
      cycle: 1,
      credentialState: 'active',
    });
    expect(await badgeMailsTo(t.deps, 'marta.gil@example.org')).toHaveLength(1);
    const again = await awardTo('marta.gil@example.org');
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-awarded');
  });

  it('refuses to award a badge that is not published', async () => {
    const course = await aOneLessonCourse(t.app, issuer);
    const draft = await aDraftBadge(t.app, issuer, { courseIds: [course] });
    const response = await awardTo('nobody@example.org', {}, issuer.owner.headers, draft.id);
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/badge-not-published');
  });

  it('lists every wrong field of a manual award at once', async () => {
    const response = await awardTo('not-an-email', {
      evidenceUrl: 'javascript:alert(1)',
      issuedOn: 'yesterday',
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.evidenceUrl', 'body.issuedOn']));
  });

  it('dates a manual award on its issue date, within a day ahead (read as now) and ten years back', async () => {
    const response = await awardTo('backdated@example.org', {
      issuedOn: '2024-05-02',
      narrative: 'Ran the **2024** payroll audit.',
      evidenceUrl: 'https://portfolio.example.org/audit',
      evidenceNarrative: 'The audit report.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const issued = await issuedCredentialOf(t.deps, response.json().credentialId);
    expect(issued.credential).toMatchObject({
      validFrom: '2024-05-02T00:00:00Z',
      awardedDate: '2024-05-02T00:00:00Z',
      evidence: [
        { id: 'https://portfolio.example.org/audit', narrative: 'The audit report.' },
        { narrative: 'Ran the **2024** payroll audit.' },
      ],
    });
    expect(validateOpenBadgeCredential(issued.credential)).toEqual({ valid: true, errors: [] });
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);

    const soon = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const tomorrow = await awardTo('tomorrow-there@example.org', { issuedOn: soon });
    expect(tomorrow.statusCode, tomorrow.body).toBe(201);
    expect(new Date(tomorrow.json().issuedAt).getTime()).toBeLessThanOrEqual(Date.now());

    for (const issuedOn of [new Date(Date.now() + 2 * 86_400_000).toISOString(), '2001-01-01']) {
      const refused = await awardTo(`refused-${issuedOn.slice(0, 4)}@example.org`, { issuedOn });
      expect(refused.statusCode, issuedOn).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.issuedOn']);
    }
  });

  it('revokes an award: verification then reports the credential revoked', async () => {
    const awarded = (await awardTo('revoked@example.org')).json();
    const revoked = await change(awarded.id, 'revoke');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: awarded.id, credentialState: 'revoked' });
    const issued = await issuedCredentialOf(t.deps, awarded.credentialId);
    const report = await verifyCredential(t.app, issued.credential);
    expect(report.verified).toBe(false);
    const status = report.checks.find((c) => c.code === 'status');
    expect(status?.status).toBe('failed');
    expect(status?.message).toMatch(/revoked/);
    expect((await change(awarded.id, 'reinstate')).statusCode).toBe(409);
  });

  it('suspends and reinstates an award', async () => {
    const awarded = (await awardTo('suspended@example.org')).json();
    expect((await change(awarded.id, 'suspend')).json().credentialState).toBe('suspended');
    const issued = await issuedCredentialOf(t.deps, awarded.credentialId);
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(false);
    expect((await change(awarded.id, 'reinstate')).json().credentialState).toBe('active');
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);
  });

  it('lets staff award but not revoke', async () => {
    const staff = await aVerifiedUser(t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: staff.email, role: 'staff' },
    });
    expect(added.statusCode).toBe(201);
    const session = await logInAs(t.app, staff.email);
    const awarded = await awardTo('by-staff@example.org', {}, session.headers);
    expect(awarded.statusCode).toBe(201);
    const refused = await change(awarded.json().id, 'revoke', session.headers);
    expect(refused.statusCode).toBe(403);
  });
});
