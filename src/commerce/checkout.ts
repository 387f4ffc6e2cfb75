// Placing orders. placeOrder is the one way an order comes to be (a cart's checkout, an issuance fee):
// it snapshots the seller, the buyer, the tax and every line, reserves the coupon, and pays an order
// whose total is 0 at once through a `free` payment event. checkoutCart turns the learner's cart into
// an order exactly once: a second "Place order" (a double click, a retry) finds the first.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { accountContact, requireActor } from '../identity/index.ts';
import { organizationById } from '../orgs/index.ts';
import { type CartQuote, quoteCart } from './cart-quote.ts';
import { redeemCoupon } from './coupons.ts';
import { processClaimedEvent, recordPaymentEventIn } from './events.ts';
import { assertAmount, assertCurrency } from './money.ts';
import { taxMinor } from './pricing.ts';
import { commerceSettingsOf } from './settings.ts';
import {
  claimPaymentEvent,
  findOrder,
  insertOrder,
  insertOrderLines,
  lockCart,
  type OrderRow,
  openCart,
  orderOfCart,
  recentCartOrder,
  touchCart,
} from './store.ts';
import type { OrderKind, OrderLineKind } from './tables.ts';
import { providerForNewOrder } from './test-card.ts';

export interface NewOrderLine {
  kind: OrderLineKind;
  courseId?: string | null;
  badgeId?: string | null;
  awardId?: string | null;
  description: string;
  listMinor: number;
  /** Bundle discount and coupon together. */
  discountMinor: number;
  /** Course lines: how long the purchase gives access. */
  accessDays?: number | null;
}

export interface NewOrder {
  orgId: string;
  userId: string;
  kind: OrderKind;
  cartId?: string | null;
  /** Reserved here (one use), released if the order is cancelled: callers never redeem it themselves. */
  coupon?: { id: string; code: string } | null;
  lines: NewOrderLine[];
  currency: string;
  /** Who takes the payment; default: the configured provider (a total of 0 is always `free`). */
  provider?: 'manual' | 'stripe';
}

/** How long after a checkout a repeated "Place order" (its cart already gone) gets the same order back. */
const REPEAT_CHECKOUT_WINDOW_MS = 10 * 60 * 1000;

