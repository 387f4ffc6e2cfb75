// Tessera's standards library: OB 3.0 / VC 2.0 credentials, keys, DIDs, proofs, JWTs, schemas and
// verification. Pure: no database, no HTTP, no clock, no network — the caller passes all of those.

// Contexts and the static document loader
export {
  createStaticDocumentLoader,
  DATA_INTEGRITY_V2_CONTEXT,
  type DocumentLoader,
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS_CONTEXT,
  staticDocumentLoader,
  UnknownContextError,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from './contexts/index.ts';
export { publishedDocument } from './contexts/published.ts';
// VC Data Model 2.0 validation (one stable rule code per violation)
export * from './datamodel/index.ts';
// DIDs: did:key, did:web
export {
  buildDidWebDocument,
  controllerOfMethodId,
  type DidDocument,
  type DidWebKey,
  didJwkOf,
  didKeyFromPublicKeyMultibase,
  didKeyVerificationMethodId,
  didWebId,
  didWebToUrl,
  ed25519PublicKeyOf,
  findVerificationMethod,
  InvalidDidError,
  isDidWeb,
  publicKeyObjectOf,
  resolveDidJwk,
  resolveDidKey,
  type VerificationMethod,
} from './did/index.ts';
// VC-JOSE-COSE vc+jwt
export { decodeCredentialJwt, type JwtSignOptions, signCredentialJwt } from './jwt/index.ts';
// Keys (Ed25519 Multikey) and their wrapping for storage
export {
  decryptSecretKey,
  Ed25519KeyPair,
  encryptSecretKey,
  generateEd25519KeyPair,
  InvalidKeyError,
  KeyUnwrapError,
  type MultikeyPublic,
  publicKeyFromMultibase,
  publicKeyToMultibase,
} from './keys/index.ts';
// The OB 3.0 model
export * from './model/index.ts';
// Proofs: Data Integrity eddsa-rdfc-2022
export {
  canonize,
  createDataIntegrityProof,
  describeCanonizeError,
  hashForProof,
  type ProofCheck,
  type SignOptions,
  signCredential,
  UndefinedTermError,
  verifyDataIntegrityProof,
} from './proof/index.ts';

// JSON Schema
export {
  OB_SCHEMAS,
  type SchemaError,
  type SchemaResult,
  validateAgainstSchema,
  validateOpenBadgeCredential,
} from './schema/index.ts';

// Verification
export * from './verify/index.ts';

// Status lists, baking and OB 2.0 (other modules) are exported below.

// Baking into PNG and SVG (OB 3.0 and OB 2.0)
export {
  type BakedFormat,
  BakeError,
  type BakeErrorCode,
  type BakeInput,
  bake,
  bakePng,
  bakeSvg,
  listPngChunks,
  type Unbaked,
  type UnbakeOptions,
  unbake,
  unbakePng,
  unbakeSvg,
} from './bake/index.ts';

// Open Badges 2.0 hosted documents
export {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildRevokedOb2Assertion,
  checkOb2Assertion,
  checkOb2BadgeClass,
  checkOb2Profile,
  hashOb2Identity,
  type Ob2Assertion,
  type Ob2BadgeClass,
  type Ob2Check,
  type Ob2CheckName,
  type Ob2CheckResult,
  Ob2Error,
  type Ob2Profile,
  type Ob2RevokedAssertion,
  ob2IdentityMatches,
} from './ob2/index.ts';

// Bitstring Status List v1.0 (revocation, suspension)
export {
  Bitstring,
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  buildStatusEntry,
  buildStatusListCredential,
  DEFAULT_MAX_LIST_BYTES,
  decodeList,
  encodeList,
  MIN_LIST_BITS,
  readStatus,
  readStatusValue,
  StatusListError,
  type StatusListErrorCode,
  type StatusPurpose,
  type StatusReading,
  type StatusValue,
} from './status-list/index.ts';
