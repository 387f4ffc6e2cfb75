// Keys named as the OB 3.0 examples name them, `<issuer URL>#<publicKeyMultibase>`, and keys named by a
// URL of their own: the key in the id proves nothing until the issuer's own document lists it.
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import type { DidDocument } from '../did/types.ts';
import { mirroredClaims } from '../jwt/claims.ts';
import { publicJwkOf } from '../keys/jwk.ts';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { signCredential } from '../proof/dataIntegrity.ts';
import { buildBadge, didKeyIssuer, NOW, resolverFor } from '../testing/fixtures.ts';
import type { VerificationResult, VerifyOptions } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';

const ISSUER = 'https://example.edu/issuers/565049';
const keyPair = Ed25519KeyPair.generate();
const FRAGMENT_METHOD = `${ISSUER}#${keyPair.publicKeyMultibase}`;

const statusOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.status;
const messageOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.message;

const signed = (verificationMethod = FRAGMENT_METHOD, signer = keyPair) =>
  signCredential(buildBadge({ id: ISSUER }), {
    keyPair: signer,
    verificationMethod,
    created: '2026-05-21T00:00:00Z',
  });

/** The issuer's controller document, listing one Multikey under `id` (authorized to issue unless told). */
function issuerDocument(
  publicKeyMultibase: string,
  { id = `${ISSUER}#key-1`, controller = ISSUER, authorized = true } = {},
): DidDocument {
  return {
    id: ISSUER,
    verificationMethod: [{ id, type: 'Multikey', controller, publicKeyMultibase }],
    assertionMethod: authorized ? [id] : [],
  };
}

const verify = (credential: object | string, resolveDid: VerifyOptions['resolveDid']) =>
  verifyCredential(credential, { now: NOW, resolveDid });

describe('a Data Integrity proof whose verification method is <issuer URL>#<publicKeyMultibase>', () => {
  it('verifies when the issuer’s document lists that method', async () => {
    const document = issuerDocument(keyPair.publicKeyMultibase, { id: FRAGMENT_METHOD });
    const result = await verify(await signed(), resolverFor(document));
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('passes the issuer-key check when the issuer’s document lists the same key under another id', async () => {
    const result = await verify(await signed(), resolverFor(issuerDocument(keyPair.publicKeyMultibase)));
    expect(statusOf(result, 'issuer-key')).toBe('passed');
  });

  it('fails the issuer-key check when the issuer’s document lists another key, though the signature holds', async () => {
    const other = Ed25519KeyPair.generate();
    const result = await verify(await signed(), resolverFor(issuerDocument(other.publicKeyMultibase)));
    expect(statusOf(result, 'issuer-key')).toBe('failed');
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(result.verified).toBe(false);
  });

  it('is unchecked, not passed, when the issuer’s document cannot be fetched', async () => {
    const result = await verify(await signed(), async () => undefined);
    expect(statusOf(result, 'issuer-key')).toBe('unchecked');
    expect(messageOf(result, 'issuer-key')).toMatch(/alone does not show who holds it/);
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(result.verified).toBe(false);
  });

  it('fails when the issuer’s document lists another key under that very method id', async () => {
    const other = Ed25519KeyPair.generate();
    const document = issuerDocument(other.publicKeyMultibase, { id: FRAGMENT_METHOD });
    const result = await verify(await signed(), resolverFor(document));
    expect(messageOf(result, 'issuer-key')).toMatch(/lists another key under that id/);
  });

  it('fails when the listed key’s controller is not the issuer', async () => {
    const document = issuerDocument(keyPair.publicKeyMultibase, {
      controller: 'https://elsewhere.example/org',
    });
    const result = await verify(await signed(), resolverFor(document));
    expect(statusOf(result, 'issuer-key')).toBe('failed');
    expect(messageOf(result, 'issuer-key')).toMatch(/controlled by https:\/\/elsewhere\.example\/org/);
  });

  it('fails when the issuer lists the key but does not authorize it to issue', async () => {
    const document = issuerDocument(keyPair.publicKeyMultibase, { authorized: false });
    const result = await verify(await signed(), resolverFor(document));
    expect(messageOf(result, 'issuer-key')).toMatch(/does not authorize it/);
  });
});

describe('a bare did:key as verification method', () => {
  it('means its one key and verifies', async () => {
    const issuer = didKeyIssuer();
    const credential = await signCredential(buildBadge(issuer), {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.id,
      created: '2026-05-21T00:00:00Z',
    });
    const result = await verify(credential, resolverFor());
    expect(statusOf(result, 'issuer-key')).toBe('passed');
    expect(statusOf(result, 'proof')).toBe('passed');
  });
});

describe('a JWT kid that is the URL of a key document', () => {
  const KEY_URL = 'https://example.edu/keys/1';
  const keyDocument = (controller: string) =>
    ({
      id: KEY_URL,
      type: 'JsonWebKey',
      controller,
      publicKeyJwk: publicJwkOf(keyPair.publicKeyObject()),
    }) as unknown as DidDocument;
  const jwt = () => {
    const credential = buildBadge({ id: ISSUER });
    return new CompactSign(
      new TextEncoder().encode(JSON.stringify({ ...credential, ...mirroredClaims(credential) })),
    )
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: KEY_URL })
      .sign(keyPair.privateKeyObject());
  };

  it('passes the issuer-key check when the key’s controller is the issuer and lists it', async () => {
    const issuerDoc = issuerDocument(keyPair.publicKeyMultibase, { id: KEY_URL });
    const result = await verify(await jwt(), resolverFor(keyDocument(ISSUER), issuerDoc));
    expect(statusOf(result, 'issuer-key')).toBe('passed');
    expect(statusOf(result, 'proof')).toBe('passed');
  });

  it('fails the issuer-key check when the key names the issuer as controller but the issuer does not list it', async () => {
    const issuerDoc = issuerDocument(Ed25519KeyPair.generate().publicKeyMultibase);
    const result = await verify(await jwt(), resolverFor(keyDocument(ISSUER), issuerDoc));
    expect(statusOf(result, 'issuer-key')).toBe('failed');
  });

  it('fails the issuer-key check for a bare JWK that names no controller', async () => {
    const bare = publicJwkOf(keyPair.publicKeyObject()) as unknown as DidDocument;
    const result = await verify(await jwt(), async (id) => (id === KEY_URL ? bare : undefined));
    expect(messageOf(result, 'issuer-key')).toMatch(/bare key that names no controller/);
  });
});
