import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aVerifiedUser, logInAs } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import {
  aOneLessonCourse,
  awardsOfBadge,
  completeOneLessonCourse,
  issuedCredentialOf,
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
});
