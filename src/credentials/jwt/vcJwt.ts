// Credentials secured as VC-JOSE-COSE `vc+jwt` (https://www.w3.org/TR/vc-jose-cose/#securing-with-jose):
// the JWT payload *is* the credential; registered claims (RFC 7519 §4.1) mirror its fields for
// JWT-only consumers and are removed again when the credential is read back.
import { CompactSign, compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { Ed25519KeyPair } from '../keys/multikey.ts';
import { publicKeyObjectFromRaw } from '../keys/multikey.ts';
import { parseCredentialDate } from '../model/dates.ts';

export const VC_JWT_TYPE = 'vc+jwt';
/** 'EdDSA' as widely deployed, 'Ed25519' as fully specified by RFC 9864. */
const ACCEPTED_ALGORITHMS = ['EdDSA', 'Ed25519'];
const JWT_CLAIMS = ['iss', 'sub', 'nbf', 'exp', 'jti', 'iat', 'aud', 'cnf'] as const;

type JsonObject = Record<string, unknown>;

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof (value as JsonObject)?.id === 'string'
      ? ((value as JsonObject).id as string)
      : undefined;

const seconds = (value: unknown): number | undefined => {
  const date = parseCredentialDate(value);
  return date && Math.floor(date.getTime() / 1000);
};

/** The registered claims a credential implies (undefined where it has no such field). */
export function mirroredClaims(
  credential: JsonObject,
): Partial<Record<(typeof JWT_CLAIMS)[number], string | number>> {
  const subject = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  const claims = {
    iss: idOf(credential.issuer),
    sub: idOf(subject),
    nbf: seconds(credential.validFrom ?? credential.issuanceDate),
    exp: seconds(credential.validUntil ?? credential.expirationDate),
    jti: idOf(credential),
    iat: seconds(credential.validFrom ?? credential.issuanceDate),
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

export interface JwtSignOptions {
  keyPair: Ed25519KeyPair;
  /** Becomes the `kid` header: the full verification method id. */
  verificationMethod: string;
}

export async function signCredentialJwt(credential: object, options: JwtSignOptions): Promise<string> {
  if ('proof' in credential)
    throw new TypeError('A vc+jwt secures an unsigned credential; remove its proof first.');
  const payload = { ...credential, ...mirroredClaims(credential as JsonObject) };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, kid: options.verificationMethod })
    .sign(options.keyPair.privateKeyObject());
}

export type DecodedCredentialJwt =
  | {
      ok: true;
      header: ProtectedHeaderParameters & { kid: string };
      credential: JsonObject;
      claims: JsonObject;
    }
  | { ok: false; message: string };

/** Reads a vc+jwt without checking its signature: header rules, payload → credential + claims. */
export function decodeCredentialJwt(jwt: string): DecodedCredentialJwt {
  let header: ProtectedHeaderParameters;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jwt);
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: 'The text is not a readable JWT.' };
  }
  if (header.typ !== VC_JWT_TYPE) {
    return { ok: false, message: `The JWT's typ is "${header.typ ?? '(none)'}", not "${VC_JWT_TYPE}".` };
  }
  if (!header.alg || !ACCEPTED_ALGORITHMS.includes(header.alg)) {
    return {
      ok: false,
      message: `The JWT's algorithm "${header.alg ?? '(none)'}" is not accepted; Tessera accepts EdDSA only.`,
    };
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    return { ok: false, message: 'The JWT names no key (kid), so its issuer key cannot be found.' };
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, message: 'The JWT payload is not a credential object.' };
  }
  const credential: JsonObject = { ...(payload as JsonObject) };
  const claims: JsonObject = {};
  for (const claim of JWT_CLAIMS) {
    if (claim in credential) {
      claims[claim] = credential[claim];
      delete credential[claim];
    }
  }
  return { ok: true, header: header as ProtectedHeaderParameters & { kid: string }, credential, claims };
}

/** Claims that disagree with the credential they travel with (each one a reason to distrust it). */
export function mismatchedClaims(credential: JsonObject, claims: JsonObject): string[] {
  const expected = mirroredClaims(credential) as JsonObject;
  return Object.keys(expected).filter((claim) => claim in claims && claims[claim] !== expected[claim]);
}

/** Checks the JWS signature with a resolved Ed25519 public key. Never throws. */
export async function verifyCredentialJwtSignature(jwt: string, publicKey: Uint8Array): Promise<boolean> {
  try {
    await compactVerify(jwt, publicKeyObjectFromRaw(publicKey), { algorithms: ACCEPTED_ALGORITHMS });
    return true;
  } catch {
    return false;
  }
}

// The signature part may be empty so that an unsecured (alg "none") JWT is read and then refused by name.
export const looksLikeJwt = (text: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(text.trim());
