// OpenID Federation 1.0 for the OID4VCI credential issuer: its entity configuration, the self-signed entity
// statement at /.well-known/openid-federation (§9, §3). A wallet that trusts a federation's trust anchor
// follows authority_hints up to it and finds this issuer there, rather than "unknown issuer". The issuer is
// the server itself (PUBLIC_URL), so the platform's key signs (issuing/platform-identity.ts), as it signs what
// the platform vouches for; each badge is still signed by its own issuer.
// https://openid.net/specs/openid-federation-1_0.html
import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, type JWK, SignJWT } from 'jose';
import type { Deps } from '../deps.ts';
import { platformIdentity } from '../issuing/index.ts';
import { issuerMetadata, oauthMetadata } from './oid4vci.ts';

/** The entity statement's media type (§3.1, the `typ` header) and how long one is valid. */
export const ENTITY_STATEMENT_TYPE = 'entity-statement+jwt';
const LIFETIME_SECONDS = 24 * 3600;

/**
 * The entity configuration: iss = sub = the credential issuer identifier, the key that signs it (jwks), the
 * metadata of its roles (the same objects /.well-known/openid-credential-issuer and
 * /.well-known/oauth-authorization-server answer) and, when the operator configured them, authority_hints.
 */
export async function entityConfiguration(deps: Deps): Promise<string> {
  const platform = await platformIdentity(deps);
  const publicJwk = createPublicKey(platform.keyPair.privateKeyObject()).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk);
  const entityId = deps.config.publicUrl;
  const iat = Math.floor(deps.now().getTime() / 1000);
  const hints = deps.config.openidFederationAuthorityHints;
  return new SignJWT({
    jwks: { keys: [{ ...publicJwk, kid, alg: 'EdDSA', use: 'sig' }] },
    metadata: {
      federation_entity: { organization_name: platform.profile.name, homepage_uri: `${entityId}/` },
      openid_credential_issuer: issuerMetadata(deps),
      oauth_authorization_server: oauthMetadata(deps),
    },
    ...(hints.length > 0 ? { authority_hints: hints } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: ENTITY_STATEMENT_TYPE, kid })
    .setIssuer(entityId)
    .setSubject(entityId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIME_SECONDS)
    .sign(platform.keyPair.privateKeyObject());
}
