// Ed25519 keys in the Multikey format of W3C Controlled Identifiers 1.0 §2.2.2
// (https://www.w3.org/TR/cid-1.0/#Multikey): multibase base58btc of a multicodec header + raw key.
// The secret key is held in a private field so it never leaks through JSON, logs or inspection.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { inspect } from 'node:util';
import { decodeMultibase, encodeMultibase } from './base58.ts';
import { InvalidKeyError } from './errors.ts';

const ED25519_PUB_HEADER = [0xed, 0x01];
const ED25519_PRIV_HEADER = [0x80, 0x26];
const KEY_SIZE = 32;

export interface MultikeyPublic {
  type: 'Multikey';
  publicKeyMultibase: string;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function withHeader(header: number[], key: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + key.length);
  out.set(header);
  out.set(key, header.length);
  return out;
}

function hasHeader(bytes: Uint8Array, header: number[]): boolean {
  return bytes[0] === header[0] && bytes[1] === header[1];
}

/** Raw 32-byte Ed25519 public key from `z6Mk…` (multicodec ed25519-pub). */
export function publicKeyFromMultibase(publicKeyMultibase: string): Uint8Array {
  const bytes = decodeMultibase(publicKeyMultibase);
  if (!bytes || bytes.length !== KEY_SIZE + 2 || !hasHeader(bytes, ED25519_PUB_HEADER)) {
    throw new InvalidKeyError('The public key is not an Ed25519 Multikey (expected multibase "z6Mk…").');
  }
  return bytes.slice(2);
}

export function publicKeyToMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== KEY_SIZE) throw new InvalidKeyError('An Ed25519 public key is 32 bytes.');
  return encodeMultibase(withHeader(ED25519_PUB_HEADER, publicKey));
}

export function publicKeyObjectFromRaw(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(publicKey) }, format: 'jwk' });
}

export function publicKeyObjectFromMultibase(publicKeyMultibase: string): KeyObject {
  return publicKeyObjectFromRaw(publicKeyFromMultibase(publicKeyMultibase));
}

/** Raw public key of a node KeyObject (public or private Ed25519). */
export function rawPublicKeyOf(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') throw new InvalidKeyError('The key is not an Ed25519 key.');
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

// Building a KeyObject costs more than an Ed25519 verification (bench/credentials.ts): verifiers see the
// same few issuer keys again and again, so the last ones are kept. Public keys only; bounded.
const publicKeyObjects = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE_SIZE = 256;

function cachedPublicKeyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('base64');
  let key = publicKeyObjects.get(id);
  if (!key) {
    key = publicKeyObjectFromRaw(publicKey);
    if (publicKeyObjects.size >= PUBLIC_KEY_CACHE_SIZE)
      publicKeyObjects.delete(publicKeyObjects.keys().next().value!);
    publicKeyObjects.set(id, key);
  }
  return key;
}

export function verifyEd25519(
  publicKey: Uint8Array | KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  const key = publicKey instanceof Uint8Array ? cachedPublicKeyObject(publicKey) : publicKey;
  return verify(null, data, key, signature);
}

/**
 * An Ed25519 key pair. `toJSON()` and `util.inspect` show only the public half; the secret is
 * reachable only through `secretKeyMultibase` / `privateKeyObject()`, which callers store encrypted.
 */
export class Ed25519KeyPair {
  readonly #seed: Uint8Array;
  /** Built once: re-importing the key on every signature cost more than the signature itself. */
  #privateKey: KeyObject | undefined;
  readonly publicKeyMultibase: string;

  private constructor(seed: Uint8Array, publicKey: Uint8Array) {
    this.#seed = seed;
    this.publicKeyMultibase = publicKeyToMultibase(publicKey);
  }

  static generate(): Ed25519KeyPair {
    return Ed25519KeyPair.fromKeyObject(generateKeyPairSync('ed25519').privateKey);
  }

  static fromKeyObject(privateKey: KeyObject): Ed25519KeyPair {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new InvalidKeyError('An Ed25519 private KeyObject is required.');
    }
    const jwk = privateKey.export({ format: 'jwk' });
    return new Ed25519KeyPair(
      Buffer.from(jwk.d as string, 'base64url'),
      Buffer.from(jwk.x as string, 'base64url'),
    );
  }

  /** From a 32-byte seed (or a legacy 64-byte seed ‖ public key, as some libraries wrote). */
  static fromSeed(secret: Uint8Array): Ed25519KeyPair {
    if (secret.length !== KEY_SIZE && secret.length !== 2 * KEY_SIZE) {
      throw new InvalidKeyError('An Ed25519 secret key is 32 bytes (or 64 in the legacy form).');
    }
    const seed = secret.slice(0, KEY_SIZE);
    // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410 §7): the import path node offers for a bare seed.
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const pair = Ed25519KeyPair.fromKeyObject(privateKey);
    if (
      secret.length === 2 * KEY_SIZE &&
      pair.publicKeyMultibase !== publicKeyToMultibase(secret.slice(KEY_SIZE))
    ) {
      throw new InvalidKeyError('The legacy secret key carries a public half that does not match its seed.');
    }
    return pair;
  }

  /** From `secretKeyMultibase` (multicodec ed25519-priv, 0x8026). */
  static fromSecretKeyMultibase(secretKeyMultibase: string): Ed25519KeyPair {
    const bytes = decodeMultibase(secretKeyMultibase);
    if (!bytes || !hasHeader(bytes, ED25519_PRIV_HEADER)) {
      throw new InvalidKeyError(
        'The secret key is not an Ed25519 Multikey secret (multicodec ed25519-priv).',
      );
    }
    return Ed25519KeyPair.fromSeed(bytes.slice(2));
  }

  /** The canonical 32-byte form: https://www.w3.org/TR/cid-1.0/#Multikey */
  get secretKeyMultibase(): string {
    return encodeMultibase(withHeader(ED25519_PRIV_HEADER, this.#seed));
  }

  get publicKey(): Uint8Array {
    return publicKeyFromMultibase(this.publicKeyMultibase);
  }

  privateKeyObject(): KeyObject {
    return createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: b64url(this.#seed), x: b64url(this.publicKey) },
      format: 'jwk',
    });
  }

  publicKeyObject(): KeyObject {
    return publicKeyObjectFromRaw(this.publicKey);
  }

  sign(data: Uint8Array): Uint8Array {
    this.#privateKey ??= this.privateKeyObject();
    return new Uint8Array(sign(null, data, this.#privateKey));
  }

  toJSON(): MultikeyPublic {
    return { type: 'Multikey', publicKeyMultibase: this.publicKeyMultibase };
  }

  [inspect.custom](): string {
    return `Ed25519KeyPair { publicKeyMultibase: '${this.publicKeyMultibase}' }`;
  }
}

export const generateEd25519KeyPair = (): Ed25519KeyPair => Ed25519KeyPair.generate();
