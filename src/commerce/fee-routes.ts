// The learner's issuance fee: what a badge waiting for its fee costs, and the order that pays it.
// Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { type FeeDue, feeDue, feeOrderFor, myFeesDue } from './fee.ts';
import { orderSchema, presentOrder } from './order-views.ts';

const awardParams = z.object({ awardId: z.uuid() });

const feeDueSchema = z.object({
  awardId: z.uuid(),
  badgeId: z.uuid(),
  badgeName: z.string(),
  orgId: z.uuid(),
  issuer: z.object({ name: z.string() }),
  amountMinor: z.number().int(),
  currency: z.string(),
  /** The fee order awaiting payment, if one was placed. */
  orderId: z.uuid().nullable(),
});

function presentFeeDue(due: FeeDue): z.infer<typeof feeDueSchema> {
  return {
    awardId: due.awardId,
    badgeId: due.badgeId,
    badgeName: due.badgeName,
    orgId: due.orgId,
    issuer: { name: due.issuerName },
    amountMinor: due.amountMinor,
    currency: due.currency,
    orderId: due.orderId,
  };
}

export async function feeRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.get(
    '/me/awards/:awardId/fee',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The issuance fee my badge waits for (409 fee-not-due when it waits for none)',
        params: awardParams,
        response: { 200: feeDueSchema },
      },
    },
    async (request) => presentFeeDue(await feeDue(deps, request.actor, request.params.awardId)),
  );

  r.get(
    '/me/fees',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My badges waiting for an issuance fee, with what each costs',
        response: { 200: z.object({ fees: z.array(feeDueSchema) }) },
      },
    },
    async (request) => ({ fees: (await myFeesDue(deps, request.actor)).map(presentFeeDue) }),
  );

  r.post(
    '/me/awards/:awardId/fee-order',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Order the issuance fee of my badge (201), or get my fee order at this issuer that awaits payment (200)',
        params: awardParams,
        response: { 200: orderSchema, 201: orderSchema },
      },
    },
    async (request, reply) => {
      const { order, created } = await feeOrderFor(deps, request.actor, request.params.awardId);
      return reply.code(created ? 201 : 200).send(await presentOrder(deps, deps.db, order.id));
    },
  );
}
