import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { unbake } from '../credentials/index.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from './testing.ts';

describe('issuing credentials through the API', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = (payload: object = sampleIssueRequest()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload,
    });
  const verify = (verifiableCredential: unknown) =>
    t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } });
  const change = (id: string, action: string, reason?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials/${id}/${action}`,
      headers: issuer.owner.headers,
      payload: reason ? { reason } : {},
    });

  it('issues a signed OB 3.0 credential from the issuer did:web that verifies on this server', async () => {
    const response = await issue({ ...sampleIssueRequest(), alsoJwt: true });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.credential.issuer.id).toBe(`did:web:localhost%3A3000:issuers:${issuer.slug}`);
    expect(body.credential.name).toBe('Gestión de nóminas — SAFe®');
    expect(body.credential.proof[0].verificationMethod).toBe(`${body.credential.issuer.id}#key-1`);
    expect(body.credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    const verified = await verify(body.credential);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verified).toBe(true);
    const verifiedJwt = await verify(body.jwt);
    expect(verifiedJwt.json().verified).toBe(true);
  });

  it('serves the issuer DID document with the signing key and never a private key', async () => {
    const did = await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` });
    expect(did.statusCode).toBe(200);
    const document = did.json();
    expect(document.id).toBe(`did:web:localhost%3A3000:issuers:${issuer.slug}`);
    expect(document.assertionMethod).toEqual([`${document.id}#key-1`]);
    expect(did.body).not.toMatch(/secret|private|z3u2/i);
    const keys = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/issuer`,
      headers: issuer.owner.headers,
    });
    expect(keys.json().keys).toHaveLength(1);
    expect(keys.body).not.toMatch(/secret|encrypted/i);
  });

  it('serves status lists with an ETag and answers 304 when nothing changed', async () => {
    const created = (await issue()).json();
    const url = new URL(created.credential.credentialStatus.statusListCredential).pathname;
    const first = await t.app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.json().type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(first.headers['cache-control']).toContain('max-age');
    const again = await t.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('makes verification fail with "revoked" once the issuer revokes, and the status list changes', async () => {
    const created = (await issue()).json();
    const listUrl = new URL(created.credential.credentialStatus.statusListCredential).pathname;
    const before = await t.app.inject({ method: 'GET', url: listUrl });
    const revoked = await change(created.id, 'revoke', 'Issued by mistake');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', stateReason: 'Issued by mistake' });
    const after = await t.app.inject({ method: 'GET', url: listUrl });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const verified = await verify(created.credential);
    expect(verified.statusCode).toBe(400);
    const status = verified.json().checks.find((c: { code: string }) => c.code === 'status');
    expect(status).toMatchObject({ status: 'failed' });
    expect(status.message).toMatch(/revoked/);
  });

  it('refuses to reinstate a revoked credential', async () => {
    const created = (await issue()).json();
    await change(created.id, 'revoke');
    const reinstated = await change(created.id, 'reinstate');
    expect(reinstated.statusCode).toBe(409);
    expect(reinstated.headers['content-type']).toContain('application/problem+json');
  });

  it('suspends and reinstates a credential, and verification follows', async () => {
    const created = (await issue()).json();
    expect((await change(created.id, 'suspend')).statusCode).toBe(200);
    const suspended = await verify(created.credential);
    expect(suspended.json().checks.find((c: { code: string }) => c.code === 'status').message).toMatch(
      /suspended/,
    );
    expect((await change(created.id, 'reinstate')).statusCode).toBe(200);
    const reinstated = (await verify(created.credential)).json();
    expect(reinstated.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'status', status: 'passed' })]),
    );
    expect(reinstated.verified).toBe(true);
  });

  it('never hands out the same status list index twice', async () => {
    const created = await Promise.all([issue(), issue(), issue()]);
    const indexes = created.map((r) => r.json().credential.credentialStatus.statusListIndex);
    expect(new Set(indexes).size).toBe(3);
  });

  it('keeps old credentials verifying after a key rotation, and signs new ones with the new key', async () => {
    const old = (await issue()).json();
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/issuer/keys`,
      headers: issuer.owner.headers,
    });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json()).toMatchObject({ keyNumber: 2, active: true });
    const fresh = (await issue()).json();
    expect(fresh.credential.proof[0].verificationMethod).toMatch(/#key-2$/);
    expect((await verify(old.credential)).json().verified).toBe(true);
    expect((await verify(fresh.credential)).json().verified).toBe(true);
  });

  it.each([
    ['png', 'json'],
    ['svg', 'json'],
    ['png', 'jwt'],
  ])('bakes the credential into a %s download (%s) that unbakes and verifies', async (fileType, form) => {
    const created = (await issue({ ...sampleIssueRequest(), alsoJwt: true })).json();
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/credentials/${created.id}/baked.${fileType}?form=${form}`,
      headers: issuer.owner.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain(fileType === 'png' ? 'image/png' : 'image/svg+xml');
    const unbaked = unbake(download.rawPayload);
    expect(unbaked.format).toBe(form === 'jwt' ? 'ob3-jwt' : 'ob3-json');
    const credential = form === 'jwt' ? unbaked.payload : JSON.parse(unbaked.payload);
    expect((await verify(credential)).json().verified).toBe(true);
  });

  it('rejects an issuance request with unknown fields and names every problem', async () => {
    const response = await issue({
      ...sampleIssueRequest(),
      recipient: { email: 'not-an-email' },
      colour: 'red',
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('body.recipient'))).toBe(true);
    expect(paths.some((p: string) => p.includes('colour'))).toBe(true);
  });

  it('hosts an OB 2.0 assertion for the credential and answers 410 once revoked', async () => {
    const created = (await issue()).json();
    const assertion = await t.app.inject({ method: 'GET', url: `/ob2/assertions/${created.id}` });
    expect(assertion.statusCode).toBe(200);
    const body = assertion.json();
    expect(body).toMatchObject({
      type: 'Assertion',
      verification: { type: 'hosted' },
      recipient: { type: 'email', hashed: true },
    });
    const badge = await t.app.inject({ method: 'GET', url: new URL(body.badge).pathname });
    expect(badge.json()).toMatchObject({ type: 'BadgeClass', name: 'Gestión de nóminas — SAFe®' });
    const issuerProfile = await t.app.inject({ method: 'GET', url: new URL(badge.json().issuer).pathname });
    expect(issuerProfile.json()).toMatchObject({ type: 'Profile', name: 'Gestión Academy®' });
    await change(created.id, 'revoke', 'Plagiarised evidence');
    const gone = await t.app.inject({ method: 'GET', url: `/ob2/assertions/${created.id}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ revoked: true, revocationReason: 'Plagiarised evidence' });
  });
});

