import { describe, expect, it } from 'vitest';
import { buildDidWebDocument } from '../did/didWeb.ts';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { signCredential } from '../proof/dataIntegrity.ts';
import {
  buildBadge,
  didKeyIssuer,
  didWebIssuer,
  NOW,
  resolverFor,
  type TestIssuer,
} from '../testing/fixtures.ts';
import type { VerificationResult, VerifyOptions } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

const keyIssuer = didKeyIssuer();
const webIssuer = didWebIssuer();
const options: VerifyOptions = { now: NOW, resolveDid: resolverFor(webIssuer.didDocument) };

const sign = (credential: object, issuer: TestIssuer, verificationMethod = issuer.verificationMethod) =>
  signCredential(credential, {
    keyPair: issuer.keyPair,
    verificationMethod,
    created: '2026-05-21T00:00:00Z',
  });

// biome-ignore lint/suspicious/noExplicitAny: tamper tests reach into arbitrary JSON on purpose.
type AnyJson = Record<string, any>;

const statusOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.status;
const failedCodes = (result: VerificationResult) =>
  result.checks.filter((item) => item.status === 'failed').map((item) => item.code);

describe('verifyCredential on credentials we signed', () => {
  it('verifies a did:key credential and lists every check as passed', async () => {
    const result = await verifyCredential(await sign(buildBadge(keyIssuer), keyIssuer), options);
    expect(result.verified).toBe(true);
    expect(result.format).toBe('data-integrity');
    expect(result.checks.map((item) => [item.code, item.status])).toEqual([
      ['structure', 'passed'],
      ['open-badges', 'passed'],
      ['contexts', 'passed'],
      ['proof', 'passed'],
      ['issuer-key', 'passed'],
      ['issuer-identity', 'passed'],
      ['not-before', 'passed'],
      ['not-expired', 'passed'],
      ['status', 'passed'],
    ]);
    expect(result.checks.find((item) => item.code === 'status')?.message).toMatch(/no status to check/);
  });

  it('verifies a did:web credential with the DID document the caller resolved', async () => {
    const result = await verifyCredential(await sign(buildBadge(webIssuer), webIssuer), options);
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
    expect(result.checks.find((item) => item.code === 'issuer-identity')?.message).toMatch(
      /badges\.example\.org/,
    );
  });

  it('keeps verifying a credential signed with a rotated-out key that the DID document still lists', async () => {
    const signed = await signCredential(buildBadge(webIssuer), {
      keyPair: webIssuer.oldKeyPair,
      verificationMethod: `${webIssuer.id}#key-1`,
      created: '2025-01-01T00:00:00Z',
    });
    expect((await verifyCredential(signed, options)).verified).toBe(true);
  });

  it('keeps non-ASCII names exact: a JSON round trip verifies, a different Unicode normalisation does not', async () => {
    const signed = await sign(buildBadge(keyIssuer), keyIssuer);
    const roundTripped = JSON.parse(JSON.stringify(signed));
    expect(roundTripped.name).toBe('Gestión de nóminas');
    expect((await verifyCredential(roundTripped, options)).verified).toBe(true);
    const decomposed = { ...roundTripped, name: roundTripped.name.normalize('NFD') };
    expect(decomposed.name).not.toBe(roundTripped.name);
    expect(failedCodes(await verifyCredential(decomposed, options))).toEqual(['proof']);
  });

  it('accepts the credential as a JSON string', async () => {
    const signed = await sign(buildBadge(keyIssuer), keyIssuer);
    expect((await verifyCredential(JSON.stringify(signed), options)).verified).toBe(true);
  });
});

