// LTI platform registration over HTTP (mounted under /api/v1; docs/integrations.md):
//   POST | GET /orgs/{orgId}/lti/platforms              register (the tool's key pair is made); list
//   GET | PATCH | DELETE /orgs/{orgId}/lti/platforms/{id}  one registration
// Owners and admins only (checked by the service); token scopes: orgs:write to change, read to look.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { changePlatform, getPlatform, listPlatforms, registerPlatform, removePlatform } from './platforms.ts';
import {
  orgParams,
  platformBody,
  platformParams,
  platformPatch,
  platformReply,
  presentPlatform,
} from './schema.ts';

export async function ltiPlatformRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lti'];

  r.post(
    '/orgs/:orgId/lti/platforms',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Register an LTI 1.3 platform (LMS) that may launch Tessera (owner, admin)',
        description:
          'The reply names what to paste into the LMS: the login, launch and JWKS URLs and the tool’s public ' +
          'key made for this registration (its private key is never shown).',
        params: orgParams,
        body: platformBody,
        response: { 201: platformReply },
      },
    },
    async (request, reply) => {
      const platform = await registerPlatform(deps, request.actor, request.params.orgId, request.body);
      return reply.code(201).send(presentPlatform(deps, platform));
    },
  );

  r.get(
    '/orgs/:orgId/lti/platforms',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The organization’s registered LTI platforms (owner, admin)',
        params: orgParams,
        response: { 200: z.object({ items: z.array(platformReply) }) },
      },
    },
    async (request) => ({
      items: (await listPlatforms(deps, request.actor, request.params.orgId)).map((p) =>
        presentPlatform(deps, p),
      ),
    }),
  );

  r.get(
    '/orgs/:orgId/lti/platforms/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One registered LTI platform (owner, admin)',
        params: platformParams,
        response: { 200: platformReply },
      },
    },
    async (request) =>
      presentPlatform(deps, await getPlatform(deps, request.actor, request.params.orgId, request.params.id)),
  );

  r.patch(
    '/orgs/:orgId/lti/platforms/:id',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Change a platform registration (owner, admin); only the fields sent change',
        params: platformParams,
        body: platformPatch,
        response: { 200: platformReply },
      },
    },
    async (request) =>
      presentPlatform(
        deps,
        await changePlatform(deps, request.actor, request.params.orgId, request.params.id, request.body),
      ),
  );

  r.delete(
    '/orgs/:orgId/lti/platforms/:id',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Delete a platform registration with its links to learners (owner, admin)',
        params: platformParams,
      },
    },
    async (request, reply) => {
      await removePlatform(deps, request.actor, request.params.orgId, request.params.id);
      return reply.code(204).send();
    },
  );
}
