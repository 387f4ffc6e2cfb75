import { describe, expect, it } from 'vitest';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { didKeyFromPublicKeyMultibase, didKeyVerificationMethodId, resolveDidKey } from './didKey.ts';
import { buildDidWebDocument, didWebId, didWebToUrl, InvalidDidError } from './didWeb.ts';
import { ed25519PublicKeyOf, findVerificationMethod } from './verificationMethod.ts';

const keyPair = Ed25519KeyPair.generate();
const older = Ed25519KeyPair.generate();

describe('did:key', () => {
  it('is the public key itself, with one verification method named after it', () => {
    const did = didKeyFromPublicKeyMultibase(keyPair.publicKeyMultibase);
    expect(did).toBe(`did:key:${keyPair.publicKeyMultibase}`);
    expect(didKeyVerificationMethodId(keyPair.publicKeyMultibase)).toBe(
      `${did}#${keyPair.publicKeyMultibase}`,
    );
  });

  it('resolves offline to a DID document that authorizes its key to issue', () => {
    const did = didKeyFromPublicKeyMultibase(keyPair.publicKeyMultibase);
    const document = resolveDidKey(`${did}#${keyPair.publicKeyMultibase}`)!;
    expect(document.id).toBe(did);
    const lookup = findVerificationMethod(document, didKeyVerificationMethodId(keyPair.publicKeyMultibase));
    expect(lookup).toMatchObject({
      found: true,
      authorized: true,
      method: { type: 'Multikey', controller: did },
    });
    if (lookup.found) expect(ed25519PublicKeyOf(lookup.method)).toEqual(keyPair.publicKey);
  });

  it('does not resolve a did:key that is not an Ed25519 key', () => {
    expect(resolveDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toBeUndefined();
    expect(resolveDidKey('did:web:example.com')).toBeUndefined();
  });
});

describe('did:web', () => {
  it('builds issuer DIDs with the port percent-encoded', () => {
    expect(didWebId('badges.example.org', ['issuers', 'acme'])).toBe(
      'did:web:badges.example.org:issuers:acme',
    );
    expect(didWebId('localhost:8443', ['issuers', 'acme'])).toBe('did:web:localhost%3A8443:issuers:acme');
  });

  it('refuses path segments that would break the DID', () => {
    expect(() => didWebId('example.org', ['issuers', 'a:b'])).toThrow(InvalidDidError);
    expect(() => didWebId('exa mple.org')).toThrow(InvalidDidError);
  });

  it('maps DIDs to the https URL of their document', () => {
    expect(didWebToUrl('did:web:example.org')).toBe('https://example.org/.well-known/did.json');
    expect(didWebToUrl('did:web:localhost%3A8443:issuers:acme#key-1')).toBe(
      'https://localhost:8443/issuers/acme/did.json',
    );
    expect(() => didWebToUrl('did:key:z6Mk')).toThrow(InvalidDidError);
  });

  it('lists every key under assertionMethod so credentials signed before a rotation keep verifying', () => {
    const did = didWebId('badges.example.org', ['issuers', 'acme']);
    const document = buildDidWebDocument(did, [
      { publicKeyMultibase: older.publicKeyMultibase },
      { publicKeyMultibase: keyPair.publicKeyMultibase },
    ]);
    expect(document['@context']).toEqual([
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
    ]);
    expect(document.verificationMethod).toEqual([
      { id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: older.publicKeyMultibase },
      {
        id: `${did}#key-2`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: keyPair.publicKeyMultibase,
      },
    ]);
    expect(document.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-2`]);
    expect(document.authentication).toEqual([`${did}#key-1`, `${did}#key-2`]);
    expect(findVerificationMethod(document, `${did}#key-1`)).toMatchObject({ found: true, authorized: true });
  });

  it('says a key listed only for authentication is not authorized to issue', () => {
    const did = 'did:web:example.org';
    const document = {
      ...buildDidWebDocument(did, [{ publicKeyMultibase: keyPair.publicKeyMultibase }]),
      assertionMethod: [],
    };
    expect(findVerificationMethod(document, `${did}#key-1`)).toMatchObject({
      found: true,
      authorized: false,
    });
    expect(findVerificationMethod(document, `${did}#key-9`)).toEqual({ found: false });
  });

  it('resolves relative method references and embedded methods', () => {
    const did = 'did:web:example.org';
    const method = {
      id: '#key-a',
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: keyPair.publicKeyMultibase,
    };
    const lookup = findVerificationMethod({ id: did, assertionMethod: [method] }, `${did}#key-a`);
    expect(lookup).toMatchObject({ found: true, authorized: true, method: { id: `${did}#key-a` } });
  });
});
