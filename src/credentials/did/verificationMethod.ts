// Finding a verification method in a controller document and reading its Ed25519 public key.
// https://www.w3.org/TR/cid-1.0/#verification-methods, https://www.w3.org/TR/cid-1.0/#verification-relationships
import type { KeyObject } from 'node:crypto';
import { decodeBase58btc, decodeMultibase } from '../keys/base58.ts';
import { p256KeyFromMultibase, readPublicJwk } from '../keys/jwk.ts';
import { publicKeyObjectFromRaw } from '../keys/multikey.ts';
import type { DidDocument, VerificationMethod } from './types.ts';

/** The controller part of a verification method id: `did:web:x#key-1` → `did:web:x`. */
export function controllerOfMethodId(methodId: string): string {
  return methodId.split('#')[0] ?? methodId;
}

export type MethodLookup =
  | { found: true; method: VerificationMethod; authorized: boolean }
  | { found: false };

const idOf = (entry: string | VerificationMethod): string => (typeof entry === 'string' ? entry : entry?.id);

/** Absolute id of a method listed in `document`, resolving `#fragment` relative references. */
const absolute = (document: DidDocument, id: string) => (id.startsWith('#') ? `${document.id}${id}` : id);

/**
 * Looks `methodId` up in the document and says whether the document authorizes it for
 * `relationship` (a method listed only under `authentication` may not sign credentials).
 */
type Relationship = 'assertionMethod' | 'authentication';

/** Every method the document describes (listed, or embedded in the relationship), and that relationship's list. */
function methodsOf(document: DidDocument, relationship: Relationship) {
  const listed = Array.isArray(document[relationship]) ? document[relationship] : [];
  const embedded = listed.filter(
    (entry): entry is VerificationMethod => typeof entry === 'object' && entry !== null,
  );
  const all = [
    ...(Array.isArray(document.verificationMethod) ? document.verificationMethod : []),
    ...embedded,
  ].filter((candidate) => candidate && typeof candidate === 'object' && typeof candidate.id === 'string');
  return { listed, all };
}

function lookupOf(
  document: DidDocument,
  listed: (string | VerificationMethod)[],
  method: VerificationMethod,
): MethodLookup {
  const methodId = absolute(document, method.id);
  const authorized = listed.some(
    (entry) => typeof idOf(entry) === 'string' && absolute(document, idOf(entry)) === methodId,
  );
  return { found: true, method: { ...method, id: methodId }, authorized };
}

export function findVerificationMethod(
  document: DidDocument,
  methodId: string,
  relationship: Relationship = 'assertionMethod',
): MethodLookup {
  const { listed, all } = methodsOf(document, relationship);
  const method = all.find((candidate) => absolute(document, candidate.id) === methodId);
  return method ? lookupOf(document, listed, method) : { found: false };
}

/**
 * Looks for a method holding `key` (in whatever form the document writes it). An authorized one is
 * preferred when the same key is listed twice.
 */
export function findVerificationMethodByKey(
  document: DidDocument,
  key: KeyObject,
  relationship: Relationship = 'assertionMethod',
): MethodLookup {
  const { listed, all } = methodsOf(document, relationship);
  const holding = all
    .filter((candidate) => publicKeyObjectOf(candidate)?.equals(key))
    .map((candidate) => lookupOf(document, listed, candidate));
  return holding.find((lookup) => lookup.found && lookup.authorized) ?? holding[0] ?? { found: false };
}

/** Raw Ed25519 public key of a Multikey, Ed25519VerificationKey2020/2018 or OKP JWK method; undefined otherwise. */
export function ed25519PublicKeyOf(method: VerificationMethod): Uint8Array | undefined {
  if (typeof method.publicKeyMultibase === 'string') {
    const bytes = decodeMultibase(method.publicKeyMultibase);
    if (bytes?.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01) return bytes.slice(2);
    // Early Ed25519VerificationKey2020 documents carried the bare key without a multicodec header.
    if (bytes?.length === 32 && method.type === 'Ed25519VerificationKey2020') return bytes;
    return undefined;
  }
  if (typeof method.publicKeyBase58 === 'string') {
    const bytes = decodeBase58btc(method.publicKeyBase58);
    return bytes?.length === 32 ? bytes : undefined;
  }
  const jwk = method.publicKeyJwk;
  if (jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' && !('d' in jwk)) {
    const bytes = Buffer.from(jwk.x, 'base64url');
    return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
  }
  return undefined;
}

/**
 * The public key of a method as a KeyObject: an Ed25519 key in any form above, a P-256 Multikey, or a
 * public JWK (RSA, EC P-256, OKP Ed25519) of a JsonWebKey / JsonWebKey2020 method. Undefined otherwise.
 */
export function publicKeyObjectOf(method: VerificationMethod): KeyObject | undefined {
  if (method.publicKeyJwk !== undefined) {
    const reading = readPublicJwk(method.publicKeyJwk);
    return reading.ok ? reading.key : undefined;
  }
  const ed25519 = ed25519PublicKeyOf(method);
  if (ed25519) return publicKeyObjectFromRaw(ed25519);
  return typeof method.publicKeyMultibase === 'string'
    ? p256KeyFromMultibase(method.publicKeyMultibase)
    : undefined;
}
