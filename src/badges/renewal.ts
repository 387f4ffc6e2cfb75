// Renewal by retaking: a learner whose badge's renewal window is open re-enters a required course (a
// completed one may be retaken; after access ended it opens again, without payment when the badge
// allows it). Completing it again lets the award engine issue the renewed credential.
import type { Deps } from '../deps.ts';
import { NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { enrolForRenewal } from '../learning/index.ts';
import { renewable } from './award.ts';
import { currentAwardOf } from './award-store.ts';
import { latestPublishedVersion } from './definition-store.ts';
import { learnerOfUser } from './learner-record.ts';

export async function retakeForRenewal(
  deps: Deps,
  actor: Actor | null,
  badgeId: string,
  courseId: string,
): Promise<{ enrolmentId: string }> {
  const me = requireActor(actor);
  const learner = await learnerOfUser(deps.db, me.user.id);
  const current = learner ? await currentAwardOf(deps.db, badgeId, learner) : undefined;
  if (!current) throw new NotFoundError('badge');
  if (!renewable(current, deps.now())) {
    throw new RuleError(
      'renewal-not-open',
      'This badge cannot be renewed yet: renewal opens 90 days before it expires.',
    );
  }
  const version = await latestPublishedVersion(deps.db, badgeId);
  const required = version?.requirements.items.some(
    (req) => (req.kind === 'course' || req.kind === 'evidence') && req.courseId === courseId,
  );
  if (!version || !required) throw new NotFoundError('course of this badge');
  const view = await enrolForRenewal(deps, me.user.id, courseId, {
    freeAfterAccessEnded: version.renewAfterAccessEnded,
  });
  return { enrolmentId: view.enrolment.id };
}
