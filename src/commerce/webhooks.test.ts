import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  FAKE_STRIPE_WEBHOOK_SECRET,
  type FakeStripe,
  startFakeStripe,
  stripeSignature,
} from '../../test/support/fake-stripe.ts';
import { buildApp } from '../http/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aPricedCourse, cartOf, ordersOf, type TestOrder } from './testing.ts';

let fake: FakeStripe;
let t: TestApp;
let issuer: TestIssuer;

beforeAll(async () => {
  fake = await startFakeStripe();
  t = await createTestApp({ env: fake.env });
  issuer = await anIssuerWithOwner(t.app, t.deps);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const storedEvents = () => t.deps.db.selectFrom('paymentEvents').selectAll().execute();

describe('the Stripe webhook endpoint', () => {
  it('refuses a call whose signature does not match, as problem+json, and stores nothing', async () => {
    const before = (await storedEvents()).length;
    const event = fake.event('checkout.session.completed', {
      id: 'cs_test_forged',
      object: 'checkout.session',
    });

    const forged = await fake.sendWebhook(t.app, event, { secret: 'whsec_somebody_else' });
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(event),
    });

    expect(forged.statusCode).toBe(400);
    expect(forged.body).toMatchObject({ type: '/problems/webhook-signature', status: 400 });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await storedEvents()).length).toBe(before);
  });

  it('stores an event it does not act on once, and answers a replay as a duplicate', async () => {
    const event = fake.event('payment_intent.created', { id: 'pi_test_ignored', object: 'payment_intent' });

    const first = await fake.sendWebhook(t.app, event);
    const replay = await fake.sendWebhook(t.app, event);

    expect(first).toEqual({ statusCode: 200, body: { received: true, duplicate: false } });
    expect(replay).toEqual({ statusCode: 200, body: { received: true, duplicate: true } });
    const stored = (await storedEvents()).filter((e) => e.eventId === event.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ provider: 'stripe', type: 'ignored', outcome: 'ignored' });
    expect(stored[0]?.processedAt).toBeInstanceOf(Date);
  });

  it('needs neither a session nor a CSRF token, even when the caller carries a session cookie', async () => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const event = fake.event('customer.created', { id: 'cus_test_1', object: 'customer' });
    const payload = JSON.stringify(event);

    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: {
        ...learner.cookieOnly,
        'content-type': 'application/json',
        'stripe-signature': stripeSignature(payload, FAKE_STRIPE_WEBHOOK_SECRET),
      },
      payload,
    });

    expect(response.statusCode).toBe(200);
  });

  it('keeps JSON parsing as it was for every other route', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    const parsed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'wrong password' },
    });

    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ type: '/problems/invalid-json' });
    expect(parsed.statusCode).toBe(401);
  });

  it('refuses a body larger than the app accepts', async () => {
    const event = fake.event('payment_intent.created', { id: 'pi_big', object: 'payment_intent' });
    const payload = JSON.stringify({ ...event, padding: 'x'.repeat(t.deps.config.bodyLimit) });

    const response = await fake.sendWebhook(t.app, event, { payload });

    expect(response.statusCode).toBe(413);
  });
});

describe('the Stripe webhook endpoint with the manual provider', () => {
  it('answers 404 problem+json and stores nothing', async () => {
    // The same database, configured for manual invoices (a second runtime would switch the test schema).
    const config = Object.freeze({
      ...t.deps.config,
      payments: { provider: 'manual' as const, stripe: undefined },
    });
    const manual = await buildApp({ ...t.deps, config }, { logger: false });
    try {
      const before = (await storedEvents()).length;
      const event = fake.event('payment_intent.created', { id: 'pi_test_manual', object: 'payment_intent' });
      const response = await fake.sendWebhook(manual, event);

      expect(response.statusCode).toBe(404);
      expect(response.body).toMatchObject({ type: '/problems/not-found' });
      expect((await storedEvents()).length).toBe(before);
    } finally {
      await manual.close();
    }
  });
});

/** A learner who placed an order for one priced course; it awaits payment through Stripe. */
async function anOrderAwaitingStripe(
  priceMinor = 12_000,
): Promise<{ learner: TestSession & { email: string }; order: TestOrder }> {
  const learner = await aLoggedInUser(t.app, t.deps);
  const courseId = await aPricedCourse(t, issuer, { priceMinor, currency: 'EUR' });
  const cart = cartOf(t, learner, issuer.orgId);
  expect((await cart.add({ kind: 'course', courseId })).statusCode).toBe(201);
  const placed = await cart.checkout();
  expect(placed.statusCode, placed.body).toBe(201);
  return { learner, order: placed.json() as TestOrder };
}

/** Pay: the order's Checkout Session id and the URL the learner is sent to. */
async function pay(
  learner: TestSession,
  orderId: string,
): Promise<{ sessionId: string; redirectUrl: string }> {
  const paid = await ordersOf(t, learner).pay(orderId);
  expect(paid.statusCode, paid.body).toBe(200);
  const { payment } = paid.json() as {
    payment: { provider: string; reference: string; redirectUrl: string };
  };
  expect(payment.provider).toBe('stripe');
  return { sessionId: payment.reference, redirectUrl: payment.redirectUrl };
}

