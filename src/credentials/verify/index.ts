export { type ProofSuite, proofSuiteOf } from '../proof/dataIntegrity.ts';
export { type EnvelopeType, isEnvelope, type Unwrapped, unwrapEnvelope } from './envelope.ts';
export { type HolderKey, resolveHolderKey } from './holderKey.ts';
export {
  DEFAULT_DOCUMENT_LIMITS,
  type DocumentLimitExcess,
  type DocumentLimitName,
  type DocumentLimits,
  findDocumentLimitExcess,
  findJsonTextLimitExcess,
} from './limits.ts';
export {
  type PresentationJwtOptions,
  type VerifiedPresentationJwt,
  verifyPresentationJwt,
} from './presentationJwt.ts';
export { checkEmbeddedProofs, type EmbeddedProofChecks } from './proofs.ts';
export {
  decideByRequestedChecks,
  REQUESTABLE_CHECK_NAMES,
  REQUESTABLE_CHECKS,
  type RequestedCheck,
} from './shared.ts';
export { checkPresentationDataModel, describeViolation, isOpenBadge } from './structure.ts';
export type {
  Check,
  CheckCode,
  CheckStatus,
  CredentialFormat,
  CredentialStatusValue,
  StatusListFetch,
  VerificationResult,
  VerificationWarning,
  VerificationWork,
  VerifyOptions,
} from './types.ts';
export { refuseNonJwtString, verifyCredential } from './verifyCredential.ts';
export { verificationWorkInThisThread } from './work.ts';
