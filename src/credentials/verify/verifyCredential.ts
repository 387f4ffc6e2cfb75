// verifyCredential: every check a verifier needs, each in plain words, for any W3C credential as JSON
// (Data Integrity or Ed25519Signature2020 proofs, VC 2.0 or 1.1), as a vc+jwt, or enveloped (a vc+jwt in a
// data: URL). Open Badges get one more check, `open-badges` (the OB 3.0 JSON Schema).
// The model is digitalbazaar/vc's verifyCredential (the world comes in as parameters), split by check.
import { looksLikeJwt } from '../jwt/vcJwt.ts';
import { checkContexts } from './contexts.ts';
import { isEnvelope, unwrapEnvelope } from './envelope.ts';
import { verifyJwt } from './jwtCredential.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { checkEmbeddedProofs } from './proofs.ts';
import { contentChecks, result, unreadable } from './shared.ts';
import { isOpenBadge } from './structure.ts';
import { type Check, check, type VerificationResult, type VerifyOptions } from './types.ts';
import { openBadgesCheckThrough, verificationWorkInThisThread } from './work.ts';

type JsonObject = Record<string, unknown>;

/** The `open-badges` check, for Open Badges only (a plain VC has none). */
async function openBadgesChecks(credential: JsonObject, options: VerifyOptions): Promise<Check[]> {
  return isOpenBadge(credential) ? [await openBadgesCheckThrough(options.work)(credential)] : [];
}

async function verifyEmbedded(credential: JsonObject, options: VerifyOptions): Promise<VerificationResult> {
  const [structure, openBadges, { format, proof, issuerKey, warnings }] = await Promise.all([
    (options.work ?? verificationWorkInThisThread).checkStructure(credential),
    openBadgesChecks(credential, options),
    checkEmbeddedProofs(credential, options),
  ]);
  const checks = [
    structure,
    ...openBadges,
    checkContexts(credential),
    proof,
    issuerKey,
    ...(await contentChecks(credential, options)),
  ];
  return result(format, checks, credential, warnings);
}

/** A VC-JWT's result with the `open-badges` check after its `structure` check, when it carries an Open Badge. */
async function verifyJwtCredential(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const verified = await verifyJwt(jwt, options);
  const openBadges = verified.credential ? await openBadgesChecks(verified.credential, options) : [];
  const at = verified.checks.findIndex((item) => item.code === 'structure') + 1;
  const checks = [...verified.checks.slice(0, at), ...openBadges, ...verified.checks.slice(at)];
  return result(verified.format, checks, verified.credential, verified.warnings ?? []);
}

type Parsed = { jwt: string } | { credential: JsonObject } | { error: string };

/**
 * VC-API: a credential is sent as an object, or as a VC-JWT string (compact JWS). JSON text inside a
 * string is no credential there (unlike the verify page, where pasted text is read): it gets this failed
 * `structure` check; anything else, undefined.
 */
export function refuseNonJwtString(input: unknown): Check | undefined {
  if (typeof input !== 'string' || looksLikeJwt(input)) return undefined;
  return check(
    'structure',
    'failed',
    'The credential must be an object, or a VC-JWT string (a compact JWS); other strings, JSON text included, are not verified.',
  );
}

function parseInput(input: unknown): Parsed {
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
  if (isEnvelope(input, 'EnvelopedVerifiableCredential')) {
    const unwrapped = unwrapEnvelope(input, 'EnvelopedVerifiableCredential');
    return unwrapped.ok ? { jwt: unwrapped.jwt } : { error: unwrapped.message };
  }
  return { credential: input as JsonObject };
}

/**
 * Verifies a credential and reports each check. Never throws: malformed input yields failed checks, and
 * a document over the limits (limits.ts) is refused before any JSON-LD work.
 * Checks: structure, (open-badges), contexts, proof, issuer-key, (jwt-claims), issuer-identity, not-before,
 * not-expired, status. `verified` is true only when all of them passed; warnings never change it.
 */
export async function verifyCredential(
  input: object | string,
  options: VerifyOptions,
): Promise<VerificationResult> {
  try {
    const parsed = parseInput(input);
    if ('error' in parsed) return unreadable(parsed.error);
    if ('jwt' in parsed) return await verifyJwtCredential(parsed.jwt, options);
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
