// The learner's holdings as the storefront needs them: which courses to offer as "Resume" or "Review"
// instead of "Add to cart", and which badges to offer as "Open". Always the caller's own.
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope, verifiedEmailsOf } from '../identity/index.ts';
import { completedCourseIdsOf, heldBadgesOf, latestEnrolmentsOf } from './holdings-store.ts';

export interface Holdings {
  courses: Array<{ courseId: string; enrolmentId: string; open: boolean; completed: boolean }>;
  badges: Array<{ badgeId: string; awardId: string; accepted: boolean; expired: boolean }>;
}

export async function holdingsOf(deps: Deps, actor: Actor | null): Promise<Holdings> {
  const me = requireScope(actor, 'read');
  const userId = me.user.id;
  const now = deps.now();
  const [enrolments, completed, emails] = await Promise.all([
    latestEnrolmentsOf(deps.db, userId),
    completedCourseIdsOf(deps.db, userId),
    verifiedEmailsOf(deps, userId),
  ]);
  const badges = await heldBadgesOf(deps.db, userId, emails);
  return {
    courses: enrolments.map((e) => ({
      courseId: e.courseId,
      enrolmentId: e.enrolmentId,
      open: e.accessUntil.getTime() > now.getTime(),
      completed: completed.has(e.courseId),
    })),
    badges: badges.map((b) => ({
      badgeId: b.badgeId,
      awardId: b.awardId,
      accepted: b.state === 'accepted',
      expired: b.validUntil !== null && b.validUntil.getTime() <= now.getTime(),
    })),
  };
}
