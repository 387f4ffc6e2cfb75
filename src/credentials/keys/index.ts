export { decodeMultibase, encodeMultibase } from './base58.ts';
export { InvalidKeyError } from './errors.ts';
export {
  Ed25519KeyPair,
  generateEd25519KeyPair,
  type MultikeyPublic,
  publicKeyFromMultibase,
  publicKeyObjectFromMultibase,
  publicKeyObjectFromRaw,
  publicKeyToMultibase,
  rawPublicKeyOf,
  verifyEd25519,
} from './multikey.ts';
export { decryptSecretKey, encryptSecretKey, KeyUnwrapError } from './wrap.ts';
