// The cart's rules: what may go in, how bundles replace single courses, coupons, and what checkout
// refuses when something changed since the learner looked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import {
  aBundleBadge,
  aCoupon,
  aPaidOrder,
  aPricedCourse,
  cartOf,
  markPaid,
  ordersOf,
  type TestOrder,
} from './testing.ts';

let t: TestApp;
let issuer: TestIssuer;
let otherIssuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
  otherIssuer = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
});
afterAll(async () => t.close());

const problemType = (response: { json(): unknown }) => (response.json() as { type: string }).type;

describe('the cart', () => {
  it('refuses a free course: it is enrolled in directly', async () => {
    const free = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const learner = await aLoggedInUser(t.app, t.deps);
    const added = await cartOf(t, learner, issuer.orgId).add({ kind: 'course', courseId: free });
    expect(added.statusCode).toBe(409);
    expect(problemType(added)).toBe('/problems/free-course');
  });

  it('refuses another issuer’s course (one seller per order)', async () => {
    const theirs = await aPricedCourse(t, otherIssuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const added = await cartOf(t, learner, issuer.orgId).add({ kind: 'course', courseId: theirs });
    expect(added.statusCode).toBe(400);
    expect(added.json().errors[0].path).toBe('body.courseId');
  });

  it('lets a bundle replace the single courses it covers, and refuses them once the bundle is in', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 3000 });
    const b = await aPricedCourse(t, issuer, { priceMinor: 2000 });
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    expect((await cart.add({ kind: 'course', courseId: a })).statusCode).toBe(201);
    const withBundle = await cart.add({ kind: 'bundle', badgeId });
    expect(withBundle.json().items.map((i: { kind: string }) => i.kind)).toEqual(['bundle']);
    expect(withBundle.json().totalMinor).toBe(4500);
    const single = await cart.add({ kind: 'course', courseId: b });
    expect(single.statusCode).toBe(409);
    expect(problemType(single)).toBe('/problems/in-cart');
    const twice = await cart.add({ kind: 'bundle', badgeId });
    expect(problemType(twice)).toBe('/problems/in-cart');
  });

  it('names the badge’s picture on a bundle line (a course line has none), and the picture answers', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 3000 });
    const b = await aPricedCourse(t, issuer, { priceMinor: 2000 });
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const c = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    expect((await cart.add({ kind: 'course', courseId: c })).statusCode).toBe(201);
    const quote = (await cart.add({ kind: 'bundle', badgeId })).json();
    const bundle = quote.items.find((i: { kind: string }) => i.kind === 'bundle');
    expect(bundle.imageUrl).toBe(`http://localhost:3000/achievements/${badgeId}/versions/1/image`);
    expect(quote.items.find((i: { kind: string }) => i.kind === 'course').imageUrl).toBeNull();
    const image = await t.app.inject({ method: 'GET', url: new URL(bundle.imageUrl).pathname });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
  });

  it('refuses a bundle whose every course the learner already holds', async () => {
    const a = await aPricedCourse(t, issuer);
    const b = await aPricedCourse(t, issuer);
    const badgeId = await aBundleBadge(t, issuer, [a, b]);
    const learner = await aLoggedInUser(t.app, t.deps);
    await aPaidOrder(t, issuer, learner, [
      { kind: 'course', courseId: a },
      { kind: 'course', courseId: b },
    ]);
    const added = await cartOf(t, learner, issuer.orgId).add({ kind: 'bundle', badgeId });
    expect(added.statusCode).toBe(409);
    expect(problemType(added)).toBe('/problems/already-held');
  });

  it('removes an item', async () => {
    const a = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    const itemId = (await cart.add({ kind: 'course', courseId: a })).json().items[0].itemId;
    const removed = await cart.remove(itemId);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ items: [], totalMinor: 0 });
    expect((await cart.remove(itemId)).statusCode).toBe(404);
  });

  it('drops a course bought meanwhile through another order, and refuses a checkout left with nothing', async () => {
    const a = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId: a });
    const first = (await cart.checkout()).json() as TestOrder;
    // A second cart with the same course while the first order still waits for its payment …
    expect((await cart.add({ kind: 'course', courseId: a })).statusCode).toBe(201);
    // … then the first order is paid.
    expect((await markPaid(t, issuer, first.id)).statusCode).toBe(200);
    const quote = await cart.quote();
    expect(quote.json().items[0].courses[0].status).toBe('held');
    expect(quote.json().totalMinor).toBe(0);
    const placed = await cart.checkout();
    expect(placed.statusCode).toBe(409);
    expect(problemType(placed)).toBe('/problems/already-held');
  });

  it('lists my carts that hold something', async () => {
    const a = await aPricedCourse(t, issuer);
    const b = await aPricedCourse(t, otherIssuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    await cartOf(t, learner, issuer.orgId).add({ kind: 'course', courseId: a });
    await cartOf(t, learner, otherIssuer.orgId).add({ kind: 'course', courseId: b });
    const carts = await t.app.inject({ method: 'GET', url: '/api/v1/me/carts', headers: learner.headers });
    expect(
      carts
        .json()
        .carts.map((c: { issuer: { name: string } }) => c.issuer.name)
        .sort(),
    ).toEqual(['Gestión Academy®', 'Other Academy']);
  });
});