/** Inside the caller's transaction: the order (already paid when its total is 0). */
export async function placeOrder(deps: Deps, trx: Executor, input: NewOrder): Promise<OrderRow> {
  assertOrderLines(input);
  const now = deps.now();
  const [settings, seller, buyer] = await Promise.all([
    commerceSettingsOf(trx, input.orgId),
    organizationById(trx, input.orgId),
    accountContact(trx, input.userId),
  ]);
  if (!seller) throw new NotFoundError('organization');
  if (!buyer?.primaryEmail) throw new NotFoundError('buyer account');
  const lines = input.lines.map((line) => {
    const tax = taxMinor(line.listMinor - line.discountMinor, settings.taxRateBp);
    return { ...line, taxMinor: tax, totalMinor: line.listMinor - line.discountMinor + tax };
  });
  const sum = (pick: (line: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const totalMinor = sum((l) => l.totalMinor);
  if (input.coupon) await redeemCoupon(trx, input.coupon.id);
  const order = await insertOrder(trx, {
    orgId: input.orgId,
    userId: input.userId,
    cartId: input.cartId ?? null,
    kind: input.kind,
    state: 'awaiting-payment',
    currency: input.currency,
    subtotalMinor: sum((l) => l.listMinor),
    discountMinor: sum((l) => l.discountMinor),
    taxMinor: sum((l) => l.taxMinor),
    totalMinor,
    taxRateBp: settings.taxRateBp,
    taxLabel: settings.taxLabel,
    couponId: input.coupon?.id ?? null,
    couponCode: input.coupon?.code ?? null,
    provider:
      totalMinor === 0 ? 'free' : (input.provider ?? (await providerForNewOrder(deps, trx, input.orgId))),
    buyerEmail: buyer.primaryEmail,
    buyerName: buyer.name,
    sellerName: seller.name,
    sellerDetails: settings.sellerDetails,
    placedAt: now,
  });
  await insertOrderLines(
    trx,
    lines.map((line, position) => ({
      orderId: order.id,
      orgId: input.orgId,
      position,
      kind: line.kind,
      courseId: line.courseId ?? null,
      badgeId: line.badgeId ?? null,
      awardId: line.awardId ?? null,
      description: line.description,
      listMinor: line.listMinor,
      discountMinor: line.discountMinor,
      taxMinor: line.taxMinor,
      totalMinor: line.totalMinor,
      accessDays: line.accessDays ?? null,
    })),
  );
  if (totalMinor > 0) return order;
  return payFreeOrder(deps, trx, order);
}

/** A total of 0 (a 100 % coupon): the free payment event is recorded and processed with the order. */
async function payFreeOrder(deps: Deps, trx: Executor, order: OrderRow): Promise<OrderRow> {
  const { id } = await recordPaymentEventIn(deps, trx, {
    provider: 'free',
    eventId: `free:${order.id}`,
    type: 'payment.succeeded',
    providerRef: null,
    orderId: order.id,
    amountMinor: 0,
    currency: order.currency,
    occurredAt: order.placedAt,
    payload: {},
  });
  const event = await claimPaymentEvent(trx, id);
  if (event) await processClaimedEvent(deps, trx, event);
  return (await findOrder(trx, order.id)) ?? order;
}

function assertOrderLines(input: NewOrder): void {
  assertCurrency(input.currency);
  if (input.lines.length === 0) throw new InvalidError('An order needs at least one line.');
  input.lines.forEach((line, i) => {
    assertAmount(line.listMinor, `lines.${i}.listMinor`);
    assertAmount(line.discountMinor, `lines.${i}.discountMinor`);
    if (line.discountMinor > line.listMinor) {
      throw new InvalidError('A discount may not exceed the price.', [
        {
          path: `lines.${i}.discountMinor`,
          message: 'is more than the list price',
          code: 'discount-above-price',
        },
      ]);
    }
  });
}

/**
 * The learner's open cart becomes an order. The cart row is locked, so two checkouts at once queue up
 * and the second finds the first's order (`created: false`); orders.cart_id is unique besides.
 */
export async function checkoutCart(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<{ order: OrderRow; created: boolean }> {
  const me = requireActor(actor);
  const userId = me.user.id;
  const cart = await openCart(deps.db, userId, orgId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = cart && (await lockCart(trx, cart.id));
      if (!locked) {
        const since = new Date(deps.now().getTime() - REPEAT_CHECKOUT_WINDOW_MS);
        const recent = await recentCartOrder(trx, userId, orgId, since);
        if (recent) return { order: recent, created: false };
        throw new ConflictError('Your cart is empty: add a course or a bundle first.', 'cart-empty');
      }
      if (locked.state !== 'open') {
        const order = await orderOfCart(trx, locked.id);
        if (order) return { order, created: false };
        throw new ConflictError('This cart was already checked out.', 'cart-empty');
      }
      const quote = await quoteCart(trx, { userId, orgId, cart: locked, now: deps.now() });
      const order = await placeOrder(deps, trx, orderFromQuote(userId, locked.id, quote));
      await touchCart(trx, locked.id, { state: 'checked-out', updatedAt: deps.now() });
      return { order, created: true };
    });
  } catch (error) {
    // The unique cart_id met a checkout that slipped past the lock: the first order is the answer.
    if ((error as { code?: unknown }).code === '23505' && cart) {
      const order = await orderOfCart(deps.db, cart.id);
      if (order) return { order, created: false };
    }
    throw error;
  }
}

/** Refuses what cannot be ordered any more, clearly, and turns the quote's lines into order lines. */
function orderFromQuote(userId: string, cartId: string, quote: CartQuote): NewOrder {
  if (quote.lines.length === 0 || quote.currency === null) {
    if (quote.items.some((item) => item.available)) {
      throw new ConflictError(
        'You already hold everything in this cart (bought elsewhere meanwhile, or completed); remove it.',
        'already-held',
      );
    }
    throw new ConflictError(
      quote.items.length === 0
        ? 'Your cart is empty: add a course or a bundle first.'
        : 'Nothing in your cart is for sale any more; remove it.',
      'cart-empty',
    );
  }
  if (quote.couponProblem) throw quote.couponProblem;
  return {
    orgId: quote.orgId,
    userId,
    kind: 'purchase',
    cartId,
    coupon: quote.coupon ? { id: quote.coupon.id, code: quote.coupon.code } : null,
    currency: quote.currency,
    lines: quote.lines.map((line) => ({
      kind: line.kind,
      courseId: line.courseId,
      badgeId: line.badgeId,
      description: line.description,
      listMinor: line.listMinor,
      discountMinor: line.discountMinor + line.couponMinor,
      accessDays: line.accessDays,
    })),
  };
}
