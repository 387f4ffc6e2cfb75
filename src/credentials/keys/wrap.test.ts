import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Ed25519KeyPair } from './multikey.ts';
import { decryptSecretKey, encryptSecretKey, KeyUnwrapError } from './wrap.ts';

const kek = randomBytes(32);
const secret = Ed25519KeyPair.generate().secretKeyMultibase;

function flipFirstChar(part: string): string {
  return (part.startsWith('A') ? 'B' : 'A') + part.slice(1);
}

describe('secret key wrapping with AES-256-GCM', () => {
  it('decrypts what it encrypted', () => {
    const wrapped = encryptSecretKey(kek, secret);
    expect(wrapped.startsWith('tkw1.')).toBe(true);
    expect(wrapped).not.toContain(secret);
    expect(decryptSecretKey(kek, wrapped)).toBe(secret);
  });

  it('uses a fresh IV each time, so the same key wraps differently', () => {
    expect(encryptSecretKey(kek, secret)).not.toBe(encryptSecretKey(kek, secret));
  });

  it.each([1, 2, 3])('rejects a wrapped key whose part %i was altered', (index) => {
    const parts = encryptSecretKey(kek, secret).split('.');
    parts[index] = flipFirstChar(parts[index]!);
    expect(() => decryptSecretKey(kek, parts.join('.'))).toThrow(KeyUnwrapError);
  });

  it('rejects a wrapped key whose tag was re-encoded with altered padding bits', () => {
    const parts = encryptSecretKey(kek, secret).split('.');
    const tag = parts[2]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    parts[2] = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag.at(-1)!) ^ 1];
    expect(() => decryptSecretKey(kek, parts.join('.'))).toThrow(KeyUnwrapError);
  });

  it('rejects the wrong key-encryption key without revealing anything', () => {
    const wrapped = encryptSecretKey(kek, secret);
    expect(() => decryptSecretKey(randomBytes(32), wrapped)).toThrow(
      /wrong key-encryption key or altered data/,
    );
  });

  it('rejects an unknown version prefix', () => {
    const wrapped = encryptSecretKey(kek, secret).replace(/^tkw1/, 'tkw2');
    expect(() => decryptSecretKey(kek, wrapped)).toThrow(/not in the "tkw1" format/);
  });

  it('refuses a key-encryption key that is not 32 bytes', () => {
    expect(() => encryptSecretKey(randomBytes(16), secret)).toThrow(TypeError);
  });
});
