// verifyCredential on W3C credentials that are not badges, signed by the reference libraries: plain VC 2.0
// and 1.1, proof sets by two keys, proof chains, the legacy eddsa-2022 name, proof types Tessera cannot
// check, and the W3C examples context.
import { describe, expect, it } from 'vitest';
import { didKeyIssuer, NOW, resolverFor } from '../testing/fixtures.ts';
import {
  envelope,
  joseVcJwt,
  plainCredential,
  plainVc11Credential,
  referenceChain,
  referenceSign,
  referenceSign2020,
} from './testing.ts';
import type { VerificationResult } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

type Json = Record<string, unknown>;
const options = { now: NOW, resolveDid: resolverFor() };
const issuer = didKeyIssuer();
const cosigner = didKeyIssuer();
const notPassed = (result: VerificationResult) => result.checks.filter((item) => item.status !== 'passed');
const statusOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.status;
const proofsOf = (signed: Json) => (Array.isArray(signed.proof) ? signed.proof : [signed.proof]) as Json[];

describe('a plain W3C credential', () => {
  it('verifies a VC 2.0 credential signed with eddsa-rdfc-2022, with no Open Badges check', async () => {
    const result = await verifyCredential(await referenceSign(plainCredential(issuer.id), issuer), options);
    expect(notPassed(result)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.map((item) => item.code)).not.toContain('open-badges');
    expect(result.warnings).toEqual([]);
  });

  it('does not verify the same credential once a claim changed', async () => {
    const signed = await referenceSign(plainCredential(issuer.id), issuer);
    const tampered = { ...signed, credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'Elsewhere' } };
    const result = await verifyCredential(tampered, options);
    expect(result.verified).toBe(false);
    expect(statusOf(result, 'proof')).toBe('failed');
  });

  it('verifies a VC 2.0 credential signed with Ed25519Signature2020, and not once tampered', async () => {
    const signed = await referenceSign2020((did) =>
      plainCredential(did, {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://www.w3.org/ns/credentials/examples/v2',
          'https://w3id.org/security/suites/ed25519-2020/v1',
        ],
      }),
    );
    const result = await verifyCredential(signed, options);
    expect(notPassed(result)).toEqual([]);
    expect(result.format).toBe('ed25519-signature-2020');
    const tampered = await verifyCredential({ ...signed, name: 'Another Credential' }, options);
    expect(statusOf(tampered, 'proof')).toBe('failed');
  });

  it('verifies a VC 1.1 credential, and fails its structure when issuanceDate is missing', async () => {
    const signed = await referenceSign(plainVc11Credential(issuer.id), issuer);
    expect(notPassed(await verifyCredential(signed, options))).toEqual([]);
    const { issuanceDate: _date, ...withoutDate } = signed;
    const result = await verifyCredential(withoutDate, options);
    expect(result.checks[0]).toMatchObject({ code: 'structure', status: 'failed' });
    expect(result.checks[0]?.details?.[0]).toMatch(/^issuance-date: /);
  });

  it('reads the W3C examples context from the bundle, and refuses a context it does not hold', async () => {
    const signed = await referenceSign(plainCredential(issuer.id), issuer);
    expect(statusOf(await verifyCredential(signed, options), 'contexts')).toBe('passed');
    const unknownContext = {
      ...signed,
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/contexts/mine.jsonld'],
    };
    expect(statusOf(await verifyCredential(unknownContext, options), 'contexts')).toBe('failed');
  });

  it('verifies the W3C eddsa suite credential (its subject name is a VC 2.0 term), but refuses a term no context defines (decision 7)', async () => {
    const suiteCredential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:86294362-4254-4f36-854f-3952fe42555d',
      type: ['VerifiableCredential'],
      issuer: issuer.id,
      credentialSubject: { id: 'did:example:alice', name: 'ExampleClaim' },
    };
    const signed = await referenceSign(suiteCredential, issuer);
    expect(notPassed(await verifyCredential(signed, options))).toEqual([]);
    const undefinedTerm = {
      ...signed,
      credentialSubject: {
        id: 'did:example:alice',
        name: 'ExampleClaim',
        alumniOf: 'The School of Examples',
      },
    };
    const result = await verifyCredential(undefinedTerm, options);
    expect(result.checks.find((item) => item.code === 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/"alumniOf", which none of its contexts defines/),
    });
  });
});

