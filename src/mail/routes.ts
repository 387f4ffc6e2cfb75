// The outbox: mail recorded for delivery, read in the app by platform operators (the embedded default has no
// SMTP); with OUTBOX_PUBLIC on loopback, anyone reads the mail that carries no secret link (service.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { outboxMessage, outboxMessageSummary } from './schema.ts';
import { getOutboxAttachment, getOutboxMessage, listOutbox } from './service.ts';

export async function mailRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/outbox',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['mail'],
        summary: 'List recorded mail, newest first (platform operators)',
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
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['mail'],
        summary: 'One recorded message with its text and HTML',
        params: z.object({ id: z.uuid() }),
        response: { 200: outboxMessage.schema },
      },
    },
    async (request) => outboxMessage.present(await getOutboxMessage(deps, request.actor, request.params.id)),
  );
  r.get(
    '/outbox/:id/attachments/:index',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['mail'],
        summary: 'Download one attached file of a recorded message (e.g. a receipt PDF)',
        params: z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(99) }),
      },
    },
    async (request, reply) => {
      const file = await getOutboxAttachment(deps, request.actor, request.params.id, request.params.index);
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}

/** An attachment header safe for any file name: ASCII fallback plus the RFC 6266 UTF-8 form. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
