// A learner's connected apps over HTTP (mounted under /api/v1; docs/integrations.md):
//   GET /me/connected-apps                the OB 3.0 API clients they allowed, with the scopes and when
//   DELETE /me/connected-apps/{clientId}  disconnect one: its grants, codes and tokens end at once
// The learner's own session only, like their API tokens: an API token can neither list nor disconnect them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { disconnectApp, listConnectedApps } from './connected-apps.ts';
import { OB_SCOPES } from './model.ts';

const connectedApp = z.object({
  clientId: z.string(),
  clientName: z.string().nullable().describe('The name the app registered with (client_name), if any'),
  clientUri: z.string().nullable().describe('The app’s home page (client_uri), if it gave one'),
  publishedBy: z
    .string()
    .nullable()
    .describe('The organization that publishes the app; null for an app that registered itself (RFC 7591)'),
  scopes: z.array(z.enum(OB_SCOPES as [string, ...string[]])).describe('The OB 3.0 scopes allowed to it'),
  firstAllowedAt: z.iso.datetime(),
  lastAllowedAt: z.iso.datetime(),
});

const clientParams = z.strictObject({ clientId: z.string().trim().min(1).max(255) });

export async function connectedAppsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['account'];

  r.get(
    '/me/connected-apps',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'The apps I connected through the Open Badges 3.0 API, with what each may do',
        response: { 200: z.object({ items: z.array(connectedApp) }) },
      },
    },
    async (request) => ({
      items: (await listConnectedApps(deps, request.actor)).map((found) => ({
        ...found,
        firstAllowedAt: found.firstAllowedAt.toISOString(),
        lastAllowedAt: found.lastAllowedAt.toISOString(),
      })),
    }),
  );

  r.delete(
    '/me/connected-apps/:clientId',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Disconnect an app: its access to my account and every token it holds end at once',
        params: clientParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await disconnectApp(deps, request.actor, request.params.clientId);
      return reply.code(204).send(null);
    },
  );
}
