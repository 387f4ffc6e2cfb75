// Outbound webhooks over HTTP (mounted under /api/v1; docs/integrations.md):
//   POST | GET /orgs/{orgId}/webhooks                                    register (secret shown once); list
//   GET | PATCH | DELETE /orgs/{orgId}/webhooks/{id}                      one endpoint
//   POST /orgs/{orgId}/webhooks/{id}/rotate-secret                        a new secret (shown once); the old one
//                                                                         signs alongside for 24 hours
//   GET /orgs/{orgId}/webhooks/{id}/deliveries                            the delivery log, newest first
//   POST /orgs/{orgId}/webhooks/{id}/deliveries/{deliveryId}/redeliver   send once more
// Owners and admins only (checked by the service); token scopes: orgs:write to change, read to look.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  createdEndpointReply,
  deliveriesQuery,
  deliveryParams,
  deliveryReply,
  endpointBody,
  endpointParams,
  endpointPatch,
  endpointReply,
  orgParams,
  presentDelivery,
  presentEndpoint,
  rotatedSecretReply,
} from './schema.ts';
import {
  changeEndpoint,
  createEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  removeEndpoint,
  rotateSecret,
} from './service.ts';

export async function webhookRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.post(
    '/orgs/:orgId/webhooks',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Register an endpoint for events (owner, admin); the reply shows its secret this once',
        description:
          'https only. Each delivery is a POST of `{type, timestamp, data}` signed as Standard Webhooks say ' +
          '(`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`), retried with ' +
          'exponential backoff (5 attempts) until the endpoint answers 2xx.',
        params: orgParams,
        body: endpointBody,
        response: { 201: createdEndpointReply },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createEndpoint(
        deps,
        request.actor,
        request.params.orgId,
        request.body,
      );
      return reply.code(201).send({ ...presentEndpoint(endpoint, deps.now()), secret });
    },
  );

  r.get(
    '/orgs/:orgId/webhooks',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The organization’s webhook endpoints (owner, admin); secrets are never shown again',
        params: orgParams,
        response: { 200: z.object({ items: z.array(endpointReply) }) },
      },
    },
    async (request) => ({
      items: (await listEndpoints(deps, request.actor, request.params.orgId)).map((e) =>
        presentEndpoint(e, deps.now()),
      ),
    }),
  );

  r.get(
    '/orgs/:orgId/webhooks/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One webhook endpoint (owner, admin)',
        params: endpointParams,
        response: { 200: endpointReply },
      },
    },
    async (request) =>
      presentEndpoint(
        await getEndpoint(deps, request.actor, request.params.orgId, request.params.id),
        deps.now(),
      ),
  );

  r.patch(
    '/orgs/:orgId/webhooks/:id',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Change an endpoint’s URL, description, events or enabled flag (owner, admin)',
        description: 'Only the fields sent change. A disabled endpoint gets no new deliveries.',
        params: endpointParams,
        body: endpointPatch,
        response: { 200: endpointReply },
      },
    },
    async (request) =>
      presentEndpoint(
        await changeEndpoint(deps, request.actor, request.params.orgId, request.params.id, request.body),
        deps.now(),
      ),
  );

  r.delete(
    '/orgs/:orgId/webhooks/:id',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Delete an endpoint with its delivery log (owner, admin)',
        params: endpointParams,
      },
    },
    async (request, reply) => {
      await removeEndpoint(deps, request.actor, request.params.orgId, request.params.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/orgs/:orgId/webhooks/:id/rotate-secret',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Give the endpoint a new signing secret, shown this once (owner, admin)',
        description:
          'For 24 hours the replaced secret keeps signing too: `webhook-signature` then carries two ' +
          'space-separated `v1,…` signatures, one per secret, so the receiver can switch over without losing a ' +
          'call. A second rotation within those hours drops the oldest secret at once.',
        params: endpointParams,
        response: { 200: rotatedSecretReply },
      },
    },
    async (request) => {
      const { endpoint, secret } = await rotateSecret(
        deps,
        request.actor,
        request.params.orgId,
        request.params.id,
      );
      return { ...presentEndpoint(endpoint, deps.now()), secret };
    },
  );

  r.get(
    '/orgs/:orgId/webhooks/:id/deliveries',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The delivery log of an endpoint, newest first, each attempt with its answer (owner, admin)',
        params: endpointParams,
        querystring: deliveriesQuery,
        response: { 200: z.object({ items: z.array(deliveryReply) }) },
      },
    },
    async (request) => ({
      items: (
        await listDeliveries(
          deps,
          request.actor,
          request.params.orgId,
          request.params.id,
          request.query.limit,
        )
      ).map(presentDelivery),
    }),
  );

  r.post(
    '/orgs/:orgId/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Send a delivery once more, with the same webhook-id (owner, admin)',
        description: 'Queued at once; the attempt appears in the delivery log, marked manual.',
        params: deliveryParams,
        response: { 202: deliveryReply },
      },
    },
    async (request, reply) => {
      const { orgId, id, deliveryId } = request.params;
      const delivery = await redeliver(deps, request.actor, orgId, id, deliveryId);
      return reply.code(202).send(presentDelivery({ delivery, attempts: [] }));
    },
  );
}
