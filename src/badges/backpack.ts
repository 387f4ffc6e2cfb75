// The learner's backpack: the badges given to their account, and those offered to one of their verified
// addresses that wait to be accepted. Someone else's award is "not found", never "forbidden".
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope, verifiedEmailsOf } from '../identity/index.ts';
import { type AwardDetail, type AwardView, learnerAward, learnerAwards } from './award-queries.ts';
import { findVersion, versionsByIds } from './definition-store.ts';
import type { Skill } from './model.ts';

export interface BackpackEntry {
  award: AwardView;
  /** The skills the badge version asserts, as the issuer aligned them when publishing it. */
  skills: Skill[];
  expired: boolean;
  /** Offered and still valid: the learner may accept or decline it. */
  claimable: boolean;
}

export function backpackEntry<T extends AwardView>(
  award: T,
  skills: Skill[],
  now: Date,
): BackpackEntry & { award: T } {
  const expired = award.validUntil !== null && award.validUntil.getTime() <= now.getTime();
  return {
    award,
    skills,
    expired,
    claimable:
      award.state === 'offered' &&
      award.credentialState === 'active' &&
      award.supersededAt === null &&
      !expired,
  };
}

export async function myBadges(deps: Deps, actor: Actor | null): Promise<BackpackEntry[]> {
  const me = requireScope(actor, 'read');
  const emails = await verifiedEmailsOf(deps, me.user.id);
  const now = deps.now();
  const awards = await learnerAwards(deps.db, me.user.id, emails);
  const versions = await versionsByIds(deps.db, [...new Set(awards.map((award) => award.badgeVersionId))]);
  const skillsOf = new Map(versions.map((version) => [version.id, version.skills]));
  return awards.map((award) => backpackEntry(award, skillsOf.get(award.badgeVersionId) ?? [], now));
}

export async function myBadge(
  deps: Deps,
  actor: Actor | null,
  awardId: string,
): Promise<BackpackEntry & { award: AwardDetail }> {
  const me = requireScope(actor, 'read');
  const emails = await verifiedEmailsOf(deps, me.user.id);
  const award = await learnerAward(deps.db, me.user.id, emails, awardId);
  if (!award) throw new NotFoundError('award');
  const version = await findVersion(deps.db, award.badgeVersionId);
  return backpackEntry(award, version?.skills ?? [], deps.now());
}