describe('the W3C VC-API', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: issuer.owner.headers,
      payload: { name: 'vc-api', orgId: issuer.orgId, scopes: ['vc:issue'] },
    });
    token = created.json().token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const unsignedV2 = () => ({
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: `did:web:localhost%3A3000:issuers:${issuer.slug}`,
    name: 'Conformance badge',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://academy.example.org/achievements/1',
        type: ['Achievement'],
        name: 'Conformance',
        description: 'Issued through the VC-API.',
        criteria: { narrative: 'Ask.' },
      },
    },
  });

  const issueVc = (
    credential: object,
    headers: Record<string, string> = { authorization: `Bearer ${token}` },
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers,
      payload: { credential, options: {} },
    });

  it('signs a VC 2.0 credential as the token issuer with 201 and a verifiable result', async () => {
    const response = await issueVc(unsignedV2());
    expect(response.statusCode).toBe(201);
    const vc = response.json().verifiableCredential;
    expect(vc.issuer).toEqual({
      id: `did:web:localhost%3A3000:issuers:${issuer.slug}`,
      type: ['Profile'],
      name: 'Gestión Academy®',
    });
    expect(vc.proof[0] ?? vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    const verified = await t.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verified).toBe(true);
  });

  it('signs a VC 1.1 credential, adding issuanceDate and the Data Integrity context', async () => {
    const v1 = {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: unsignedV2().issuer,
      credentialSubject: unsignedV2().credentialSubject,
    };
    const response = await issueVc(v1);
    expect(response.statusCode).toBe(201);
    const vc = response.json().verifiableCredential;
    expect(vc.issuanceDate).toMatch(/Z$/);
    expect(vc['@context']).toContain('https://w3id.org/security/data-integrity/v2');
    const proofCheck = (
      await t.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: vc },
      })
    )
      .json()
      .checks.find((c: { code: string }) => c.code === 'proof');
    expect(proofCheck.status).toBe('passed');
  });

  it('refuses to issue without a token, and with a token lacking the vc:issue scope', async () => {
    expect((await issueVc(unsignedV2(), {})).statusCode).toBe(401);
    const readOnly = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: issuer.owner.headers,
      payload: { name: 'read only', orgId: issuer.orgId, scopes: ['read'] },
    });
    expect(
      (await issueVc(unsignedV2(), { authorization: `Bearer ${readOnly.json().token}` })).statusCode,
    ).toBe(403);
  });

  it('refuses a credential with a term no context defines', async () => {
    const response = await issueVc({ ...unsignedV2(), favouriteColour: 'blue' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.credential');
  });

  it('refuses a credential that claims another issuer', async () => {
    const response = await issueVc({ ...unsignedV2(), issuer: 'did:web:elsewhere.example' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.credential.issuer');
  });

  it('answers verified false with problem details for a tampered credential', async () => {
    const vc = (await issueVc(unsignedV2())).json().verifiableCredential;
    const response = await t.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: { ...vc, name: 'Something else' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().verified).toBe(false);
    expect(response.json().problemDetails.map((p: { type: string }) => p.type)).toContain(
      '/problems/verification/proof',
    );
  });

  it('verifies an unsigned presentation by its credentials', async () => {
    const vc = (await issueVc(unsignedV2())).json().verifiableCredential;
    const response = await t.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: {
        verifiablePresentation: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [vc],
        },
      },
    });
    expect(response.json().checks.filter((c: { status: string }) => c.status !== 'passed')).toEqual([]);
    expect(response.statusCode).toBe(200);
  });
});
