// Test factory of the showcase: a learner holding an accepted badge (earned by completing a course).
import type { FastifyInstance } from 'fastify';
import {
  aOneLessonCourse,
  completeOneLessonCourse,
  lastClaimToken,
  settleLearningEvents,
} from '../../test/support/awards.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import type { Deps } from '../deps.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner } from '../issuing/testing.ts';

export async function anAcceptedBadge(
  app: FastifyInstance,
  deps: Deps,
  options: { badgeName?: string; learnerName?: string; extra?: Record<string, unknown> } = {},
) {
  const issuer = await anIssuerWithOwner(app, deps);
  const courseId = await aOneLessonCourse(app, issuer);
  const badge = await aPublishedBadge(app, issuer, {
    courseIds: [courseId],
    name: options.badgeName,
    extra: options.extra,
  });
  const learner = await aLoggedInUser(app, deps, { name: options.learnerName });
  await completeOneLessonCourse(app, learner, courseId);
  await settleLearningEvents(deps);
  const token = await lastClaimToken(deps, learner.email);
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/v1/claims/${token}/accept`,
    headers: learner.headers,
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  const award = await deps.db
    .selectFrom('awards')
    .selectAll()
    .where('badgeId', '=', badge.id)
    .executeTakeFirstOrThrow();
  return { issuer, badge, learner, award };
}
