import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { couponByCode, couponEligible, redeemCoupon, releaseCoupon } from './coupons.ts';

const DAY_MS = 86_400_000;

describe('coupons', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    t = await createTestApp({ now });
    issuer = await anIssuerWithOwner(t.app, t.deps);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, who = issuer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${who.orgId}/coupons`,
      headers: who.owner.headers,
      payload: body,
    });
  const patch = (couponId: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/coupons/${couponId}`,
      headers: issuer.owner.headers,
      payload: body,
    });
  const codeError = async (code: string) =>
    couponByCode(t.deps.db, issuer.orgId, code, t.deps.now()).then(
      () => null,
      (error: { code: string }) => error.code,
    );

  it('creates a percent coupon for the whole issuer, its code in upper case, and lists it', async () => {
    const created = await create({ code: ' spring-25 ', kind: 'percent', percentBp: 2500, scope: 'issuer' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'SPRING-25',
      kind: 'percent',
      percentBp: 2500,
      amountMinor: null,
      scope: 'issuer',
      redemptions: 0,
      active: true,
    });
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/coupons`,
      headers: issuer.owner.headers,
    });
    expect(listed.json().coupons.map((c: { code: string }) => c.code)).toContain('SPRING-25');
    expect((await couponByCode(t.deps.db, issuer.orgId, 'Spring-25', t.deps.now())).id).toBe(
      created.json().id,
    );
  });

  it('refuses a second coupon with the same code in any case (409)', async () => {
    expect(
      (await create({ code: 'TWICE', kind: 'percent', percentBp: 100, scope: 'issuer' })).statusCode,
    ).toBe(201);
    const again = await create({ code: 'twice', kind: 'percent', percentBp: 200, scope: 'issuer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/coupon-code-taken');
  });

  it('lists every problem of a malformed coupon at once', async () => {
    const response = await create({
      code: 'no spaces!',
      kind: 'fixed',
      percentBp: 1000,
      scope: 'course',
      badgeId: '00000000-0000-4000-8000-000000000000',
      validUntil: new Date(Date.now() - DAY_MS).toISOString(),
      maxRedemptions: 0,
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(
      [
        'body.amountMinor',
        'body.badgeId',
        'body.code',
        'body.courseId',
        'body.currency',
        'body.maxRedemptions',
        'body.percentBp',
        'body.validUntil',
      ].sort(),
    );
  });

  it('creates fixed coupons for one course and one bundle of the issuer, never for another issuer’s', async () => {
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      price: { amountMinor: 5000, currency: 'EUR' },
    });
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId] });
    const forCourse = await create({
      code: 'COURSE-5',
      kind: 'fixed',
      amountMinor: 500,
      currency: 'EUR',
      scope: 'course',
      courseId,
    });
    expect(forCourse.statusCode, forCourse.body).toBe(201);
    expect(forCourse.json()).toMatchObject({ amountMinor: 500, currency: 'EUR', courseId, badgeId: null });
    const forBundle = await create({
      code: 'BUNDLE-10',
      kind: 'percent',
      percentBp: 1000,
      scope: 'bundle',
      badgeId: badge.id,
    });
    expect(forBundle.statusCode, forBundle.body).toBe(201);

    const other = await anIssuerWithOwner(t.app, t.deps);
    const theirs = await create(
      { code: 'STEAL', kind: 'percent', percentBp: 1000, scope: 'course', courseId },
      other,
    );
    expect(theirs.statusCode).toBe(404);
  });

  it('applies a coupon to the lines of its scope only, and never to an issuance fee', () => {
    const line = (
      kind: 'course' | 'bundle-course' | 'issuance-fee',
      courseId: string | null,
      badgeId: string | null,
    ) => ({
      kind,
      courseId,
      badgeId,
    });
    const issuerWide = { scope: 'issuer' as const, courseId: null, badgeId: null };
    const oneCourse = { scope: 'course' as const, courseId: 'c1', badgeId: null };
    const oneBundle = { scope: 'bundle' as const, courseId: null, badgeId: 'b1' };
    expect(couponEligible(issuerWide, line('course', 'c9', null))).toBe(true);
    expect(couponEligible(issuerWide, line('issuance-fee', null, 'b1'))).toBe(false);
    expect(couponEligible(oneCourse, line('course', 'c1', null))).toBe(true);
    expect(couponEligible(oneCourse, line('bundle-course', 'c1', 'b1'))).toBe(true);
    expect(couponEligible(oneCourse, line('course', 'c2', null))).toBe(false);
    expect(couponEligible(oneBundle, line('bundle-course', 'c1', 'b1'))).toBe(true);
    expect(couponEligible(oneBundle, line('course', 'c1', null))).toBe(false);
    expect(couponEligible(oneBundle, line('bundle-course', 'c1', 'b2'))).toBe(false);
  });

  it('answers an unknown and a deactivated code alike (coupon-invalid)', async () => {
    const created = await create({ code: 'PAUSED', kind: 'percent', percentBp: 1000, scope: 'issuer' });
    expect(await codeError('PAUSED')).toBeNull();
    const paused = await patch(created.json().id, { active: false });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(await codeError('PAUSED')).toBe('coupon-invalid');
    expect(await codeError('NEVER-MADE')).toBe('coupon-invalid');
    expect(await codeError('?')).toBe('coupon-invalid');
  });

  it('refuses an expired coupon (coupon-expired)', async () => {
    const validUntil = new Date(Date.now() + DAY_MS).toISOString();
    expect(
      (await create({ code: 'SOON-GONE', kind: 'percent', percentBp: 1000, scope: 'issuer', validUntil }))
        .statusCode,
    ).toBe(201);
    expect(await codeError('SOON-GONE')).toBeNull();
    offsetMs = 2 * DAY_MS;
    try {
      expect(await codeError('SOON-GONE')).toBe('coupon-expired');
    } finally {
      offsetMs = 0;
    }
  });

  it('gives the last use to exactly one of two checkouts racing for it, and takes a released use again', async () => {
    const created = await create({
      code: 'LAST-ONE',
      kind: 'percent',
      percentBp: 1000,
      scope: 'issuer',
      maxRedemptions: 1,
    });
    const couponId = created.json().id as string;
    const redeem = () => t.deps.db.transaction().execute((trx) => redeemCoupon(trx, couponId));
    const results = await Promise.allSettled([redeem(), redeem()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('coupon-exhausted');
    expect(await codeError('LAST-ONE')).toBe('coupon-exhausted');

    await t.deps.db.transaction().execute((trx) => releaseCoupon(trx, couponId));
    expect(await codeError('LAST-ONE')).toBeNull();
    await redeem();
    expect(await codeError('LAST-ONE')).toBe('coupon-exhausted');
  });

  it('changes the limit and the expiry, but never below the uses already made', async () => {
    const created = await create({
      code: 'LIMITED',
      kind: 'percent',
      percentBp: 1000,
      scope: 'issuer',
      maxRedemptions: 5,
    });
    const couponId = created.json().id as string;
    await t.deps.db.transaction().execute(async (trx) => {
      await redeemCoupon(trx, couponId);
      await redeemCoupon(trx, couponId);
    });
    const tooLow = await patch(couponId, { maxRedemptions: 1 });
    expect(tooLow.statusCode).toBe(400);
    expect(tooLow.json().errors).toEqual([expect.objectContaining({ path: 'body.maxRedemptions' })]);
    const validUntil = new Date(Date.now() + 7 * DAY_MS).toISOString();
    const changed = await patch(couponId, { maxRedemptions: 2, validUntil });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ maxRedemptions: 2, redemptions: 2, validUntil });
    expect(await codeError('LIMITED')).toBe('coupon-exhausted');
  });
});
