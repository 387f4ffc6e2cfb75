// An organization's OAuth apps for the OB 3.0 API over HTTP (mounted under /api/v1; docs/integrations.md):
//   POST | GET /orgs/{orgId}/oauth-clients                          register (client secret shown once); list
//   POST /orgs/{orgId}/oauth-clients/{clientId}/rotate-secret       a new client secret (shown once)
//   DELETE /orgs/{orgId}/oauth-clients/{clientId}                   delete: every grant, code and token ends
// Owners and admins only (checked by the service); token scopes: orgs:write to change, read to look.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { OB_SCOPES, type ObScope } from './model.ts';
import {
  deleteOAuthApp,
  listOAuthApps,
  type OAuthApp,
  registerOAuthApp,
  rotateOAuthAppSecret,
} from './oauth-clients.ts';
import { APP_NAME_MAX, APP_URL_MAX, REDIRECT_URIS_MAX } from './oauth-clients-model.ts';

const obScope = z.enum(OB_SCOPES as [ObScope, ...ObScope[]]);
const orgParams = z.strictObject({ orgId: z.uuid() });
const clientParams = z.strictObject({ orgId: z.uuid(), clientId: z.string().trim().min(1).max(255) });

const appBody = z.strictObject({
  name: z.string().trim().min(1).max(APP_NAME_MAX).describe('The name learners read on the consent page'),
  homePageUrl: z.string().trim().min(1).max(APP_URL_MAX).describe('The app’s home page: https only'),
  redirectUris: z
    .array(z.string().trim().min(1).max(APP_URL_MAX))
    .min(1)
    .max(REDIRECT_URIS_MAX)
    .describe('Where Tessera may send the learner back: https, or http on localhost or 127.0.0.1 only'),
  scopes: z.array(obScope).min(1).max(OB_SCOPES.length).describe('The OB 3.0 scopes the app may ask for'),
});

const appReply = z.object({
  clientId: z.string().describe('The app’s `client_id`'),
  name: z.string(),
  homePageUrl: z.string().nullable(),
  redirectUris: z.array(z.string()),
  scopes: z.array(obScope),
  learnerCount: z.number().int().describe('How many learners hold a live grant to the app'),
  lastUsedAt: z.iso
    .datetime()
    .nullable()
    .describe('When the app last got a token, of the tokens Tessera still keeps (30 days at most)'),
  secretRotatedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

const withSecret = appReply.extend({
  clientSecret: z
    .string()
    .describe('The app’s `client_secret` (client_secret_basic at the token endpoint): shown this once'),
});

function present(app: OAuthApp): z.infer<typeof appReply> {
  return {
    clientId: app.clientId,
    name: app.name,
    homePageUrl: app.homePageUrl,
    redirectUris: app.redirectUris,
    scopes: app.scopes,
    learnerCount: app.learnerCount,
    lastUsedAt: app.lastUsedAt?.toISOString() ?? null,
    secretRotatedAt: app.secretRotatedAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
  };
}

export function oauthClientRoutes(provider: Provider) {
  return async (app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['oauth-clients'];
    const check = (metadata: Record<string, unknown>) =>
      provider.Client.validate(metadata as Parameters<typeof provider.Client.validate>[0]);

    r.post(
      '/orgs/:orgId/oauth-clients',
      {
        config: { scope: 'orgs:write' },
        schema: {
          tags,
          summary:
            'Register an OAuth app the organization publishes (owner, admin); the reply shows its secret once',
          description:
            'A confidential client of the Open Badges 3.0 API: the authorization code grant with PKCE (S256) ' +
            'and refresh tokens, authenticating with `client_secret_basic`. Learners see the organization as ' +
            'its publisher on the consent page and under Connected apps.',
          params: orgParams,
          body: appBody,
          response: { 201: withSecret },
        },
      },
      async (request, reply) => {
        const { app: made, clientSecret } = await registerOAuthApp(
          deps,
          check,
          request.actor,
          request.params.orgId,
          request.body,
        );
        return reply.code(201).send({ ...present(made), clientSecret });
      },
    );

    r.get(
      '/orgs/:orgId/oauth-clients',
      {
        config: { scope: 'read' },
        schema: {
          tags,
          summary: 'The organization’s OAuth apps (owner, admin); secrets are never shown again',
          params: orgParams,
          response: { 200: z.object({ items: z.array(appReply) }) },
        },
      },
      async (request) => ({
        items: (await listOAuthApps(deps, request.actor, request.params.orgId)).map(present),
      }),
    );

    r.post(
      '/orgs/:orgId/oauth-clients/:clientId/rotate-secret',
      {
        config: { scope: 'orgs:write' },
        schema: {
          tags,
          summary: 'Give an OAuth app a new client secret, shown this once (owner, admin)',
          description:
            'The replaced secret stops at once. Tokens the app holds keep working until they expire; to get new ' +
            'ones (or refresh them) it needs the new secret.',
          params: clientParams,
          response: { 200: withSecret },
        },
      },
      async (request) => {
        const { orgId, clientId } = request.params;
        const { app: rotated, clientSecret } = await rotateOAuthAppSecret(
          deps,
          request.actor,
          orgId,
          clientId,
        );
        return { ...present(rotated), clientSecret };
      },
    );

    r.delete(
      '/orgs/:orgId/oauth-clients/:clientId',
      {
        config: { scope: 'orgs:write' },
        schema: {
          tags,
          summary:
            'Delete an OAuth app: every learner’s grant to it and each code and token it holds end (owner, admin)',
          params: clientParams,
        },
      },
      async (request, reply) => {
        await deleteOAuthApp(deps, request.actor, request.params.orgId, request.params.clientId);
        return reply.code(204).send();
      },
    );
  };
}
