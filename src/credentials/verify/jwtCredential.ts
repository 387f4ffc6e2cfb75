// Verifying a credential secured as a VC-JWT (OB 3.0 §8.2.6 "Verify a Credential"): the signature by
// the issuer's key, the JWT claims against the credential they carry, then the same content checks as
// any credential. The key is named by `kid` (dereferenced like a proof's verificationMethod) or carried
// in `jwk` (then the issuer must be shown to control it: issuerKey.ts).
import type { KeyObject } from 'node:crypto';
import { publicKeyObjectOf } from '../did/verificationMethod.ts';
import { mismatchedClaims, missingClaims } from '../jwt/claims.ts';
import {
  type DecodedCredentialJwt,
  decodeCredentialJwt,
  verifyCredentialJwtSignature,
} from '../jwt/vcJwt.ts';
import { checkContexts } from './contexts.ts';
import { issuerIdOf } from './issuerIdentity.ts';
import { type IssuerKeyResolution, resolveCarriedIssuerKey, resolveIssuerKey } from './issuerKey.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { contentChecks, result, unreadable } from './shared.ts';
import { type Check, check, type VerificationResult, type VerifyOptions } from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

type Decoded = Extract<DecodedCredentialJwt, { ok: true }>;

/** The issuer-key verdict and the key to check the signature with. */
async function issuerKeyOf(
  decoded: Decoded,
  issuerId: string | undefined,
  options: VerifyOptions,
): Promise<{ resolution: IssuerKeyResolution; key?: KeyObject }> {
  const { header, headerKey } = decoded;
  if (!header.kid) {
    const resolution = await resolveCarriedIssuerKey(issuerId, headerKey as KeyObject, options.resolveDid);
    return { resolution, key: headerKey };
  }
  // A bare fragment kid ("#key-1") is relative to the issuer's id.
  const kid = header.kid.startsWith('#') && issuerId ? `${issuerId}${header.kid}` : header.kid;
  const resolution = await resolveIssuerKey(issuerId, kid, options.resolveDid, 'any');
  const named = resolution.method && publicKeyObjectOf(resolution.method);
  if (named && headerKey && !named.equals(headerKey)) {
    return {
      resolution: {
        check: check('issuer-key', 'failed', `The JWT's kid ${kid} and its jwk header name different keys.`),
      },
      key: named,
    };
  }
  return { resolution, key: named ?? headerKey };
}

const ALGORITHM_KEYS: Record<string, string> = {
  RS256: 'rsa',
  ES256: 'ec',
  EdDSA: 'ed25519',
  Ed25519: 'ed25519',
};

async function signatureCheck(jwt: string, alg: string, key: KeyObject | undefined): Promise<Check> {
  if (!key) {
    return check(
      'proof',
      'unchecked',
      "The signature could not be checked because the issuer's key could not be obtained.",
    );
  }
  if (ALGORITHM_KEYS[alg] !== key.asymmetricKeyType) {
    return check(
      'proof',
      'failed',
      `The JWT's algorithm ${alg} does not fit the issuer's ${key.asymmetricKeyType} key.`,
    );
  }
  return (await verifyCredentialJwtSignature(jwt, key))
    ? check(
        'proof',
        'passed',
        `The JWT signature (${alg}) is valid: the credential is unchanged since it was signed.`,
      )
    : check(
        'proof',
        'failed',
        'The JWT signature does not match: the credential was changed after it was signed, or signed with another key.',
      );
}

function claimsCheck(decoded: Decoded): Check {
  const { credential, claims, binding } = decoded;
  const missing = binding === 'open-badges' ? missingClaims(credential, claims) : [];
  const mismatched = mismatchedClaims(credential, claims);
  if (missing.length === 0 && mismatched.length === 0)
    return check('jwt-claims', 'passed', 'The JWT claims agree with the credential.');
  const sentences = [
    missing.length > 0 &&
      `The JWT lacks the claim${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the Open Badges VC-JWT binding requires.`,
    mismatched.length > 0 &&
      `The JWT claims ${mismatched.join(', ')} disagree with the credential they carry.`,
  ].filter(Boolean);
  return check('jwt-claims', 'failed', sentences.join(' '), [...missing, ...mismatched]);
}

export async function verifyJwt(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const decoded = decodeCredentialJwt(jwt);
  if (!decoded.ok) return result('jwt', [check('proof', 'failed', decoded.message)]);
  const { credential, header } = decoded;
  const excess = findDocumentLimitExcess(credential);
  if (excess) return unreadable(excess.message, 'jwt');
  const structureCheck = (options.work ?? verificationWorkInThisThread).checkStructure(credential);
  const { resolution, key } = await issuerKeyOf(decoded, issuerIdOf(credential), options);
  const proof = await signatureCheck(jwt, header.alg, key);
  // An embedded proof inside the payload is allowed (OB 3.0 §8.2.2: made before the JWT) and covered by
  // the JWT signature; one valid proof suffices (OB 3.0 §9.1), so it is not checked again.
  const checks = [
    await structureCheck,
    checkContexts(credential),
    proof,
    resolution.check,
    claimsCheck(decoded),
    ...(await contentChecks(credential, options)),
  ];
  return result('jwt', checks, credential);
}
