// Finding a verification method in a controller document and reading its Ed25519 public key.
// https://www.w3.org/TR/cid-1.0/#verification-methods, https://www.w3.org/TR/cid-1.0/#verification-relationships
import { decodeBase58btc, decodeMultibase } from '../keys/base58.ts';
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
export function findVerificationMethod(
  document: DidDocument,
  methodId: string,
  relationship: 'assertionMethod' | 'authentication' = 'assertionMethod',
): MethodLookup {
  const listed = Array.isArray(document[relationship]) ? document[relationship] : [];
  const embedded = listed.filter(
    (entry): entry is VerificationMethod => typeof entry === 'object' && entry !== null,
  );
  const all = [
    ...(Array.isArray(document.verificationMethod) ? document.verificationMethod : []),
    ...embedded,
  ];
  const method = all.find((candidate) => candidate && absolute(document, candidate.id) === methodId);
  if (!method) return { found: false };
  const authorized = listed.some((entry) => absolute(document, idOf(entry)) === methodId);
  return { found: true, method: { ...method, id: methodId }, authorized };
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
  if (jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    const bytes = Buffer.from(jwk.x, 'base64url');
    return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
  }
  return undefined;
}
