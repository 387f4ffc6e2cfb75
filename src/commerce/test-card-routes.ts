// Test-mode card payments: the app's card page reads its payment (GET) and pays it with a test card (POST).
// Mounted under /api/v1 with the order routes. The card number is never stored nor logged (request bodies
// are not logged; the payment event keeps the last four digits).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { orderSchema, presentOrder } from './order-views.ts';
import { priceTerms } from './price-terms.ts';
import { payByTestCard, testCheckout } from './test-card.ts';

const paymentParams = z.object({ paymentId: z.uuid() });

const priceTermsSchema = z.object({
  orgId: z.uuid(),
  issuer: z.object({ name: z.string() }),
  taxRateBp: z.number().int().describe('Added to every price: 2000 = 20 %'),
  taxLabel: z.string(),
  issuanceFee: z
    .object({ amountMinor: z.number().int(), currency: z.string() })
    .nullable()
    .describe("Charged once, for a learner's first badge earned from this issuer, when it is earned"),
  feeAppliesToMe: z
    .boolean()
    .nullable()
    .describe('null for a visitor; false without a fee or when I already hold a badge of this issuer'),
  testCardPayments: z.boolean().describe('Its orders are paid by test card (test mode, no money moves)'),
});

const testCheckoutSchema = z.object({
  paymentId: z.uuid(),
  state: z.enum(['pending', 'succeeded', 'failed', 'expired']),
  /** false: the issuer or the server turned test mode off since; the order offers another way to pay. */
  enabled: z.boolean(),
  testMode: z.literal(true),
  order: z.object({ id: z.uuid(), number: z.number().int(), kind: z.string(), state: z.string() }),
  issuer: z.object({ name: z.string() }),
  currency: z.string(),
  amountMinor: z.number().int(),
  taxMinor: z.number().int(),
  taxLabel: z.string(),
  lines: z.array(z.object({ description: z.string(), totalMinor: z.number().int() })),
});

const cardBody = z.strictObject({
  number: z.string().max(40).describe('The test card number; spaces and dashes are ignored'),
  expiry: z.string().max(10).describe('MM/YY (or MM/YYYY), a month not yet over'),
  cvc: z.string().max(10).describe('3 or 4 digits'),
});

const cardReplySchema = z.object({
  result: z
    .enum(['paid', 'declined', 'processing'])
    .describe('paid: the order is paid and fulfilled; declined: the payment failed, the order stays payable'),
  order: orderSchema,
});

export async function testCardRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.get(
    '/issuers/:orgId/price-terms',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags,
        summary:
          "An issuer's terms of sale: tax, the first-badge issuance fee (and whether it applies to me)",
        description:
          'What a buyer needs before buying: the tax rate added to prices (shown tax-inclusive where the ' +
          'locale expects it), the one-time issuance fee of a first badge, and whether orders are paid by test card.',
        params: z.object({ orgId: z.uuid() }),
        response: { 200: priceTermsSchema },
      },
    },
    async (request) => {
      const terms = await priceTerms(deps, request.actor, request.params.orgId);
      return {
        orgId: terms.orgId,
        issuer: { name: terms.issuerName },
        taxRateBp: terms.taxRateBp,
        taxLabel: terms.taxLabel,
        issuanceFee: terms.issuanceFee
          ? { amountMinor: terms.issuanceFee.amountMinor, currency: terms.issuanceFee.currency }
          : null,
        feeAppliesToMe: terms.feeAppliesToMe,
        testCardPayments: terms.testCardPayments,
      };
    },
  );

  r.get(
    '/payments/:paymentId/test-card',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My test-mode card payment: what it pays (the test checkout page)',
        description:
          'Only the buyer sees it (404 otherwise, and for payments of other providers). Test mode: no money moves.',
        params: paymentParams,
        response: { 200: testCheckoutSchema },
      },
    },
    async (request) => {
      const view = await testCheckout(deps, request.actor, request.params.paymentId);
      return {
        paymentId: view.payment.id,
        state: view.payment.state,
        enabled: view.enabled,
        testMode: true as const,
        order: {
          id: view.order.id,
          number: Number(view.order.number),
          kind: view.order.kind,
          state: view.order.state,
        },
        issuer: { name: view.order.sellerName },
        currency: view.payment.currency,
        amountMinor: view.payment.amountMinor,
        taxMinor: view.order.taxMinor,
        taxLabel: view.order.taxLabel,
        lines: view.lines,
      };
    },
  );

  r.post(
    '/payments/:paymentId/test-card',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Pay my test-mode payment with a test card (4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined)',
        description:
          'Test mode: no money moves. The outcome is recorded as a payment event and processed as a provider’s ' +
          'webhook is (order paid, access granted, ledger, receipt mail). 400 names each wrong field (number: Luhn ' +
          'and a test card; expiry: MM/YY not past; cvc: 3–4 digits); 404 for another person’s payment; 409 ' +
          'test-card-disabled when the issuer or the server (PAYMENTS_TEST_MODE=off) turned test mode off, ' +
          'payment-not-pending when this attempt already ended. Only the last four digits are kept.',
        params: paymentParams,
        body: cardBody,
        response: { 200: cardReplySchema },
      },
    },
    async (request) => {
      const { result, order } = await payByTestCard(
        deps,
        request.actor,
        request.params.paymentId,
        request.body,
      );
      return { result, order: await presentOrder(deps, deps.db, order.id) };
    },
  );
}
