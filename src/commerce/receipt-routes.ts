// The receipt (or, while unpaid, the invoice) of an order as a PDF download: for the buyer, and for the
// seller's owners, admins and staff. Mounted under /api/v1.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { pickLocale, supportedLocales } from '../i18n/index.ts';
import { buyerReceipt, receiptFileName, renderReceiptPdf, sellerReceipt } from './receipt.ts';
import type { ReceiptFacts } from './receipt-store.ts';

const langQuery = z.strictObject({
  /** The document's language; else the request's Accept-Language. */
  lang: z.enum(supportedLocales as [string, ...string[]]).optional(),
});

export async function receiptRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.get(
    '/me/orders/:orderId/receipt.pdf',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The receipt of my order as a PDF (an invoice with the amount due while it is unpaid)',
        params: z.object({ orderId: z.uuid() }),
        querystring: langQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const facts = await buyerReceipt(deps, request.actor, request.params.orderId);
      const pdf = await receiptPdf(facts, localeOf(request, request.query.lang));
      return reply.type('application/pdf').headers(pdf.headers).send(pdf.body);
    },
  );

  r.get(
    '/orgs/:orgId/orders/:orderId/receipt.pdf',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The receipt (or invoice) of an order placed with this organization, as a PDF',
        params: z.object({ orgId: z.uuid(), orderId: z.uuid() }),
        querystring: langQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { orgId, orderId } = request.params;
      const facts = await sellerReceipt(deps, request.actor, orgId, orderId);
      const pdf = await receiptPdf(facts, localeOf(request, request.query.lang));
      return reply.type('application/pdf').headers(pdf.headers).send(pdf.body);
    },
  );
}

function localeOf(request: FastifyRequest, lang: string | undefined): string {
  return pickLocale(lang ?? request.headers['accept-language']?.split(',')[0]);
}

async function receiptPdf(facts: ReceiptFacts, locale: string) {
  return {
    headers: {
      'content-disposition': `attachment; filename="${receiptFileName(facts)}"`,
      'cache-control': 'private, no-store',
    },
    body: Buffer.from(await renderReceiptPdf(facts, locale)),
  };
}
