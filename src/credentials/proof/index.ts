export { canonize } from './canonize.ts';
export {
  createDataIntegrityProof,
  DATA_INTEGRITY_PROOF,
  ED25519_SIGNATURE_2020,
  EDDSA_RDFC_2022,
  hashForProof,
  type ProofCheck,
  type ProofHashInput,
  proofSuiteOf,
  type SignOptions,
  signCredential,
  verifyDataIntegrityProof,
} from './dataIntegrity.ts';
export { describeCanonizeError, UndefinedTermError } from './errors.ts';
export { ED25519_SIGNATURE_2020_CONTEXT, isKnownContext, proofDocumentLoader } from './loader.ts';
