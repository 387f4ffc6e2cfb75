// Paying, cancelling and (for invoices) marking an order paid. Exactly one charge per order: Pay locks
// the order and returns the live payment when there is one; the unique index payments_one_live stops
// whatever slips past; the provider gets an idempotency key per attempt.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { ConflictError, DomainError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor, requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { releaseCoupon } from './coupons.ts';
import { processPaymentEvent, recordPaymentEvent } from './events.ts';
import { orderHooksFor } from './order-hooks.ts';
import { providerFor } from './providers/index.ts';
import { invoiceReference } from './providers/manual.ts';
import type { CheckoutRequest, CheckoutSession, PaymentProvider } from './providers/provider.ts';
import { queueInvoiceMail } from './receipt-mail.ts';
import { SHOP_STAFF } from './settings.ts';
import {
  findOrder,
  insertAudit,
  insertPayment,
  livePayment,
  type OrderRow,
  orderLines,
  type PaymentRow,
  paymentByRef,
  paymentCount,
  reopenPayment,
  updateOrder,
} from './store.ts';
import { providerToPayWith, withdrawnTestPayment } from './test-card.ts';

const notPayable = (order: OrderRow) =>
  new ConflictError(
    order.state === 'awaiting-payment'
      ? 'This order needs no payment.'
      : `This order is ${order.state}; only an order awaiting payment can be paid.`,
    'order-not-payable',
  );

/** Where the learner returns from a provider's payment page. */
export const orderPageUrl = (deps: Deps, orderId: string) =>
  `${deps.config.publicUrl}/learn/orders/${orderId}`;

/**
 * Opens the payment of my order: a Stripe Checkout Session to go to, or an invoice (manual). Asking again
 * returns the same payment; after a failed or expired attempt a new one starts.
 */
export async function payOrder(
  deps: Deps,
  actor: Actor | null,
  orderId: string,
): Promise<{ order: OrderRow; payment: PaymentRow }> {
  const me = requireActor(actor);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      let order = await findOrder(trx, orderId, true);
      if (!order || order.userId !== me.user.id) throw new NotFoundError('order');
      if (order.state !== 'awaiting-payment' || order.provider === 'free') throw notPayable(order);
      const live = await livePayment(trx, order.id);
      if (live && !(await withdrawnTestPayment(deps, trx, order, live))) return { order, payment: live };
      const attempt = (await paymentCount(trx, order.id)) + 1;
      const providerName = await providerToPayWith(deps, trx, order);
      if (providerName !== order.provider)
        order = await updateOrder(trx, order.id, { provider: providerName });
      const provider = providerFor(deps, providerName);
      const paymentId = randomUUID();
      const lines = await orderLines(trx, [order.id]);
      const session = await checkoutAt(deps, provider, {
        orderId: order.id,
        paymentId,
        orderNumber: Number(order.number),
        currency: order.currency,
        amountMinor: order.totalMinor,
        lines: lines.map((line) => ({ description: line.description, amountMinor: line.totalMinor })),
        buyerEmail: order.buyerEmail,
        successUrl: `${orderPageUrl(deps, order.id)}?paid=1`,
        cancelUrl: `${orderPageUrl(deps, order.id)}?cancelled=1`,
        idempotencyKey: attempt === 1 ? `order:${order.id}` : `order:${order.id}:${attempt}`,
      });
      // A manual invoice keeps its number: asking again after it lapsed reopens the same invoice.
      const lapsed = await paymentByRef(trx, order.provider, session.providerRef);
      if (lapsed && lapsed.orderId === order.id) {
        const payment = await reopenPayment(trx, lapsed.id, session.redirectUrl, deps.now());
        if (provider.name === 'manual') await queueInvoiceMail(deps, trx, order.id);
        return { order, payment };
      }
      const payment = await insertPayment(trx, {
        id: paymentId,
        orgId: order.orgId,
        orderId: order.id,
        provider: order.provider,
        providerRef: session.providerRef,
        amountMinor: order.totalMinor,
        currency: order.currency,
        state: 'pending',
        redirectUrl: session.redirectUrl,
        createdAt: deps.now(),
        settledAt: null,
      });
      if (provider.name === 'manual') await queueInvoiceMail(deps, trx, order.id);
      return { order, payment };
    });
  } catch (error) {
    // Two Pays that both got past the lock: the index let one payment in; that one is the answer.
    if ((error as { code?: unknown }).code === '23505') {
      const [order, live] = await Promise.all([findOrder(deps.db, orderId), livePayment(deps.db, orderId)]);
      if (order && live) return { order, payment: live };
    }
    throw error;
  }
}

