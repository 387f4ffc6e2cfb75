// A test double of Stripe's servers: a local HTTP server speaking the part of the Stripe API that
// src/commerce/providers/stripe.ts uses (Checkout Sessions and refunds, form-encoded requests, JSON
// objects shaped as documented at https://docs.stripe.com/api, Idempotency-Key honoured), plus webhook
// events signed with Stripe's real signature scheme, sent to the app as Stripe would send them.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_tessera_fake_0000000000000000';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_tessera_fake_test_signing_secret';
const API_VERSION = '2025-02-24.acacia';

type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  stripeVersion: string | undefined;
  /** The form body, decoded into nested objects and arrays as Stripe decodes it. */
  params: Record<string, unknown>;
}

export interface FakeStripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeObject };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookReply {
  statusCode: number;
  body: Record<string, unknown>;
}

export interface FakeStripe {
  /** http://127.0.0.1:<port>: STRIPE_API_URL for the app under test. */
  url: string;
  /** Environment that points an app at this server (PAYMENT_PROVIDER=stripe, keys, STRIPE_API_URL). */
  env: Record<string, string>;
  requests: RecordedRequest[];
  sessions: Map<string, StripeObject>;
  refunds: StripeObject[];
  /** The buyer paid: the session completes (payment_status 'paid', or 'unpaid' for a pending bank debit). */
  completeCheckout(sessionId: string, options?: { paymentStatus?: 'paid' | 'unpaid' }): FakeStripeEvent;
  asyncPaymentSucceeded(sessionId: string): FakeStripeEvent;
  asyncPaymentFailed(sessionId: string): FakeStripeEvent;
  /** The session's 24 hours ran out (or it was expired through the API) without payment. */
  expireCheckout(sessionId: string): FakeStripeEvent;
  /** charge.refunded for the charge of a paid session, after the refunds made so far. */
  chargeRefunded(sessionId: string): FakeStripeEvent;
  /** Any other event (e.g. payment_intent.created), to check it is ignored. */
  event(type: string, object: StripeObject): FakeStripeEvent;
  /** POSTs the event to /webhooks/stripe with a valid Stripe-Signature (or the one given). */
  sendWebhook(
    target: FastifyInstance | string,
    event: FakeStripeEvent,
    options?: { secret?: string; signature?: string; payload?: string },
  ): Promise<WebhookReply>;
  close(): Promise<void>;
}

