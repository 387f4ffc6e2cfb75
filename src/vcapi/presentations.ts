// Verifying a Verifiable Presentation: its data model, each credential it carries (embedded, VC-JWT, or an
// EnvelopedVerifiableCredential), and its own proofs, if any: a proof set or chain with proofPurpose
// "authentication", the verifier's challenge and domain, each with a key its holder authorizes. An
// EnvelopedVerifiablePresentation (a JWT in a data: URL) is read and verified the same way.
import {
  type Check,
  checkPresentationDataModel,
  decideByRequestedChecks,
  findDocumentLimitExcess,
  isEnvelope,
  type Proof,
  proofSuiteOf,
  type RequestedCheck,
  refuseNonJwtString,
  resolveHolderKey,
  unwrapEnvelope,
  type VerificationResult,
  type VerificationWarning,
  verifyPresentationJwt,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { createResolvers, verificationWork, verifyPresentedCredential } from '../verification/index.ts';

type Json = Record<string, unknown>;

export interface PresentationResult {
  verified: boolean;
  presentation: Check[];
  credentials: VerificationResult[];
  warnings: VerificationWarning[];
}

export interface PresentationOptions {
  challenge?: string;
  domain?: string;
  /**
   * VC-API `options.checks`: which checks of each credential decide (structure and contexts always do).
   * The presentation's own checks (its data model, its proofs with challenge and domain) always decide.
   */
  checks?: readonly RequestedCheck[];
}

const asArray = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const failed = (message: string): Check => ({ code: 'proof', status: 'failed', message });

export async function verifyPresentation(
  deps: Deps,
  presentation: Json,
  options: PresentationOptions,
): Promise<PresentationResult> {
  // Measured before anything is verified: the whole presentation is canonicalised for its proof.
  const excess = findDocumentLimitExcess(presentation);
  if (excess) return refused(excess.message);
  if (isEnvelope(presentation, 'EnvelopedVerifiablePresentation'))
    return verifyEnvelopedPresentation(deps, presentation, options);
  const { checks, warnings } = await checkPresentationProofs(deps, presentation, options);
  return verifyContents(deps, presentation, checks, warnings, options.checks);
}

/** One credential of a presentation: an object or a VC-JWT string (not JSON text), decided as asked. */
async function verifyCarriedCredential(
  deps: Deps,
  credential: unknown,
  requested: readonly RequestedCheck[] | undefined,
): Promise<VerificationResult> {
  const refusal = refuseNonJwtString(credential);
  if (refusal) return { verified: false, format: 'unknown', checks: [refusal], warnings: [] };
  return decideByRequestedChecks(await verifyPresentedCredential(deps, credential), requested);
}

function refused(message: string): PresentationResult {
  return {
    verified: false,
    presentation: [{ code: 'structure', status: 'failed', message }],
    credentials: [],
    warnings: [],
  };
}

/** The presentation's data model and every credential it carries, after its proof checks. */
async function verifyContents(
  deps: Deps,
  presentation: Json,
  proofChecks: Check[],
  warnings: VerificationWarning[],
  requested: readonly RequestedCheck[] | undefined,
): Promise<PresentationResult> {
  const checks = [checkPresentationDataModel(presentation), ...proofChecks];
  const credentials = await Promise.all(
    asArray(presentation.verifiableCredential).map((vc) => verifyCarriedCredential(deps, vc, requested)),
  );
  const verified = checks.every((c) => c.status === 'passed') && credentials.every((c) => c.verified);
  const all = [
    ...warnings,
    ...credentials.flatMap((c, i) =>
      c.warnings.map((w) => ({ ...w, message: `credential ${i + 1}: ${w.message}` })),
    ),
  ];
  return { verified, presentation: checks, credentials, warnings: all };
}

async function verifyEnvelopedPresentation(
  deps: Deps,
  envelope: Json,
  options: PresentationOptions,
): Promise<PresentationResult> {
  const unwrapped = unwrapEnvelope(envelope, 'EnvelopedVerifiablePresentation');
  if (!unwrapped.ok) return refused(unwrapped.message);
  const { resolveDid } = createResolvers(deps);
  const { proof, presentation } = await verifyPresentationJwt(unwrapped.jwt, {
    now: deps.now(),
    resolveDid,
    ...(options.challenge !== undefined && { challenge: options.challenge }),
    ...(options.domain !== undefined && { domain: options.domain }),
  });
  if (!presentation) return { verified: false, presentation: [proof], credentials: [], warnings: [] };
  const excess = findDocumentLimitExcess(presentation);
  if (excess) return refused(excess.message);
  return verifyContents(deps, presentation, [proof], [], options.checks);
}

/** Every proof of the presentation: a set or a chain; types Tessera cannot check are left aside with a warning. */
async function checkPresentationProofs(
  deps: Deps,
  presentation: Json,
  options: PresentationOptions,
): Promise<{ checks: Check[]; warnings: VerificationWarning[] }> {
  const proofs = asArray(presentation.proof);
  if (proofs.length === 0) {
    const check: Check = options.challenge
      ? failed('A challenge was given but the presentation is not signed.')
      : {
          code: 'proof',
          status: 'passed',
          message: 'The presentation is unsigned; only its credentials were checked.',
        };
    return { checks: [check], warnings: [] };
  }
  const known = proofs.filter((proof) => !isObject(proof) || proofSuiteOf(proof as Proof) !== undefined);
  const unknown = proofs.filter(
    (proof): proof is Json => isObject(proof) && proofSuiteOf(proof as Proof) === undefined,
  );
  if (known.length === 0)
    return { checks: [failed('No proof of the presentation is of a type Tessera can check.')], warnings: [] };
  const checks = await Promise.all(
    known.map((proof) =>
      isObject(proof)
        ? checkPresentationProof(deps, presentation, proof, options)
        : failed('A presentation proof must be an object.'),
    ),
  );
  const warnings = unknown.map((proof) => ({
    code: 'unknown-proof-type',
    message: `A presentation proof of type ${String(proof.type).slice(0, 100)} is not one Tessera can check, so it was left aside; the other proofs decide.`,
  }));
  return { checks, warnings };
}

async function checkPresentationProof(
  deps: Deps,
  presentation: Json,
  proof: Json,
  options: PresentationOptions,
): Promise<Check> {
  if (proof.proofPurpose !== 'authentication')
    return failed('A presentation proof must have proofPurpose "authentication".');
  if (options.challenge !== undefined && proof.challenge !== options.challenge)
    return failed('The presentation was not signed for this challenge.');
  if (
    options.domain !== undefined &&
    proof.domain !== options.domain &&
    !asArray(proof.domain).includes(options.domain)
  )
    return failed('The presentation was not signed for this domain.');
  const key = await resolveHolderKey(proof.verificationMethod, createResolvers(deps).resolveDid);
  if (!key.ok) return { code: 'proof', status: key.status, message: key.message };
  if (!key.publicKey) return failed('The signing key is not an Ed25519 key, which its proof type needs.');
  const holder = isObject(presentation.holder) ? presentation.holder.id : presentation.holder;
  if (holder !== undefined && holder !== key.controller)
    return failed('The presentation was signed by someone other than its holder.');
  const result = await verificationWork(deps).verifyProof(presentation, proof as Proof, key.publicKey);
  if (result.ok) return { code: 'proof', status: 'passed', message: 'The presentation signature is valid.' };
  return result.reason === 'unfinished'
    ? { code: 'proof', status: 'unchecked', message: result.message }
    : failed(result.message);
}
