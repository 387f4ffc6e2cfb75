// OpenID for Verifiable Credential Issuance 1.0 on wallet offers, with no I/O: the issuer's and the
// authorization server's metadata, the two credential configurations (the same badge as `ldp_vc` and
// `jwt_vc_json`), who the holder is from the proof's key, and the refusals as the spec names them.
// https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0.html

/** How long an access token and a nonce live: enough for a wallet to ask, short because they carry the badge. */
export const ACCESS_TOKEN_TTL_S = 300;
export const NONCE_TTL_S = 300;
/** Wrong transaction codes an offer takes before it is retired (a six-digit code must not be guessed). */
export const MAX_TX_CODE_FAILURES = 5;

export const PRE_AUTHORIZED_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

export const oid4vciPaths = {
  token: '/wallet/oid4vci/token',
  nonce: '/wallet/oid4vci/nonce',
  credential: '/wallet/oid4vci/credential',
} as const;

const OB_TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];
const OB_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];
const PROOF_TYPES = { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } };
const BINDING_METHODS = ['did:key', 'did:jwk', 'jwk'];
const DISPLAY = [{ name: 'Open Badge', locale: 'en' }];

export type CredentialFormat = 'ldp_vc' | 'jwt_vc_json';

/** The badge in the two formats an OpenID wallet may ask for (one configuration each). */
export const CREDENTIAL_CONFIGURATIONS = {
  OpenBadgeCredential_ldp_vc: {
    format: 'ldp_vc',
    scope: 'OpenBadgeCredential_ldp_vc',
    credential_definition: { '@context': OB_CONTEXTS, type: OB_TYPES },
    cryptographic_binding_methods_supported: BINDING_METHODS,
    credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
    proof_types_supported: PROOF_TYPES,
    credential_metadata: { display: DISPLAY },
  },
  OpenBadgeCredential_jwt_vc_json: {
    format: 'jwt_vc_json',
    scope: 'OpenBadgeCredential_jwt_vc_json',
    credential_definition: { type: OB_TYPES },
    cryptographic_binding_methods_supported: BINDING_METHODS,
    credential_signing_alg_values_supported: ['EdDSA'],
    proof_types_supported: PROOF_TYPES,
    credential_metadata: { display: DISPLAY },
  },
} as const;

export type CredentialConfigurationId = keyof typeof CREDENTIAL_CONFIGURATIONS;
export const CREDENTIAL_CONFIGURATION_IDS = Object.keys(
  CREDENTIAL_CONFIGURATIONS,
) as CredentialConfigurationId[];

export function formatOf(configurationId: string | undefined): CredentialFormat | undefined {
  if (!configurationId || !(configurationId in CREDENTIAL_CONFIGURATIONS)) return undefined;
  return CREDENTIAL_CONFIGURATIONS[configurationId as CredentialConfigurationId].format;
}

/** The credential issuer is this server (its public URL); the badges it issues are signed by their issuers. */
export function credentialIssuerMetadata(publicUrl: string, name: string) {
  return {
    credential_issuer: publicUrl,
    authorization_servers: [publicUrl],
    credential_endpoint: `${publicUrl}${oid4vciPaths.credential}`,
    nonce_endpoint: `${publicUrl}${oid4vciPaths.nonce}`,
    display: [{ name, locale: 'en' }],
    credential_configurations_supported: structuredClone(CREDENTIAL_CONFIGURATIONS) as Record<
      string,
      Record<string, unknown> & { format: string }
    >,
  };
}

/** RFC 8414 metadata: only the token endpoint, for the pre-authorized code grant without client authentication. */
export function authorizationServerMetadata(publicUrl: string) {
  return {
    issuer: publicUrl,
    token_endpoint: `${publicUrl}${oid4vciPaths.token}`,
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}

/** The `tx_code` object of an offer that asks for one (OID4VCI 1.0 §4.1.1). */
export const txCodeDescription = (length: number) => ({
  input_mode: 'numeric' as const,
  length,
  description: 'The code shown on your badge page in Tessera',
});

/**
 * A refusal as OID4VCI / OAuth 2.0 name it (`invalid_grant`, `invalid_token`, `invalid_proof`, `invalid_nonce`,
 * `unsupported_credential_format`, `credential_request_denied` …): answered as OAuth error JSON, never a 5xx.
 */
export class Oid4vciRefusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

type Jwk = Record<string, unknown>;

/** The public members of a JWK (RFC 7638 §3.2), in that order: no private part or extra member reaches a DID. */
export function publicJwkMembers(jwk: Jwk): Jwk {
  const keep =
    jwk.kty === 'EC' ? ['crv', 'kty', 'x', 'y'] : jwk.kty === 'OKP' ? ['crv', 'kty', 'x'] : ['e', 'kty', 'n'];
  return Object.fromEntries(keep.filter((k) => typeof jwk[k] === 'string').map((k) => [k, jwk[k]]));
}

/** The proof's key, as the DID the badge is issued to: the did:key (or did:jwk) named by `kid`, else did:jwk. */
export function holderDidOfProofKey(
  signer: { method: 'did'; didUrl: string } | { method: 'jwk'; publicJwk: Jwk },
  didJwkOf: (jwk: Jwk) => string,
): string {
  if (signer.method === 'did') return signer.didUrl.split('#')[0] ?? signer.didUrl;
  return didJwkOf(publicJwkMembers(signer.publicJwk));
}
