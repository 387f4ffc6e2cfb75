// Public keys as verifiers meet them outside Ed25519 Multikeys: JSON Web Keys (RFC 7517, RFC 7518 §6,
// RFC 8037) and P-256 Multikeys (https://www.w3.org/TR/cid-1.0/#Multikey), read into node KeyObjects.
// Only the algorithms VC-JWT verification accepts: RSA (RS256), EC P-256 (ES256), OKP Ed25519 (EdDSA).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeMultibase } from './base58.ts';

/** A JWK as found in a JOSE header or a verification method (`publicKeyJwk`). */
export type Jwk = Record<string, unknown>;

/** Members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms." */
export const MIN_RSA_BITS = 2048;

export type JwkReading = { ok: true; key: KeyObject } | { ok: false; message: string };

export const isJwkObject = (value: unknown): value is Jwk =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a public JWK; refuses private material, unsupported key types and short RSA keys. */
export function readPublicJwk(jwk: unknown): JwkReading {
  if (!isJwkObject(jwk)) return { ok: false, message: 'The key is not a JSON Web Key object.' };
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
    return {
      ok: false,
      message: 'The JSON Web Key contains private key material; it must never be published.',
    };
  }
  const { kty, crv } = jwk;
  const supported =
    kty === 'RSA' || (kty === 'EC' && crv === 'P-256') || (kty === 'OKP' && crv === 'Ed25519');
  if (!supported) {
    const name = [kty, crv].filter((part) => typeof part === 'string').join(' ') || '(no kty)';
    return {
      ok: false,
      message: `The key type ${name} is not one Tessera checks (RSA, EC P-256 or OKP Ed25519).`,
    };
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as never, format: 'jwk' });
  } catch {
    return { ok: false, message: 'The JSON Web Key is malformed.' };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType === 'rsa' && (bits ?? 0) < MIN_RSA_BITS) {
    return { ok: false, message: `The RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required.` };
  }
  return { ok: true, key };
}

/** SubjectPublicKeyInfo prefix of a compressed P-256 point (RFC 5480), followed by its 33 bytes. */
const P256_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/**
 * A Multikey other than Ed25519 that Tessera reads: P-256 (multicodec p256-pub 0x1200, compressed).
 * Ed25519 Multikeys are read by multikey.ts.
 */
export function p256KeyFromMultibase(publicKeyMultibase: string): KeyObject | undefined {
  const bytes = decodeMultibase(publicKeyMultibase);
  if (bytes?.length !== 35 || bytes[0] !== 0x80 || bytes[1] !== 0x24) return undefined;
  try {
    return createPublicKey({
      key: Buffer.concat([P256_SPKI_PREFIX, bytes.subarray(2)]),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return undefined;
  }
}

/** The public JWK of a key object (for comparing and for documents). */
export const publicJwkOf = (key: KeyObject): Jwk => key.export({ format: 'jwk' }) as Jwk;

/** Whether two public keys are the same key, whatever form they were written in. */
export const sameKey = (a: KeyObject, b: KeyObject): boolean => a.equals(b);
