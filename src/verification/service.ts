// Verifying anything presented to us: a credential as JSON or VC-JWT. Always a result, never a throw.
import { type VerificationResult, verifyCredential } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { createResolvers } from './resolvers.ts';

export async function verifyPresentedCredential(deps: Deps, input: unknown): Promise<VerificationResult> {
  const resolvers = createResolvers(deps);
  return verifyCredential(input as never, { now: deps.now(), ...resolvers });
}
