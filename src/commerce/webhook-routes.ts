// POST /webhooks/stripe: Stripe reports how Checkout Sessions and charges ended. The body is kept as the
// exact bytes Stripe signed (a JSON parser that returns the Buffer, scoped to this plugin only), checked
// against STRIPE_WEBHOOK_SECRET, stored once as a payment event and then processed. A replay is answered
// 200 without acting twice; what this request could not process, the payment-events ticker does.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { RuleError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { processPaymentEvent, recordPaymentEvent } from './events.ts';
import { providerFor } from './providers/index.ts';
import type { ProviderEvent } from './providers/provider.ts';

const webhookReceipt = z.object({
  received: z.literal(true),
  duplicate: z.boolean().describe('The event was delivered before; nothing was done again'),
});

export async function paymentWebhookRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // The signature covers the raw bytes: parsing and re-serialising would break it. The app's body limit applies.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/webhooks/stripe',
    {
      // Stripe acts for nobody: no session, no CSRF token; the signature is the authentication.
      config: { auth: 'sessionless' },
      schema: {
        tags: ['commerce'],
        summary: 'Stripe webhook endpoint (Checkout Session and charge events)',
        description:
          'Called by Stripe, signed with the endpoint secret (`Stripe-Signature`). A bad signature answers 400 ' +
          'and stores nothing; a replayed event answers 200 with `duplicate: true`. 404 unless PAYMENT_PROVIDER=stripe.',
        response: { 200: webhookReceipt },
      },
    },
    async (request, reply) => {
      if (deps.config.payments.provider !== 'stripe') {
        const detail = 'Stripe payments are not enabled on this server.';
        return sendProblem(reply, problem('not-found', 404, detail, request));
      }
      const stripe = providerFor(deps, 'stripe');
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let event: ProviderEvent;
      try {
        if (!stripe.parseWebhook) throw new Error('the Stripe provider reads no webhooks');
        event = stripe.parseWebhook(rawBody, request.headers);
      } catch (error) {
        if (error instanceof RuleError && error.code === 'webhook-signature') {
          request.log.warn({ reason: error.message }, 'Stripe webhook refused: bad signature');
          return sendProblem(reply, problem(error.code, 400, error.message, request));
        }
        throw error;
      }
      const { id, duplicate } = await recordPaymentEvent(deps, { ...event, provider: 'stripe' });
      request.log.info(
        { stripeEventId: event.eventId, paymentEventId: id, type: event.type, duplicate },
        'Stripe webhook received',
      );
      if (!duplicate) await processBestEffort(deps, id, request.log);
      return { received: true as const, duplicate };
    },
  );
}

/** Stripe only needs to know the event is safely stored; processing failures are the ticker's to retry. */
async function processBestEffort(deps: Deps, id: string, log: FastifyInstance['log']): Promise<void> {
  try {
    await processPaymentEvent(deps, id);
  } catch (error) {
    log.error(
      { err: error, paymentEventId: id },
      'payment event not processed yet; the ticker will retry it',
    );
  }
}
