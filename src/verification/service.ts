// Verifying anything presented to us: a credential as JSON or VC-JWT. Always a result, never a throw.
import { type VerificationResult, verifyCredential } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { createResolvers } from './resolvers.ts';
import { verificationWork } from './verification-work.ts';

export async function verifyPresentedCredential(deps: Deps, input: unknown): Promise<VerificationResult> {
  const resolvers = createResolvers(deps);
  const result = await verifyCredential(input as never, {
    now: deps.now(),
    ...resolvers,
    work: verificationWork(deps),
  });
  // The report says only that verification stopped; the cause is ours to see.
  if (result.fault !== undefined) deps.log.error({ err: result.fault }, 'credential verification stopped');
  return result;
}
