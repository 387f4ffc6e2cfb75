import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe, stripeSignature } from '../../../test/support/fake-stripe.ts';
import { loadConfig, type StripeSettings } from '../../config.ts';
import { RuleError } from '../../errors.ts';
import type { CheckoutRequest, PaymentProvider } from './provider.ts';
import { STRIPE_API_VERSION, stripeProvider } from './stripe.ts';

let fake: FakeStripe;
let settings: StripeSettings;
let stripe: PaymentProvider;

beforeAll(async () => {
  fake = await startFakeStripe();
  const stripeSettings = loadConfig(fake.env).payments.stripe;
  if (!stripeSettings) throw new Error('the fake Stripe environment should configure Stripe');
  settings = stripeSettings;
  stripe = stripeProvider(settings);
});
afterAll(() => fake.close());

function anOrder(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  const orderId = randomUUID();
  return {
    orderId,
    orderNumber: 1042,
    currency: 'EUR',
    amountMinor: 12_100,
    lines: [
      { description: 'Interviewing well', amountMinor: 6_050 },
      { description: 'Onboarding basics', amountMinor: 6_050 },
    ],
    buyerEmail: 'learner@example.org',
    successUrl: 'http://localhost:3000/me/orders/1?paid=1',
    cancelUrl: 'http://localhost:3000/me/orders/1',
    idempotencyKey: `pay-${orderId}`,
    ...overrides,
  };
}

function parse(event: ReturnType<FakeStripe['event']>, payload = JSON.stringify(event)) {
  const signature = stripeSignature(payload, settings.webhookSecret);
  return stripe.parseWebhook?.(Buffer.from(payload), { 'stripe-signature': signature });
}

async function aPaidSession(order = anOrder()) {
  const session = await stripe.createCheckout(order);
  const completed = fake.completeCheckout(session.providerRef);
  return { order, session, completed };
}

describe('Stripe Checkout', () => {
  it('opens a Checkout Session for the order: its lines, currency, buyer and order id', async () => {
    const order = anOrder();
    const session = await stripe.createCheckout(order);

    expect(session.providerRef).toMatch(/^cs_test_/);
    expect(session.redirectUrl).toBe(fake.sessions.get(session.providerRef)?.url);
    expect(session.redirectUrl?.startsWith(`${fake.url}/c/pay/`)).toBe(true);
    const request = fake.requests.findLast((r) => r.path === '/v1/checkout/sessions');
    expect(request?.idempotencyKey).toBe(order.idempotencyKey);
    expect(request?.stripeVersion).toBe(STRIPE_API_VERSION);
    expect(request?.params).toMatchObject({
      mode: 'payment',
      client_reference_id: order.orderId,
      metadata: { orderId: order.orderId, orderNumber: '1042' },
      payment_intent_data: { metadata: { orderId: order.orderId } },
      customer_email: 'learner@example.org',
      success_url: order.successUrl,
      cancel_url: order.cancelUrl,
      line_items: [
        {
          quantity: '1',
          price_data: { currency: 'eur', unit_amount: '6050', product_data: { name: 'Interviewing well' } },
        },
        {
          quantity: '1',
          price_data: { currency: 'eur', unit_amount: '6050', product_data: { name: 'Onboarding basics' } },
        },
      ],
    });
    expect(fake.sessions.get(session.providerRef)).toMatchObject({ amount_total: 12_100, currency: 'eur' });
  });

  it('opens the same session again for the same idempotency key (a doubled Pay)', async () => {
    const order = anOrder();
    const before = fake.sessions.size;
    const [first, second] = await Promise.all([stripe.createCheckout(order), stripe.createCheckout(order)]);
    const again = await stripe.createCheckout(order);

    expect(second.providerRef).toBe(first.providerRef);
    expect(again.providerRef).toBe(first.providerRef);
    expect(fake.sessions.size).toBe(before + 1);
  });

  it('sends amounts of zero-decimal currencies as the same integers (yen)', async () => {
    const order = anOrder({
      currency: 'JPY',
      amountMinor: 1_500,
      lines: [{ description: 'Kaizen', amountMinor: 1_500 }],
    });
    const session = await stripe.createCheckout(order);

    expect(fake.sessions.get(session.providerRef)).toMatchObject({ amount_total: 1_500, currency: 'jpy' });
  });

  it('leaves free lines out of the Checkout Session', async () => {
    const order = anOrder({
      amountMinor: 4_000,
      lines: [
        { description: 'Paid course', amountMinor: 4_000 },
        { description: 'Free with the coupon', amountMinor: 0 },
      ],
    });
    const session = await stripe.createCheckout(order);

    const request = fake.requests.findLast((r) => r.path === '/v1/checkout/sessions');
    expect(request?.params.line_items).toHaveLength(1);
    expect(fake.sessions.get(session.providerRef)?.amount_total).toBe(4_000);
  });

  it('refuses to open a checkout whose lines do not add up to the total', async () => {
    const before = fake.requests.length;

    await expect(stripe.createCheckout(anOrder({ amountMinor: 12_101 }))).rejects.toThrow(/sum to 12100/);
    expect(fake.requests.length).toBe(before);
  });

  it('surfaces a key Stripe refuses as an error', async () => {
    const wrongKey = stripeProvider({ ...settings, secretKey: 'sk_test_not_the_right_key' });

    await expect(wrongKey.createCheckout(anOrder())).rejects.toThrow(/Invalid API Key/);
  });
});

