// Secrets: random tokens, their hashes, constant-time comparison and password hashing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** 32 random bytes, base64url: session ids, email-link tokens, CSRF tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a token: a leaked table does not log anyone in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** argon2id (the library's default algorithm) with its default, OWASP-level costs. One object, so tests can watch it. */
export const argon2 = { hash, verify };

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(passwordHash, password);
  } catch {
    // A malformed stored hash is treated as a wrong password, never as a server error leaking details.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** For unknown emails: the same argon2 work as a real check, so timing does not reveal who has an account. */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= argon2.hash(newSecret());
  await verifyPassword(await dummyHash, password);
  return false;
}
