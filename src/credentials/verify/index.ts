export {
  DEFAULT_DOCUMENT_LIMITS,
  type DocumentLimitExcess,
  type DocumentLimitName,
  type DocumentLimits,
  findDocumentLimitExcess,
  findJsonTextLimitExcess,
} from './limits.ts';
export { checkEmbeddedProofs, type EmbeddedProofChecks } from './proofs.ts';
export type {
  Check,
  CheckCode,
  CheckStatus,
  CredentialFormat,
  CredentialStatusValue,
  StatusListFetch,
  VerificationResult,
  VerificationWork,
  VerifyOptions,
} from './types.ts';
export { verifyCredential } from './verifyCredential.ts';
export { verificationWorkInThisThread } from './work.ts';
