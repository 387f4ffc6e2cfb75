// A credential signed with a key its issuer (of this server) revoked as compromised: the `issuer-key` check
// says so in plain words. Issued before the key was compromised, per the issuer's records, it stays the
// issuer's; otherwise it fails, and the issuer may issue it again with its new key.
import type { Deps } from '../deps.ts';
import { signingKeyRevocation } from '../issuing/index.ts';
import type { ReportCheck } from './report.ts';

type Json = Record<string, unknown>;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The verification methods the credential's signatures name: each proof's, or the VC-JWT's `kid`. */
function signingMethods(credential: Json | string): string[] {
  if (typeof credential === 'string') {
    try {
      const header = JSON.parse(Buffer.from(credential.split('.')[0] ?? '', 'base64url').toString('utf8'));
      return typeof header?.kid === 'string' ? [header.kid] : [];
    } catch {
      return [];
    }
  }
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  return proofs
    .map((proof) => (proof && typeof proof === 'object' ? (proof as Json).verificationMethod : undefined))
    .filter((method): method is string => typeof method === 'string');
}

/** The checks with `issuer-key` restated when the signing key is one of ours its issuer revoked. */
export async function withRevokedKeyCheck(
  deps: Deps,
  credential: Json | string,
  credentialId: string | undefined,
  checks: ReportCheck[],
): Promise<ReportCheck[]> {
  const at = checks.findIndex((check) => check.code === 'issuer-key');
  if (at < 0) return checks;
  for (const method of signingMethods(credential).slice(0, 4)) {
    const revocation = await signingKeyRevocation(deps, method, credentialId).catch((error: unknown) => {
      deps.log.error({ err: error }, 'verification: looking up a revoked key failed');
      return undefined;
    });
    if (!revocation) continue;
    const proofPassed = checks.some((check) => check.code === 'proof' && check.status === 'passed');
    const restated: ReportCheck =
      revocation.issuedBeforeCompromise && revocation.issuedAt && proofPassed
        ? {
            code: 'issuer-key',
            status: 'passed',
            message:
              `Signed with a key the issuer revoked on ${day(revocation.revokedAt)}; the issuer's records show ` +
              `it issued this credential on ${day(revocation.issuedAt)}, before the key was compromised ` +
              `(from ${day(revocation.compromisedSince)}).`,
          }
        : {
            code: 'issuer-key',
            status: 'failed',
            message:
              `Signed with a key the issuer revoked on ${day(revocation.revokedAt)} (treated as compromised ` +
              `from ${day(revocation.compromisedSince)}): the signature no longer shows that the issuer ` +
              'issued it. The issuer may issue it again with its new key.',
          };
    return checks.map((check, i) => (i === at ? restated : check));
  }
  return checks;
}