describe('proof sets and chains', () => {
  it('verifies a proof set by the issuer and a co-signer, each with its own key', async () => {
    const once = await referenceSign(plainCredential(issuer.id), issuer);
    const twice = await referenceSign(once, cosigner);
    expect(proofsOf(twice)).toHaveLength(2);
    const result = await verifyCredential(twice, options);
    expect(notPassed(result)).toEqual([]);
  });

  it('fails a proof set whose co-signer proof was altered: every proof must verify', async () => {
    const twice = await referenceSign(await referenceSign(plainCredential(issuer.id), issuer), cosigner);
    const [first, second] = proofsOf(twice) as [Json, Json];
    const altered = { ...twice, proof: [first, { ...second, created: '2026-05-22T00:00:00Z' }] };
    expect(statusOf(await verifyCredential(altered, options), 'proof')).toBe('failed');
  });

  it('fails the issuer key when no valid proof is by the issuer, however many others there are', async () => {
    const signed = await referenceSign(
      await referenceSign(plainCredential(issuer.id), cosigner),
      didKeyIssuer(),
    );
    const result = await verifyCredential(signed, options);
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(result.checks.find((item) => item.code === 'issuer-key')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/names did:key:.* as its issuer/),
    });
  });

  it('verifies a proof chain whose second proof secures the first', async () => {
    const first = await referenceSign(plainCredential(issuer.id), issuer, {
      proof: { id: 'urn:uuid:proof-1' },
    });
    const chained = await referenceChain(first, cosigner, 'urn:uuid:proof-1', 'urn:uuid:proof-2');
    expect(notPassed(await verifyCredential(chained, options))).toEqual([]);
  });

  it('fails a proof chain whose previous proof is gone or was replaced', async () => {
    const first = await referenceSign(plainCredential(issuer.id), issuer, {
      proof: { id: 'urn:uuid:proof-1' },
    });
    const chained = await referenceChain(first, cosigner, 'urn:uuid:proof-1', 'urn:uuid:proof-2');
    const [, second] = proofsOf(chained) as [Json, Json];
    const broken = await verifyCredential({ ...chained, proof: [second] }, options);
    expect(broken.checks.find((item) => item.code === 'proof')?.message).toMatch(/previous proof/);
    const other = await referenceSign(plainCredential(issuer.id), issuer, {
      proof: { id: 'urn:uuid:proof-1' },
    });
    const swapped = {
      ...chained,
      proof: [{ ...proofsOf(other)[0], created: '2026-05-23T00:00:00Z' }, second],
    };
    expect(statusOf(await verifyCredential(swapped, options), 'proof')).toBe('failed');
  });
});

describe('proof types', () => {
  it('verifies the legacy eddsa-2022 cryptosuite name, with a warning', async () => {
    const signed = await referenceSign(plainCredential(issuer.id), issuer, { cryptosuiteName: 'eddsa-2022' });
    const result = await verifyCredential(signed, options);
    expect(notPassed(result)).toEqual([]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['legacy-cryptosuite']);
    const tampered = await verifyCredential({ ...signed, name: 'Changed' }, options);
    expect(statusOf(tampered, 'proof')).toBe('failed');
  });

  it('lets a valid proof decide beside one of a type Tessera cannot check, and warns about it', async () => {
    const signed = await referenceSign(plainCredential(issuer.id), issuer);
    const unknown = { type: 'BbsBlsSignature2020', proofPurpose: 'assertionMethod', proofValue: 'zabc' };
    const result = await verifyCredential({ ...signed, proof: [...proofsOf(signed), unknown] }, options);
    expect(result.verified).toBe(true);
    expect(result.warnings).toEqual([
      { code: 'unknown-proof-type', message: expect.stringMatching(/BbsBlsSignature2020/) },
    ]);
  });

  it('fails a credential whose only proof is of a type Tessera cannot check', async () => {
    const signed = await referenceSign(plainCredential(issuer.id), issuer);
    const result = await verifyCredential(
      { ...signed, proof: { type: 'BbsBlsSignature2020', proofPurpose: 'assertionMethod' } },
      options,
    );
    expect(result.verified).toBe(false);
    expect(result.checks.find((item) => item.code === 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/BbsBlsSignature2020 is not one Tessera can check/),
    });
  });
});

describe('enveloped credentials', () => {
  it('verifies an EnvelopedVerifiableCredential holding a vc+jwt, and not one whose context is wrong', async () => {
    const jwt = await joseVcJwt(plainCredential(issuer.id), issuer);
    const wrapped = envelope('EnvelopedVerifiableCredential', 'application/vc+jwt', jwt);
    const result = await verifyCredential(wrapped, options);
    expect(notPassed(result)).toEqual([]);
    expect(result.format).toBe('jwt');
    const wrongContext = { ...wrapped, '@context': 'https://www.w3.org/ns/credentials/examples/v2' };
    expect((await verifyCredential(wrongContext, options)).verified).toBe(false);
    const notDataUrl = { ...wrapped, id: jwt };
    expect((await verifyCredential(notDataUrl, options)).verified).toBe(false);
  });
});
