// Public documents of badges: the Achievement each credential names by id, and each version's picture
// (immutable, so cached for a year). Mounted at the root.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { achievementDocument } from './achievement.ts';
import { sendBadgeImage } from './definition-routes.ts';
import { versionByNumber } from './definition-store.ts';
import { badgeImage } from './images.ts';

export async function badgePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];

  r.get(
    '/achievements/:badgeId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A published badge as an Open Badges 3.0 Achievement (JSON-LD, its latest version)',
        params: z.object({ badgeId: z.uuid() }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const document = await achievementDocument(deps, request.params.badgeId);
      return reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .type('application/json')
        .send(document);
    },
  );

  r.get(
    '/achievements/:badgeId/versions/:number/image',
    {
      config: { auth: 'public', embeddable: true },
      schema: {
        tags,
        summary: "A published version's picture (PNG or SVG; never changes)",
        params: z.object({ badgeId: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000) }),
      },
    },
    async (request, reply) => {
      const version = await versionByNumber(deps.db, request.params.badgeId, request.params.number);
      if (!version) throw new NotFoundError('badge image');
      const image = await badgeImage(deps, version);
      reply.header('access-control-allow-origin', '*');
      return sendBadgeImage(reply, image, 'public, max-age=31536000, immutable');
    },
  );
}
