// Payment events in any order and of any kind: a late expiry never undoes a payment, money taken for a
// cancelled order still buys what it paid for, a wrong amount is never fulfilled, and the issuer's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { processPaymentEvent, type RecordedEvent, recordPaymentEvent } from './events.ts';
import { aPricedCourse, cartOf, markPaid, ordersOf, type TestOrder } from './testing.ts';

let t: TestApp;
let issuer: TestIssuer;
let counter = 0;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
});
afterAll(async () => t.close());

async function invoicedOrder() {
  const courseId = await aPricedCourse(t, issuer, { priceMinor: 2500 });
  const learner = await aLoggedInUser(t.app, t.deps);
  const cart = cartOf(t, learner, issuer.orgId);
  await cart.add({ kind: 'course', courseId });
  const order = (await cart.checkout()).json() as TestOrder;
  expect((await ordersOf(t, learner).pay(order.id)).statusCode).toBe(200);
  return { learner, courseId, order };
}

/** A manual provider's event about the order's invoice, recorded and processed; returns its outcome. */
async function deliver(order: TestOrder, event: Partial<RecordedEvent>): Promise<string | null> {
  counter += 1;
  const { id } = await recordPaymentEvent(t.deps, {
    provider: 'manual',
    eventId: `test-event-${counter}`,
    type: 'payment.succeeded',
    providerRef: `INV-${order.number}`,
    orderId: order.id,
    amountMinor: order.totalMinor,
    currency: order.currency,
    occurredAt: t.deps.now(),
    payload: {},
    ...event,
  });
  return processPaymentEvent(t.deps, id);
}

const paymentStates = async (orderId: string) =>
  (await t.deps.db.selectFrom('payments').select('state').where('orderId', '=', orderId).execute()).map(
    (p) => p.state,
  );

describe('payment events', () => {
  it('changes nothing when an expiry arrives after the payment succeeded', async () => {
    const { learner, order } = await invoicedOrder();
    expect((await markPaid(t, issuer, order.id)).statusCode).toBe(200);
    expect(await deliver(order, { type: 'payment.expired' })).toBe('out-of-order');
    expect(await paymentStates(order.id)).toEqual(['succeeded']);
    expect((await ordersOf(t, learner).get(order.id)).json().state).toBe('paid');
  });

  it('lets an order whose payment expired be paid again', async () => {
    const { learner, order } = await invoicedOrder();
    expect(await deliver(order, { type: 'payment.expired' })).toBe('payment-expired');
    const shown = (await ordersOf(t, learner).get(order.id)).json() as TestOrder;
    expect(shown).toMatchObject({ state: 'awaiting-payment', payment: { state: 'expired' } });
    const again = await ordersOf(t, learner).pay(order.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().payment).toMatchObject({ state: 'pending', reference: `INV-${order.number}` });
    expect((await markPaid(t, issuer, order.id)).json().state).toBe('paid');
  });

  it('fulfils a cancelled order whose payment still went through (the money was taken)', async () => {
    const { learner, courseId, order } = await invoicedOrder();
    expect((await ordersOf(t, learner).cancel(order.id)).json().state).toBe('cancelled');
    expect(await deliver(order, {})).toBe('fulfilled');
    const shown = (await ordersOf(t, learner).get(order.id)).json() as TestOrder;
    expect(shown.state).toBe('paid');
    expect(shown.lines[0]?.courseId).toBe(courseId);
    expect(shown.lines[0]?.enrolmentId).not.toBeNull();
  });

  it('never fulfils a payment whose amount differs from the order', async () => {
    const { learner, order } = await invoicedOrder();
    expect(await deliver(order, { amountMinor: order.totalMinor - 1 })).toBe('amount-mismatch');
    expect(await deliver(order, { currency: 'USD' })).toBe('amount-mismatch');
    expect((await ordersOf(t, learner).get(order.id)).json().state).toBe('awaiting-payment');
    expect(await paymentStates(order.id)).toEqual(['pending']);
  });

  it('notes refunds, ignores what it does not know, and keeps events about orders that are not ours', async () => {
    const { order } = await invoicedOrder();
    expect(await deliver(order, { type: 'refund.succeeded' })).toBe('noted');
    expect(await deliver(order, { type: 'ignored' })).toBe('ignored');
    const stranger = '00000000-0000-4000-8000-000000000001';
    expect(await deliver(order, { providerRef: 'INV-unknown', orderId: stranger })).toBe('unknown-order');
    const stored = await t.deps.db
      .selectFrom('paymentEvents')
      .select('orderId')
      .where('providerRef', '=', 'INV-unknown')
      .executeTakeFirstOrThrow();
    expect(stored.orderId).toBeNull();
  });
});

describe('the issuer’s orders', () => {
  it('lists the issuer’s orders by state and shows one, to members only', async () => {
    const { learner, order } = await invoicedOrder();
    await markPaid(t, issuer, order.id);
    const paid = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/orders?state=paid&limit=100`,
      headers: issuer.owner.headers,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const listed = paid.json().orders as Array<TestOrder & { buyer: { email: string } }>;
    expect(listed.every((o) => o.state === 'paid')).toBe(true);
    expect(listed.find((o) => o.id === order.id)?.buyer.email).toBe(learner.email);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${order.id}`,
      headers: issuer.owner.headers,
    });
    expect(one.json().id).toBe(order.id);
    const asLearner = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/orders`,
      headers: learner.headers,
    });
    expect(asLearner.statusCode).toBe(404);
  });

  it('shows a learner only their own orders', async () => {
    const { order } = await invoicedOrder();
    const someoneElse = await aLoggedInUser(t.app, t.deps);
    expect((await ordersOf(t, someoneElse).get(order.id)).statusCode).toBe(404);
    expect((await ordersOf(t, someoneElse).pay(order.id)).statusCode).toBe(404);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/orders',
      headers: someoneElse.headers,
    });
    expect(mine.json().orders).toEqual([]);
  });

  it('refuses to mark paid an order that is already paid', async () => {
    const { order } = await invoicedOrder();
    expect((await markPaid(t, issuer, order.id)).statusCode).toBe(200);
    const again = await markPaid(t, issuer, order.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/order-not-payable');
  });
});
