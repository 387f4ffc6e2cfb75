// Liveness, readiness and the problem-type pages.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../db/connection.ts';
import type { Deps } from '../deps.ts';
import { problem, sendProblem } from './problem.ts';

const problemDescriptions: Record<string, string> = {
  'not-found':
    'The resource does not exist, or you may not see it (other organizations’ data answers 404, never 403).',
  unauthenticated: 'Log in (session cookie) or send an API token in the Authorization header.',
  forbidden: 'You are logged in, but your role in this organization does not allow the action.',
  invalid: 'The request was understood but some fields are wrong; `errors` lists each with its path.',
  'invalid-json': 'The body could not be parsed as JSON.',
  'payload-too-large': 'The body is larger than BODY_LIMIT.',
  'unsupported-media-type': 'The Content-Type is not one this route accepts.',
  'rate-limited': 'Too many requests from you in a short time; wait and retry.',
  conflict: 'The request conflicts with existing data (for example an email already registered).',
  'csrf-failed': 'Cookie-authenticated writes must send the X-CSRF-Token header given at login.',
  internal: 'An unexpected error; it was logged with the request id.',
  'email-taken': 'An account already uses this email address; log in or reset the password instead.',
  'email-not-verified':
    'Open the link we emailed to confirm the address, then log in (you can ask for a new link).',
  'email-required': 'The account must keep at least one verified email address.',
  'slug-taken': 'Another organization already uses this address (slug); choose another.',
  'already-member': 'This person is already a member of the organization.',
  'last-owner': 'An organization always keeps at least one owner; make someone else owner first.',
  'invalid-state-change':
    'The credential cannot move to that state (for example, a revoked credential is never reinstated).',
  'payment-provider-unavailable':
    'The payment provider (Stripe) could not be reached or refused to open a checkout; nothing was charged. Try again.',
  'payment-required': 'The course is paid: buy it (or the badge bundle) first; free courses enrol directly.',
  'not-an-issuer': 'Only issuer organizations have signing keys and issue credentials.',
  'rotation-in-progress': 'Another key rotation for this organization is running; try again.',
  gone: 'The resource existed but is no longer available (for example an expired link).',
  'claim-expired':
    'This claim link has expired (links last 30 days); ask the issuer to send a new one from the award list.',
  'claim-used': 'This claim link was already used: the badge was accepted or declined.',
  'claim-open':
    'This claim link still works: open it to accept the badge (a new link is only sent for an expired one).',
  'test-card-disabled':
    'Test-mode card payments are off (for this issuer, or on this server): pay another way.',
  'payment-not-pending': 'This payment attempt has already ended: start a new payment from the order.',
  'claim-email-mismatch':
    'The badge was sent to an address your account has not verified; log in with that account, or add and verify the address, then open the link again.',
  'already-awarded': 'The recipient already holds this badge for its current validity period.',
  'not-a-badge':
    'The input is not a badge that can be read (garbage, a hostile image, a URL that may not be fetched …); `reason` names why.',
  busy: 'Another request was changing the same records at the same moment, so the database rolled this one back whole and nothing was saved; send it again after the seconds Retry-After gives.',
  'verifier-busy':
    'The server is verifying as many credentials as it takes at once (VERIFY_QUEUE); retry after the seconds Retry-After gives.',
  'already-imported': 'This badge (same credential id or assertion URL) is already in your backpack.',
  'import-limit': 'A backpack holds at most 500 imported badges; remove some first.',
  'badge-not-published': 'Only published badges can be awarded; publish the badge first.',
  'profile-slug-taken': 'Another person already uses this profile address; choose another.',
  'renewal-not-open':
    'The badge cannot be renewed yet: renewal opens 90 days before it expires (and stays open after).',
  'bulk-file-refused':
    'The CSV file as a whole cannot be used (no header, unknown columns, too many rows, not UTF-8 …); nothing of it was kept. The detail says what to fix.',
  'bulk-run-not-startable': 'Only a previewed (or failed) bulk award run can be started.',
  'bulk-run-finished': 'The bulk award run has finished; there is nothing left to cancel.',
  'not-paid': 'The order has not been paid, so there is nothing to refund.',
  'already-refunded': 'This order line has already been refunded.',
  'refund-window-closed':
    'Learners can refund a purchase within 30 days of payment; after that only the issuer can grant an exceptional refund.',
  'course-opened':
    'The course has been opened, so it can no longer be refunded by the learner; the issuer may still grant an exceptional refund.',
  'fee-not-refundable': 'The badge issuance fee is not refundable by the learner.',
  'already-held':
    'You already hold this course (open access, or completed): it is never sold to you twice. A bundle charges only for the courses you still miss.',
  'in-cart': 'This course or bundle is already in your cart (perhaps inside a bundle).',
  'currency-mismatch':
    'The prices involved are in different currencies; a cart (and a bundle) is priced in one currency.',
  'free-course': 'The course is free: enrol in it directly, there is nothing to buy.',
  'cart-empty':
    'Your cart holds nothing to order (it is empty, or nothing in it is for sale any more); add a course or a bundle first.',
  'coupon-not-applicable':
    'The coupon is valid but applies to nothing in this cart (another course or bundle, or an amount in another currency).',
  'order-not-payable':
    'Only an order awaiting payment can be paid (or, for invoices, marked paid); this one is paid, cancelled or free.',
  'order-not-cancellable': 'Only an order awaiting payment can be cancelled.',
  'webhook-signature':
    'The webhook call is not signed with this endpoint’s secret (or the signature is over five minutes old); nothing was stored. Check STRIPE_WEBHOOK_SECRET.',
  'bundle-price-above-sum':
    'A bundle must save money: its explicit price may not exceed the sum of its courses’ prices.',
  'bundle-not-for-sale':
    'None of the badge’s courses has a price, so there is no bundle to sell; price a course first.',
  'coupon-invalid': 'This coupon code is not valid (unknown, or no longer active).',
  'coupon-expired': 'This coupon has expired.',
  'coupon-exhausted': 'This coupon has been used as often as it may be.',
  'coupon-code-taken': 'The issuer already has a coupon with this code (codes are compared in upper case).',
  'fee-not-due':
    'This badge does not wait for an issuance fee (it was released already, or the issuer charges no fee any more).',
};

export async function systemRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/ready',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers',
        response: { 200: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase(deps.db);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, {
          ...problem('internal', 503, 'The database does not answer.', request),
          title: 'Not ready',
        });
      }
      return { status: 'ready' as const, database: deps.config.database.kind };
    },
  );
  r.get(
    '/problems/:code',
    { config: { auth: 'public' }, schema: { hide: true, params: z.object({ code: z.string().max(64) }) } },
    async (request, reply) => {
      const description = problemDescriptions[request.params.code];
      if (!description)
        return sendProblem(reply, problem('not-found', 404, 'No such problem type.', request));
      return { type: `/problems/${request.params.code}`, description };
    },
  );
}