export async function startFakeStripe(
  options: { secretKey?: string; webhookSecret?: string } = {},
): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? FAKE_STRIPE_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET;
  const state = new FakeStripeState();
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => state.handle(req, body, secretKey, res))
      .catch((error: unknown) => reply(res, 500, apiError('api_error', String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  state.origin = url;

  return {
    url,
    env: {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: url,
    },
    requests: state.requests,
    sessions: state.sessions,
    refunds: state.refunds,
    completeCheckout: (id, opts) => state.complete(id, opts?.paymentStatus ?? 'paid'),
    asyncPaymentSucceeded: (id) => state.settleAsync(id, 'paid'),
    asyncPaymentFailed: (id) => state.settleAsync(id, 'unpaid'),
    expireCheckout: (id) => state.expire(id),
    chargeRefunded: (id) => state.chargeRefunded(id),
    event: (type, object) => stripeEvent(type, object),
    sendWebhook: (target, event, opts = {}) => sendWebhook(target, event, opts.secret ?? webhookSecret, opts),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The Stripe-Signature header Stripe would send for this exact payload (t=…,v1=HMAC-SHA256). */
export function stripeSignature(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

async function sendWebhook(
  target: FastifyInstance | string,
  event: FakeStripeEvent,
  secret: string,
  options: { signature?: string; payload?: string },
): Promise<WebhookReply> {
  const payload = options.payload ?? JSON.stringify(event, null, 2);
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    'stripe-signature': options.signature ?? stripeSignature(payload, secret),
  };
  if (typeof target === 'string') {
    const response = await fetch(`${target.replace(/\/$/, '')}/webhooks/stripe`, {
      method: 'POST',
      headers,
      body: payload,
    });
    return { statusCode: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const response = await target.inject({ method: 'POST', url: '/webhooks/stripe', headers, payload });
  return { statusCode: response.statusCode, body: response.json() as Record<string, unknown> };
}

class FakeStripeState {
  origin = '';
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly refunds: StripeObject[] = [];
  /** payment_intent_data.metadata of each session: Stripe copies it onto the PaymentIntent and its charge. */
  private readonly paymentIntentMetadata = new Map<string, Record<string, string>>();
  /** Idempotency-Key → the request it first came with and the reply it got (Stripe keeps them 24 h). */
  private readonly idempotent = new Map<
    string,
    { path: string; body: string; status: number; reply: unknown }
  >();

  handle(req: IncomingMessage, body: string, secretKey: string, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const idempotencyKey = header(req, 'idempotency-key');
    const params = decodeForm(body);
    this.requests.push({
      method,
      path,
      idempotencyKey,
      stripeVersion: header(req, 'stripe-version'),
      params,
    });
    const authorized = header(req, 'authorization') === `Bearer ${secretKey}`;
    const earlier = method === 'POST' && idempotencyKey ? this.idempotent.get(idempotencyKey) : undefined;
    if (earlier && earlier.path === path && earlier.body === body)
      res.setHeader('idempotent-replayed', 'true');
    const [status, result] = !authorized
      ? [401, apiError('invalid_request_error', 'Invalid API Key provided.')]
      : earlier
        ? earlier.path === path && earlier.body === body
          ? [earlier.status, earlier.reply]
          : [
              400,
              apiError(
                'idempotency_error',
                'Keys for idempotent requests can only be used with the same parameters they were first used with.',
              ),
            ]
        : this.route(method, path, params);
    if (authorized && !earlier && method === 'POST' && idempotencyKey && status < 500) {
      this.idempotent.set(idempotencyKey, { path, body, status, reply: result });
    }
    reply(res, status, result);
  }

  private route(method: string, path: string, params: Record<string, unknown>): [number, unknown] {
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(params);
    const sessionPath = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)$/.exec(path);
    if (method === 'GET' && sessionPath) {
      const session = this.sessions.get(sessionPath[1] ?? '');
      return session ? [200, session] : missing('checkout.session', sessionPath[1]);
    }
    if (method === 'POST' && path === '/v1/refunds') return this.createRefund(params);
    return [404, apiError('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`)];
  }

  private createSession(params: Record<string, unknown>): [number, unknown] {
    if (params.mode !== 'payment') return invalid('mode', 'This fake only knows mode=payment.');
    if (typeof params.success_url !== 'string')
      return invalid('success_url', 'Missing required param: success_url.');
    const items = Array.isArray(params.line_items) ? (params.line_items as Record<string, unknown>[]) : [];
    if (items.length === 0) return invalid('line_items', 'Missing required param: line_items.');
    const lines: Array<{ currency: string; unitAmount: number; quantity: number; name: string }> = [];
    for (const [i, item] of items.entries()) {
      const price = (item.price_data ?? {}) as Record<string, unknown>;
      const product = (price.product_data ?? {}) as Record<string, unknown>;
      const unitAmount = Number(price.unit_amount);
      const quantity = Number(item.quantity ?? 1);
      if (!Number.isInteger(unitAmount) || unitAmount < 0) {
        return invalid(`line_items[${i}][price_data][unit_amount]`, 'Invalid integer.');
      }
      if (typeof price.currency !== 'string' || !/^[a-z]{3}$/.test(price.currency)) {
        return invalid(`line_items[${i}][price_data][currency]`, 'Invalid currency.');
      }
      if (typeof product.name !== 'string' || product.name === '') {
        return invalid(`line_items[${i}][price_data][product_data][name]`, 'Missing required param.');
      }
      lines.push({ currency: price.currency, unitAmount, quantity, name: product.name });
    }
    const currency = lines[0]?.currency ?? '';
    if (lines.some((line) => line.currency !== currency)) {
      return invalid('line_items', 'All line items must use the same currency.');
    }
    const total = lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
    const id = `cs_test_${token(58)}`;
    const created = nowSeconds();
    const intentData = (params.payment_intent_data ?? {}) as Record<string, unknown>;
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      amount_subtotal: total,
      amount_total: total,
      cancel_url: params.cancel_url ?? null,
      client_reference_id: params.client_reference_id ?? null,
      created,
      currency,
      customer: null,
      customer_details: null,
      customer_email: params.customer_email ?? null,
      expires_at: created + 24 * 3600,
      livemode: false,
      metadata: params.metadata ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: params.success_url,
      url: `${this.origin}/c/pay/${id}#fid${token(16)}`,
    };
    this.sessions.set(id, session);
    this.paymentIntentMetadata.set(id, (intentData.metadata ?? {}) as Record<string, string>);
    return [200, session];
  }

  private createRefund(params: Record<string, unknown>): [number, unknown] {
    const intent = this.paymentIntents.get(String(params.payment_intent ?? ''));
    if (!intent) return missing('payment_intent', params.payment_intent);
    const refunded = Number(intent.amount_refunded ?? 0);
    const amount = params.amount === undefined ? Number(intent.amount) - refunded : Number(params.amount);
    if (!Number.isInteger(amount) || amount <= 0) return invalid('amount', 'Invalid positive integer.');
    if (refunded + amount > Number(intent.amount)) {
      return [
        400,
        apiError(
          'invalid_request_error',
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${Number(intent.amount) - refunded}).`,
          'amount',
          'amount_too_large',
        ),
      ];
    }
    intent.amount_refunded = refunded + amount;
    const refund: StripeObject = {
      id: `re_${token(24)}`,
      object: 'refund',
      amount,
      charge: intent.latest_charge,
      created: nowSeconds(),
      currency: intent.currency,
      metadata: params.metadata ?? {},
      payment_intent: intent.id,
      reason: params.reason ?? null,
      status: 'succeeded',
    };
    this.refunds.push(refund);
    return [200, refund];
  }

  complete(sessionId: string, paymentStatus: 'paid' | 'unpaid'): FakeStripeEvent {
    const session = this.session(sessionId);
    const intentId = `pi_${token(24)}`;
    this.paymentIntents.set(intentId, {
      id: intentId,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_refunded: 0,
      currency: session.currency,
      latest_charge: `ch_${token(24)}`,
      metadata: this.paymentIntentMetadata.get(sessionId) ?? {},
      status: paymentStatus === 'paid' ? 'succeeded' : 'processing',
    });
    Object.assign(session, { status: 'complete', payment_status: paymentStatus, payment_intent: intentId });
    return stripeEvent('checkout.session.completed', session);
  }

  settleAsync(sessionId: string, paymentStatus: 'paid' | 'unpaid'): FakeStripeEvent {
    const session = this.session(sessionId);
    session.payment_status = paymentStatus;
    const intent = this.paymentIntents.get(String(session.payment_intent));
    if (intent) intent.status = paymentStatus === 'paid' ? 'succeeded' : 'requires_payment_method';
    const type =
      paymentStatus === 'paid'
        ? 'checkout.session.async_payment_succeeded'
        : 'checkout.session.async_payment_failed';
    return stripeEvent(type, session);
  }

  expire(sessionId: string): FakeStripeEvent {
    const session = this.session(sessionId);
    Object.assign(session, { status: 'expired', url: null });
    return stripeEvent('checkout.session.expired', session);
  }

  chargeRefunded(sessionId: string): FakeStripeEvent {
    const session = this.session(sessionId);
    const intent = this.paymentIntents.get(String(session.payment_intent));
    if (!intent) throw new Error(`Checkout Session ${sessionId} was not paid`);
    const charge: StripeObject = {
      id: String(intent.latest_charge),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: intent.amount_refunded,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      metadata: intent.metadata,
      paid: true,
      payment_intent: intent.id,
      refunded: intent.amount_refunded === intent.amount,
      status: 'succeeded',
    };
    return stripeEvent('charge.refunded', charge);
  }

  private session(sessionId: string): StripeObject {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`The fake Stripe has no Checkout Session ${sessionId}`);
    return session;
  }
}

function stripeEvent(type: string, object: StripeObject): FakeStripeEvent {
  return {
    id: `evt_${token(24)}`,
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    // A snapshot: later changes to the object do not alter an event already built.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/**
 * Stripe's form encoding: `line_items[0][price_data][currency]=usd`, `metadata[orderId]=…`. Objects whose
 * keys are all indices become arrays; values stay strings, as on the wire.
 */
export function decodeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    }
  }
  return arraysOf(root) as Record<string, unknown>;
}

function arraysOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysOf(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  if (indexed) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  return Object.fromEntries(entries);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': `req_${token(14)}`,
    'stripe-version': API_VERSION,
  });
  res.end(JSON.stringify(body));
}

function apiError(type: string, message: string, param?: string, code?: string) {
  return { error: { type, message, ...(param ? { param } : {}), ...(code ? { code } : {}) } };
}

function invalid(param: string, message: string): [number, unknown] {
  return [400, apiError('invalid_request_error', message, param, 'parameter_invalid')];
}

function missing(kind: string, id: unknown): [number, unknown] {
  return [
    404,
    apiError('invalid_request_error', `No such ${kind}: '${String(id)}'`, 'id', 'resource_missing'),
  ];
}

function token(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
