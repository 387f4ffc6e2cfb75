// The claim link's API: anyone holding the link sees the badge it offers; the recipient, logged in with
// an account that verified the award's address, accepts or declines. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { claimParams, claimReply } from './award-schema.ts';
import { acceptClaim, declineClaim, requestFreshClaim, viewClaim } from './claims.ts';

export async function claimRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.get(
    '/claims/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The badge a claim link offers, its issuer and whether the link is open, used or expired',
        params: claimParams,
        response: { 200: claimReply.schema },
      },
    },
    async (request) => claimReply.present(deps, await viewClaim(deps, request.params.token)),
  );

  r.post(
    '/claims/:token/fresh-link',
    {
      config: { auth: 'public', rateLimit: { max: deps.config.authRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Send a new claim link for an expired one, to the address the badge was sent to',
        description:
          'For a link that has expired while the badge still waits for an answer. The new link is mailed only ' +
          'to the address the issuer sent the badge to; the reply names that address masked. While a newer ' +
          'link is still open, nothing more is sent (the reply is the same). An open link answers 409 ' +
          '`claim-open`, a used one 409 `claim-used`, an unknown one 404.',
        params: claimParams,
        response: {
          202: z
            .object({ sentTo: z.string().meta({ example: 'm***a@example.org' }) })
            .meta({ description: 'A new link is on its way (or already was)' }),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestFreshClaim(deps, request.params.token)),
  );

  for (const [action, decide] of [
    ['accept', acceptClaim],
    ['decline', declineClaim],
  ] as const) {
    r.post(
      `/claims/:token/${action}`,
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary:
            action === 'accept'
              ? 'Accept the badge into your backpack (your account must have verified the address it was sent to)'
              : 'Decline the badge (the credential stays issued but never joins your backpack)',
          params: claimParams,
          response: { 200: claimReply.schema },
        },
      },
      async (request) => claimReply.present(deps, await decide(deps, request.actor, request.params.token)),
    );
  }
}
