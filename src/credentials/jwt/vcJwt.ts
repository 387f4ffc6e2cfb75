// Credentials secured as a VC-JWT, as Open Badges 3.0 §8.2 binds it
// (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof): a compact JWS whose JOSE header has `alg`, a
// `kid` or a `jwk`, and `typ` "JWT" or none; whose payload is the credential itself with the claims
// iss, jti, nbf, exp and sub mirroring it. Read back, also accepted:
// - a VC 1.1 credential under a `vc` claim (VC Data Model 1.1 §6.3.1; OB 3.0 §8.2.6 note);
// - `typ: "vc+jwt"` (VC-JOSE-COSE §3.1.1) when the credential is VC 2.0, the data model that
//   VC-JOSE-COSE secures and OB 3.0 §8.2 defers to.
import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { type Jwk, readPublicJwk } from '../keys/jwk.ts';
import type { Ed25519KeyPair } from '../keys/multikey.ts';
import { completeFromClaims, JWT_CLAIMS, mirroredClaims } from './claims.ts';

/** The `typ` Tessera writes: OB 3.0 §8.2.3 allows "JWT" or no typ. */
export const JWT_TYPE = 'JWT';
/** VC-JOSE-COSE's media type, accepted when reading a VC 2.0 credential. */
export const VC_JOSE_TYPE = 'vc+jwt';
/** RS256 (the binding's minimum), ES256, and EdDSA ('Ed25519' is its fully specified name, RFC 9864). */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'Ed25519'] as const;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface JwtSignOptions {
  keyPair: Ed25519KeyPair;
  /** Becomes the `kid` header: the full verification method id. */
  verificationMethod: string;
}

/** Signs an unsigned credential as an OB 3.0 VC-JWT: `{alg: EdDSA, typ: JWT, kid}`, claims mirroring it. */
export async function signCredentialJwt(credential: object, options: JwtSignOptions): Promise<string> {
  if ('proof' in credential)
    throw new TypeError('A VC-JWT secures an unsigned credential; remove its proof first.');
  const payload = { ...credential, ...mirroredClaims(credential as JsonObject) };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: JWT_TYPE, kid: options.verificationMethod })
    .sign(options.keyPair.privateKeyObject());
}

export interface CredentialJwtHeader extends ProtectedHeaderParameters {
  alg: (typeof ACCEPTED_ALGORITHMS)[number];
  kid?: string;
  jwk?: Jwk;
}

export type DecodedCredentialJwt =
  | {
      ok: true;
      header: CredentialJwtHeader;
      /** The key the header carries (`jwk`), read and checked to be a public key. */
      headerKey?: KeyObject;
      credential: JsonObject;
      claims: JsonObject;
      /** `payload`: the credential is the payload (VC 2.0); `vc-claim`: it is under `vc` (VC 1.1). */
      shape: 'payload' | 'vc-claim';
      /** Whether the Open Badges binding applies (typ "JWT" or none), rather than VC-JOSE-COSE's vc+jwt. */
      binding: 'open-badges' | 'vc-jose-cose';
    }
  | { ok: false; message: string };

const refuse = (message: string): DecodedCredentialJwt => ({ ok: false, message });

/** RFC 7515 §4.1.9: typ is a media type, compared without case and with "application/" optional. */
const typeOf = (typ: unknown) =>
  typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : undefined;

function splitPayload(payload: JsonObject) {
  const claims: JsonObject = {};
  for (const claim of JWT_CLAIMS) if (claim in payload) claims[claim] = payload[claim];
  if (isObject(payload.vc)) {
    return { shape: 'vc-claim' as const, claims, credential: completeFromClaims(payload.vc, claims) };
  }
  const credential: JsonObject = { ...payload };
  for (const claim of JWT_CLAIMS) delete credential[claim];
  return { shape: 'payload' as const, claims, credential };
}

const firstContext = (credential: JsonObject) =>
  Array.isArray(credential['@context']) ? credential['@context'][0] : credential['@context'];

/** Reads a VC-JWT without checking its signature: header rules, payload → credential + claims. */
export function decodeCredentialJwt(jwt: string): DecodedCredentialJwt {
  let header: ProtectedHeaderParameters;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jwt);
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return refuse('The text is not a readable JWT.');
  }
  if (!header.alg || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(header.alg)) {
    return refuse(
      `The JWT's algorithm "${header.alg ?? '(none)'}" is not accepted; Tessera accepts RS256, ES256 and EdDSA.`,
    );
  }
  const hasKid = typeof header.kid === 'string' && header.kid !== '';
  if (header.kid !== undefined && !hasKid)
    return refuse('The JWT names its key (kid) with an empty or non-text value.');
  let headerKey: KeyObject | undefined;
  if (header.jwk !== undefined) {
    const reading = readPublicJwk(header.jwk);
    if (!reading.ok) return refuse(`The JWT's jwk header is refused: ${reading.message}`);
    headerKey = reading.key;
  }
  if (!hasKid && !headerKey) {
    return refuse(
      'The JWT neither names its key (kid) nor carries it (jwk), so its issuer key cannot be found.',
    );
  }
  if (!isObject(payload)) return refuse('The JWT payload is not a credential object.');
  const { shape, claims, credential } = splitPayload(payload);
  const context = firstContext(credential);
  if (shape === 'vc-claim' && context === VC_V2_CONTEXT) {
    return refuse(
      'The JWT carries a VC 2.0 credential under a vc claim; a VC 2.0 credential is the payload itself.',
    );
  }
  if (shape === 'payload' && context === VC_V1_CONTEXT) {
    return refuse(
      'The JWT carries a VC 1.1 credential as its payload; a VC 1.1 credential goes under the vc claim.',
    );
  }
  const typ = typeOf(header.typ);
  const vcJose = typ === VC_JOSE_TYPE && shape === 'payload' && context === VC_V2_CONTEXT;
  if (typ !== undefined && typ !== 'jwt' && !vcJose) {
    return refuse(
      `The JWT's typ is "${header.typ}": an Open Badges VC-JWT has typ "${JWT_TYPE}" or none, and "${VC_JOSE_TYPE}" is accepted only for a VC 2.0 credential.`,
    );
  }
  return {
    ok: true,
    header: header as CredentialJwtHeader,
    ...(headerKey && { headerKey }),
    credential,
    claims,
    shape,
    binding: vcJose ? 'vc-jose-cose' : 'open-badges',
  };
}

/** Checks the JWS signature with the resolved public key, for the header's algorithm only. Never throws. */
export async function verifyCredentialJwtSignature(jwt: string, key: KeyObject): Promise<boolean> {
  try {
    const alg = decodeProtectedHeader(jwt).alg;
    if (!alg || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(alg)) return false;
    // jose refuses a key of the wrong type for alg (an RSA key for ES256, an Ed448 key for Ed25519 …).
    await compactVerify(jwt, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

// The signature part may be empty so that an unsecured (alg "none") JWT is read and then refused by name.
export const looksLikeJwt = (text: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(text.trim());
