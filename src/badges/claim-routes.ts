// The claim link's API: anyone holding the link sees the badge it offers; the recipient, logged in with
// an account that verified the award's address, accepts or declines. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { claimParams, claimReply } from './award-schema.ts';
import { acceptClaim, declineClaim, viewClaim } from './claims.ts';

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