/** I change my mind before paying: the order is cancelled and its coupon use given back. */
export async function cancelOrder(deps: Deps, actor: Actor | null, orderId: string): Promise<OrderRow> {
  const me = requireActor(actor);
  return deps.db.transaction().execute(async (trx) => {
    const order = await findOrder(trx, orderId, true);
    if (!order || order.userId !== me.user.id) throw new NotFoundError('order');
    if (order.state !== 'awaiting-payment') {
      throw new ConflictError(
        `This order is ${order.state}; only an order awaiting payment can be cancelled.`,
        'order-not-cancellable',
      );
    }
    if (order.couponId) await releaseCoupon(trx, order.couponId);
    const cancelled = await updateOrder(trx, order.id, { state: 'cancelled', cancelledAt: deps.now() });
    await orderHooksFor(order.kind)?.ended(deps, trx, {
      order: cancelled,
      refundedLineIds: [],
      state: cancelled.state,
    });
    return cancelled;
  });
}

/**
 * The issuer received the bank transfer of an invoice: a `manual` payment event is recorded (its id is
 * the order's, so doing it twice changes nothing) and processed at once.
 */
export async function markOrderPaid(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  orderId: string,
  reference: string | null,
): Promise<OrderRow> {
  const me = requireScope(actor, 'commerce:write');
  requireMembership(actor, orgId, SHOP_STAFF);
  const order = await findOrder(deps.db, orderId);
  if (!order || order.orgId !== orgId) throw new NotFoundError('order');
  if (order.provider !== 'manual' || order.state !== 'awaiting-payment') {
    throw new ConflictError(
      order.provider !== 'manual'
        ? `This order is paid through ${order.provider}; its payment is reported by the provider.`
        : `This order is ${order.state}; only an invoice awaiting payment can be marked paid.`,
      'order-not-payable',
    );
  }
  const now = deps.now();
  const live = await livePayment(deps.db, order.id);
  const { id, duplicate } = await recordPaymentEvent(deps, {
    provider: 'manual',
    eventId: `manual:${order.id}`,
    type: 'payment.succeeded',
    providerRef: live?.providerRef ?? invoiceReference(Number(order.number)),
    orderId: order.id,
    amountMinor: order.totalMinor,
    currency: order.currency,
    occurredAt: now,
    payload: { markedBy: me.user.id, reference },
  });
  if (!duplicate) {
    await insertAudit(deps.db, {
      orgId,
      actorUserId: me.user.id,
      action: 'order.marked-paid',
      subjectId: order.id,
      reason: reference,
      details: JSON.stringify({
        orderNumber: Number(order.number),
        totalMinor: order.totalMinor,
        currency: order.currency,
      }),
      at: now,
    });
  }
  await processPaymentEvent(deps, id);
  return (await findOrder(deps.db, order.id)) ?? order;
}

/** A provider that cannot be reached charged nothing: say so (502), log the cause without secrets. */
async function checkoutAt(
  deps: Deps,
  provider: PaymentProvider,
  request: CheckoutRequest,
): Promise<CheckoutSession> {
  try {
    return await provider.createCheckout(request);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    deps.log.error(
      { provider: provider.name, orderId: request.orderId, error: (error as Error).message },
      'payment provider refused or failed to open a checkout',
    );
    throw new RuleError(
      'payment-provider-unavailable',
      'The payment provider could not open a checkout; nothing was charged. Try again in a minute.',
    );
  }
}
