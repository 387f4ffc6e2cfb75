import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aVerifiedUser, logInAs } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  completeOneLessonCourse,
  issuedCredentialOf,
  lastClaimToken,
  verifyCredential,
} from './award-testing.ts';
import { processLearningEvents } from './engine.ts';
import { aPublishedBadge } from './testing.ts';

const DAY_MS = 86_400_000;

describe('renewing a badge by retaking its course', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  const start = new Date('2026-01-05T10:00:00Z');
  let clock = start;
  const at = (days: number) => {
    clock = new Date(start.getTime() + days * DAY_MS);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  it('issues a new credential that supersedes the old one (not revoked), keeping the first awarded date', async () => {
    at(0);
    // Access to the course lasts 10 days; the badge 120 days, so renewal opens on day 30.
    const course = await aOneLessonCourse(t.app, issuer, { accessDays: 10 });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course], validityDays: 120 });
    const person = await aVerifiedUser(t.deps);
    await completeOneLessonCourse(t.app, await logInAs(t.app, person.email), course);
    await processLearningEvents(t.deps);
    const [first] = await awardsOfBadge(t.deps, badge.id);
    expect(first).toMatchObject({ cycle: 1, source: 'completion' });

    // Retaken before the window opens: nothing happens.
    at(20);
    await completeOneLessonCourse(t.app, await logInAs(t.app, person.email), course);
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(1);

    at(35);
    await completeOneLessonCourse(t.app, await logInAs(t.app, person.email), course);
    await processLearningEvents(t.deps);
    const [old, renewed] = await awardsOfBadge(t.deps, badge.id);
    expect(renewed).toMatchObject({ cycle: 2, source: 'renewal', userId: person.user.id });
    expect(renewed?.awardedDate.getTime()).toBe(first?.awardedDate.getTime());
    expect(renewed?.validUntil?.getTime()).toBe((renewed?.issuedAt.getTime() ?? 0) + 120 * DAY_MS);
    expect(old).toMatchObject({ supersededBy: renewed?.id });
    expect(old?.supersededAt?.getTime()).toBe(clock.getTime());

    const oldCredential = await issuedCredentialOf(t.deps, old?.credentialId ?? null);
    expect(oldCredential.state).toBe('active');
    const newCredential = await issuedCredentialOf(t.deps, renewed?.credentialId ?? null);
    expect(new Date(newCredential.credential.awardedDate as string).getTime()).toBe(
      first?.awardedDate.getTime(),
    );
    expect((await verifyCredential(t.app, newCredential.credential)).verified).toBe(true);

    // Processing again renews nothing more.
    await processLearningEvents(t.deps);
    expect(await awardsOfBadge(t.deps, badge.id)).toHaveLength(2);
  });

  it('lets the holder retake a completed course once the window is open, and keeps an accepted badge accepted and shared', async () => {
    at(0);
    // Access lasts 200 days, longer than the badge's 120: the learner retakes a course still open to them.
    const course = await aOneLessonCourse(t.app, issuer, { accessDays: 200 });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course], validityDays: 120 });
    const person = await aVerifiedUser(t.deps);
    const session = await logInAs(t.app, person.email);
    await completeOneLessonCourse(t.app, session, course);
    await processLearningEvents(t.deps);
    const token = await lastClaimToken(t.deps, person.email);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${token}/accept`,
      headers: session.headers,
    });
    expect(accepted.statusCode).toBe(200);
    const [first] = await awardsOfBadge(t.deps, badge.id);
    const shared = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${first?.id}/sharing`,
      headers: session.headers,
      payload: { visibility: 'public' },
    });
    expect(shared.statusCode).toBe(200);

    // Sessions do not last 40 days: log in again after moving the clock.
    const retake = async () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/badge-renewals',
        headers: (await logInAs(t.app, person.email)).headers,
        payload: { badgeId: badge.id, courseId: course },
      });
    at(10);
    const early = await retake();
    expect(early.statusCode).toBe(422);
    expect(early.json().type).toBe('/problems/renewal-not-open');

    at(40);
    const entered = await retake();
    expect(entered.statusCode).toBe(201);
    const opened = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/enrolments/${entered.json().enrolmentId}/units/intro`,
      headers: (await logInAs(t.app, person.email)).headers,
    });
    expect(opened.statusCode).toBe(200);
    await processLearningEvents(t.deps);

    const [, renewed] = await awardsOfBadge(t.deps, badge.id);
    expect(renewed).toMatchObject({ cycle: 2, source: 'renewal', state: 'accepted', visibility: 'public' });
    const mails = await t.deps.db
      .selectFrom('mailMessages')
      .select(['idempotencyKey', 'subject'])
      .where('toAddress', '=', person.email.toLowerCase())
      .where('idempotencyKey', 'like', 'badge-%')
      .orderBy('createdAt')
      .execute();
    expect(mails.map((m) => m.idempotencyKey.split(':')[0])).toEqual(['badge-awarded', 'badge-renewed']);
  });

  it('answers 404 to a learner who does not hold the badge they want to renew', async () => {
    at(0);
    const other = await aOneLessonCourse(t.app, issuer);
    const person = await aVerifiedUser(t.deps);
    const session = await logInAs(t.app, person.email);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [other] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/badge-renewals',
      headers: session.headers,
      payload: { badgeId: badge.id, courseId: other },
    });
    expect(response.statusCode).toBe(404);
  });
});