describe('verifyCredential on tampered credentials', () => {
  const tamper = async (change: (credential: AnyJson) => void, issuer: TestIssuer = keyIssuer) => {
    const signed = structuredClone(await sign(buildBadge(issuer), issuer)) as AnyJson;
    change(signed);
    return verifyCredential(signed, options);
  };

  it('rejects a credential whose name was changed, naming the proof check', async () => {
    const result = await tamper((credential) => {
      credential.name = 'Gestión de nóminas avanzada';
    });
    expect(result.verified).toBe(false);
    expect(failedCodes(result)).toEqual(['proof']);
    expect(result.checks.find((item) => item.code === 'proof')?.message).toMatch(
      /changed after it was signed/,
    );
  });

  it('rejects a credential whose achievement was changed', async () => {
    const result = await tamper((credential) => {
      credential.credentialSubject.achievement.description = 'Knows everything.';
    });
    expect(failedCodes(result)).toEqual(['proof']);
  });

  it('rejects a credential whose validFrom was changed', async () => {
    const result = await tamper((credential) => {
      credential.validFrom = '2026-05-01T00:00:00Z';
    });
    expect(failedCodes(result)).toEqual(['proof']);
  });

  it('rejects a credential whose validUntil was changed', async () => {
    const result = await tamper((credential) => {
      credential.validUntil = '2099-01-01T00:00:00Z';
    });
    expect(failedCodes(result)).toEqual(['proof']);
  });

  it('rejects a credential whose issuer id was changed, naming the issuer-key check', async () => {
    const other = didKeyIssuer();
    const result = await tamper((credential) => {
      credential.issuer.id = other.id;
    });
    expect(failedCodes(result)).toEqual(['proof', 'issuer-key']);
    expect(result.checks.find((item) => item.code === 'issuer-key')?.message).toMatch(
      /names did:key:.* as its issuer/,
    );
  });

  it('rejects a credential whose proof was made with another key of someone else', async () => {
    const impostor = didKeyIssuer();
    const signed = await sign(buildBadge(keyIssuer), impostor);
    const result = await verifyCredential(signed, options);
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(failedCodes(result)).toEqual(['issuer-key']);
  });

  it('rejects a credential whose context was swapped for one Tessera does not know', async () => {
    const result = await tamper((credential) => {
      credential['@context'][1] = 'https://evil.example/context.json';
    });
    expect(failedCodes(result)).toEqual(expect.arrayContaining(['contexts', 'proof']));
    expect(result.checks.find((item) => item.code === 'contexts')?.message).toMatch(
      /evil\.example.*never fetched/,
    );
  });

  it('rejects a credential whose context was swapped for another known one', async () => {
    const result = await tamper((credential) => {
      credential['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
    });
    expect(statusOf(result, 'contexts')).toBe('passed');
    expect(statusOf(result, 'proof')).toBe('failed');
  });

  it('reads an inline context, and fails the proof when it redefines a protected term', async () => {
    const result = await tamper((credential) => {
      credential['@context'].push({ name: 'https://evil.example/name' });
    });
    expect(statusOf(result, 'contexts')).toBe('passed');
    expect(result.checks.find((item) => item.code === 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/protected term/),
    });
    expect(result.verified).toBe(false);
  });

  it('rejects an inline context that names a context Tessera does not hold', async () => {
    const result = await tamper((credential) => {
      credential['@context'].push({ '@context': 'https://evil.example/context.json' });
    });
    expect(result.checks.find((item) => item.code === 'contexts')).toMatchObject({
      status: 'failed',
      details: ['https://evil.example/context.json'],
    });
  });

  it('rejects a credential whose proof value was altered', async () => {
    const result = await tamper((credential) => {
      const value: string = credential.proof[0].proofValue;
      credential.proof[0].proofValue = value.slice(0, -2) + (value.endsWith('a') ? 'bb' : 'aa');
    });
    expect(failedCodes(result)).toEqual(['proof']);
  });

  it('rejects a proof whose created date was altered', async () => {
    const result = await tamper((credential) => {
      credential.proof[0].created = '2020-01-01T00:00:00Z';
    });
    expect(failedCodes(result)).toEqual(['proof']);
  });

  it('rejects a proof made for authentication rather than issuing', async () => {
    const result = await tamper((credential) => {
      credential.proof[0].proofPurpose = 'authentication';
    });
    expect(result.checks.find((item) => item.code === 'proof')?.message).toMatch(/not assertionMethod/);
  });

  it('rejects a credential with no proof at all', async () => {
    const result = await verifyCredential(buildBadge(keyIssuer), options);
    expect(result.format).toBe('unsigned');
    expect(statusOf(result, 'proof')).toBe('failed');
    expect(result.verified).toBe(false);
  });

  it('fails only the Open Badges check when a type array becomes a string, which means the same in JSON-LD', async () => {
    const result = await tamper((credential) => {
      credential.credentialSubject.achievement.type = 'Achievement' as never;
    });
    expect(failedCodes(result)).toEqual(['open-badges']);
    expect(result.checks[1]?.details).toEqual(['/credentialSubject/achievement/type must be array']);
  });
});

