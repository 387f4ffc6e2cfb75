// Public: lesson images (random names, immutable), linked from lessons as /course-images/<name>.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { lessonImage } from './images.ts';

export async function catalogPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/course-images/:name',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'A lesson image',
        params: z.object({ name: z.string().min(1).max(60) }),
      },
    },
    async (request, reply) => {
      const image = await lessonImage(deps, request.params.name);
      return reply
        .type(image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes);
    },
  );
}
