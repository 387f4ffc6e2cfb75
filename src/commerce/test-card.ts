// Test-mode card payments (issue #18 item 9): a learner finishes alone, without an admin marking an invoice
// paid, and no money moves. An issuer turns them on in its commerce settings (the demo issuer is seeded on);
// PAYMENTS_TEST_MODE=off (the production default) refuses them whatever the setting says. Its orders are
// placed with the `test-card` provider, whose "checkout" is our own page /checkout/test/{paymentId}; the card
// the learner types there is checked (test-card-rules.ts), reduced to its last four digits and reported as a
// payment event, processed exactly as a Stripe webhook's: fulfilment, ledger (`cash:test-card`), receipt, mail.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor } from '../identity/index.ts';
import { processPaymentEvent, recordPaymentEvent } from './events.ts';
import { activeProvider, type OnlineProviderName } from './providers/index.ts';
import type { PaymentProvider } from './providers/provider.ts';
import { findOrder, type OrderRow, orderLines, type PaymentRow, settlePayment } from './store.ts';
import type { ProviderName } from './tables.ts';
import { type CardInput, checkTestCard } from './test-card-rules.ts';
import { paymentById, testCardPaymentsOf } from './test-card-store.ts';

/** The app's card form for one payment (relative: the app is served from the same origin as the API). */
export const testCheckoutPath = (paymentId: string) => `/checkout/test/${paymentId}`;

export const testCardProvider: PaymentProvider = {
  name: 'test-card',
  async createCheckout(request) {
    if (!request.paymentId) throw new Error('a test-card checkout needs the payment id');
    return { providerRef: `test_${request.paymentId}`, redirectUrl: testCheckoutPath(request.paymentId) };
  },
  // No money moved, none goes back: a refund is only recorded (access ends, the ledger is reversed).
  async refund() {
    return { providerRef: null };
  },
};

/** Whether this issuer's learners pay by test card now: the server allows it and the issuer turned it on. */
export async function testCardsOn(deps: Pick<Deps, 'config'>, db: Executor, orgId: string): Promise<boolean> {
  return deps.config.testCardPayments && (await testCardPaymentsOf(db, orgId));
}

/** The provider a new order of this issuer is paid with. */
export async function providerForNewOrder(deps: Deps, db: Executor, orgId: string): Promise<ProviderName> {
  return (await testCardsOn(deps, db, orgId)) ? 'test-card' : activeProvider(deps).name;
}

/**
 * The provider an unpaid order is paid with now: a test-card order of an issuer (or a server) that turned
 * test mode off falls back to the configured provider, since a test payment would no longer be accepted.
 */
export async function providerToPayWith(
  deps: Deps,
  db: Executor,
  order: OrderRow,
): Promise<OnlineProviderName> {
  const current = order.provider;
  if (current === 'free') throw new Error('an order of total 0 is paid when it is placed');
  if (current !== 'test-card' || (await testCardsOn(deps, db, order.orgId))) return current;
  return activeProvider(deps).name;
}

/**
 * A pending test payment of an issuer that turned test mode off can never be paid: it is expired (true), so
 * that Pay opens the order's payment with the provider the issuer takes now.
 */
export async function withdrawnTestPayment(
  deps: Deps,
  trx: Executor,
  order: OrderRow,
  live: PaymentRow,
): Promise<boolean> {
  if (live.provider !== 'test-card' || live.state !== 'pending') return false;
  if (await testCardsOn(deps, trx, order.orgId)) return false;
  await settlePayment(trx, live.id, 'expired', deps.now());
  return true;
}

export interface TestCheckout {
  payment: PaymentRow;
  order: OrderRow;
  lines: Array<{ description: string; totalMinor: number }>;
  enabled: boolean;
}

/** My test-card payment: anyone else's, or a payment of another provider, is not found. */
async function myTestPayment(deps: Deps, actor: Actor | null, paymentId: string) {
  const me = requireActor(actor);
  const payment = await paymentById(deps.db, paymentId);
  const order = payment && (await findOrder(deps.db, payment.orderId));
  if (!payment || !order || payment.provider !== 'test-card' || order.userId !== me.user.id) {
    throw new NotFoundError('payment');
  }
  return { payment, order };
}

/** What the test checkout page shows: the amount, the order's lines, and whether test mode is still on. */
export async function testCheckout(
  deps: Deps,
  actor: Actor | null,
  paymentId: string,
): Promise<TestCheckout> {
  const { payment, order } = await myTestPayment(deps, actor, paymentId);
  const lines = await orderLines(deps.db, [order.id]);
  return {
    payment,
    order,
    lines: lines.map((l) => ({ description: l.description, totalMinor: l.totalMinor })),
    enabled: await testCardsOn(deps, deps.db, order.orgId),
  };
}

export type TestCardResult = 'paid' | 'declined' | 'processing';

/**
 * Pays my test-card payment with a test card. The outcome is stored as a payment event (once per payment)
 * and processed like any provider's: 4242… pays the order, 4000 0000 0000 0002 fails the payment (the order
 * stays payable; Pay opens a new attempt). Paying a payment already paid answers `paid` again.
 */
export async function payByTestCard(
  deps: Deps,
  actor: Actor | null,
  paymentId: string,
  card: CardInput,
): Promise<{ result: TestCardResult; order: OrderRow }> {
  const { payment, order } = await myTestPayment(deps, actor, paymentId);
  if (!(await testCardsOn(deps, deps.db, order.orgId))) {
    throw new ConflictError(
      'Test-mode card payments are turned off for this issuer; go back to the order and pay again.',
      'test-card-disabled',
    );
  }
  const now = deps.now();
  const check = checkTestCard(card, now);
  if (!check.ok) throw new InvalidError('The card details are not usable.', check.problems);
  if (payment.state === 'succeeded') return { result: 'paid', order };
  if (payment.state !== 'pending') {
    throw new ConflictError(
      'This payment attempt has ended; go back to the order and pay again.',
      'payment-not-pending',
    );
  }
  const { id } = await recordPaymentEvent(deps, {
    provider: 'test-card',
    eventId: `test-card:${payment.id}`,
    type: check.outcome === 'approved' ? 'payment.succeeded' : 'payment.failed',
    providerRef: payment.providerRef,
    orderId: order.id,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    occurredAt: now,
    // The last four digits only: never the number, the expiry or the CVC.
    payload: { testMode: true, card: { last4: check.last4 }, outcome: check.outcome },
  });
  await processPaymentEvent(deps, id);
  const after = (await findOrder(deps.db, order.id)) ?? order;
  const settled = await paymentById(deps.db, payment.id);
  const result: TestCardResult =
    after.state !== 'awaiting-payment' && after.state !== 'cancelled'
      ? 'paid'
      : settled?.state === 'failed'
        ? 'declined'
        : 'processing';
  return { result, order: after };
}
