// Sponsored learning over HTTP (mounted under /api/v1):
//   POST /orgs/{orgId}/sponsorships/quote   what the order would be, per person and course
//   POST /orgs/{orgId}/sponsorships         one order (invoice or Stripe) and a seat per person × item
//   GET  /orgs/{orgId}/sponsorships         the employer's seats, paged
//   GET  /me/seats                          the seats paid for me
//   POST /me/seats/{seatId}/claim           enrols me in the seat's courses
// Roles are checked by the services (owner, admin, manager of an employer); a token's scope by the config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { orgParams } from './schema.ts';
import { claimSeat, mySeats } from './seat-claims.ts';
import { listSponsorships } from './seat-list.ts';
import {
  employerSeatsReply,
  mySeatReply,
  placedReply,
  presentEmployerSeats,
  presentMySeat,
  presentPlaced,
  presentQuote,
  quoteReply,
  seatParams,
  sponsorshipBody,
  sponsorshipPageQuery,
} from './seat-schemas.ts';
import { placeSeats, quoteSeats } from './seat-service.ts';

const BODY_RULES =
  'Every employee must be active at this organization (else 400 at `employeeIds.<i>`); every item on sale, ' +
  'all from ONE issuer in one currency (else 400 at `items.<i>`); a coupon that cannot be used, 400 at ' +
  '`couponCode`. A course a person already holds (open access or completed) is not charged: its line is ' +
  '`alreadyHeld` with amounts 0. The issuer’s bundle discount and tax apply as for any order.';

export async function seatRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/sponsorships/quote',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Price seats for employees before buying them (owner, admin, manager)',
        description: `Nothing is written. ${BODY_RULES}`,
        params: orgParams,
        body: sponsorshipBody,
        response: { 200: quoteReply },
      },
    },
    async (request) =>
      presentQuote(await quoteSeats(deps, request.actor, request.params.orgId, request.body)),
  );

  r.post(
    '/orgs/:orgId/sponsorships',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Buy seats for employees: one order, a seat per person × item (owner, admin, manager)',
        description:
          `${BODY_RULES} The order’s buyer is the caller and its seller the issuer; its payment opens at once: ` +
          'an invoice (`manual`, paid when the issuer marks it paid) or a Stripe Checkout page (`redirectUrl`). ' +
          'Paying it enrols no one: the seats open and each person is mailed a link to claim theirs. Refunding ' +
          'or cancelling the order before a claim cancels the seats. 409 `already-held` when nobody needs anything.',
        params: orgParams,
        body: sponsorshipBody,
        response: { 201: placedReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentPlaced(await placeSeats(deps, request.actor, request.params.orgId, request.body))),
  );

  r.get(
    '/orgs/:orgId/sponsorships',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The seats this employer bought, newest first (owner, admin, manager)',
        description:
          'Each seat: the person (the name only while they are active), the item, the order’s number and ' +
          'state, the seat’s status (`awaiting-payment`, `open`, `claimed`, `cancelled`) and claim date.',
        params: orgParams,
        querystring: sponsorshipPageQuery,
        response: { 200: employerSeatsReply },
      },
    },
    async (request) =>
      presentEmployerSeats(await listSponsorships(deps, request.actor, request.params.orgId, request.query)),
  );

  r.get(
    '/me/seats',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The seats employers paid for me (open or claimed), newest first',
        description: 'A seat still awaiting its payment, or cancelled before it was claimed, is not listed.',
        response: { 200: z.object({ items: z.array(mySeatReply) }) },
      },
    },
    async (request) => ({ items: (await mySeats(deps, request.actor)).map(presentMySeat) }),
  );

  r.post(
    '/me/seats/:seatId/claim',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Claim my seat: I am enrolled in each of its courses',
        description:
          'Enrols me with the access window the order line carries (a course I already held keeps my ' +
          'enrolment). Claiming again returns the claimed seat. Someone else’s seat, or one not paid yet: ' +
          '404; a cancelled one: 409 `seat-cancelled`. A person who left the employer still claims a paid seat.',
        params: seatParams,
        response: { 200: mySeatReply },
      },
    },
    async (request) => presentMySeat(await claimSeat(deps, request.actor, request.params.seatId)),
  );
}
