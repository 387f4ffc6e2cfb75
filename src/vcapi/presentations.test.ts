// Presentations signed by the reference library (@digitalbazaar/vc) verify through our VC-API, and only
// for the challenge and domain they were signed for.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Ed25519KeyPair, resolveDidKey } from '../credentials/index.ts';
import { didKeyIssuer, loaderWithDids } from '../credentials/testing/fixtures.ts';
import { anIssuerWithOwner, sampleIssueRequest } from '../issuing/testing.ts';

async function signedPresentation(credential: object, challenge: string, domain: string) {
  const holder = didKeyIssuer(Ed25519KeyPair.generate());
  const document = resolveDidKey(holder.id)!;
  const authentication = String(document.authentication?.[0] ?? holder.verificationMethod);
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: authentication,
    controller: holder.id,
    publicKeyMultibase: holder.keyPair.publicKeyMultibase,
    secretKeyMultibase: holder.keyPair.secretKeyMultibase,
  });
  const presentation = vc.createPresentation({
    verifiableCredential: [credential],
    holder: holder.id,
    version: 2.0,
  });
  return vc.signPresentation({
    presentation,
    suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }),
    challenge,
    domain,
    documentLoader: loaderWithDids(document),
  });
}

describe('verifying presentations through the VC-API', () => {
  let t: TestApp;
  let credential: object;

  beforeAll(async () => {
    t = await createTestApp();
    const issuer = await anIssuerWithOwner(t.app, t.deps);
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/credentials`,
      headers: issuer.owner.headers,
      payload: sampleIssueRequest(),
    });
    credential = issued.json().credential;
  });
  afterAll(async () => {
    await t?.close();
  });

  const verify = (verifiablePresentation: object, options: object) =>
    t.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation, options },
    });

  it('accepts a presentation signed by its holder for the given challenge and domain', async () => {
    const vp = await signedPresentation(credential, 'c-123', 'verifier.example');
    const response = await verify(vp, { challenge: 'c-123', domain: 'verifier.example' });
    expect(response.json().checks.filter((c: { status: string }) => c.status !== 'passed')).toEqual([]);
    expect(response.statusCode).toBe(200);
  });

  it('refuses a presentation replayed with another challenge', async () => {
    const vp = await signedPresentation(credential, 'c-123', 'verifier.example');
    const response = await verify(vp, { challenge: 'c-999', domain: 'verifier.example' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].detail).toMatch(/challenge/);
  });

  it('refuses a presentation whose content changed after signing', async () => {
    const vp = await signedPresentation(credential, 'c-1', 'verifier.example');
    const response = await verify(
      { ...vp, holder: 'did:example:someone-else' },
      { challenge: 'c-1', domain: 'verifier.example' },
    );
    expect(response.statusCode).toBe(400);
  });
});