describe('verifyCredential and did:web key documents', () => {
  it('reports the issuer key and the proof as unchecked, not passed, when the DID document cannot be fetched', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const result = await verifyCredential(signed, { now: NOW, resolveDid: async () => undefined });
    expect(statusOf(result, 'issuer-key')).toBe('unchecked');
    expect(statusOf(result, 'proof')).toBe('unchecked');
    expect(result.verified).toBe(false);
  });

  it('reports unchecked with the reason when the resolver throws', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const resolveDid = async () => {
      throw new Error('connection refused');
    };
    const result = await verifyCredential(signed, { now: NOW, resolveDid });
    expect(result.checks.find((item) => item.code === 'issuer-key')).toMatchObject({
      status: 'unchecked',
      message: expect.stringMatching(/connection refused/),
    });
  });

  it('rejects a credential signed with a key the DID document no longer lists', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const withoutKey = buildDidWebDocument(webIssuer.id, [
      { publicKeyMultibase: webIssuer.oldKeyPair.publicKeyMultibase },
    ]);
    const result = await verifyCredential(signed, { now: NOW, resolveDid: resolverFor(withoutKey) });
    expect(statusOf(result, 'issuer-key')).toBe('failed');
    expect(result.verified).toBe(false);
  });

  it('rejects a key the DID document lists but does not authorize to issue', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const document = { ...webIssuer.didDocument, assertionMethod: [`${webIssuer.id}#key-1`] };
    const result = await verifyCredential(signed, { now: NOW, resolveDid: resolverFor(document) });
    expect(result.checks.find((item) => item.code === 'issuer-key')?.message).toMatch(/does not authorize/);
    expect(statusOf(result, 'proof')).toBe('passed');
  });

  it('rejects a DID document that describes another DID', async () => {
    const signed = await sign(buildBadge(webIssuer), webIssuer);
    const lying = { ...webIssuer.didDocument, id: 'did:web:elsewhere.example' };
    const result = await verifyCredential(signed, { now: NOW, resolveDid: async () => lying });
    expect(statusOf(result, 'issuer-key')).toBe('failed');
  });
});

describe('verifyCredential and validity dates', () => {
  it('fails not-expired for a credential past its validUntil, with the other checks still passing', async () => {
    const signed = await sign(buildBadge(keyIssuer, { validUntil: '2026-05-31T00:00:00Z' }), keyIssuer);
    const result = await verifyCredential(signed, options);
    expect(failedCodes(result)).toEqual(['not-expired']);
    expect(result.checks.find((item) => item.code === 'not-expired')?.message).toBe(
      'The credential expired on 2026-05-31T00:00:00.000Z.',
    );
  });

  it('fails not-before for a credential that is not valid yet', async () => {
    const signed = await sign(buildBadge(keyIssuer, { validFrom: '2026-07-01T00:00:00Z' }), keyIssuer);
    expect(failedCodes(await verifyCredential(signed, options))).toEqual(['not-before']);
  });

  it('tolerates the clock skew the caller allows', async () => {
    const signed = await sign(buildBadge(keyIssuer, { validFrom: '2026-06-01T12:01:00Z' }), keyIssuer);
    expect((await verifyCredential(signed, { ...options, maxClockSkewSeconds: 300 })).verified).toBe(true);
  });

  it('leaves the dates unchecked, not passed, when the caller gives no valid clock', async () => {
    const signed = await sign(buildBadge(keyIssuer), keyIssuer);
    const result = await verifyCredential(signed, { ...options, now: new Date('not a date') });
    expect(statusOf(result, 'not-before')).toBe('unchecked');
    expect(statusOf(result, 'not-expired')).toBe('unchecked');
    expect(result.verified).toBe(false);
  });

  it('passes a credential without validUntil as one that does not expire', async () => {
    const signed = await sign(buildBadge(keyIssuer, { validUntil: undefined }), keyIssuer);
    const result = await verifyCredential(signed, options);
    expect(result.checks.find((item) => item.code === 'not-expired')).toMatchObject({
      status: 'passed',
      message: 'The credential does not expire.',
    });
  });
});

