// The outbox: mail recorded for delivery, listed in the app (the embedded default has no SMTP).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { outboxMessage, outboxMessageSummary } from './schema.ts';
import { getOutboxMessage, listOutbox } from './service.ts';

export async function mailRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/outbox',
    {
      schema: {
        tags: ['mail'],
        summary: 'List recorded mail, newest first',
        querystring: z.strictObject({
          to: z.email().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(outboxMessageSummary.schema) }) },
      },
    },
    async (request) => {
      const { to, limit, before } = request.query;
      const rows = await listOutbox(deps, request.actor, {
        to,
        limit,
        before: before ? new Date(before) : undefined,
      });
      return { items: rows.map(outboxMessageSummary.present) };
    },
  );
  r.get(
    '/outbox/:id',
    {
      schema: {
        tags: ['mail'],
        summary: 'One recorded message with its text and HTML',
        params: z.object({ id: z.uuid() }),
        response: { 200: outboxMessage.schema },
      },
    },
    async (request) => outboxMessage.present(await getOutboxMessage(deps, request.actor, request.params.id)),
  );
}