describe('coupons in the cart', () => {
  it('takes a percentage off after the bundle discount, and the order keeps its code', async () => {
    const a = await aPricedCourse(t, issuer, { priceMinor: 10_000 });
    const code = await aCoupon(t, issuer, { code: 'SPRING25', kind: 'percent', percentBp: 2500 });
    const learner = await aLoggedInUser(t.app, t.deps);
    const order = await aPaidOrder(t, issuer, learner, [{ kind: 'course', courseId: a }], { coupon: code });
    expect(order).toMatchObject({
      subtotalMinor: 10_000,
      discountMinor: 2_500,
      totalMinor: 7_500,
      state: 'paid',
    });
  });

  it('refuses a coupon for a course that is not in the cart', async () => {
    const a = await aPricedCourse(t, issuer);
    const other = await aPricedCourse(t, issuer);
    const code = await aCoupon(t, issuer, {
      code: 'ONLYOTHER',
      kind: 'percent',
      percentBp: 1000,
      scope: 'course',
      courseId: other,
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId: a });
    const applied = await cart.coupon(code);
    expect(applied.statusCode).toBe(422);
    expect(problemType(applied)).toBe('/problems/coupon-not-applicable');
  });

  it('refuses a fixed coupon in another currency', async () => {
    const a = await aPricedCourse(t, issuer, { currency: 'EUR' });
    const code = await aCoupon(t, issuer, {
      code: 'FIVEUSD',
      kind: 'fixed',
      amountMinor: 500,
      currency: 'USD',
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId: a });
    const applied = await cart.coupon(code);
    expect(problemType(applied)).toBe('/problems/coupon-not-applicable');
  });

  it('pays an order whose coupon covers everything at once, without a payment step', async () => {
    const a = await aPricedCourse(t, issuer);
    const code = await aCoupon(t, issuer, { code: 'GIFT100', kind: 'percent', percentBp: 10_000 });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId: a });
    expect((await cart.coupon(code)).json().totalMinor).toBe(0);
    const placed = await cart.checkout();
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ state: 'paid', provider: 'free', totalMinor: 0 });
    expect(placed.json().lines[0].enrolmentId).not.toBeNull();
    expect((await ordersOf(t, learner).pay(placed.json().id)).statusCode).toBe(409);
  });

  it('gives the coupon’s use back when the order is cancelled', async () => {
    const a = await aPricedCourse(t, issuer);
    const code = await aCoupon(t, issuer, {
      code: 'ONCEONLY',
      kind: 'percent',
      percentBp: 1000,
      maxRedemptions: 1,
    });
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId: a });
    await cart.coupon(code);
    const order = (await cart.checkout()).json() as TestOrder;
    const redemptions = async () =>
      (
        await t.deps.db
          .selectFrom('coupons')
          .select('redemptions')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).redemptions;
    expect(await redemptions()).toBe(1);
    const cancelled = await ordersOf(t, learner).cancel(order.id);
    expect(cancelled.json().state).toBe('cancelled');
    expect(await redemptions()).toBe(0);
    expect(problemType(await ordersOf(t, learner).cancel(order.id))).toBe('/problems/order-not-cancellable');
  });
});
