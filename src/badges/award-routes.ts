// Issuer award operations: manual award to one address, revoke/suspend/reinstate an award's credential,
// resend the claim link. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { awardByHand, changeAwardState } from './award.ts';
import { awardReply, awardStateChangeBody, manualAwardBody } from './award-schema.ts';
import { resendClaim } from './claims.ts';

const orgParams = z.object({ orgId: z.uuid() });
const awardParams = orgParams.extend({ awardId: z.uuid() });

export async function awardRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.post(
    '/orgs/:orgId/badges/:badgeId/awards',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary:
          'Award a published badge to one email address (credential issued, "Accept your badge" mail sent)',
        params: orgParams.extend({ badgeId: z.uuid() }),
        body: manualAwardBody,
        response: { 201: awardReply.schema },
      },
    },
    async (request, reply) => {
      const { orgId, badgeId } = request.params;
      const { issuedOn, ...rest } = request.body;
      const award = await awardByHand(deps, request.actor, orgId, badgeId, {
        ...rest,
        issuedOn: issuedOn ? new Date(issuedOn) : undefined,
      });
      return reply.code(201).send(awardReply.present(award));
    },
  );

  for (const change of ['revoke', 'suspend', 'reinstate'] as const) {
    r.post(
      `/orgs/:orgId/awards/:awardId/${change}`,
      {
        config: { scope: 'awards:write' },
        schema: {
          tags,
          summary: `${change[0]?.toUpperCase()}${change.slice(1)} an award's credential (its status list is re-published)`,
          params: awardParams,
          body: awardStateChangeBody,
          response: { 200: awardReply.schema },
        },
      },
      async (request) => {
        const { orgId, awardId } = request.params;
        const award = await changeAwardState(
          deps,
          request.actor,
          orgId,
          awardId,
          change,
          request.body.reason ?? null,
        );
        return awardReply.present(award);
      },
    );
  }

  r.post(
    '/orgs/:orgId/awards/:awardId/resend-claim',
    {
      config: { scope: 'awards:write' },
      schema: {
        tags,
        summary: 'Send the recipient a new claim link (earlier links stop working)',
        params: awardParams,
        response: { 200: awardReply.schema },
      },
    },
    async (request) => {
      const { orgId, awardId } = request.params;
      return awardReply.present(await resendClaim(deps, request.actor, orgId, awardId));
    },
  );
}
