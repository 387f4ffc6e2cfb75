export { didJwkOf, isDidJwk, resolveDidJwk } from './didJwk.ts';
export {
  didKeyFromPublicKeyMultibase,
  didKeyVerificationMethodId,
  isDidKey,
  resolveDidKey,
} from './didKey.ts';
export {
  buildDidWebDocument,
  type DidWebKey,
  didWebId,
  didWebToUrl,
  InvalidDidError,
  isDidWeb,
} from './didWeb.ts';
export type { DidDocument, VerificationMethod } from './types.ts';
export {
  controllerOfMethodId,
  ed25519PublicKeyOf,
  findVerificationMethod,
  findVerificationMethodByKey,
  type MethodLookup,
  publicKeyObjectOf,
} from './verificationMethod.ts';
