// The registered JWT claims (RFC 7519 §4.1) of a VC-JWT and the credential fields they stand for.
// Open Badges 3.0 §8.2.4 (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof): iss = issuer.id,
// jti = id, nbf = validFrom, exp = validUntil, sub = credentialSubject.id; a VC 1.1 credential
// (VC Data Model 1.1 §6.3.1) uses issuanceDate / expirationDate instead.
import { parseCredentialDate, toCredentialDate } from '../model/dates.ts';

type JsonObject = Record<string, unknown>;

/** Claims taken out of the payload when the credential is read back (never part of the credential). */
export const JWT_CLAIMS = ['iss', 'sub', 'nbf', 'exp', 'jti', 'iat', 'aud', 'cnf'] as const;
type MirroredClaim = 'iss' | 'sub' | 'nbf' | 'exp' | 'jti';

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

const firstSubject = (credential: JsonObject): unknown =>
  Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;

/** The registered claims a credential implies (absent where it has no such field). */
export function mirroredClaims(credential: JsonObject): Partial<Record<MirroredClaim, string | number>> {
  const claims = {
    iss: idOf(credential.issuer),
    sub: idOf(firstSubject(credential)),
    nbf: seconds(credential.validFrom ?? credential.issuanceDate),
    exp: seconds(credential.validUntil ?? credential.expirationDate),
    jti: idOf(credential),
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** Claims that disagree with the credential they travel with (each one a reason to distrust it). */
export function mismatchedClaims(credential: JsonObject, claims: JsonObject): string[] {
  const expected = mirroredClaims(credential) as JsonObject;
  return Object.keys(expected).filter((claim) => claim in claims && claims[claim] !== expected[claim]);
}

/**
 * Claims the Open Badges binding requires and the JWT lacks: `iss` and `nbf` always; `jti`, `sub` and
 * `exp` whenever the credential has the field they mirror. (A VC-JOSE-COSE `vc+jwt` needs none of them.)
 */
export function missingClaims(credential: JsonObject, claims: JsonObject): string[] {
  const expected = mirroredClaims(credential);
  const required = ['iss', 'nbf', ...(['jti', 'sub', 'exp'] as const).filter((claim) => claim in expected)];
  return required.filter((claim) => !(claim in claims));
}

const dateOf = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? toCredentialDate(new Date(value * 1000), 'claim')
    : undefined;

/**
 * A VC 1.1 credential under a `vc` claim may leave fields to the claims (VC Data Model 1.1 §6.3.1, "JWT
 * decoding"): each missing field is set from its claim. Fields present are left alone (and compared).
 */
export function completeFromClaims(credential: JsonObject, claims: JsonObject): JsonObject {
  const complete = { ...credential };
  if (complete.id === undefined && typeof claims.jti === 'string') complete.id = claims.jti;
  if (complete.issuer === undefined && typeof claims.iss === 'string') complete.issuer = claims.iss;
  const issued = dateOf(claims.nbf);
  if (complete.issuanceDate === undefined && issued) complete.issuanceDate = issued;
  const expires = dateOf(claims.exp);
  if (complete.expirationDate === undefined && expires) complete.expirationDate = expires;
  const subject = complete.credentialSubject;
  if (
    typeof claims.sub === 'string' &&
    subject &&
    typeof subject === 'object' &&
    !Array.isArray(subject) &&
    (subject as JsonObject).id === undefined
  ) {
    complete.credentialSubject = { id: claims.sub, ...(subject as JsonObject) };
  }
  return complete;
}
