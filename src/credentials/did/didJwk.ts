// did:jwk, resolved offline: the DID is the base64url of a public JWK, its one method is `#0`.
// https://github.com/quartzjer/did-jwk/blob/main/spec.md
import { DID_V1_CONTEXT } from '../contexts/index.ts';
import { isJwkObject, type Jwk, readPublicJwk } from '../keys/jwk.ts';
import type { DidDocument } from './types.ts';

export const isDidJwk = (id: unknown): id is string => typeof id === 'string' && id.startsWith('did:jwk:');

export const didJwkOf = (jwk: Jwk): string =>
  `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;

/** Resolves a did:jwk (with or without a fragment) to its DID document, or undefined when it is not one. */
export function resolveDidJwk(did: string): DidDocument | undefined {
  const [base] = did.split('#');
  if (!base || !isDidJwk(base)) return undefined;
  const encoded = base.slice('did:jwk:'.length);
  if (!/^[\w-]+$/.test(encoded)) return undefined;
  let jwk: unknown;
  try {
    jwk = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isJwkObject(jwk) || !readPublicJwk(jwk).ok) return undefined;
  const vmId = `${base}#0`;
  // A key marked for encryption only ("use": "enc") may not sign: it is listed for key agreement only.
  const signs = jwk.use !== 'enc';
  return {
    '@context': [DID_V1_CONTEXT, 'https://w3id.org/security/suites/jws-2020/v1'],
    id: base,
    verificationMethod: [{ id: vmId, type: 'JsonWebKey2020', controller: base, publicKeyJwk: jwk }],
    ...(signs
      ? {
          assertionMethod: [vmId],
          authentication: [vmId],
          capabilityInvocation: [vmId],
          capabilityDelegation: [vmId],
        }
      : { keyAgreement: [vmId] }),
  };
}