describe('verifyCredential on malformed input', () => {
  it.each([
    ['plain text', 'hello'],
    ['broken JSON', '{"@context": '],
    ['an array', []],
    ['null', null],
    ['a number', 42],
    ['an empty object', {}],
    ['a JWT-shaped string of garbage', 'abc.def.ghi'],
  ])('returns failed checks for %s and never throws', async (_name, input) => {
    const result = await verifyCredential(input as never, options);
    expect(result.verified).toBe(false);
    expect(result.checks.some((item) => item.status === 'failed')).toBe(true);
  });

  it('survives hostile shapes: proof as a string, issuer as a number, subject missing', async () => {
    const signed = (await sign(buildBadge(keyIssuer), keyIssuer)) as Record<string, unknown>;
    for (const change of [
      { proof: 'z123' },
      { issuer: 42 },
      { credentialSubject: undefined },
      { proof: [null] },
    ]) {
      const result = await verifyCredential({ ...signed, ...change }, options);
      expect(result.verified).toBe(false);
    }
  });
});

describe('verifyCredential signature keys', () => {
  it('does not accept a did:key whose key is not Ed25519', async () => {
    const signed = structuredClone(await sign(buildBadge(keyIssuer), keyIssuer)) as AnyJson;
    signed.proof[0].verificationMethod = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme#x';
    const result = await verifyCredential(signed, options);
    expect(statusOf(result, 'issuer-key')).toBe('failed');
    expect(result.verified).toBe(false);
  });

  it('rejects a signature by a fresh key claiming the issuer did:web', async () => {
    const stranger = Ed25519KeyPair.generate();
    const signed = await signCredential(buildBadge(webIssuer), {
      keyPair: stranger,
      verificationMethod: `${webIssuer.id}#key-2`,
      created: '2026-05-21T00:00:00Z',
    });
    expect(failedCodes(await verifyCredential(signed, options))).toEqual(['proof']);
  });
});

describe('verifyCredential on input that once broke it', () => {
  it('fails the proof check for a proof list holding things that are not objects', async () => {
    const signed = (await sign(buildBadge(keyIssuer), keyIssuer)) as AnyJson;
    const result = await verifyCredential({ ...signed, proof: [...signed.proof, null, 5, []] }, options);
    expect(result.fault).toBeUndefined();
    expect(result.checks.find((item) => item.code === 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/The proof is not an object/),
    });
  });

  it('says only that verification stopped when a fault of ours meets the input, handing the fault to the caller', async () => {
    const fault = new TypeError("Cannot read properties of undefined (reading 'type')");
    const result = await verifyCredential(await sign(buildBadge(keyIssuer), keyIssuer), {
      ...options,
      work: {
        verifyProof: async () => {
          throw fault;
        },
        checkStructure: async () => {
          throw fault;
        },
      },
    });
    expect(result.verified).toBe(false);
    expect(result.fault).toBe(fault);
    expect(result.checks).toEqual([
      {
        code: 'structure',
        status: 'failed',
        message: 'Verification stopped unexpectedly on this input, so nothing about it is confirmed.',
      },
    ]);
  });
});
