// verifyCredential: every check a verifier needs, each in plain words, for a credential as JSON
// (Data Integrity or Ed25519Signature2020 proof, VC 2.0 or 1.1) or as a vc+jwt.
// The model is digitalbazaar/vc's verifyCredential (the world comes in as parameters), split by check.
import { looksLikeJwt } from '../jwt/vcJwt.ts';
import { checkContexts } from './contexts.ts';
import { verifyJwt } from './jwtCredential.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { checkEmbeddedProofs } from './proofs.ts';
import { contentChecks, result, unreadable } from './shared.ts';
import type { VerificationResult, VerifyOptions } from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

type JsonObject = Record<string, unknown>;

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
