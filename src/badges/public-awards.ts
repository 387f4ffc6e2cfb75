// Which awards anyone may see: an award its learner accepted and made public. Every other award (private,
// offered, declined, revoked before acceptance, unknown) is "not found" to everyone but its learner: never
// "forbidden", which would tell that it exists. The badge page and verification by URL both ask here.
import type { Deps } from '../deps.ts';
import { findAwardCredential } from './award-store.ts';

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
