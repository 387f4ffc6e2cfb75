import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse, completeOneLessonCourse } from '../badges/award-testing.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aBundleBadge, aPaidOrder, aPricedCourse } from './testing.ts';

describe('purchase options toward a badge', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const optionsOf = async (learner: TestSession, badgeId: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/badges/${badgeId}/purchase-options`,
      headers: learner.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('shows every course as available and the bundle as the cheaper way to a new learner', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 6000, title: 'Course A' });
    const b = await aPricedCourse(t, issuer, { priceMinor: 4000, title: 'Course B' });
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const learner = await aLoggedInUser(t.app, t.deps);
    expect(await optionsOf(learner, badgeId)).toMatchObject({
      badgeId,
      orgId: issuer.orgId,
      currency: 'EUR',
      courses: [
        { courseId: a, title: 'Course A', priceMinor: 6000, status: 'available', accessUntil: null },
        { courseId: b, title: 'Course B', priceMinor: 4000, status: 'available', accessUntil: null },
      ],
      separatelyMinor: 10_000,
      bundle: { onSale: true, chargedMinor: 9000, listMinor: 10_000, discountMinor: 1000 },
      cheaper: 'bundle',
    });
  });

  it('charges the bundle only for the courses still missing once one was bought, and shows its access', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 6000, title: 'Bought A' });
    const b = await aPricedCourse(t, issuer, { priceMinor: 4000, title: 'Missing B' });
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const learner = await aLoggedInUser(t.app, t.deps);
    const paid = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }]);
    const options = await optionsOf(learner, badgeId);
    expect(options.courses[0]).toMatchObject({
      courseId: a,
      status: 'purchased',
      accessUntil: paid.lines[0]?.accessUntil,
    });
    expect(options.courses[1]).toMatchObject({ courseId: b, status: 'available' });
    // 9000 × 4000 / 10000 = 3600 for the missing course.
    expect(options).toMatchObject({
      separatelyMinor: 4000,
      bundle: { chargedMinor: 3600, listMinor: 4000, discountMinor: 400 },
      cheaper: 'bundle',
    });
  });

  it('says both ways cost the same when the bundle’s explicit price is the sum of its courses', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 1000, title: 'Cheap A' });
    const b = await aPricedCourse(t, issuer, { priceMinor: 1000, title: 'Cheap B' });
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/bundles/${badgeId}`,
      headers: issuer.owner.headers,
      payload: { priceMinor: 2000, discountBp: null, onSale: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    const learner = await aLoggedInUser(t.app, t.deps);
    expect(await optionsOf(learner, badgeId)).toMatchObject({ separatelyMinor: 2000, cheaper: 'same' });
  });

  it('marks completed and free courses, and has nothing to compare when everything is held', async () => {
    const free = await aOneLessonCourse(t.app, issuer, { title: 'Free intro' });
    const priced = await aPricedCourse(t, issuer, { priceMinor: 2500, title: 'Priced part' });
    const second = await aPricedCourse(t, issuer, { priceMinor: 500, title: 'Second priced part' });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [free, priced, second] });
    const learner = await aLoggedInUser(t.app, t.deps);
    let options = await optionsOf(learner, badge.id);
    expect(options.courses.map((c: { status: string }) => c.status)).toEqual([
      'free',
      'available',
      'available',
    ]);

    await completeOneLessonCourse(t.app, learner, free);
    await aPaidOrder(t, issuer, learner, [
      { kind: 'course', courseId: priced },
      { kind: 'course', courseId: second },
    ]);
    options = await optionsOf(learner, badge.id);
    expect(options.courses.map((c: { status: string }) => c.status)).toEqual([
      'completed',
      'purchased',
      'purchased',
    ]);
    expect(options).toMatchObject({ separatelyMinor: 0, bundle: { chargedMinor: 0 }, cheaper: null });
  });

  it('shows no bundle for a badge whose courses are all free, and 404 for an unpublished badge', async () => {
    const free = await aOneLessonCourse(t.app, issuer, { title: 'Only free' });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [free] });
    const learner = await aLoggedInUser(t.app, t.deps);
    expect(await optionsOf(learner, badge.id)).toMatchObject({
      currency: null,
      separatelyMinor: 0,
      bundle: null,
      cheaper: null,
    });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/badges/00000000-0000-4000-8000-000000000000/purchase-options',
      headers: learner.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