describe('Stripe refunds', () => {
  it("refunds through the session's PaymentIntent, for the amount asked, once per idempotency key", async () => {
    const { session } = await aPaidSession();
    const paymentIntent = fake.sessions.get(session.providerRef)?.payment_intent;
    const request = {
      paymentRef: session.providerRef,
      amountMinor: 6_050,
      currency: 'EUR',
      idempotencyKey: `refund-${randomUUID()}`,
    };

    const refund = await stripe.refund(request);
    const again = await stripe.refund(request);

    expect(refund.providerRef).toMatch(/^re_/);
    expect(again.providerRef).toBe(refund.providerRef);
    const made = fake.refunds.filter((r) => r.payment_intent === paymentIntent);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amount: 6_050, currency: 'eur', status: 'succeeded' });
    const sent = fake.requests.findLast((r) => r.path === '/v1/refunds');
    expect(sent?.params).toMatchObject({ payment_intent: paymentIntent, amount: '6050' });
    expect(sent?.idempotencyKey).toBe(request.idempotencyKey);
  });

  it('refuses to refund a session that was never paid', async () => {
    const session = await stripe.createCheckout(anOrder());
    const before = fake.refunds.length;

    await expect(
      stripe.refund({
        paymentRef: session.providerRef,
        amountMinor: 100,
        currency: 'EUR',
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toThrow(/no payment to refund/);
    expect(fake.refunds.length).toBe(before);
  });

  it('passes on Stripe refusing more than is left to refund', async () => {
    const { session } = await aPaidSession();
    const refund = (amountMinor: number) =>
      stripe.refund({
        paymentRef: session.providerRef,
        amountMinor,
        currency: 'EUR',
        idempotencyKey: randomUUID(),
      });

    await refund(12_000);
    await expect(refund(200)).rejects.toThrow(/greater than unrefunded amount/);
  });
});

describe('Stripe webhooks', () => {
  it('accepts a correctly signed event and reports a paid session as a succeeded payment', async () => {
    const { order, session, completed } = await aPaidSession();

    expect(parse(completed)).toEqual({
      eventId: completed.id,
      type: 'payment.succeeded',
      providerRef: session.providerRef,
      orderId: order.orderId,
      amountMinor: 12_100,
      currency: 'EUR',
      occurredAt: new Date(completed.created * 1000),
      payload: expect.objectContaining({ id: completed.id, type: 'checkout.session.completed' }),
    });
  });

  it('refuses an event without a signature, with a wrong one, signed with another secret, or altered', async () => {
    const { completed } = await aPaidSession();
    const payload = JSON.stringify(completed);
    const attempt = (body: string, headers: Record<string, string>) => () =>
      stripe.parseWebhook?.(Buffer.from(body), headers);
    const wrongSecret = stripeSignature(payload, 'whsec_somebody_else');
    const altered = payload.replace('"paid"', '"paid" ');

    for (const call of [
      attempt(payload, {}),
      attempt(payload, { 'stripe-signature': 't=1,v1=00' }),
      attempt(payload, { 'stripe-signature': wrongSecret }),
      attempt(altered, { 'stripe-signature': stripeSignature(payload, settings.webhookSecret) }),
    ]) {
      expect(call).toThrow(RuleError);
      expect(call).toThrow(expect.objectContaining({ code: 'webhook-signature' }));
    }
  });

  it('refuses a correctly signed event that is older than five minutes (a captured replay)', async () => {
    const { completed } = await aPaidSession();
    const payload = JSON.stringify(completed);
    const old = stripeSignature(payload, settings.webhookSecret, Math.floor(Date.now() / 1000) - 600);

    expect(() => stripe.parseWebhook?.(Buffer.from(payload), { 'stripe-signature': old })).toThrow(
      expect.objectContaining({ code: 'webhook-signature' }),
    );
  });

  it('ignores a completed session whose bank payment is still pending, then reports how it ended', async () => {
    const order = anOrder();
    const opened = await stripe.createCheckout(order);
    const pending = fake.completeCheckout(opened.providerRef, { paymentStatus: 'unpaid' });

    expect(parse(pending)).toMatchObject({ type: 'ignored', providerRef: opened.providerRef });
    expect(parse(fake.asyncPaymentSucceeded(opened.providerRef))).toMatchObject({
      type: 'payment.succeeded',
      orderId: order.orderId,
      amountMinor: 12_100,
    });
    expect(parse(fake.asyncPaymentFailed(opened.providerRef))).toMatchObject({
      type: 'payment.failed',
      providerRef: opened.providerRef,
      orderId: order.orderId,
    });
  });

  it('reports an expired session as an expired payment', async () => {
    const order = anOrder();
    const opened = await stripe.createCheckout(order);

    expect(parse(fake.expireCheckout(opened.providerRef))).toMatchObject({
      type: 'payment.expired',
      providerRef: opened.providerRef,
      orderId: order.orderId,
    });
  });

  it('reports a refunded charge with its order, PaymentIntent and the amount refunded so far', async () => {
    const { order, session } = await aPaidSession();
    await stripe.refund({
      paymentRef: session.providerRef,
      amountMinor: 6_050,
      currency: 'EUR',
      idempotencyKey: randomUUID(),
    });

    expect(parse(fake.chargeRefunded(session.providerRef))).toMatchObject({
      type: 'refund.succeeded',
      providerRef: fake.sessions.get(session.providerRef)?.payment_intent,
      orderId: order.orderId,
      amountMinor: 6_050,
      currency: 'EUR',
    });
  });

  it('ignores events it does not act on, and order ids that are not ours', async () => {
    const other = fake.event('payment_intent.created', {
      id: 'pi_123',
      object: 'payment_intent',
      amount: 500,
    });
    const { completed } = await aPaidSession();
    const foreign = structuredClone(completed);
    Object.assign(foreign.data.object, {
      metadata: { orderId: 'order-77' },
      client_reference_id: 'order-77',
    });

    expect(parse(other)).toMatchObject({ type: 'ignored', eventId: other.id, orderId: null });
    expect(parse(foreign)).toMatchObject({ type: 'payment.succeeded', orderId: null });
  });

  it("keeps what it needs of the event, not the buyer's personal details", async () => {
    const { completed } = await aPaidSession();
    Object.assign(completed.data.object, {
      customer_details: {
        email: 'learner@example.org',
        name: 'Lea Learner',
        address: { line1: '1 Main St' },
      },
    });

    const event = parse(completed);
    expect(event?.payload).toMatchObject({
      object: { id: completed.data.object.id, payment_status: 'paid' },
    });
    expect(JSON.stringify(event?.payload)).not.toMatch(/Lea Learner|1 Main St|learner@example\.org/);
  });
});
