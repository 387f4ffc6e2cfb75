// Orders as learners and issuers read them: the reply schemas (Order, CartQuote) and the presenters that
// build them, with each line's access window, whether it was opened, refunded and may still be refunded.
import { z } from 'zod';
import { versionImageUrl } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireActor, requireScope } from '../identity/index.ts';
import { enrolmentAccess } from '../learning/index.ts';
import { requireMembership } from '../orgs/index.ts';
import type { CartQuote } from './cart-quote.ts';
import { policyRefundDecision } from './refund-policy.ts';
import { SHOP_STAFF } from './settings.ts';
import { findOrder, latestPayments, type OrderRow, orderLines, ordersOfOrg, ordersOfUser } from './store.ts';
import type { OrderState } from './tables.ts';

const minor = z.number().int();
const iso = z.string().describe('ISO 8601 date-time, UTC');

export const ORDER_STATES = [
  'awaiting-payment',
  'paid',
  'cancelled',
  'refunded',
  'partially-refunded',
] as const;

/** Who takes payments: invoices, Stripe, nothing to pay, or test mode (test-card.ts). */
export const ORDER_PROVIDERS = ['manual', 'stripe', 'free', 'test-card'] as const;

export const orderLineSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['course', 'bundle-course', 'issuance-fee']),
  courseId: z.uuid().nullable(),
  badgeId: z.uuid().nullable(),
  awardId: z.uuid().nullable(),
  description: z.string(),
  listMinor: minor,
  discountMinor: minor,
  taxMinor: minor,
  totalMinor: minor,
  /** When the access this line bought ends (null until paid, and for fees). */
  accessUntil: iso.nullable(),
  enrolmentId: z.uuid().nullable(),
  opened: z.boolean(),
  refunded: z.boolean(),
  refundable: z.object({ ok: z.boolean(), code: z.string().nullable(), reason: z.string().nullable() }),
});

export const orderSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  orgId: z.uuid(),
  issuer: z.object({ name: z.string() }),
  buyer: z.object({ name: z.string().nullable(), email: z.string() }),
  kind: z.enum(['purchase', 'issuance-fee', 'grant', 'sponsorship']),
  state: z.enum(ORDER_STATES),
  currency: z.string(),
  subtotalMinor: minor,
  discountMinor: minor.describe('Bundle discounts and the coupon together'),
  taxMinor: minor,
  totalMinor: minor,
  taxLabel: z.string(),
  taxRateBp: z.number().int(),
  couponCode: z.string().nullable(),
  provider: z.enum(ORDER_PROVIDERS),
  testMode: z
    .boolean()
    .describe('Paid (or to be paid) by test card: no money moved; left out of revenue in sales reports'),
  placedAt: iso,
  paidAt: iso.nullable(),
  cancelledAt: iso.nullable(),
  payment: z
    .object({
      state: z.enum(['pending', 'succeeded', 'failed', 'expired']),
      /** The invoice number (manual) or the provider's payment id. */
      reference: z.string(),
      /** Where to pay (Stripe Checkout); null for invoices. */
      redirectUrl: z.string().nullable(),
    })
    .nullable(),
  lines: z.array(orderLineSchema),
});
export type OrderReply = z.infer<typeof orderSchema>;

export const paymentReplySchema = z.object({
  provider: z.enum(ORDER_PROVIDERS),
  state: z.enum(['pending', 'succeeded', 'failed', 'expired']),
  reference: z.string(),
  redirectUrl: z.string().nullable(),
});

/** Orders with their lines, payments and access facts, as replies. */
export async function presentOrders(db: Executor, orders: OrderRow[], now: Date): Promise<OrderReply[]> {
  const ids = orders.map((o) => o.id);
  const [lines, payments] = await Promise.all([orderLines(db, ids), latestPayments(db, ids)]);
  const access = await enrolmentAccess(
    db,
    lines.flatMap((l) => (l.enrolmentId ? [l.enrolmentId] : [])),
  );
  return orders.map((order) => {
    const payment = payments.get(order.id);
    return {
      id: order.id,
      number: Number(order.number),
      orgId: order.orgId,
      issuer: { name: order.sellerName },
      buyer: { name: order.buyerName, email: order.buyerEmail },
      kind: order.kind,
      state: order.state,
      currency: order.currency,
      subtotalMinor: order.subtotalMinor,
      discountMinor: order.discountMinor,
      taxMinor: order.taxMinor,
      totalMinor: order.totalMinor,
      taxLabel: order.taxLabel,
      taxRateBp: order.taxRateBp,
      couponCode: order.couponCode,
      provider: order.provider,
      testMode: order.provider === 'test-card',
      placedAt: order.placedAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      cancelledAt: order.cancelledAt?.toISOString() ?? null,
      payment: payment
        ? { state: payment.state, reference: payment.providerRef, redirectUrl: payment.redirectUrl }
        : null,
      lines: lines
        .filter((line) => line.orderId === order.id)
        .map((line) => {
          const facts = line.enrolmentId ? access.get(line.enrolmentId) : undefined;
          const firstOpenedAt = facts?.firstOpenedAt ?? null;
          const refunded = line.refundId !== null;
          const decision = policyRefundDecision({
            kind: line.kind,
            paidAt: order.paidAt,
            now,
            firstOpenedAt,
            refunded,
          });
          return {
            id: line.id,
            kind: line.kind,
            courseId: line.courseId,
            badgeId: line.badgeId,
            awardId: line.awardId,
            description: line.description,
            listMinor: line.listMinor,
            discountMinor: line.discountMinor,
            taxMinor: line.taxMinor,
            totalMinor: line.totalMinor,
            accessUntil: facts?.accessUntil.toISOString() ?? null,
            enrolmentId: line.enrolmentId,
            opened: firstOpenedAt !== null,
            refunded,
            refundable: decision.ok
              ? { ok: true, code: null, reason: null }
              : { ok: false, code: decision.code, reason: decision.reason },
          };
        }),
    };
  });
}

