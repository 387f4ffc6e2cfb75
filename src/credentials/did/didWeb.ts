// did:web identifiers, documents and their https locations.
// https://w3c-ccg.github.io/did-method-web/ (§3.2 create, §3.3 read)
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../contexts/index.ts';
import { publicKeyFromMultibase } from '../keys/multikey.ts';
import type { DidDocument, VerificationMethod } from './types.ts';

export class InvalidDidError extends Error {
  readonly code = 'INVALID_DID';
  override name = 'InvalidDidError';
}

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** `didWebId('example.com:8443', ['issuers', 'acme'])` → `did:web:example.com%3A8443:issuers:acme`. */
export function didWebId(host: string, path: string[] = []): string {
  const hostname = host.trim().toLowerCase();
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/.test(hostname)) throw new InvalidDidError(`"${host}" is not a host name.`);
  for (const segment of path) {
    if (!SEGMENT.test(segment))
      throw new InvalidDidError(`"${segment}" is not a valid did:web path segment.`);
  }
  return ['did:web', hostname.replace(':', '%3A'), ...path].join(':');
}

export const isDidWeb = (id: unknown): id is string => typeof id === 'string' && id.startsWith('did:web:');

/** Where a did:web document lives: bare host → /.well-known/did.json, with a path → <path>/did.json. */
export function didWebToUrl(did: string): string {
  const [base] = did.split('#');
  if (!base || !isDidWeb(base)) throw new InvalidDidError(`"${did}" is not a did:web identifier.`);
  const [host, ...path] = base.slice('did:web:'.length).split(':');
  const hostname = decodeURIComponent(host ?? '');
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(hostname) || path.some((segment) => !SEGMENT.test(segment))) {
    throw new InvalidDidError(`"${did}" is not a valid did:web identifier.`);
  }
  const location = path.length === 0 ? '.well-known' : path.join('/');
  return `https://${hostname}/${location}/did.json`;
}

export interface DidWebKey {
  publicKeyMultibase: string;
  /** Fragment without '#'; defaults to `key-<n>` with n counting from 1 in list order. */
  fragment?: string;
}

/**
 * The did:web document of an issuer. List every key ever used to sign, oldest first: credentials
 * signed with a rotated-out key must keep verifying, so old keys stay under assertionMethod.
 * Remove a key only when it is compromised (everything it signed then stops verifying).
 */
export function buildDidWebDocument(did: string, keys: DidWebKey[]): DidDocument {
  didWebToUrl(did);
  const verificationMethod: VerificationMethod[] = keys.map((key, i) => {
    publicKeyFromMultibase(key.publicKeyMultibase);
    return {
      id: `${did}#${key.fragment ?? `key-${i + 1}`}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    };
  });
  const ids = verificationMethod.map((method) => method.id);
  if (new Set(ids).size !== ids.length)
    throw new InvalidDidError('Two keys share one verification method id.');
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: ids,
    authentication: ids,
  };
}
