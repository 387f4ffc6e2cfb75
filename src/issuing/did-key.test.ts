import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from './testing.ts';

describe('an issuer that signs as did:key', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const chosen = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
      payload: { didMethod: 'key' },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().didMethod).toBe('key');
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${issuer.orgId}/credentials`,
        headers: issuer.owner.headers,
        payload: sampleIssueRequest(),
      })
    ).json();
  const verify = async (verifiableCredential: unknown) =>
    (
      await t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } })
    ).json();
  const revoke = (id: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials/${id}/revoke`,
      headers: issuer.owner.headers,
      payload: {},
    });

  it('names the issuer by the did:key of its current key, and the credential verifies', async () => {
    const created = await issue();
    const issuerId: string = created.credential.issuer.id;
    expect(issuerId).toMatch(/^did:key:z6Mk/);
    expect(created.credential.proof[0].verificationMethod).toBe(
      `${issuerId}#${issuerId.slice('did:key:'.length)}`,
    );
    const result = await verify(created.credential);
    expect(result.checks.filter((c: { status: string }) => c.status !== 'passed')).toEqual([]);
  });

  it('signs its status list as the same did:key, so revocation is checked and reported', async () => {
    const created = await issue();
    const list = await t.app.inject({
      method: 'GET',
      url: new URL(created.credential.credentialStatus.statusListCredential).pathname,
    });
    expect(list.json().issuer).toBe(created.credential.issuer.id);
    await revoke(created.id);
    const status = (await verify(created.credential)).checks.find(
      (c: { code: string }) => c.code === 'status',
    );
    expect(status).toMatchObject({ status: 'failed' });
  });

  it('keeps credentials of a rotated-out key verifiable and revocable', async () => {
    const before = await issue();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/issuer/keys`,
      headers: issuer.owner.headers,
    });
    const after = await issue();
    expect(after.credential.issuer.id).not.toBe(before.credential.issuer.id);
    expect(after.credential.credentialStatus.statusListCredential).not.toBe(
      before.credential.credentialStatus.statusListCredential,
    );
    expect((await verify(before.credential)).verified).toBe(true);
    expect((await verify(after.credential)).verified).toBe(true);
    await revoke(before.id);
    const status = (await verify(before.credential)).checks.find(
      (c: { code: string }) => c.code === 'status',
    );
    expect(status).toMatchObject({ status: 'failed' });
    expect((await verify(after.credential)).verified).toBe(true);
  });
});
