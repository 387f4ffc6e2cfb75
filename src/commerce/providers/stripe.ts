// Stripe Checkout through the official client: Pay opens a Checkout Session, a refund refunds its
// PaymentIntent, and webhook calls are verified with the endpoint's signing secret before they are
// translated into our payment events. The secret key and the signing secret are never logged.
// API: https://docs.stripe.com/api/checkout/sessions — webhooks: https://docs.stripe.com/webhooks
import Stripe from 'stripe';
import type { StripeSettings } from '../../config.ts';
import { RuleError } from '../../errors.ts';
import type {
  CheckoutRequest,
  CheckoutSession,
  PaymentEventType,
  PaymentProvider,
  ProviderEvent,
  RefundRequest,
  RefundResult,
} from './provider.ts';

/** Pinned so that the objects we read keep their shape whatever the account's default version is. */
export const STRIPE_API_VERSION = '2025-02-24.acacia' as const;
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function stripeProvider(settings: StripeSettings): PaymentProvider {
  const client = new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // Retries reuse the request's idempotency key, so a retried create never makes a second session.
    maxNetworkRetries: 2,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: 'Tessera' },
    ...(settings.api ?? {}),
  });
  return {
    name: 'stripe',
    createCheckout: (request) => createCheckoutSession(client, request),
    refund: (request) => refundCheckoutPayment(client, request),
    parseWebhook: (rawBody, headers) =>
      translateStripeEvent(verifiedEvent(client, settings.webhookSecret, rawBody, headers)),
  };
}

async function createCheckoutSession(client: Stripe, request: CheckoutRequest): Promise<CheckoutSession> {
  const sum = request.lines.reduce((total, line) => total + line.amountMinor, 0);
  if (sum !== request.amountMinor || request.amountMinor <= 0) {
    throw new Error(
      `Checkout of order ${request.orderNumber}: lines sum to ${sum}, total is ${request.amountMinor}`,
    );
  }
  const currency = request.currency.toLowerCase();
  // Our minor units are Stripe's "smallest currency unit" (cents; yen for zero-decimal JPY).
  const lineItems = request.lines
    .filter((line) => line.amountMinor > 0)
    .map((line) => ({
      quantity: 1,
      price_data: { currency, unit_amount: line.amountMinor, product_data: { name: line.description } },
    }));
  const metadata = { orderId: request.orderId, orderNumber: String(request.orderNumber) };
  const session = await client.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: lineItems,
      client_reference_id: request.orderId,
      metadata,
      // Copied onto the charge, so that charge.refunded events name the order too.
      payment_intent_data: { metadata },
      customer_email: request.buyerEmail,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    },
    { idempotencyKey: request.idempotencyKey },
  );
  if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
  return { providerRef: session.id, redirectUrl: session.url };
}

async function refundCheckoutPayment(client: Stripe, request: RefundRequest): Promise<RefundResult> {
  const session = await client.checkout.sessions.retrieve(request.paymentRef);
  const paymentIntent =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  if (!paymentIntent) {
    throw new Error(
      `Checkout Session ${session.id} has no payment to refund (payment_status ${session.payment_status})`,
    );
  }
  if (session.currency && session.currency.toUpperCase() !== request.currency) {
    throw new Error(
      `Checkout Session ${session.id} was paid in ${session.currency}, not ${request.currency}`,
    );
  }
  const refund = await client.refunds.create(
    { payment_intent: paymentIntent, amount: request.amountMinor, metadata: session.metadata ?? {} },
    { idempotencyKey: request.idempotencyKey },
  );
  return { providerRef: refund.id };
}

function verifiedEvent(
  client: Stripe,
  secret: string,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Stripe.Event {
  const signature = headers[STRIPE_SIGNATURE_HEADER];
  if (typeof signature !== 'string' || signature === '') {
    throw new RuleError('webhook-signature', 'The Stripe-Signature header is missing.');
  }
  try {
    // Checks the HMAC over the exact bytes received and refuses timestamps older than five minutes.
    return client.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new RuleError(
      'webhook-signature',
      'The Stripe-Signature header does not match this body (or is too old); check STRIPE_WEBHOOK_SECRET.',
    );
  }
}

/** A verified Stripe event in our terms; events we do not act on are 'ignored'. */
export function translateStripeEvent(event: Stripe.Event): ProviderEvent {
  switch (event.type) {
    case 'checkout.session.completed':
      // 'unpaid': an asynchronous method (a bank debit) is still pending; async_payment_* follows.
      return sessionEvent(
        event,
        event.data.object.payment_status === 'paid' ? 'payment.succeeded' : 'ignored',
      );
    case 'checkout.session.async_payment_succeeded':
      return sessionEvent(event, 'payment.succeeded');
    case 'checkout.session.async_payment_failed':
      return sessionEvent(event, 'payment.failed');
    case 'checkout.session.expired':
      return sessionEvent(event, 'payment.expired');
    case 'charge.refunded': {
      const charge = event.data.object;
      const paymentIntent =
        typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      return {
        ...common(event, 'refund.succeeded'),
        providerRef: paymentIntent ?? charge.id,
        orderId: orderIdOf(charge.metadata?.orderId),
        amountMinor: charge.amount_refunded,
        currency: charge.currency.toUpperCase(),
      };
    }
    default:
      return common(event, 'ignored');
  }
}

type SessionEvent = Extract<Stripe.Event, { data: { object: Stripe.Checkout.Session } }>;

function sessionEvent(event: SessionEvent, type: PaymentEventType): ProviderEvent {
  const session = event.data.object;
  return {
    ...common(event, type),
    providerRef: session.id,
    orderId: orderIdOf(session.metadata?.orderId ?? session.client_reference_id),
    amountMinor: session.amount_total,
    currency: session.currency ? session.currency.toUpperCase() : null,
  };
}

function common(event: Stripe.Event, type: PaymentEventType): ProviderEvent {
  const object = event.data.object as unknown as Record<string, unknown>;
  return {
    eventId: event.id,
    type,
    providerRef: typeof object.id === 'string' ? object.id : null,
    orderId: null,
    amountMinor: null,
    currency: null,
    occurredAt: new Date(event.created * 1000),
    payload: summaryOf(event, object),
  };
}

/** Only an id of ours: sessions other software opened on the same Stripe account carry anything here. */
function orderIdOf(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value.toLowerCase() : null;
}

const KEPT_FIELDS = [
  'id',
  'object',
  'status',
  'payment_status',
  'amount_total',
  'amount',
  'amount_refunded',
  'currency',
  'payment_intent',
  'client_reference_id',
  'metadata',
] as const;

/**
 * What we keep of an event: enough to audit and to replay our processing, without the buyer's
 * address, card details or other personal data Stripe includes.
 */
function summaryOf(event: Stripe.Event, object: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(
    KEPT_FIELDS.filter((key) => key in object).map((key) => [key, object[key]]),
  );
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    livemode: event.livemode,
    apiVersion: event.api_version,
    object: kept,
  };
}
