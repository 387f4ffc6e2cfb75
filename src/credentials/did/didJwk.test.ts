import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicJwkOf } from '../keys/jwk.ts';
import { didJwkOf, resolveDidJwk } from './didJwk.ts';
import { findVerificationMethod, publicKeyObjectOf } from './verificationMethod.ts';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('did:jwk', () => {
  it('resolves offline to a document whose one method #0 is the key, authorized to issue', () => {
    const did = didJwkOf(publicJwkOf(publicKey));
    const document = resolveDidJwk(`${did}#0`)!;
    expect(document.id).toBe(did);
    const lookup = findVerificationMethod(document, `${did}#0`);
    expect(lookup).toMatchObject({ found: true, authorized: true, method: { controller: did } });
    if (lookup.found) expect(publicKeyObjectOf(lookup.method)?.equals(publicKey)).toBe(true);
  });

  it('does not resolve a did:jwk of a private key, or of text that is no JWK', () => {
    expect(resolveDidJwk(didJwkOf(privateKey.export({ format: 'jwk' })))).toBeUndefined();
    expect(resolveDidJwk(`did:jwk:${Buffer.from('not json').toString('base64url')}`)).toBeUndefined();
  });

  it('lists a key meant for encryption only under keyAgreement, never to issue', () => {
    const did = didJwkOf({ ...publicJwkOf(publicKey), use: 'enc' });
    expect(findVerificationMethod(resolveDidJwk(did)!, `${did}#0`)).toMatchObject({
      found: true,
      authorized: false,
    });
  });
});
