// did:key for Ed25519 (and P-256) Multikeys, resolved offline: the DID *is* the public key.
// https://w3c-ccg.github.io/did-key-spec/ (the Multikey form of §3.1.2, as current libraries emit it)

import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../contexts/index.ts';
import { p256KeyFromMultibase } from '../keys/jwk.ts';
import { publicKeyFromMultibase } from '../keys/multikey.ts';
import type { DidDocument } from './types.ts';

export function didKeyFromPublicKeyMultibase(publicKeyMultibase: string): string {
  publicKeyFromMultibase(publicKeyMultibase); // throws InvalidKeyError on anything but an Ed25519 key
  return `did:key:${publicKeyMultibase}`;
}

/** The one verification method of a did:key: `did:key:z6Mk…#z6Mk…`. */
export function didKeyVerificationMethodId(publicKeyMultibase: string): string {
  return `${didKeyFromPublicKeyMultibase(publicKeyMultibase)}#${publicKeyMultibase}`;
}

export const isDidKey = (id: unknown): id is string => typeof id === 'string' && id.startsWith('did:key:');

/** Whether a multibase string is an Ed25519 or P-256 Multikey (the did:keys Tessera resolves). */
function isReadableMultikey(publicKeyMultibase: string): boolean {
  try {
    publicKeyFromMultibase(publicKeyMultibase);
    return true;
  } catch {
    return p256KeyFromMultibase(publicKeyMultibase) !== undefined;
  }
}

/**
 * Resolves an Ed25519 (`z6Mk…`) or P-256 (`zDn…`) did:key, with or without a fragment, to its DID
 * document; undefined when it is neither.
 */
export function resolveDidKey(did: string): DidDocument | undefined {
  const [base] = did.split('#');
  if (!base || !isDidKey(base)) return undefined;
  const publicKeyMultibase = base.slice('did:key:'.length);
  if (!isReadableMultikey(publicKeyMultibase)) return undefined;
  const vmId = `${base}#${publicKeyMultibase}`;
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: base,
    verificationMethod: [{ id: vmId, type: 'Multikey', controller: base, publicKeyMultibase }],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  };
}
