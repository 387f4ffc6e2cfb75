// Revoking a compromised signing key (POST /orgs/{orgId}/issuer/keys/{keyNumber}/revoke): a new key takes over,
// the DID document stops authorizing the old one, and what it signed since it was compromised fails
// verification with a plain reason, while what the issuer's records show it signed before still verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from './testing.ts';

type Check = { code: string; status: string; message: string };
type Report = { verdict: string; checks: Check[] };
type Json = Record<string, unknown>;

describe('revoking a compromised issuer key', () => {
  let t: TestApp;
  let clock = new Date('2026-03-01T09:00:00Z');
  const tick = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
    return clock;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
  });
  afterAll(() => t?.close());

  const issue = async (issuer: TestIssuer, email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: { ...sampleIssueRequest(email), validUntil: undefined },
    });
    expect(response.statusCode).toBe(201);
    return response.json().credential as Json;
  };
  const verify = async (credential: Json) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } })).json() as Report;
  const issuerKeyCheck = (report: Report) => report.checks.find((c) => c.code === 'issuer-key');
  const revoke = (
    issuer: TestIssuer,
    keyNumber: number,
    payload: Json,
    headers: Json = issuer.owner.headers,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/issuer/keys/${keyNumber}/revoke`,
      headers: headers as Record<string, string>,
      payload,
    });
  const addMember = async (issuer: TestIssuer, role: string) => {
    const person = await aLoggedInUser(t.app, t.deps);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: person.email, role },
    });
    expect(added.statusCode).toBe(201);
    return person;
  };

  it('makes a new key active, stops the DID document authorizing the old one, and fails what it signed since the compromise', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    tick(1);
    const before = await issue(issuer, 'early@example.org');
    const compromisedSince = tick(60);
    tick(1);
    const after = await issue(issuer, 'late@example.org');
    expect((await verify(after)).verdict).toBe('verified');
    tick(60);

    const response = await revoke(issuer, 1, {
      reason: 'The laptop holding a backup was stolen.',
      compromisedSince: compromisedSince.toISOString(),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.revoked).toMatchObject({
      keyNumber: 1,
      state: 'revoked',
      active: false,
      revokedAt: clock.toISOString(),
      compromisedSince: compromisedSince.toISOString(),
      revokedReason: 'The laptop holding a backup was stolen.',
    });
    expect(body.replacement).toMatchObject({ keyNumber: 2, state: 'active', active: true });
    expect(body.affectedCredentials).toBe(1);
    expect(JSON.stringify(body)).not.toMatch(/secret/i);

    const document = (await t.app.inject({ url: `/issuers/${issuer.slug}/did.json` })).json();
    const [key1, key2] = document.verificationMethod as Json[];
    expect(key1).toMatchObject({ id: `${document.id}#key-1`, revoked: compromisedSince.toISOString() });
    expect(key2?.revoked).toBeUndefined();
    expect(document.assertionMethod).toEqual([`${document.id}#key-2`]);
    expect(document.authentication).toEqual([`${document.id}#key-2`]);

    const late = await verify(after);
    expect(late.verdict).toBe('not-verified');
    expect(issuerKeyCheck(late)).toMatchObject({ status: 'failed' });
    expect(issuerKeyCheck(late)?.message).toMatch(
      /^Signed with a key the issuer revoked on 2026-03-01 \(treated as compromised from 2026-03-01\).*issue it again/,
    );
    expect(late.checks.find((c) => c.code === 'proof')?.status).toBe('passed');

    const early = await verify(before);
    expect(early.verdict).toBe('verified');
    expect(issuerKeyCheck(early)?.message).toMatch(
      /records show it issued this credential on .* before the key/,
    );

    // The new key signs from now on and its credentials verify.
    tick(1);
    const fresh = await issue(issuer, 'fresh@example.org');
    expect([fresh.proof].flat()[0]).toMatchObject({ verificationMethod: `${document.id}#key-2` });
    expect((await verify(fresh)).verdict).toBe('verified');
  });

  it('fails a credential it never issued with the key, even one dated before the compromise', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const credential = await issue(issuer, 'forged@example.org');
    expect((await revoke(issuer, 1, { reason: 'Leaked.' })).statusCode).toBe(200);
    const report = await verify({ ...credential, id: 'urn:uuid:00000000-0000-4000-8000-000000000000' });
    expect(report.verdict).toBe('not-verified');
  });

  it('fails what a did:key issuer signed with the revoked key, which no DID document can withdraw', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
      payload: { didMethod: 'key' },
    });
    expect(put.statusCode).toBe(200);
    const credential = await issue(issuer, 'didkey@example.org');
    expect((await verify(credential)).verdict).toBe('verified');
    tick(1);
    const revoked = await revoke(issuer, 1, { reason: 'Key copied off the server.' });
    expect(revoked.statusCode).toBe(200);
    // Nothing was compromised before the key existed: the default is its creation, so everything it signed fails.
    const report = await verify(credential);
    expect(report.verdict).toBe('not-verified');
    expect(issuerKeyCheck(report)?.message).toMatch(/Signed with a key the issuer revoked on/);
    const listed = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
    });
    const newKey = listed.json().keys.find((key: Json) => key.active);
    expect(listed.json().did).toBe(`did:key:${newKey.publicKeyMultibase}`);
  });

  it('revokes a retired key without making another, and refuses it twice, an unknown key and a future date', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    await issue(issuer, 'first@example.org');
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/issuer/keys`,
      headers: issuer.owner.headers,
    });
    expect(rotated.statusCode).toBe(201);
    const retired = await revoke(issuer, 1, { reason: 'Old backup found on a share.' });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().replacement).toBeNull();
    const listed = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
    });
    expect(listed.json().keys.map((key: Json) => [key.keyNumber, key.state])).toEqual([
      [1, 'revoked'],
      [2, 'active'],
    ]);

    const again = await revoke(issuer, 1, { reason: 'Again.' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.json().type).toBe('/problems/key-already-revoked');
    const unknown = await revoke(issuer, 99, { reason: 'No such key.' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const future = await revoke(issuer, 2, {
      reason: 'Tomorrow.',
      compromisedSince: new Date(clock.getTime() + 86_400_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect((await revoke(issuer, 2, {})).statusCode).toBe(400);
  });

  it('is for owners only: an admin is refused, and so is a token without orgs:write', async () => {
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    await issue(issuer, 'someone@example.org');
    const admin = await addMember(issuer, 'admin');
    const byAdmin = await revoke(issuer, 1, { reason: 'Admin tries.' }, admin.headers);
    expect(byAdmin.statusCode).toBe(403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: issuer.owner.headers,
      payload: { name: 'read only', orgId: issuer.orgId, scopes: ['read'] },
    });
    const byToken = await revoke(
      issuer,
      1,
      { reason: 'Token tries.' },
      { authorization: `Bearer ${created.json().token}` },
    );
    expect(byToken.statusCode).toBe(403);
    const outsider = await anIssuerWithOwner(t.app, t.deps);
    const foreign = await revoke(issuer, 1, { reason: 'Outsider tries.' }, outsider.owner.headers);
    expect(foreign.statusCode).toBe(404);
    const listed = await t.app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
    });
    expect(listed.json().keys[0].state).toBe('active');
  });
});
