// Recipient identity by hashed email, so a badge names its earner without publishing the address.
// https://www.imsglobal.org/spec/ob/v3p0/#identityobject — identityHash = "sha256$" + hex(sha256(identity + salt)).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityObject } from './types.ts';

/** Emails are compared case-insensitively and without surrounding spaces, before hashing too. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function hashEmailIdentity(email: string, salt: string): string {
  const digest = createHash('sha256')
    .update(normalizeEmail(email) + salt, 'utf8')
    .digest('hex');
  return `sha256$${digest}`;
}

/** A fresh random salt (hex) for one credential's IdentityObject. */
export const newIdentitySalt = (): string => randomBytes(16).toString('hex');

export function emailIdentityObject(email: string, salt: string): IdentityObject {
  return {
    type: 'IdentityObject',
    identityHash: hashEmailIdentity(email, salt),
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

/** Whether `email` is the address an IdentityObject names (hashed with sha256, or plain). */
export function matchesEmailIdentity(identity: Partial<IdentityObject> | undefined, email: string): boolean {
  if (identity?.identityType !== 'emailAddress' || typeof identity.identityHash !== 'string') return false;
  if (!identity.hashed) return normalizeEmail(identity.identityHash) === normalizeEmail(email);
  const [algorithm, hex] = identity.identityHash.split('$');
  if (algorithm?.toLowerCase() !== 'sha256' || !hex) return false;
  const expected = Buffer.from(hashEmailIdentity(email, identity.salt ?? '').slice('sha256$'.length), 'hex');
  const actual = Buffer.from(hex.toLowerCase(), 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
