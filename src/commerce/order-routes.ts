// Carts and orders: the learner's carts (/me/carts…), checkout, orders and Pay (/me/orders…), and the
// issuer's order list with "mark invoice paid" (/orgs/{orgId}/orders…). Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { addCartItem, myCart, myCarts, removeCartCoupon, removeCartItem, setCartCoupon } from './carts.ts';
import { checkoutCart } from './checkout.ts';
import {
  cartQuoteSchema,
  myOrder,
  myOrders,
  ORDER_STATES,
  orderSchema,
  orgOrder,
  orgOrders,
  paymentReplySchema,
  presentCartQuote,
  presentOrder,
} from './order-views.ts';
import { cancelOrder, markOrderPaid, payOrder } from './payments.ts';
import { testCardRoutes } from './test-card-routes.ts';

const orgParams = z.object({ orgId: z.uuid() });
const orderParams = z.object({ orderId: z.uuid() });
const orgOrderParams = orgParams.extend({ orderId: z.uuid() });

const cartItemBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('course'), courseId: z.uuid() }),
  z.strictObject({ kind: z.literal('bundle'), badgeId: z.uuid() }),
]);

export async function orderRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];
  // The test-mode card page pays orders placed here (test-card.ts).
  await testCardRoutes(app, { deps });

  r.get(
    '/me/carts',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My carts, one per issuer, priced now (held courses are not charged)',
        response: { 200: z.object({ carts: z.array(cartQuoteSchema) }) },
      },
    },
    async (request) => ({
      carts: (await myCarts(deps, request.actor)).map((quote) => presentCartQuote(deps, quote)),
    }),
  );

  r.get(
    '/me/carts/:orgId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My cart at one issuer, priced now (empty when I have none)',
        params: orgParams,
        response: { 200: cartQuoteSchema },
      },
    },
    async (request) => presentCartQuote(deps, await myCart(deps, request.actor, request.params.orgId)),
  );

  r.post(
    '/me/carts/:orgId/items',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Add a paid course or a badge bundle (a bundle replaces the single courses it covers; 409 already-held, in-cart, free-course, currency-mismatch, bundle-not-for-sale)',
        params: orgParams,
        body: cartItemBody,
        response: { 201: cartQuoteSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentCartQuote(deps, await addCartItem(deps, request.actor, request.params.orgId, request.body)),
        ),
  );

  r.delete(
    '/me/carts/:orgId/items/:itemId',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Remove an item from my cart',
        params: orgParams.extend({ itemId: z.uuid() }),
        response: { 200: cartQuoteSchema },
      },
    },
    async (request) =>
      presentCartQuote(
        deps,
        await removeCartItem(deps, request.actor, request.params.orgId, request.params.itemId),
      ),
  );

  r.put(
    '/me/carts/:orgId/coupon',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Apply a coupon code to my cart (it must be valid and apply to something in it)',
        params: orgParams,
        body: z.strictObject({ code: z.string().min(1).max(60) }),
        response: { 200: cartQuoteSchema },
      },
    },
    async (request) =>
      presentCartQuote(
        deps,
        await setCartCoupon(deps, request.actor, request.params.orgId, request.body.code),
      ),
  );

  r.delete(
    '/me/carts/:orgId/coupon',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Take the coupon off my cart',
        params: orgParams,
        response: { 200: cartQuoteSchema },
      },
    },
    async (request) =>
      presentCartQuote(deps, await removeCartCoupon(deps, request.actor, request.params.orgId)),
  );

  r.post(
    '/me/carts/:orgId/checkout',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Place the order for my cart (201); placing it again answers 200 with the same order. A total of 0 is paid at once',
        params: orgParams,
        response: { 200: orderSchema, 201: orderSchema },
      },
    },
    async (request, reply) => {
      const { order, created } = await checkoutCart(deps, request.actor, request.params.orgId);
      return reply.code(created ? 201 : 200).send(await presentOrder(deps, deps.db, order.id));
    },
  );

  r.get(
    '/me/orders',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My orders, newest first, with each line’s access window and refund eligibility',
        response: { 200: z.object({ orders: z.array(orderSchema) }) },
      },
    },
    async (request) => ({ orders: await myOrders(deps, request.actor) }),
  );

  r.get(
    '/me/orders/:orderId',
    {
      config: { scope: 'read' },
      schema: { tags, summary: 'One of my orders', params: orderParams, response: { 200: orderSchema } },
    },
    async (request) => myOrder(deps, request.actor, request.params.orderId),
  );

  r.post(
    '/me/orders/:orderId/pay',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Pay my order: a payment page to go to (Stripe) or an invoice (manual). Asking twice returns the same payment; 409 order-not-payable',
        params: orderParams,
        response: { 200: z.object({ order: orderSchema, payment: paymentReplySchema }) },
      },
    },
    async (request) => {
      const { order, payment } = await payOrder(deps, request.actor, request.params.orderId);
      return {
        order: await presentOrder(deps, deps.db, order.id),
        payment: {
          provider: payment.provider,
          state: payment.state,
          reference: payment.providerRef,
          redirectUrl: payment.redirectUrl,
        },
      };
    },
  );

  r.post(
    '/me/orders/:orderId/cancel',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Cancel my order while it awaits payment (its coupon use is given back)',
        params: orderParams,
        response: { 200: orderSchema },
      },
    },
    async (request) => {
      const order = await cancelOrder(deps, request.actor, request.params.orderId);
      return presentOrder(deps, deps.db, order.id);
    },
  );

  r.get(
    '/orgs/:orgId/orders',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The issuer’s orders, newest first (page on with `before` = the last placedAt)',
        params: orgParams,
        querystring: z.object({
          state: z.enum(ORDER_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ orders: z.array(orderSchema) }) },
      },
    },
    async (request) => {
      const { state, limit, before } = request.query;
      return {
        orders: await orgOrders(deps, request.actor, request.params.orgId, {
          state,
          limit,
          before: before ? new Date(before) : undefined,
        }),
      };
    },
  );

  r.get(
    '/orgs/:orgId/orders/:orderId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One order of the issuer',
        params: orgOrderParams,
        response: { 200: orderSchema },
      },
    },
    async (request) => orgOrder(deps, request.actor, request.params.orgId, request.params.orderId),
  );

  r.post(
    '/orgs/:orgId/orders/:orderId/mark-paid',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary:
          'The invoice of a manual order was paid (bank transfer): the order is fulfilled; doing it twice changes nothing',
        params: orgOrderParams,
        body: z.strictObject({ reference: z.string().trim().max(200).optional() }),
        response: { 200: orderSchema },
      },
    },
    async (request) => {
      const { orgId, orderId } = request.params;
      const order = await markOrderPaid(deps, request.actor, orgId, orderId, request.body.reference || null);
      return presentOrder(deps, deps.db, order.id);
    },
  );
}
