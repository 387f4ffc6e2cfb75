// Verifying anything presented to us: a credential as JSON or VC-JWT. Always a result, never a throw.
import { isSupersededCredential } from '../badges/index.ts';
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
  const superseded = await replacedByRenewal(deps, result).catch((error: unknown) => {
    deps.log.error({ err: error }, 'verification: looking up a renewal failed');
    return false;
  });
  return superseded
    ? {
        ...result,
        warnings: [
          ...result.warnings,
          {
            code: 'superseded',
            message:
              'The badge is genuine, but its holder renewed it: a newer award of the same badge replaces this one.',
          },
        ],
      }
    : result;
}

const URN_UUID = /^urn:uuid:([0-9a-f-]{36})$/i;
/** Failures that leave a credential genuine: only then is "replaced by a renewal" worth saying. */
const GENUINE_DESPITE = new Set(['not-expired', 'not-before']);

/** A genuine credential of ours (an award's, or a wallet's copy of it) whose award a renewal replaced. */
async function replacedByRenewal(deps: Deps, result: VerificationResult): Promise<boolean> {
  const id = URN_UUID.exec(String(result.credential?.id ?? ''))?.[1];
  if (!id || result.checks.some((c) => c.status === 'failed' && !GENUINE_DESPITE.has(c.code))) return false;
  const issuer = result.credential?.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  return typeof issuerId === 'string' && isSupersededCredential(deps, id, issuerId);
}
