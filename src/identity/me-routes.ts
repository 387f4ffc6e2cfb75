// /me: a person's own emails and API tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  addMyEmail,
  createMyApiToken,
  listMyApiTokens,
  listMyEmails,
  makeMyEmailPrimary,
  removeMyEmail,
  revokeMyApiToken,
} from './me.ts';
import { apiToken, createApiTokenBody, createdApiToken, emailBody, idParams, userEmail } from './schema.ts';

const emailsReply = z.object({ items: z.array(userEmail.schema) });

export async function meRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['account'];

  r.get(
    '/me/emails',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'My email addresses: verified ones and those pending confirmation (verified: false)',
        response: { 200: emailsReply },
      },
    },
    async (request) => ({ items: (await listMyEmails(deps, request.actor)).map(userEmail.present) }),
  );

  r.post(
    '/me/emails',
    {
      // Adding again re-sends the mail: slowed down like the other routes that mail a link.
      config: { auth: 'session', rateLimit: { max: deps.config.authRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Add an email address, pending until confirmed by the mailed link; adding a pending one again mails a new link. Answers the same whether or not another account holds the address (its owner is told by mail and no link is sent); 409 only for an address already on your account',
        body: emailBody.meta({ examples: [{ email: 'maria.work@example.org' }] }),
        response: { 201: userEmail.schema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(userEmail.present(await addMyEmail(deps, request.actor, request.body.email))),
  );

  r.delete(
    '/me/emails/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Remove an email address (not the primary one), or withdraw a pending one',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMyEmail(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/me/emails/:id/primary',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Make a verified email address the primary one',
        params: idParams,
        response: { 200: emailsReply },
      },
    },
    async (request) => ({
      items: (await makeMyEmailPrimary(deps, request.actor, request.params.id)).map(userEmail.present),
    }),
  );

  r.get(
    '/me/tokens',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'My API tokens (the secret itself is never shown again)',
        response: { 200: z.object({ items: z.array(apiToken.schema) }) },
      },
    },
    async (request) => ({ items: (await listMyApiTokens(deps, request.actor)).map(apiToken.present) }),
  );

  r.post(
    '/me/tokens',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Create an API token; its secret is shown in this reply only',
        body: createApiTokenBody,
        response: { 201: createdApiToken.schema },
      },
    },
    async (request, reply) => {
      const { token, row } = await createMyApiToken(deps, request.actor, request.body);
      return reply.code(201).send(createdApiToken.present(row, token));
    },
  );

  r.delete(
    '/me/tokens/:id',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Revoke an API token', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await revokeMyApiToken(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
