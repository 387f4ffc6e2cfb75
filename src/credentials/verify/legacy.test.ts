// OB 3.0 credentials on VC 1.1 (issuanceDate, the v1 context) signed with the legacy
// Ed25519Signature2020 suite by the reference libraries: our engine must still verify them.
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { signCredential } from '../proof/dataIntegrity.ts';
import { loaderWithDids, NOW, resolverFor } from '../testing/fixtures.ts';
import type { VerificationResult } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

const options = { now: NOW, resolveDid: resolverFor() };
const statusOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.status;

function vc11Credential(issuerId: string, extraContexts: string[] = []) {
  return {
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      ...extraContexts,
    ],
    id: 'urn:uuid:0b6c5c3e-8d0a-4a53-9c2e-6f1c0d8b7a21',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Academia Ñandú' },
    issuanceDate: '2024-03-01T00:00:00Z',
    expirationDate: '2027-03-01T00:00:00Z',
    name: 'SAFe® Agilist',
    credentialSubject: {
      id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://badges.example.org/achievements/safe',
        type: ['Achievement'],
        name: 'SAFe® Agilist',
        description: 'Scaled agile fundamentals.',
        criteria: { narrative: 'Passed the SAFe® exam.' },
      },
    },
  };
}

async function referenceSigned2020() {
  const key = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  const credential = vc11Credential(did, ['https://w3id.org/security/suites/ed25519-2020/v1']);
  const suite = new Ed25519Signature2020({ key, date: '2024-03-01T00:00:00Z' });
  return vc.issue({ credential, suite, documentLoader: loaderWithDids(), now: '2024-03-01T00:00:00Z' });
}

describe('OB 3.0 on VC 1.1', () => {
  it('verifies an Ed25519Signature2020 credential signed by the reference libraries', async () => {
    const signed = await referenceSigned2020();
    expect(signed.proof.type).toBe('Ed25519Signature2020');
    const result = await verifyCredential(signed, options);
    expect(result.format).toBe('ed25519-signature-2020');
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('rejects that credential once its name is changed', async () => {
    const signed = await referenceSigned2020();
    const result = await verifyCredential({ ...signed, name: 'Another badge' }, options);
    expect(statusOf(result, 'proof')).toBe('failed');
  });

  it('reads issuanceDate and expirationDate as the validity period', async () => {
    const signed = await referenceSigned2020();
    const later = await verifyCredential(signed, { ...options, now: new Date('2027-03-02T00:00:00Z') });
    expect(later.checks.find((item) => item.code === 'not-expired')).toMatchObject({
      status: 'failed',
      message: 'The credential expired on 2027-03-01T00:00:00.000Z.',
    });
    const earlier = await verifyCredential(signed, { ...options, now: new Date('2024-02-01T00:00:00Z') });
    expect(statusOf(earlier, 'not-before')).toBe('failed');
  });

  it('verifies a VC 1.1 credential with a DataIntegrityProof when the data-integrity context is listed', async () => {
    const keyPair = Ed25519KeyPair.generate();
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    const credential = vc11Credential(did, ['https://w3id.org/security/data-integrity/v2']);
    const signed = await signCredential(credential, {
      keyPair,
      verificationMethod: `${did}#${keyPair.publicKeyMultibase}`,
      created: '2024-03-01T00:00:00Z',
    });
    expect((await verifyCredential(signed, options)).verified).toBe(true);
  });

  it('fails the proof with a clear message when a property no context defines was added (no @vocab in VC 1.1)', async () => {
    const signed = await referenceSigned2020();
    const result = await verifyCredential({ ...signed, favouriteColour: 'blue' }, options);
    expect(result.checks.find((item) => item.code === 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/"favouriteColour", which none of its contexts defines/),
    });
  });

  it('refuses to sign a document with a property no context defines', async () => {
    const keyPair = Ed25519KeyPair.generate();
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    const credential = {
      ...vc11Credential(did, ['https://w3id.org/security/data-integrity/v2']),
      favouriteColour: 'blue',
    };
    await expect(
      signCredential(credential, {
        keyPair,
        verificationMethod: `${did}#${keyPair.publicKeyMultibase}`,
        created: NOW,
      }),
    ).rejects.toThrow(/Safe mode/);
  });
});