async function orderNow(learner: TestSession, orderId: string): Promise<TestOrder> {
  const response = await ordersOf(t, learner).get(orderId);
  expect(response.statusCode).toBe(200);
  return response.json() as TestOrder;
}

const paymentsOf = (orderId: string) =>
  t.deps.db.selectFrom('payments').selectAll().where('orderId', '=', orderId).execute();
const ledgerOf = (orderId: string) =>
  t.deps.db.selectFrom('ledgerEntries').selectAll().where('orderId', '=', orderId).execute();
const outcomeOf = async (eventId: string) =>
  (
    await t.deps.db
      .selectFrom('paymentEvents')
      .select('outcome')
      .where('provider', '=', 'stripe')
      .where('eventId', '=', eventId)
      .executeTakeFirst()
  )?.outcome;

describe('paying an order through Stripe Checkout', () => {
  it('sends the learner to Checkout, and grants access once Stripe reports the payment', async () => {
    const { learner, order } = await anOrderAwaitingStripe(12_000);
    expect(order).toMatchObject({ provider: 'stripe', state: 'awaiting-payment', totalMinor: 12_000 });

    const { sessionId, redirectUrl } = await pay(learner, order.id);
    expect(redirectUrl).toBe(fake.sessions.get(sessionId)?.url);
    expect(redirectUrl.startsWith(`${fake.url}/c/pay/${sessionId}`)).toBe(true);
    expect(fake.sessions.get(sessionId)).toMatchObject({
      amount_total: 12_000,
      currency: 'eur',
      client_reference_id: order.id,
      customer_email: learner.email,
      metadata: { orderId: order.id },
    });
    expect((await orderNow(learner, order.id)).state).toBe('awaiting-payment');

    const delivered = await fake.sendWebhook(t.app, fake.completeCheckout(sessionId));

    expect(delivered).toEqual({ statusCode: 200, body: { received: true, duplicate: false } });
    const paid = await orderNow(learner, order.id);
    expect(paid).toMatchObject({ state: 'paid', payment: { state: 'succeeded', reference: sessionId } });
    expect(paid.paidAt).not.toBeNull();
    expect(paid.lines[0]?.enrolmentId).toEqual(expect.any(String));
    expect(paid.lines[0]?.accessUntil).toEqual(expect.any(String));
    const payments = await paymentsOf(order.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ provider: 'stripe', providerRef: sessionId, state: 'succeeded' });
  });

  it('answers 502 problem+json and charges nothing when Stripe cannot be reached', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    // The same database, with Stripe's API at a port where nothing listens any more.
    const closed = await startFakeStripe();
    await closed.close();
    const stripe = t.deps.config.payments.stripe;
    if (!stripe) throw new Error('the test app is configured for Stripe');
    const port = Number(new URL(closed.url).port);
    const config = Object.freeze({
      ...t.deps.config,
      payments: {
        provider: 'stripe' as const,
        stripe: { ...stripe, api: { host: '127.0.0.1', port, protocol: 'http' as const } },
      },
    });
    const offline = await buildApp({ ...t.deps, config }, { logger: false });
    try {
      const paid = await offline.inject({
        method: 'POST',
        url: `/api/v1/me/orders/${order.id}/pay`,
        headers: learner.headers,
      });

      expect(paid.statusCode).toBe(502);
      expect(paid.json()).toMatchObject({ type: '/problems/payment-provider-unavailable' });
      expect(await paymentsOf(order.id)).toEqual([]);
      expect((await orderNow(learner, order.id)).state).toBe('awaiting-payment');
    } finally {
      await offline.close();
    }
  });

  it('opens one Checkout Session however often Pay is pressed', async () => {
    const { learner, order } = await anOrderAwaitingStripe();

    const [first, second] = await Promise.all([pay(learner, order.id), pay(learner, order.id)]);
    const third = await pay(learner, order.id);

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const sessions = [...fake.sessions.values()].filter((s) => s.client_reference_id === order.id);
    expect(sessions).toHaveLength(1);
    expect(await paymentsOf(order.id)).toHaveLength(1);
  });

  it('fulfils a replayed completion once, answering the replay as a duplicate', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);
    const completed = fake.completeCheckout(sessionId);

    const first = await fake.sendWebhook(t.app, completed);
    const ledgerAfterFirst = await ledgerOf(order.id);
    const replay = await fake.sendWebhook(t.app, completed);

    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(replay).toEqual({ statusCode: 200, body: { received: true, duplicate: true } });
    expect(ledgerAfterFirst.length).toBeGreaterThan(0);
    expect(await ledgerOf(order.id)).toHaveLength(ledgerAfterFirst.length);
    const payments = await paymentsOf(order.id);
    expect(payments.map((p) => p.state)).toEqual(['succeeded']);
    const enrolments = await t.deps.db
      .selectFrom('enrolments')
      .select('id')
      .where('userId', '=', learner.userId)
      .execute();
    expect(enrolments).toHaveLength(1);
  });

  it('changes nothing when the expiry of a session arrives after its payment', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);
    const completed = fake.completeCheckout(sessionId);
    const expired = fake.expireCheckout(sessionId);

    await fake.sendWebhook(t.app, completed);
    const late = await fake.sendWebhook(t.app, expired);

    expect(late.statusCode).toBe(200);
    expect(await outcomeOf(expired.id)).toBe('out-of-order');
    expect(await orderNow(learner, order.id)).toMatchObject({
      state: 'paid',
      payment: { state: 'succeeded' },
    });
  });

  it('still fulfils the order when the payment arrives after the expiry', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);
    const completed = fake.completeCheckout(sessionId);
    const expired = fake.expireCheckout(sessionId);

    await fake.sendWebhook(t.app, expired);
    expect((await paymentsOf(order.id)).map((p) => p.state)).toEqual(['expired']);
    await fake.sendWebhook(t.app, completed);

    expect(await outcomeOf(completed.id)).toBe('fulfilled');
    expect(await orderNow(learner, order.id)).toMatchObject({
      state: 'paid',
      payment: { state: 'succeeded' },
    });
    expect((await paymentsOf(order.id)).map((p) => p.state)).toEqual(['succeeded']);
  });

  it('still fulfils an order the learner cancelled after paying (the money was taken)', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);
    const completed = fake.completeCheckout(sessionId);
    expect((await ordersOf(t, learner).cancel(order.id)).statusCode).toBe(200);

    await fake.sendWebhook(t.app, completed);

    expect(await orderNow(learner, order.id)).toMatchObject({
      state: 'paid',
      payment: { state: 'succeeded' },
    });
  });

  it('waits for a delayed bank payment, then fulfils the order when it arrives', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);

    const pending = fake.completeCheckout(sessionId, { paymentStatus: 'unpaid' });
    await fake.sendWebhook(t.app, pending);
    expect(await outcomeOf(pending.id)).toBe('ignored');
    expect((await orderNow(learner, order.id)).state).toBe('awaiting-payment');

    await fake.sendWebhook(t.app, fake.asyncPaymentSucceeded(sessionId));
    expect((await orderNow(learner, order.id)).state).toBe('paid');
  });

  it('lets the learner pay again, in a new Checkout Session, after a delayed payment failed', async () => {
    const { learner, order } = await anOrderAwaitingStripe();
    const { sessionId } = await pay(learner, order.id);
    await fake.sendWebhook(t.app, fake.completeCheckout(sessionId, { paymentStatus: 'unpaid' }));

    await fake.sendWebhook(t.app, fake.asyncPaymentFailed(sessionId));
    expect(await orderNow(learner, order.id)).toMatchObject({ state: 'awaiting-payment' });
    const again = await pay(learner, order.id);

    expect(again.sessionId).not.toBe(sessionId);
    expect((await paymentsOf(order.id)).map((p) => p.state).sort()).toEqual(['failed', 'pending']);
    await fake.sendWebhook(t.app, fake.completeCheckout(again.sessionId));
    expect((await orderNow(learner, order.id)).state).toBe('paid');
  });

  it('does not fulfil a payment whose amount differs from the order', async () => {
    const { learner, order } = await anOrderAwaitingStripe(12_000);
    const { sessionId } = await pay(learner, order.id);
    const completed = fake.completeCheckout(sessionId);
    Object.assign(completed.data.object, { amount_total: 100 });

    const delivered = await fake.sendWebhook(t.app, completed);

    expect(delivered.statusCode).toBe(200);
    expect(await outcomeOf(completed.id)).toBe('amount-mismatch');
    expect((await orderNow(learner, order.id)).state).toBe('awaiting-payment');
  });

  it("refunds an unopened course at Stripe, through the session's PaymentIntent, and notes Stripe's echo", async () => {
    const { learner, order } = await anOrderAwaitingStripe(12_000);
    const { sessionId } = await pay(learner, order.id);
    await fake.sendWebhook(t.app, fake.completeCheckout(sessionId));
    const line = (await orderNow(learner, order.id)).lines[0];

    const refunded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${order.id}/refunds`,
      headers: learner.headers,
      payload: { lineIds: [line?.id] },
    });

    expect(refunded.statusCode, refunded.body).toBe(201);
    const paymentIntent = fake.sessions.get(sessionId)?.payment_intent;
    const atStripe = fake.refunds.filter((r) => r.payment_intent === paymentIntent);
    expect(atStripe).toHaveLength(1);
    expect(atStripe[0]).toMatchObject({ amount: line?.totalMinor, currency: 'eur' });
    const stored = await t.deps.db
      .selectFrom('refunds')
      .selectAll()
      .where('orderId', '=', order.id)
      .execute();
    expect(stored.map((r) => r.providerRef)).toEqual([atStripe[0]?.id]);
    const echo = fake.chargeRefunded(sessionId);
    expect((await fake.sendWebhook(t.app, echo)).statusCode).toBe(200);
    expect(await outcomeOf(echo.id)).toBe('noted');
    expect((await orderNow(learner, order.id)).state).toBe('refunded');
  });
});
