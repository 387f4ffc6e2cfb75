// The public page of a badge before it is earned (anyone; published badges only) and the learner's own
// holdings the storefront reads to say "Resume", "Review" or "Open" instead of "Add to cart". Under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { badgePage } from './badge-page.ts';
import { holdingsSchema, publicBadgePage } from './badge-page-schema.ts';
import { holdingsOf } from './holdings.ts';

export async function badgePageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalog/badges/:badgeId',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['catalog'],
        summary:
          'A published badge before it is earned: description, skills, requirements with prices, time, validity, issuer',
        params: z.object({ badgeId: z.uuid() }),
        response: { 200: publicBadgePage.schema },
      },
    },
    async (request, reply) => {
      const page = await badgePage(deps, request.params.badgeId);
      reply.header('cache-control', 'public, max-age=60');
      return publicBadgePage.present(page);
    },
  );

  r.get(
    '/me/holdings',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['catalog'],
        summary:
          "The caller's courses (enrolled, completed) and badges (with their award), for the storefront",
        response: { 200: holdingsSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return holdingsOf(deps, request.actor);
    },
  );
}
