export { checkEmbeddedProofs, type EmbeddedProofChecks } from './proofs.ts';
export type {
  Check,
  CheckCode,
  CheckStatus,
  CredentialFormat,
  CredentialStatusValue,
  StatusListFetch,
  VerificationResult,
  VerifyOptions,
} from './types.ts';
export { verifyCredential } from './verifyCredential.ts';
