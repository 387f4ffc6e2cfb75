// Wrapping of issuer secret keys for storage: AES-256-GCM under a key-encryption key (KEK) the
// operator holds outside the database. Format: "tkw1.<iv>.<tag>.<ciphertext>" (base64url parts);
// the version prefix is also bound as additional authenticated data, so it cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'tkw1';

export class KeyUnwrapError extends Error {
  readonly code = 'KEY_UNWRAP_FAILED';
  override name = 'KeyUnwrapError';
}

function assertKek(kek: Uint8Array): void {
  if (!(kek instanceof Uint8Array) || kek.length !== 32) {
    throw new TypeError('The key-encryption key must be 32 bytes (AES-256).');
  }
}

export function encryptSecretKey(kek: Uint8Array, secretKeyMultibase: string): string {
  assertKek(kek);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(secretKeyMultibase, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

export function decryptSecretKey(kek: Uint8Array, wrapped: string): string {
  assertKek(kek);
  const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new KeyUnwrapError(`The wrapped key is not in the "${VERSION}" format.`);
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  // Only canonical base64url: a lenient decoder would accept altered trailing bits as the same bytes.
  if (parts.slice(1).some((part, i) => [iv, tag, ciphertext][i]!.toString('base64url') !== part)) {
    throw new KeyUnwrapError('The wrapped key is malformed.');
  }
  if (iv!.length !== 12 || tag!.length !== 16) throw new KeyUnwrapError('The wrapped key is malformed.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv!);
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    // GCM authentication failed: wrong KEK or altered bytes. Which one is deliberately not said.
    throw new KeyUnwrapError(
      'The wrapped key could not be decrypted: wrong key-encryption key or altered data.',
    );
  }
}
