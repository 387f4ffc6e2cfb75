import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeBase58btc, encodeBase58btc } from './base58.ts';
import { InvalidKeyError } from './errors.ts';
import {
  Ed25519KeyPair,
  publicKeyFromMultibase,
  publicKeyObjectFromMultibase,
  rawPublicKeyOf,
  verifyEd25519,
} from './multikey.ts';

describe('Ed25519 Multikey key pairs', () => {
  it('generates keys whose public key is a z6Mk multibase and whose secret is a 32-byte multicodec seed', () => {
    const keyPair = Ed25519KeyPair.generate();
    expect(keyPair.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(keyPair.secretKeyMultibase).toMatch(/^z3u2/);
    expect(publicKeyFromMultibase(keyPair.publicKeyMultibase)).toHaveLength(32);
  });

  it('restores the same key pair from its secretKeyMultibase', () => {
    const keyPair = Ed25519KeyPair.generate();
    const restored = Ed25519KeyPair.fromSecretKeyMultibase(keyPair.secretKeyMultibase);
    expect(restored.publicKeyMultibase).toBe(keyPair.publicKeyMultibase);
  });

  it('reads the legacy 64-byte secret key form and refuses one whose public half does not match', () => {
    const legacy =
      'zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx';
    expect(Ed25519KeyPair.fromSecretKeyMultibase(legacy).publicKeyMultibase).toBe(
      'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    );
    const seed = Ed25519KeyPair.generate();
    const mismatched = new Uint8Array(64);
    mismatched.set(publicKeyFromMultibase(seed.publicKeyMultibase), 32);
    expect(() => Ed25519KeyPair.fromSeed(mismatched)).toThrow(InvalidKeyError);
  });

  it('converts to and from node KeyObjects', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyPair = Ed25519KeyPair.fromKeyObject(privateKey);
    expect(rawPublicKeyOf(keyPair.publicKeyObject())).toEqual(rawPublicKeyOf(createPublicKey(privateKey)));
    expect(keyPair.privateKeyObject().export({ format: 'jwk' })).toEqual(
      privateKey.export({ format: 'jwk' }),
    );
    expect(rawPublicKeyOf(publicKeyObjectFromMultibase(keyPair.publicKeyMultibase))).toEqual(
      keyPair.publicKey,
    );
  });

  it('signs data that verifies with the public key and not after a change', () => {
    const keyPair = Ed25519KeyPair.generate();
    const data = new TextEncoder().encode('Gestión de nóminas');
    const signature = keyPair.sign(data);
    expect(verifyEd25519(keyPair.publicKey, data, signature)).toBe(true);
    expect(verifyEd25519(keyPair.publicKey, new TextEncoder().encode('Gestion de nominas'), signature)).toBe(
      false,
    );
  });

  it('never shows the secret key in JSON.stringify, String or util.inspect', () => {
    const keyPair = Ed25519KeyPair.generate();
    const secret = keyPair.secretKeyMultibase;
    for (const shown of [
      JSON.stringify(keyPair),
      JSON.stringify({ keyPair }),
      inspect(keyPair),
      `${inspect({ keyPair })}`,
    ]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(secret.slice(4, 20));
      expect(shown).toContain(keyPair.publicKeyMultibase);
    }
    expect(Object.keys(keyPair)).toEqual(['publicKeyMultibase']);
  });

  it('rejects a public key that is not an Ed25519 multikey without echoing it', () => {
    expect(() => publicKeyFromMultibase('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(
      InvalidKeyError,
    );
    expect(() => publicKeyFromMultibase('not-multibase')).toThrow(/expected multibase/);
  });

  it('refuses a secret key of another key type with a message that does not contain it', () => {
    const bogus = 'z3vLWrr8mjbYvMdp8xR1JUfHuNyMvPPJGnE5BhqpLxCqkFxM';
    try {
      Ed25519KeyPair.fromSecretKeyMultibase(bogus);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidKeyError);
      expect((error as Error).message).not.toContain(bogus);
    }
  });
});

describe('base58btc', () => {
  it('round-trips bytes with leading zeros', () => {
    const bytes = new Uint8Array([0, 0, 1, 2, 255, 128, 0]);
    expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    expect(encodeBase58btc(new TextEncoder().encode('hello world'))).toBe('StV1DL6CwTryKyV');
  });

  it('returns undefined for characters outside the alphabet', () => {
    expect(decodeBase58btc('0OIl')).toBeUndefined();
  });
});
