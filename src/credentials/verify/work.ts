// The costly steps of verification, run on the caller's thread: the default VerificationWork.
// A worker thread runs these very functions (see VerifyOptions.work).
import type { Proof } from '../model/types.ts';
import { type ProofCheck, verifyDataIntegrityProof } from '../proof/dataIntegrity.ts';
import { checkDataModel, checkOpenBadges } from './structure.ts';
import type { Check, VerificationWork } from './types.ts';

export const verificationWorkInThisThread: Required<VerificationWork> = {
  verifyProof: (
    document: Record<string, unknown>,
    proof: Proof,
    publicKey: Uint8Array,
  ): Promise<ProofCheck> => verifyDataIntegrityProof(document, proof, publicKey),
  checkStructure: async (credential: Record<string, unknown>): Promise<Check> => checkDataModel(credential),
  checkOpenBadges: async (credential: Record<string, unknown>): Promise<Check> => checkOpenBadges(credential),
};

/** The Open Badges schema check through `work`, on this thread when `work` does not offer it. */
export const openBadgesCheckThrough = (work: VerificationWork | undefined) =>
  work?.checkOpenBadges?.bind(work) ?? verificationWorkInThisThread.checkOpenBadges;
