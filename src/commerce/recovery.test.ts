// The payment event is the source of truth: a payment the provider reported just before a crash, or
// whose processing failed half-way, ends in access — exactly once — when the ticker runs again.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { startTickers } from '../jobs/ticker.ts';
import { processPendingPaymentEvents, recordPaymentEvent } from './events.ts';
import { paymentEventsTicker } from './jobs.ts';
import { aPricedCourse, cartOf, markPaid, ordersOf, type TestOrder } from './testing.ts';

let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  t = await createTestApp();
  issuer = await anIssuerWithOwner(t.app, t.deps);
});
afterAll(async () => t.close());

async function invoicedOrder() {
  const courseId = await aPricedCourse(t, issuer, { priceMinor: 7700, accessDays: 90 });
  const learner = await aLoggedInUser(t.app, t.deps);
  const cart = cartOf(t, learner, issuer.orgId);
  await cart.add({ kind: 'course', courseId });
  const order = (await cart.checkout()).json() as TestOrder;
  const paying = await ordersOf(t, learner).pay(order.id);
  expect(paying.statusCode, paying.body).toBe(200);
  return { learner, courseId, order };
}

/** What the payment left behind: the order's state, its payments, ledger entries and the learner's enrolments. */
async function footprint(order: TestOrder, userId: string, courseId: string) {
  const db = t.deps.db;
  const [row, payments, ledger, enrolments] = await Promise.all([
    db.selectFrom('orders').select(['state', 'paidAt']).where('id', '=', order.id).executeTakeFirstOrThrow(),
    db.selectFrom('payments').select('state').where('orderId', '=', order.id).execute(),
    db
      .selectFrom('ledgerEntries')
      .select(['transactionId', 'amountMinor'])
      .where('orderId', '=', order.id)
      .execute(),
    db
      .selectFrom('enrolments')
      .select('id')
      .where('userId', '=', userId)
      .where('courseId', '=', courseId)
      .execute(),
  ]);
  return {
    state: row.state,
    payments: payments.map((p) => p.state),
    ledgerTransactions: new Set(ledger.map((e) => e.transactionId)).size,
    ledgerSum: ledger.reduce((sum, e) => sum + Number(e.amountMinor), 0),
    enrolments: enrolments.length,
  };
}

describe('crash recovery', () => {
  it('fulfils, when the ticker runs again, a payment reported just before a crash — exactly once', async () => {
    const { learner, courseId, order } = await invoicedOrder();
    // The provider told us and we stored it; then the process died before processing it.
    const recorded = await recordPaymentEvent(t.deps, {
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
    expect(recorded.duplicate).toBe(false);
    expect(await footprint(order, learner.userId, courseId)).toMatchObject({
      state: 'awaiting-payment',
      enrolments: 0,
    });

    // The restarted process runs its tickers; the payment-events ticker picks the event up.
    const tickers = startTickers(t.deps, [paymentEventsTicker], t.deps.log);
    try {
      await expect
        .poll(async () => (await footprint(order, learner.userId, courseId)).state, {
          timeout: 15_000,
          interval: 250,
        })
        .toBe('paid');
    } finally {
      await tickers.stop();
    }
    expect(await processPendingPaymentEvents(t.deps)).toBe(0);
    expect(await footprint(order, learner.userId, courseId)).toEqual({
      state: 'paid',
      payments: ['succeeded'],
      ledgerTransactions: 1,
      ledgerSum: 0,
      enrolments: 1,
    });
  });

  it('leaves nothing half-done when fulfilment fails after the ledger writes, and completes it later', async () => {
    const { learner, courseId, order } = await invoicedOrder();
    // A fault injected into the database: the first access grant of an order line fails once.
    await sql`create sequence fulfilment_fault`.execute(t.deps.db);
    await sql`
      create function fulfilment_fault() returns trigger language plpgsql as $$
      begin
        if nextval('fulfilment_fault') = 1 then raise exception 'simulated crash after the ledger writes'; end if;
        return new;
      end $$`.execute(t.deps.db);
    await sql`
      create trigger fulfilment_fault before update of enrolment_id on order_lines
      for each row execute function fulfilment_fault()`.execute(t.deps.db);
    try {
      const marked = await markPaid(t, issuer, order.id);
      expect(marked.statusCode, marked.body).toBe(200);
      expect(marked.json().state).toBe('awaiting-payment');
      expect(await footprint(order, learner.userId, courseId)).toEqual({
        state: 'awaiting-payment',
        payments: ['pending'],
        ledgerTransactions: 0,
        ledgerSum: 0,
        enrolments: 0,
      });
      const event = await t.deps.db
        .selectFrom('paymentEvents')
        .select(['attempts', 'processedAt'])
        .where('orderId', '=', order.id)
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({ attempts: 1, processedAt: null });

      expect(await processPendingPaymentEvents(t.deps)).toBe(1);
      expect(await footprint(order, learner.userId, courseId)).toEqual({
        state: 'paid',
        payments: ['succeeded'],
        ledgerTransactions: 1,
        ledgerSum: 0,
        enrolments: 1,
      });
    } finally {
      await sql`drop trigger fulfilment_fault on order_lines`.execute(t.deps.db);
      await sql`drop function fulfilment_fault()`.execute(t.deps.db);
      await sql`drop sequence fulfilment_fault`.execute(t.deps.db);
    }
  });
});
