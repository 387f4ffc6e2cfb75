// The costly steps of verification, run on the caller's thread: the default VerificationWork.
// A worker thread runs these very functions (see VerifyOptions.work).
import type { Proof } from '../model/types.ts';
import { type ProofCheck, verifyDataIntegrityProof } from '../proof/dataIntegrity.ts';
import { checkStructure } from './structure.ts';
import type { Check, VerificationWork } from './types.ts';

export const verificationWorkInThisThread: VerificationWork = {
  verifyProof: (
    document: Record<string, unknown>,
    proof: Proof,
    publicKey: Uint8Array,
  ): Promise<ProofCheck> => verifyDataIntegrityProof(document, proof, publicKey),
  checkStructure: async (credential: Record<string, unknown>): Promise<Check> => checkStructure(credential),
};
