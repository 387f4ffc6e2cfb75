// The ledger always balances: after a realistic mix of sales — single courses, bundles after a course,
// coupons, a free order, two currencies, an issuance fee, a learner's refund and an issuer's exceptional
// refund — the whole table sums to zero per currency, every transaction sums to zero, and the cash the
// ledger says was taken is what the orders were paid minus what was refunded.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse, awardsOfBadge, completeOneLessonCourse } from '../badges/award-testing.ts';
import { processLearningEvents } from '../badges/index.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { playerOf } from '../learning/testing.ts';
import {
  aBundleBadge,
  aCoupon,
  aPaidOrder,
  aPricedCourse,
  markPaid,
  ordersOf,
  type TestOrder,
} from './testing.ts';

let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
  const settings = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${issuer.orgId}/commerce/settings`,
    headers: issuer.owner.headers,
    payload: {
      taxRateBp: 2100,
      taxLabel: 'VAT',
      bundleDiscountBp: 1500,
      sellerDetails: 'Academy Ltd',
      issuanceFee: { amountMinor: 1999, currency: 'EUR' },
    },
  });
  expect(settings.statusCode, settings.body).toBe(200);
});
afterAll(async () => t.close());

async function refund(learner: TestSession, order: TestOrder, lineIds: string[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/me/orders/${order.id}/refunds`,
    headers: learner.headers,
    payload: { lineIds },
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function exceptionalRefund(order: TestOrder, lineIds: string[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/orders/${order.id}/refunds`,
    headers: issuer.owner.headers,
    payload: { lineIds, reason: 'The learner could not attend' },
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** A first badge earned from the issuer waits for its fee; the learner orders the fee and the issuer marks it paid. */
async function payIssuanceFee(learner: TestSession): Promise<void> {
  const courseId = await aOneLessonCourse(t.app, issuer);
  const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId] });
  await completeOneLessonCourse(t.app, learner, courseId);
  while ((await processLearningEvents(t.deps)) > 0);
  const [award] = await awardsOfBadge(t.deps, badge.id);
  expect(award?.state).toBe('awaiting-fee');
  const ordered = await t.app.inject({
    method: 'POST',
    url: `/api/v1/me/awards/${award?.id}/fee-order`,
    headers: learner.headers,
  });
  expect(ordered.statusCode, ordered.body).toBe(201);
  expect((await ordersOf(t, learner).pay(ordered.json().id)).statusCode).toBe(200);
  expect((await markPaid(t, issuer, ordered.json().id)).json().state).toBe('paid');
}

describe('the ledger', () => {
  it('balances to zero per currency and per transaction after a mix of sales and refunds', async () => {
    const c1 = await aPricedCourse(t, issuer, { priceMinor: 9_999, title: 'One' });
    const c2 = await aPricedCourse(t, issuer, { priceMinor: 4_333, title: 'Two' });
    const c3 = await aPricedCourse(t, issuer, { priceMinor: 2_501, title: 'Three' });
    const dollars = await aPricedCourse(t, issuer, { priceMinor: 1_234, currency: 'USD', title: 'Dollars' });
    const badgeId = await aBundleBadge(t, issuer, [c1, c2, c3]);
    const percent = await aCoupon(t, issuer, { code: 'TENOFF', kind: 'percent', percentBp: 1000 });
    const fixed = await aCoupon(t, issuer, {
      code: 'THREEEUR',
      kind: 'fixed',
      amountMinor: 300,
      currency: 'EUR',
    });
    const gift = await aCoupon(t, issuer, { code: 'GIFT', kind: 'percent', percentBp: 10_000 });

    // Ana buys one course, then the bundle (only the rest) with a coupon, and refunds an unopened course of it.
    const ana = await aLoggedInUser(t.app, t.deps);
    await aPaidOrder(t, issuer, ana, [{ kind: 'course', courseId: c1 }]);
    const bundle = await aPaidOrder(t, issuer, ana, [{ kind: 'bundle', badgeId }], { coupon: percent });
    expect(bundle.lines).toHaveLength(2);
    await refund(ana, bundle, [bundle.lines[1]?.id ?? '']);
    // Ben gets the bundle as a gift (a free order), and buys a course in dollars.
    const ben = await aLoggedInUser(t.app, t.deps);
    expect((await aPaidOrder(t, issuer, ben, [{ kind: 'bundle', badgeId }], { coupon: gift })).provider).toBe(
      'free',
    );
    await aPaidOrder(t, issuer, ben, [{ kind: 'course', courseId: dollars }]);
    // Cleo buys a course with a fixed coupon, opens it, and the issuer refunds it by exception.
    const cleo = await aLoggedInUser(t.app, t.deps);
    const opened = await aPaidOrder(t, issuer, cleo, [{ kind: 'course', courseId: c2 }], { coupon: fixed });
    expect((await playerOf(t.app, cleo, opened.lines[0]?.enrolmentId ?? '').open('intro')).statusCode).toBe(
      200,
    );
    await exceptionalRefund(opened, [opened.lines[0]?.id ?? '']);
    // Dan earns a first badge and pays the issuance fee.
    await payIssuanceFee(await aLoggedInUser(t.app, t.deps));

    const db = t.deps.db;
    const perCurrency = await db
      .selectFrom('ledgerEntries')
      .select(['currency', sql<string>`sum(amount_minor)`.as('sum'), sql<string>`count(*)`.as('entries')])
      .groupBy('currency')
      .orderBy('currency')
      .execute();
    expect(perCurrency.map((r) => [r.currency, Number(r.sum)])).toEqual([
      ['EUR', 0],
      ['USD', 0],
    ]);
    const unbalanced = await db
      .selectFrom('ledgerEntries')
      .select('transactionId')
      .groupBy('transactionId')
      .having(sql`sum(amount_minor)`, '<>', 0)
      .execute();
    expect(unbalanced).toEqual([]);
    const accounts = await db.selectFrom('ledgerEntries').select('account').distinct().execute();
    expect(accounts.map((a) => a.account).sort()).toEqual(
      [
        'cash:manual',
        'discounts',
        'refunds',
        'sales:bundle',
        'sales:course',
        'sales:fee',
        'tax:payable',
      ].sort(),
    );

    // The cash the ledger holds is what was paid minus what was refunded, per currency.
    for (const currency of ['EUR', 'USD']) {
      const cash = await db
        .selectFrom('ledgerEntries')
        .select(sql<string>`coalesce(sum(amount_minor), 0)`.as('sum'))
        .where('account', 'like', 'cash:%')
        .where('currency', '=', currency)
        .executeTakeFirstOrThrow();
      const paid = await db
        .selectFrom('orders')
        .select(sql<string>`coalesce(sum(total_minor), 0)`.as('sum'))
        .where('currency', '=', currency)
        .where('paidAt', 'is not', null)
        .executeTakeFirstOrThrow();
      const refunded = await db
        .selectFrom('refunds')
        .select(sql<string>`coalesce(sum(amount_minor), 0)`.as('sum'))
        .where('currency', '=', currency)
        .executeTakeFirstOrThrow();
      expect(Number(cash.sum)).toBe(Number(paid.sum) - Number(refunded.sum));
    }
  });
});
