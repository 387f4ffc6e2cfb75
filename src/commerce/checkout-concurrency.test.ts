// Double clicks and replays: two "Place order" at once make one order, two "Pay" at once one payment,
// and an invoice marked paid twice (or its event replayed) fulfils the order once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { processPaymentEvent, recordPaymentEvent } from './events.ts';
import { aPricedCourse, cartOf, markPaid, ordersOf, type TestOrder } from './testing.ts';

let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
});
afterAll(async () => t.close());

async function placedOrder(): Promise<{
  learner: Awaited<ReturnType<typeof aLoggedInUser>>;
  order: TestOrder;
  courseId: string;
}> {
  const courseId = await aPricedCourse(t, issuer, { priceMinor: 4200 });
  const learner = await aLoggedInUser(t.app, t.deps);
  const cart = cartOf(t, learner, issuer.orgId);
  await cart.add({ kind: 'course', courseId });
  const placed = await cart.checkout();
  expect(placed.statusCode, placed.body).toBe(201);
  return { learner, order: placed.json() as TestOrder, courseId };
}

const rows = (table: 'payments' | 'ledgerEntries' | 'paymentEvents', orderId: string) =>
  t.deps.db.selectFrom(table).selectAll().where('orderId', '=', orderId).execute();

describe('double clicks', () => {
  it('makes one order of three checkouts of the same cart at once', async () => {
    const courseId = await aPricedCourse(t, issuer);
    const learner = await aLoggedInUser(t.app, t.deps);
    const cart = cartOf(t, learner, issuer.orgId);
    await cart.add({ kind: 'course', courseId });
    const responses = await Promise.all([cart.checkout(), cart.checkout(), cart.checkout()]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const orders = await t.deps.db
      .selectFrom('orders')
      .select('id')
      .where('userId', '=', learner.userId)
      .execute();
    expect(orders).toHaveLength(1);
  });

  it('answers a repeated checkout after the first finished with the same order', async () => {
    const { learner, order } = await placedOrder();
    const again = await cartOf(t, learner, issuer.orgId).checkout();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(order.id);
  });

  it('opens one payment for two Pays at once', async () => {
    const { learner, order } = await placedOrder();
    const [one, two] = await Promise.all([
      ordersOf(t, learner).pay(order.id),
      ordersOf(t, learner).pay(order.id),
    ]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    expect(one.json().payment.reference).toBe(two.json().payment.reference);
    expect(await rows('payments', order.id)).toHaveLength(1);
    const invoices = await t.deps.db
      .selectFrom('mailMessages')
      .select('id')
      .where('idempotencyKey', '=', `invoice-issued:${order.id}`)
      .execute();
    expect(invoices).toHaveLength(1);
  });

  it('fulfils an invoice marked paid twice at once only once', async () => {
    const { learner, order, courseId } = await placedOrder();
    await ordersOf(t, learner).pay(order.id);
    const [one, two] = await Promise.all([markPaid(t, issuer, order.id), markPaid(t, issuer, order.id)]);
    expect([one.statusCode, two.statusCode]).toContain(200);
    for (const response of [one, two]) expect([200, 409]).toContain(response.statusCode);
    const enrolments = await t.deps.db
      .selectFrom('enrolments')
      .select('id')
      .where('userId', '=', learner.userId)
      .where('courseId', '=', courseId)
      .execute();
    expect(enrolments).toHaveLength(1);
    const payments = await rows('payments', order.id);
    expect(payments.map((p) => p.state)).toEqual(['succeeded']);
    const transactions = new Set((await rows('ledgerEntries', order.id)).map((e) => e.transactionId));
    expect(transactions.size).toBe(1);
  });
});

describe('replayed events', () => {
  it('ignores a replayed payment event: one fulfilment, one ledger transaction', async () => {
    const { learner, order } = await placedOrder();
    expect((await markPaid(t, issuer, order.id)).statusCode).toBe(200);
    const replay = await recordPaymentEvent(t.deps, {
      provider: 'manual',
      eventId: `manual:${order.id}`,
      type: 'payment.succeeded',
      providerRef: `INV-${order.number}`,
      orderId: order.id,
      amountMinor: order.totalMinor,
      currency: order.currency,
      occurredAt: t.deps.now(),
      payload: {},
    });
    expect(replay.duplicate).toBe(true);
    expect(await processPaymentEvent(t.deps, replay.id)).toBeNull();
    expect(await rows('paymentEvents', order.id)).toHaveLength(1);
    expect(new Set((await rows('ledgerEntries', order.id)).map((e) => e.transactionId)).size).toBe(1);
    const receipts = await t.deps.db
      .selectFrom('mailMessages')
      .select('id')
      .where('idempotencyKey', '=', `order-receipt:${order.id}`)
      .execute();
    expect(receipts).toHaveLength(1);
    expect((await ordersOf(t, learner).get(order.id)).json().state).toBe('paid');
  });
});
