import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from '../learning/testing.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  badgeMailsTo,
  completeOneLessonCourse,
  issuedCredentialOf,
  verifyCredential,
} from './award-testing.ts';
import { processLearningEvents } from './engine.ts';
import { aPublishedBadge, aPublishedCourse } from './testing.ts';

describe('the award engine', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  it('awards the badge once the learner completes both required courses, and mails a claim link', async () => {
    const first = await aOneLessonCourse(t.app, issuer);
    const second = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [first, second], validityDays: 365 });
    const learner = await aLoggedInUser(t.app, t.deps);

    await completeOneLessonCourse(t.app, learner, first);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);

    await completeOneLessonCourse(t.app, learner, second);
    await processLearningEvents(t.deps);
    await processLearningEvents(t.deps);
    const awards = await awardsOfBadge(t.deps, badge.id);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({
      recipientEmail: learner.email.toLowerCase(),
      userId: learner.userId,
      source: 'completion',
      state: 'offered',
      cycle: 1,
    });
    const mails = await badgeMailsTo(t.deps, learner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/^Accept your badge: /);
    expect(mails[0]?.textBody).toMatch(/http:\/\/localhost:3000\/claim\/[A-Za-z0-9_-]{43}/);

    const issued = await issuedCredentialOf(t.deps, awards[0]?.credentialId ?? null);
    expect((await verifyCredential(t.app, issued.credential)).verified).toBe(true);
    const expectedUntil = new Date(awards[0]?.issuedAt ?? 0);
    expectedUntil.setUTCFullYear(expectedUntil.getUTCFullYear() + 1); // 365 days: one calendar year
    expect(new Date(issued.credential.validUntil as string).getTime()).toBe(expectedUntil.getTime());
    expect(new Date(issued.credential.awardedDate as string).getTime()).toBe(
      awards[0]?.awardedDate.getTime(),
    );
  });

  it('consumes each event exactly once when two engines run at the same time', async () => {
    const course = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    const learner = await aLoggedInUser(t.app, t.deps);
    await completeOneLessonCourse(t.app, learner, course);

    await Promise.all([processLearningEvents(t.deps), processLearningEvents(t.deps)]);

    const awards = await awardsOfBadge(t.deps, badge.id);
    expect(awards).toHaveLength(1);
    const credentials = await t.deps.db
      .selectFrom('issuedCredentials')
      .select('id')
      .where('recipientEmail', '=', learner.email.toLowerCase())
      .execute();
    expect(credentials).toHaveLength(1);
    expect(await badgeMailsTo(t.deps, learner.email)).toHaveLength(1);
  });

  it('awards an "n of m" badge after n of its courses', async () => {
    const courses = [
      await aOneLessonCourse(t.app, issuer),
      await aOneLessonCourse(t.app, issuer),
      await aOneLessonCourse(t.app, issuer),
    ];
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: courses, required: 2 });
    const learner = await aLoggedInUser(t.app, t.deps);
    await completeOneLessonCourse(t.app, learner, courses[2] as string);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);
    await completeOneLessonCourse(t.app, learner, courses[0] as string);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
  });

  it('awards a pathway badge once the learner holds both badges it requires', async () => {
    const [a, b] = [await aOneLessonCourse(t.app, issuer), await aOneLessonCourse(t.app, issuer)];
    const badgeA = await aPublishedBadge(t.app, issuer, { courseIds: [a] });
    const badgeB = await aPublishedBadge(t.app, issuer, { courseIds: [b] });
    const pathway = await aPublishedBadge(t.app, issuer, { courseIds: [], badgeIds: [badgeA.id, badgeB.id] });
    const learner = await aLoggedInUser(t.app, t.deps);

    await completeOneLessonCourse(t.app, learner, a);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, pathway.id)).toHaveLength(0);

    await completeOneLessonCourse(t.app, learner, b);
    await processLearningEvents(t.deps);
    const awards = await awardsOfBadge(t.deps, pathway.id);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ source: 'pathway', userId: learner.userId });
    expect(await badgeMailsTo(t.deps, learner.email)).toHaveLength(3);
  });

  it('awards a badge requiring an evidence task when an assessor accepts the evidence', async () => {
    const course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, {
      courseIds: [],
      extra: {
        requirements: { items: [{ kind: 'evidence', courseId: course, unitId: 'essay' }], required: null },
      },
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, course);
    await workThroughSampleCourse(playerOf(t.app, learner, enrolmentId));
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(0);

    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews`,
      headers: issuer.owner.headers,
    });
    const [item] = queue.json().items as Array<{ submission: { id: string } }>;
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${item?.submission.id}`,
      headers: issuer.owner.headers,
      payload: { decision: 'accept', feedback: 'Clear.', scores: [{ criterion: 'Clarity', level: 'clear' }] },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);
  });
});
