// Buying courses and bundles through the real routes: the cart's quote, checkout, Pay with the manual
// provider, the issuer marking the invoice paid, and the access that follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import {
  aBundleBadge,
  aPaidOrder,
  aPricedCourse,
  cartOf,
  markPaid,
  ordersOf,
  setShopSettings,
  type TestOrder,
} from './testing.ts';

const DAY_MS = 86_400_000;
let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
  await setShopSettings(t, issuer, { taxRateBp: 2000, bundleDiscountBp: 1000 });
});
afterAll(async () => t.close());

async function enrolmentOf(userId: string, courseId: string) {
  return t.deps.db
    .selectFrom('enrolments')
    .selectAll()
    .where('userId', '=', userId)
    .where('courseId', '=', courseId)
    .execute();
}

describe('buying a course', () => {
  it('grants access for the course’s access window from the moment of payment', async () => {
    const courseId = await aPricedCourse(t, issuer, { priceMinor: 5000, accessDays: 30 });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    const added = await cart.add({ kind: 'course', courseId });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      currency: 'EUR',
      subtotalMinor: 5000,
      taxMinor: 1000,
      totalMinor: 6000,
    });

    const placed = await cart.checkout();
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json() as TestOrder;
    expect(order).toMatchObject({ state: 'awaiting-payment', provider: 'manual', totalMinor: 6000 });
    expect(await enrolmentOf(learner.userId, courseId)).toHaveLength(0);

    const paying = await ordersOf(t, learner).pay(order.id);
    expect(paying.statusCode, paying.body).toBe(200);
    expect(paying.json().payment).toMatchObject({
      provider: 'manual',
      state: 'pending',
      reference: `INV-${order.number}`,
      redirectUrl: null,
    });

    const paid = await markPaid(t, issuer, order.id);
    expect(paid.statusCode, paid.body).toBe(200);
    const after = (await ordersOf(t, learner).get(order.id)).json() as TestOrder;
    expect(after.state).toBe('paid');
    expect(after.payment?.state).toBe('succeeded');
    const [enrolment] = await enrolmentOf(learner.userId, courseId);
    expect(enrolment).toBeDefined();
    const paidAt = new Date(after.paidAt ?? '').getTime();
    expect(enrolment?.accessUntil.getTime()).toBe(paidAt + 30 * DAY_MS);
    expect(after.lines[0]).toMatchObject({
      kind: 'course',
      enrolmentId: enrolment?.id,
      accessUntil: enrolment?.accessUntil.toISOString(),
      opened: false,
      refundable: { ok: true },
    });
  });

  it('opens a paid course only through a purchase: a plain enrolment asks for payment, then finds it', async () => {
    const courseId = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrol = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/enrolments',
        headers: learner.headers,
        payload: { courseId },
      });
    const before = await enrol();
    expect(before.statusCode).toBe(402);
    expect(before.json().type).toBe('/problems/payment-required');
    const order = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId }]);
    const after = await enrol();
    expect(after.statusCode).toBe(409);
    expect(after.json().type).toBe('/problems/already-enrolled');
    expect(after.json().detail).toContain(order.lines[0]?.enrolmentId);
  });

  it('refuses to sell a course the learner already holds', async () => {
    const courseId = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId }]);
    const again = await cartOf(t, learner, issuer.orgId).add({ kind: 'course', courseId });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-held');
  });

  it('refuses a course priced in another currency than the cart', async () => {
    const euros = await aPricedCourse(t, issuer, { currency: 'EUR' });
    const dollars = await aPricedCourse(t, issuer, { currency: 'USD' });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    expect((await cart.add({ kind: 'course', courseId: euros })).statusCode).toBe(201);
    const mixed = await cart.add({ kind: 'course', courseId: dollars });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().type).toBe('/problems/currency-mismatch');
  });
});

describe('buying a bundle', () => {
  it('charges only for the courses still missing, with the discount spread over them', async () => {
    const first = await aPricedCourse(t, issuer, { priceMinor: 10_000, title: 'First' });
    const second = await aPricedCourse(t, issuer, { priceMinor: 6_000, title: 'Second' });
    const third = await aPricedCourse(t, issuer, { priceMinor: 4_000, title: 'Third' });
    const badgeId = await aBundleBadge(t, issuer, [first, second, third]);
    const learner = await aLoggedInUser(t.app, t.deps);
    await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: first }]);

    const quote = await cartOf(t, learner, issuer.orgId).add({ kind: 'bundle', badgeId });
    expect(quote.statusCode, quote.body).toBe(201);
    // Bundle 18,000 (20,000 − 10 %); the missing courses list at 10,000 of 20,000 → 9,000 charged.
    expect(quote.json().items[0]).toMatchObject({
      kind: 'bundle',
      listMinor: 10_000,
      discountMinor: 1_000,
      netMinor: 9_000,
      separatelyMinor: 10_000,
      cheaper: 'bundle',
    });
    expect(quote.json().items[0].courses.map((c: { status: string }) => c.status)).toEqual([
      'held',
      'charged',
      'charged',
    ]);

    const order = await aPaidOrder(t, issuer, learner, []);
    expect(order.lines.map((l) => [l.kind, l.courseId, l.listMinor, l.discountMinor])).toEqual([
      ['bundle-course', second, 6_000, 600],
      ['bundle-course', third, 4_000, 400],
    ]);
    expect(order).toMatchObject({
      subtotalMinor: 10_000,
      discountMinor: 1_000,
      taxMinor: 1_800,
      totalMinor: 10_800,
    });
    expect(order.lines.every((l) => l.enrolmentId !== null)).toBe(true);
  });
});
