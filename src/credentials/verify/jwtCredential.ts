// Verifying a credential secured as a VC-JWT: the signature by the issuer's key, the JWT claims against
// the credential they carry, then the same content checks as any credential.
import { decodeCredentialJwt, mismatchedClaims, verifyCredentialJwtSignature } from '../jwt/vcJwt.ts';
import { checkContexts } from './contexts.ts';
import { issuerIdOf } from './issuerIdentity.ts';
import { resolveIssuerKey } from './issuerKey.ts';
import { findDocumentLimitExcess } from './limits.ts';
import { contentChecks, result, unreadable } from './shared.ts';
import { check, type VerificationResult, type VerifyOptions } from './types.ts';
import { verificationWorkInThisThread } from './work.ts';

export async function verifyJwt(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
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
