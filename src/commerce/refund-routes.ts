// Refunds: a learner's by the refund policy, an issuer's exceptional one (audited), and the issuer's
// commerce audit trail. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { type AuditEntry, commerceAudit, grantRefund, type RefundView, requestRefund } from './refunds.ts';

const lineIds = z.array(z.uuid()).min(1).max(100);

const refundSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  kind: z.enum(['policy', 'exception']),
  /** Tax included. */
  amountMinor: z.number().int(),
  taxMinor: z.number().int(),
  currency: z.string(),
  reason: z.string().nullable(),
  lineIds: z.array(z.uuid()),
  createdAt: z.string(),
});

const presentRefund = (refund: RefundView): z.infer<typeof refundSchema> => ({
  id: refund.id,
  orderId: refund.orderId,
  kind: refund.kind,
  amountMinor: refund.amountMinor,
  taxMinor: refund.taxMinor,
  currency: refund.currency,
  reason: refund.reason,
  lineIds: refund.lineIds,
  createdAt: refund.createdAt.toISOString(),
});

const auditEntrySchema = z.object({
  id: z.uuid(),
  action: z.string(),
  actor: z.object({ userId: z.uuid(), name: z.string().nullable() }).nullable(),
  subjectId: z.uuid(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

const presentAuditEntry = (entry: AuditEntry): z.infer<typeof auditEntrySchema> => ({
  id: entry.id,
  action: entry.action,
  actor: entry.actorUserId ? { userId: entry.actorUserId, name: entry.actorName } : null,
  subjectId: entry.subjectId,
  reason: entry.reason,
  details: entry.details,
  at: entry.at.toISOString(),
});

export async function refundRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.post(
    '/me/orders/:orderId/refunds',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Refund lines of my order: within 30 days of payment, courses never opened (not the issuance fee)',
        params: z.object({ orderId: z.uuid() }),
        body: z.strictObject({ lineIds }),
        response: { 201: refundSchema },
      },
    },
    async (request, reply) => {
      const refund = await requestRefund(deps, request.actor, request.params.orderId, request.body.lineIds);
      return reply.code(201).send(presentRefund(refund));
    },
  );

  r.post(
    '/orgs/:orgId/orders/:orderId/refunds',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary:
          'Grant an exceptional refund of any unrefunded lines of a paid order (reason required, audited)',
        params: z.object({ orgId: z.uuid(), orderId: z.uuid() }),
        body: z.strictObject({ lineIds, reason: z.string().trim().min(3).max(500) }),
        response: { 201: refundSchema },
      },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      const refund = await grantRefund(deps, request.actor, orgId, orderId, request.body);
      return reply.code(201).send(presentRefund(refund));
    },
  );

  r.get(
    '/orgs/:orgId/commerce/audit',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The commerce audit trail: exceptional refunds, invoices marked paid …, newest first',
        params: z.object({ orgId: z.uuid() }),
        querystring: z.strictObject({
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }) },
      },
    },
    async (request) => {
      const { before, limit } = request.query;
      const entries = await commerceAudit(deps, request.actor, request.params.orgId, {
        limit,
        ...(before ? { before: new Date(before) } : {}),
      });
      return { entries: entries.map(presentAuditEntry) };
    },
  );
}
