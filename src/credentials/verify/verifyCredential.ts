// verifyCredential: every check a verifier needs, each in plain words, for a credential as JSON
// (Data Integrity or Ed25519Signature2020 proof, VC 2.0 or 1.1) or as a vc+jwt.
// The model is digitalbazaar/vc's verifyCredential (the world comes in as parameters), split by check.
import {
  decodeCredentialJwt,
  looksLikeJwt,
  mismatchedClaims,
  verifyCredentialJwtSignature,
} from '../jwt/vcJwt.ts';
import { checkContexts } from './contexts.ts';
import { checkNotBefore, checkNotExpired } from './dates.ts';
import { checkIssuerIdentity, issuerIdOf } from './issuerIdentity.ts';
import { resolveIssuerKey } from './issuerKey.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { checkEmbeddedProofs } from './proofs.ts';
import { checkStatus } from './status.ts';
import {
  type Check,
  type CredentialFormat,
  check,
  type VerificationResult,
  type VerifyOptions,
} from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

type JsonObject = Record<string, unknown>;

/** Overall rule: verified only when every check passed. `unchecked` counts against: we could not confirm. */
const allPassed = (checks: Check[]) => checks.every((item) => item.status === 'passed');

const result = (format: CredentialFormat, checks: Check[], credential?: JsonObject): VerificationResult => ({
  verified: checks.length > 0 && allPassed(checks),
  format,
  ...(credential && { credential }),
  checks,
});

const unreadable = (message: string, format: CredentialFormat = 'unknown'): VerificationResult =>
  result(format, [check('structure', 'failed', message)]);

/** Checks that do not depend on how the credential is secured. */
async function contentChecks(credential: JsonObject, options: VerifyOptions): Promise<Check[]> {
  const skewMs = (options.maxClockSkewSeconds ?? 0) * 1000;
  // Without a usable clock the dates cannot be judged; a NaN date would otherwise compare as "fine".
  const clockOk = options.now instanceof Date && !Number.isNaN(options.now.getTime());
  const noClock = 'No valid current time was given, so the validity dates could not be checked.';
  return [
    checkIssuerIdentity(credential),
    clockOk ? checkNotBefore(credential, options.now, skewMs) : check('not-before', 'unchecked', noClock),
    clockOk ? checkNotExpired(credential, options.now, skewMs) : check('not-expired', 'unchecked', noClock),
    await checkStatus(credential, options),
  ];
}

async function verifyEmbedded(credential: JsonObject, options: VerifyOptions): Promise<VerificationResult> {
  const [structure, { format, proof, issuerKey }] = await Promise.all([
    (options.work ?? verificationWorkInThisThread).checkStructure(credential),
    checkEmbeddedProofs(credential, options),
  ]);
  const checks = [
    structure,
    checkContexts(credential),
    proof,
    issuerKey,
    ...(await contentChecks(credential, options)),
  ];
  return result(format, checks, credential);
}

async function verifyJwt(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const decoded = decodeCredentialJwt(jwt);
  if (!decoded.ok) return result('jwt', [check('proof', 'failed', decoded.message)]);
  const { credential, claims, header } = decoded;
  const excess = findDocumentLimitExcess(credential);
  if (excess) return unreadable(excess.message, 'jwt');
  const structureCheck = (options.work ?? verificationWorkInThisThread).checkStructure(credential);
  // A bare fragment kid ("#key-1") is relative to the issuer's DID.
  const issuerId = issuerIdOf(credential);
  const kid = header.kid.startsWith('#') && issuerId ? `${issuerId}${header.kid}` : header.kid;
  const key = await resolveIssuerKey(issuerId, kid, options.resolveDid);
  const proof = !key.publicKey
    ? check(
        'proof',
        'unchecked',
        "The signature could not be checked because the issuer's key could not be obtained.",
      )
    : (await verifyCredentialJwtSignature(jwt, key.publicKey))
      ? check(
          'proof',
          'passed',
          'The JWT signature is valid: the credential is unchanged since it was signed.',
        )
      : check(
          'proof',
          'failed',
          'The JWT signature does not match: the credential was changed after it was signed, or signed with another key.',
        );
  const mismatched = mismatchedClaims(credential, claims);
  const jwtClaims =
    mismatched.length === 0
      ? check('jwt-claims', 'passed', 'The JWT claims agree with the credential.')
      : check(
          'jwt-claims',
          'failed',
          `The JWT claims ${mismatched.join(', ')} disagree with the credential they carry.`,
          mismatched,
        );
  const embeddedProof =
    'proof' in credential
      ? [check('structure', 'failed', 'A vc+jwt must not also carry an embedded proof.')]
      : [];
  const checks = [
    await structureCheck,
    ...embeddedProof,
    checkContexts(credential),
    proof,
    key.check,
    jwtClaims,
    ...(await contentChecks(credential, options)),
  ];
  return result('jwt', checks, credential);
}

function parseInput(input: unknown): { jwt: string } | { credential: JsonObject } | { error: string } {
  if (typeof input === 'string') {
    const text = input.trim();
    if (looksLikeJwt(text)) return { jwt: text };
    if (!text.startsWith('{')) return { error: 'The input is neither a JSON credential nor a JWT.' };
    try {
      input = JSON.parse(text);
    } catch {
      return { error: 'The input is not valid JSON.' };
    }
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { error: 'The input is not a credential object.' };
  return { credential: input as JsonObject };
}

/**
 * Verifies a credential and reports each check. Never throws: malformed input yields failed checks, and
 * a document over the limits (limits.ts) is refused before any JSON-LD work.
 * Checks: structure, contexts, proof, issuer-key, (jwt-claims), issuer-identity, not-before,
 * not-expired, status. `verified` is true only when all of them passed.
 */
export async function verifyCredential(
  input: object | string,
  options: VerifyOptions,
): Promise<VerificationResult> {
  try {
    const parsed = parseInput(input);
    if ('error' in parsed) return unreadable(parsed.error);
    if ('jwt' in parsed) return await verifyJwt(parsed.jwt, options);
    // Measured before any JSON-LD work: expansion and canonicalisation cost grows with what is counted here.
    const excess = findDocumentLimitExcess(parsed.credential);
    if (excess) return unreadable(excess.message);
    return await verifyEmbedded(structuredClone(parsed.credential), options);
  } catch (error) {
    // A bug of ours, not a verdict on the credential: still a result, still not verified, and its
    // text stays out of the report (the caller logs `fault`).
    return {
      ...unreadable('Verification stopped unexpectedly on this input, so nothing about it is confirmed.'),
      fault: error,
    };
  }
}
