// Which awards anyone may see: an award its learner accepted and made public. Every other award (private,
// offered, declined, revoked before acceptance, unknown) is "not found" to everyone but its learner: never
// "forbidden", which would tell that it exists. The badge page and verification by URL both ask here.
import type { Deps } from '../deps.ts';
import {
  findAwardCredential,
  findSupersessionOfCredential,
  findSupersessionOfWalletCopy,
} from './award-store.ts';

export function isPublicAward(award: { visibility: string; state: string }): boolean {
  return award.visibility === 'public' && award.state === 'accepted';
}

/** The signed credential of a public award (what its badge page answers to `Accept: application/ld+json`). */
export async function publicCredentialOf(
  deps: Deps,
  awardId: string,
): Promise<Record<string, unknown> | undefined> {
  const award = await findAwardCredential(deps.db, awardId);
  return award && isPublicAward(award) && award.credential ? award.credential : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the credential this server issued as `credentialId` (an award's, or a wallet's copy of it), by the
 * issuer `issuerId`, belongs to an award a renewal has replaced. Verification asks, to say "superseded" rather than a bare "verified" or "expired".
 */
export async function isSupersededCredential(
  deps: Deps,
  credentialId: string,
  issuerId: string | undefined,
): Promise<boolean> {
  if (!UUID.test(credentialId)) return false;
  const id = credentialId.toLowerCase();
  // An award's own credential, else a wallet's copy of one (which names the award's issuer as its issuer).
  const found =
    (await findSupersessionOfCredential(deps.db, id)) ?? (await findSupersessionOfWalletCopy(deps.db, id));
  if (!found?.supersededAt || !found.credential) return false;
  if (issuerId === undefined) return true;
  const issuer = (found.credential as { issuer?: unknown }).issuer;
  return (typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id) === issuerId;
}