/** One order as a reply (for other routes of the context: fee orders, refunds). */
export async function presentOrder(deps: Deps, db: Executor, orderId: string): Promise<OrderReply> {
  const order = await findOrder(db, orderId);
  if (!order) throw new NotFoundError('order');
  return (await presentOrders(db, [order], deps.now()))[0] as OrderReply;
}

export async function myOrders(deps: Deps, actor: Actor | null): Promise<OrderReply[]> {
  const me = requireActor(actor);
  return presentOrders(deps.db, await ordersOfUser(deps.db, me.user.id, 200), deps.now());
}

export async function myOrder(deps: Deps, actor: Actor | null, orderId: string): Promise<OrderReply> {
  const me = requireActor(actor);
  const order = await findOrder(deps.db, orderId);
  if (!order || order.userId !== me.user.id) throw new NotFoundError('order');
  return (await presentOrders(deps.db, [order], deps.now()))[0] as OrderReply;
}

function authorizeOrderReader(actor: Actor | null, orgId: string): void {
  requireMembership(actor, orgId, SHOP_STAFF);
  requireScope(actor, 'read');
}

export async function orgOrders(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: { state?: OrderState; before?: Date; limit: number },
): Promise<OrderReply[]> {
  authorizeOrderReader(actor, orgId);
  return presentOrders(deps.db, await ordersOfOrg(deps.db, orgId, filter), deps.now());
}

export async function orgOrder(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  orderId: string,
): Promise<OrderReply> {
  authorizeOrderReader(actor, orgId);
  const order = await findOrder(deps.db, orderId);
  if (!order || order.orgId !== orgId) throw new NotFoundError('order');
  return (await presentOrders(deps.db, [order], deps.now()))[0] as OrderReply;
}

// ---- carts

const quotedCourseSchema = z.object({
  courseId: z.uuid(),
  title: z.string(),
  listMinor: minor,
  discountMinor: minor,
  status: z.enum(['charged', 'held']),
});

export const cartQuoteSchema = z.object({
  orgId: z.uuid(),
  issuer: z.object({ name: z.string() }),
  cartId: z.uuid().nullable(),
  currency: z.string().nullable(),
  items: z.array(
    z.object({
      itemId: z.uuid(),
      kind: z.enum(['course', 'bundle']),
      courseId: z.uuid().nullable(),
      badgeId: z.uuid().nullable(),
      /** A bundle: its badge's picture (the version on sale); null for a course or a bundle no longer sold. */
      imageUrl: z.string().nullable(),
      title: z.string(),
      /** false: no longer for sale (unpublished, made free, off sale): never charged; remove it. */
      available: z.boolean(),
      courses: z.array(quotedCourseSchema),
      listMinor: minor,
      /** The bundle discount on the charged courses (the coupon is shown on its own). */
      discountMinor: minor,
      netMinor: minor,
      /** Bundles: what the charged courses cost one by one. */
      separatelyMinor: minor.nullable(),
      cheaper: z.enum(['bundle', 'courses', 'same']).nullable(),
    }),
  ),
  coupon: z.object({ code: z.string(), discountMinor: minor }).nullable(),
  /** The cart's coupon cannot be used now; checkout refuses it until it is removed. */
  couponProblem: z.object({ code: z.string(), detail: z.string() }).nullable(),
  subtotalMinor: minor,
  discountMinor: minor,
  taxMinor: minor,
  totalMinor: minor,
  taxLabel: z.string(),
  taxRateBp: z.number().int(),
});

export function presentCartQuote(deps: Deps, quote: CartQuote): z.infer<typeof cartQuoteSchema> {
  return {
    orgId: quote.orgId,
    issuer: { name: quote.issuerName },
    cartId: quote.cartId,
    currency: quote.currency,
    items: quote.items.map((item) => ({
      itemId: item.itemId,
      kind: item.kind,
      courseId: item.courseId,
      badgeId: item.badgeId,
      imageUrl:
        item.badgeId && item.badgeVersionNumber !== null
          ? versionImageUrl(deps, { badgeId: item.badgeId, number: item.badgeVersionNumber })
          : null,
      title: item.title,
      available: item.available,
      courses: item.courses,
      listMinor: item.listMinor,
      discountMinor: item.discountMinor,
      netMinor: item.netMinor,
      separatelyMinor: item.separatelyMinor,
      cheaper: item.cheaper,
    })),
    coupon: quote.coupon ? { code: quote.coupon.code, discountMinor: quote.coupon.discountMinor } : null,
    couponProblem: quote.couponProblem
      ? { code: quote.couponProblem.code, detail: quote.couponProblem.message }
      : null,
    subtotalMinor: quote.subtotalMinor,
    discountMinor: quote.discountMinor,
    taxMinor: quote.taxMinor,
    totalMinor: quote.totalMinor,
    taxLabel: quote.taxLabel,
    taxRateBp: quote.taxRateBp,
  };
}
