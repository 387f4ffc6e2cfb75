// Verifying a Verifiable Presentation: each credential it carries, and its own proof (if any) with
// proofPurpose "authentication", the verifier's challenge and domain, and a key of the holder.
import {
  type Check,
  controllerOfMethodId,
  ed25519PublicKeyOf,
  findDocumentLimitExcess,
  findVerificationMethod,
  resolveDidKey,
  type VerificationResult,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { createResolvers, verificationWork, verifyPresentedCredential } from '../verification/index.ts';

type Json = Record<string, unknown>;

export interface PresentationResult {
  verified: boolean;
  presentation: Check[];
  credentials: VerificationResult[];
}

const asArray = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export async function verifyPresentation(
  deps: Deps,
  presentation: Json,
  options: { challenge?: string; domain?: string; unsignedPresentation?: boolean },
): Promise<PresentationResult> {
  // Measured before anything is verified: the whole presentation is canonicalised for its proof.
  const excess = findDocumentLimitExcess(presentation);
  if (excess) {
    return {
      verified: false,
      presentation: [{ code: 'structure', status: 'failed', message: excess.message }],
      credentials: [],
    };
  }
  const checks: Check[] = [];
  const types = asArray(presentation.type);
  if (!types.includes('VerifiablePresentation')) {
    checks.push({
      code: 'structure',
      status: 'failed',
      message: 'The type of a presentation must include "VerifiablePresentation".',
    });
  }
  const credentials = await Promise.all(
    asArray(presentation.verifiableCredential).map((vc) => verifyPresentedCredential(deps, vc)),
  );
  const proofs = asArray(presentation.proof);
  if (proofs.length === 0) {
    checks.push(
      options.challenge
        ? {
            code: 'proof',
            status: 'failed',
            message: 'A challenge was given but the presentation is not signed.',
          }
        : {
            code: 'proof',
            status: 'passed',
            message: 'The presentation is unsigned; only its credentials were checked.',
          },
    );
  }
  for (const proof of proofs) {
    checks.push(
      proof && typeof proof === 'object' && !Array.isArray(proof)
        ? await checkPresentationProof(deps, presentation, proof as Json, options)
        : { code: 'proof', status: 'failed', message: 'A presentation proof must be an object.' },
    );
  }
  const verified = checks.every((c) => c.status === 'passed') && credentials.every((c) => c.verified);
  return { verified, presentation: checks, credentials };
}

async function checkPresentationProof(
  deps: Deps,
  presentation: Json,
  proof: Json,
  options: { challenge?: string; domain?: string },
): Promise<Check> {
  const fail = (message: string): Check => ({ code: 'proof', status: 'failed', message });
  if (proof.proofPurpose !== 'authentication')
    return fail('A presentation proof must have proofPurpose "authentication".');
  if (options.challenge !== undefined && proof.challenge !== options.challenge)
    return fail('The presentation was not signed for this challenge.');
  if (options.domain !== undefined && proof.domain !== options.domain)
    return fail('The presentation was not signed for this domain.');
  const methodId = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  if (!methodId) return fail('The presentation proof names no verification method.');
  const controller = controllerOfMethodId(methodId);
  if (
    presentation.holder !== undefined &&
    presentation.holder !== controller &&
    (presentation.holder as Json)?.id !== controller
  ) {
    return fail('The presentation was signed by someone other than its holder.');
  }
  const document = resolveDidKey(controller) ?? (await createResolvers(deps).resolveDid(controller));
  if (!document)
    return {
      code: 'proof',
      status: 'unchecked',
      message: `The signer's DID document (${controller}) could not be obtained.`,
    };
  const lookup = findVerificationMethod(document, methodId, 'authentication');
  if (!lookup.found || !lookup.authorized)
    return fail('The signing key is not one its DID document authorizes for authentication.');
  const publicKey = ed25519PublicKeyOf(lookup.method);
  if (!publicKey) return fail('The signing key is not an Ed25519 key.');
  const result = await verificationWork(deps).verifyProof(presentation, proof as never, publicKey);
  if (result.ok) return { code: 'proof', status: 'passed', message: 'The presentation signature is valid.' };
  return result.reason === 'unfinished'
    ? { code: 'proof', status: 'unchecked', message: result.message }
    : fail(result.message);
}
